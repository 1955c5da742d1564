"""The desk in front of the room (issue 14, the desk's own items): it asks before a
stray key changes a village or a decision, moves the highlight on after an undo or a
redo, says when the meeting is over, pauses its clock for a break, shows a proposal's
history, and keeps what matters in view on a small screen."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from lasem_tui.domain import dates
from lasem_tui.domain.states import ProposalStatus, VillageState
from lasem_tui.store import demo, queries
from lasem_tui.store.database import Database
from lasem_tui.store.models import Event
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.widgets.proposal_table import ProposalTable
from tests.ui_helpers import desk, highlighted, screen_text, stored

SIZES = [(120, 36), (80, 24)]


def _village(db: Database, meeting_id: int, name: str):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return next(v for v in queries.villages(session, meeting_id) if v.name == name)


def _kinds(db: Database, meeting_id: int) -> list[str]:
    with db.read() as session:
        return list(
            session.exec(
                select(Event.kind).where(Event.meeting_id == meeting_id).order_by(Event.id)
            ).all()
        )


# --- (2) n and s ask first -------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_n_with_undecided_proposals_asks_and_esc_keeps_the_village(
    db: Database, midway_demo: int, size: tuple[int, int]
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        shown = screen_text(app)
        assert "Selesaikan Desa Jolotundo?" in shown
        assert "4 usulan belum diputuskan" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert _village(db, midway_demo, "Jolotundo").state is VillageState.AT_DESK
        assert "Desa Jolotundo" in screen_text(app)


async def test_n_then_enter_finishes_the_village(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _village(db, midway_demo, "Jolotundo").state is VillageState.DONE
        assert "Jolotundo" not in desk(app).query_one("#header").render().plain


async def test_n_on_a_village_all_decided_is_one_key(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # Decide the four undecided proposals: the highlight moves on by itself.
        for _ in range(4):
            await pilot.press("a")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert _village(db, midway_demo, "Jolotundo").state is VillageState.DONE


@pytest.mark.parametrize("size", SIZES)
async def test_s_on_a_village_with_decisions_asks_how_many(
    db: Database, midway_demo: int, size: tuple[int, int]
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "2 usulan yang diputuskan" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert _village(db, midway_demo, "Jolotundo").state is VillageState.AT_DESK
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _village(db, midway_demo, "Jolotundo").state is VillageState.ABSENT


async def test_s_on_a_village_with_nothing_decided_is_one_key(
    db: Database, fresh_demo: int
) -> None:
    app = LasemApp(db, fresh_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert _village(db, fresh_demo, "Babagan").state is VillageState.ABSENT


async def test_finalising_with_undecided_proposals_says_how_many(
    db: Database, midway_demo: int
) -> None:
    with db.read() as session:
        pending = queries.tally(session, midway_demo, None).count(ProposalStatus.PENDING)
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert f"Masih ada {pending} usulan belum diputuskan" in screen_text(app)


# --- (3) re-deciding asks; the highlight moves on ---------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_a_on_a_decided_proposal_asks_showing_the_decision(
    db: Database, midway_demo: int, size: tuple[int, int]
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(*["up"] * 6)
        await pilot.pause()
        first = highlighted(app)
        assert first.status is ProposalStatus.ADJUSTED
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        shown = screen_text(app)
        assert f"Ubah keputusan {first.ref}?" in shown
        assert "diterima dengan penyesuaian Rp" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert stored(db, first.id).status is ProposalStatus.ADJUSTED
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert stored(db, first.id).status is ProposalStatus.ACCEPTED


async def test_r_on_a_decided_proposal_asks_before_the_dialog(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press(*["up"] * 6, "down")
        await pilot.pause()
        second = highlighted(app)
        assert second.status is ProposalStatus.REJECTED
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "ditolak" in screen_text(app)


async def test_redo_moves_the_highlight_to_the_next_undecided(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        decided = highlighted(app)
        assert decided.status is ProposalStatus.PENDING
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        following = highlighted(app)
        assert following.id != decided.id
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Undone: the proposal is undecided again, and the highlight is on it.
        assert highlighted(app).id == decided.id
        assert stored(db, decided.id).status is ProposalStatus.PENDING
        await pilot.press("ctrl+y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert stored(db, decided.id).status is ProposalStatus.ACCEPTED
        # Redone: not on the redone row, where the next a would overwrite it.
        assert highlighted(app).id == following.id
        assert highlighted(app).status is ProposalStatus.PENDING


# --- (5) q on the desk asks ------------------------------------------------------------


async def test_q_on_the_desk_asks_and_enter_quits(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Keluar dari meja?" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running


# --- (1) the end of the meeting --------------------------------------------------------


def _finish_all(db: Database) -> int:
    return demo.write_demo(db, demo.Stage.DONE)


@pytest.mark.parametrize("size", SIZES)
async def test_the_desk_says_when_every_village_is_done(
    db: Database, size: tuple[int, int]
) -> None:
    meeting_id = _finish_all(db)
    app = LasemApp(db, meeting_id)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Belum ada desa di meja" not in shown
        assert "tekan n" not in shown
        assert "Semua 20 desa selesai" in shown
        assert "m notulen" in shown and "x ekspor" in shown
        assert "usulan diputuskan" in shown


async def test_after_finalising_the_header_says_when_the_meeting_closed(db: Database) -> None:
    meeting_id = _finish_all(db)
    app = LasemApp(db, meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        with db.read() as session:
            closed = queries.get_meeting(session, meeting_id).closed_at
        assert closed is not None
        header = desk(app).query_one("#header").render().plain
        assert f"Rapat ditutup pukul {dates.format_clock(dates.local(closed))}" in header
        assert "tekan n" not in screen_text(app)


# --- (9) the clock's pause and a rehearsal day -----------------------------------------


async def test_z_pauses_the_desk_clock_and_z_again_resumes(db: Database, midway_demo: int) -> None:
    start = dates.now()
    dates.freeze_clock(start)
    try:
        app = LasemApp(db, midway_demo)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            before = desk(app).desk.clock()
            assert before is not None and not before.paused
            await pilot.press("z")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert _kinds(db, midway_demo)[-1] == "desk_pause"
            # Twenty minutes of break: the village's time does not run, nor is it over.
            dates.freeze_clock(start + timedelta(minutes=20))
            desk(app)._tick()
            await pilot.pause()
            paused = desk(app).desk.clock()
            assert paused is not None and paused.paused
            assert paused.at_desk_seconds == pytest.approx(before.at_desk_seconds, abs=1)
            assert paused.level == "ok"
            clock_text = desk(app).query_one("#clock").render().plain
            assert "JEDA" in clock_text
            await pilot.press("z")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert _kinds(db, midway_demo)[-1] == "desk_resume"
            resumed = desk(app).desk.clock()
            assert resumed is not None and not resumed.paused
            assert resumed.at_desk_seconds == pytest.approx(before.at_desk_seconds, abs=1)
            assert "JEDA" not in desk(app).query_one("#clock").render().plain
    finally:
        dates.freeze_clock(None)


async def test_a_rehearsal_day_plans_from_now(db: Database, midway_demo: int) -> None:
    # A rehearsal: the meeting's window is three days on, the desk runs today.
    from lasem_tui.store.models import Meeting

    with db.write() as session:
        meeting = session.get(Meeting, midway_demo)
        assert meeting is not None and meeting.desk_starts_at and meeting.desk_ends_at
        meeting.desk_starts_at = meeting.desk_starts_at + timedelta(days=3)
        meeting.desk_ends_at = meeting.desk_ends_at + timedelta(days=3)
        session.add(meeting)
    dates.freeze_clock(dates.now())
    try:
        app = LasemApp(db, midway_demo)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            clock = desk(app).desk.clock()
            assert clock is not None and clock.rebased
            assert clock.planned_seconds is not None and clock.planned_seconds > 60
            assert clock.level != "over"
            clock_text = desk(app).query_one("#clock").render().plain
            assert "rencana dihitung dari sekarang" in clock_text
            assert "Jatah per desa: 0:00" not in clock_text
    finally:
        dates.freeze_clock(None)


# --- the detail's history --------------------------------------------------------------


async def test_the_detail_shows_every_decision_undo_and_redo_with_who_and_when(
    db: Database, midway_demo: int
) -> None:
    from tests.ui_helpers import static_text

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        reviewer = desk(app).state.reviewer  # type: ignore[union-attr]
        assert reviewer is not None
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Back on the proposal (the redo moved the highlight on).
        await pilot.press("up")
        await pilot.pause()
        await pilot.pause()
        assert highlighted(app).id == target.id
        body = static_text(desk(app).query_one("#detail-body"), width=300)
        history = body[body.index("Riwayat keputusan") :].splitlines()[1:4]
        assert [reviewer.name in line for line in history] == [True, True, True]
        assert "diulang → diterima" in history[0]
        assert "dibatalkan → belum dibahas (dari diterima)" in history[1]
        assert "keputusan → diterima" in history[2]
        assert all(re.match(r"\d\d\.\d\d  ", line) for line in history)  # when


# --- the queue -------------------------------------------------------------------------


async def test_the_queue_marks_a_village_over_its_own_ceiling_and_says_the_unit(
    db: Database, midway_demo: int
) -> None:
    from lasem_tui.store.models import Village

    jolotundo = _village(db, midway_demo, "Jolotundo")
    with db.write() as session:
        row = session.get(Village, jolotundo.id)
        assert row is not None
        row.ceiling = 100_000_000  # below the 215 jt already approved
        session.add(row)
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.pause()
        lines = [line for line in screen_text(app).splitlines() if "Jolotundo" in line]
        queue_line = next(line for line in lines if "/" in line and " jt" in line)
        assert "!" in queue_line
        assert "215 jt/" in queue_line and " M" in queue_line
        others = [line for line in screen_text(app).splitlines() if "Babagan" in line]
        assert others and "!" not in others[0]


async def test_home_and_end_move_the_queue_to_its_first_and_last_village(
    db: Database, midway_demo: int
) -> None:
    from lasem_tui.ui.widgets.village_queue import VillageQueue

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        queue = desk(app).query_one("#queue", VillageQueue)
        assert queue.has_focus
        state = desk(app).state
        assert state is not None
        await pilot.press("end")
        await pilot.pause()
        assert queue.highlighted_village == state.villages[-1].id
        await pilot.press("home")
        await pilot.pause()
        assert queue.highlighted_village == state.villages[0].id


# --- (7) small screens -----------------------------------------------------------------


async def _accept_all(app: LasemApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Accept every undecided proposal of the village at the desk, as the keys would."""
    while any(p.status is ProposalStatus.PENDING for p in desk(app).state.proposals):  # type: ignore[union-attr]
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_at_80x24_the_ceiling_warning_time_and_last_keys_stay_in_view(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _accept_all(app, pilot)
        await pilot.pause()
        shown = screen_text(app)
        lines = shown.splitlines()
        assert "MELEBIHI PAGU" in shown  # Jolotundo: 985 jt approved, 955 jt ceiling
        assert "Pagu: Rp 955.000.000" in shown
        assert "Pagu: Rp 16.635.000.000" in shown and "Sisa: Rp" in shown
        # The village's time and its share, first on the header's second line.
        assert re.match(r" \d+:\d\d / \d+:\d\d", lines[1]), lines[1]
        footer = lines[-1]
        for label in ("Terima", "Tolak", "Batal", "Lanjut", "m Notulen", "q Keluar"):
            assert label in footer, label
        assert "Status" in shown and "disesuaikan" in shown


async def test_at_100x30_the_status_column_stays(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = screen_text(app)
        assert "Status" in shown and "belum dibahas" in shown and "ditolak" in shown
        assert "Diminta" in shown and "Setuju" in shown


async def test_at_120x36_titles_take_the_free_width(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = screen_text(app)
        # The title takes all the width the other columns leave (it was cut at 24 with
        # room to spare): rank, number, amounts and state beside it, the queue too.
        table = app.screen.query_one(ProposalTable)
        plan = table._plan
        others = sum(plan.widths[c] + 2 for c in plan.columns if c != "title") + 2
        assert plan.widths["title"] == table.scrollable_content_region.width - others
        assert "Antrean desa" in shown and "Status" in shown
        # No one-letter stub of a column ("V" for volume): a column shows whole or not.
        header = next(line for line in shown.splitlines() if "Usulan " in line and "No" in line)
        assert not header.rstrip("│ ").endswith(" V")


async def test_calling_the_next_village_ends_a_pause_leaving_the_break_out(
    db: Database, midway_demo: int
) -> None:
    start = dates.now()
    dates.freeze_clock(start)
    try:
        app = LasemApp(db, midway_demo)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            spent = desk(app).desk.clock().at_desk_seconds  # type: ignore[union-attr]
            await pilot.press("z")
            await app.workers.wait_for_complete()
            dates.freeze_clock(start + timedelta(minutes=10))
            await pilot.press("n", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert _kinds(db, midway_demo)[-3:-1] == ["desk_resume", "finish_village"]
            finished = _village(db, midway_demo, "Jolotundo")
            assert finished.desk_seconds == pytest.approx(spent, abs=1)
            assert desk(app).state.paused_at is None  # type: ignore[union-attr]
    finally:
        dates.freeze_clock(None)


async def test_the_projector_says_jeda_while_the_desk_clock_is_paused(
    db: Database, midway_demo: int
) -> None:
    from lasem_tui.store import desk_pause
    from lasem_tui.ui.projector_app import ProjectorApp

    desk_pause.toggle_pause(db, midway_demo, reviewer_id=None)
    app = ProjectorApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = screen_text(app)
        assert "JEDA" in shown
        assert "LEWAT WAKTU" not in shown

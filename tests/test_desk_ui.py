"""The desk driven with the real keys, checking what is shown and what is stored."""

from __future__ import annotations

import pytest
from textual.widgets import Input, RadioButton, Select, Static

from lasem_tui import i18n
from lasem_tui.domain.states import FundingSource, ProposalStatus, VillageState
from lasem_tui.store import queries
from lasem_tui.store.database import Database
from lasem_tui.store.models import Meeting
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.screens.decision_dialogs import AdjustDialog, DeferDialog, RejectDialog
from lasem_tui.ui.screens.help import HelpScreen
from lasem_tui.ui.screens.reviewer_picker import ReviewerPicker
from tests.ui_helpers import desk, highlighted, screen_text, static_text, stored


async def test_opening_shows_the_meeting_and_highlights_the_first_undecided(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Pra Musrenbang Kecamatan Lasem 2023" in text
        assert "Jumat, 17 Februari 2023" in text
        assert "DATA CONTOH" in text
        assert "Desa Jolotundo" in text
        assert "Rp 16.635.000.000" in text or "Pagu" in text
        row = highlighted(app)
        assert row.status is ProposalStatus.PENDING
        assert all(p.status is not ProposalStatus.PENDING for p in desk(app).state.proposals[:2])  # type: ignore[union-attr]


async def test_accept_key_commits_and_moves_to_the_next_undecided(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        before = desk(app).state.tally.approved  # type: ignore[union-attr]
        await pilot.press("a")
        row = stored(db, target.id)
        assert row.status is ProposalStatus.ACCEPTED
        assert row.approved == target.requested
        assert row.decided_by
        assert desk(app).state.tally.approved == before + target.requested  # type: ignore[union-attr]
        assert highlighted(app).id != target.id
        assert highlighted(app).status is ProposalStatus.PENDING


async def test_adjust_validates_as_you_type(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, AdjustDialog)
        amount = dialog.query_one("#amount", Input)
        amount.value = ""
        await pilot.press(*"-5")
        await pilot.pause()
        assert "negatif" in str(dialog.query_one("#dialog-error").render())
        await pilot.press("enter")
        assert isinstance(app.screen, AdjustDialog)
        assert stored(db, target.id).status is ProposalStatus.PENDING

        amount.value = ""
        await pilot.press(*"Rp 1.000.000.000")
        await pilot.pause()
        assert "catatan" in str(dialog.query_one("#dialog-error").render()).lower()

        amount.value = ""
        await pilot.press(*"Rp 25.000.000")
        dialog.query_one("#note", Input).focus()
        await pilot.press(*"dipotong sesuai pagu", "enter")
        await pilot.pause()
        row = stored(db, target.id)
        assert row.status is ProposalStatus.ADJUSTED
        assert row.approved == 25_000_000
        assert row.note == "dipotong sesuai pagu"


async def test_reject_needs_a_reason(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("r")
        assert isinstance(app.screen, RejectDialog)
        await pilot.press("enter")
        assert "wajib" in str(app.screen.query_one("#dialog-error").render())
        await pilot.press(*"Bukan kewenangan kabupaten", "enter")
        await pilot.pause()
        row = stored(db, target.id)
        assert row.status is ProposalStatus.REJECTED
        assert row.reason == "Bukan kewenangan kabupaten"


async def test_redirect_needs_a_funding_source(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, DeferDialog)
        dialog.query_one("#redirected", RadioButton).value = True
        await pilot.pause()
        dialog.query_one("#reason", Input).focus()
        await pilot.press(*"Dana Desa cukup", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DeferDialog)
        assert "sumber" in str(dialog.query_one("#dialog-error").render()).lower()
        dialog.query_one("#funding", Select).value = FundingSource.APBDES.value
        await pilot.pause()
        dialog.query_one("#reason", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        row = stored(db, target.id)
        assert row.status is ProposalStatus.REDIRECTED
        assert row.funding_source is FundingSource.APBDES


async def test_undo_and_redo_keys(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("a")
        await pilot.press("u")
        assert stored(db, target.id).status is ProposalStatus.PENDING
        assert highlighted(app).id == target.id
        await pilot.press("ctrl+y")
        assert stored(db, target.id).status is ProposalStatus.ACCEPTED
        await pilot.press("ctrl+z")
        assert stored(db, target.id).status is ProposalStatus.PENDING


async def test_next_and_absent_move_the_queue(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = desk(app).state.village  # type: ignore[union-attr]
        await pilot.press("n", "enter")  # it has undecided proposals: asked first
        state = desk(app).state
        assert state.village.id != first.id  # type: ignore[union-attr]
        assert next(v for v in state.villages if v.id == first.id).state is VillageState.DONE  # type: ignore[union-attr]
        called = state.village
        await pilot.press("s")
        state = desk(app).state
        assert state.villages[-1].id == called.id  # type: ignore[union-attr]
        assert state.villages[-1].state is VillageState.ABSENT  # type: ignore[union-attr]
        assert "Desa " + state.village.name in screen_text(app)  # type: ignore[union-attr]


async def test_w_then_enter_hands_the_keyboard_to_the_next_reviewer(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        reviewers = desk(app).state.reviewers  # type: ignore[union-attr]
        await pilot.press("w")
        assert isinstance(app.screen, ReviewerPicker)
        await pilot.press("enter")
        await pilot.pause()
        assert desk(app).state.reviewer.id == reviewers[1].id  # type: ignore[union-attr]
        target = highlighted(app)
        await pilot.press("a")
        assert stored(db, target.id).decided_by == reviewers[1].name


async def test_without_a_reviewer_the_app_asks_first(db: Database, midway_demo: int) -> None:
    with db.write() as session:
        session.get(Meeting, midway_demo).current_reviewer_id = None  # type: ignore[union-attr]
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("a")
        assert isinstance(app.screen, ReviewerPicker)
        assert stored(db, target.id).status is ProposalStatus.PENDING
        app.screen.query_one("#new-reviewer", Input).focus()
        await pilot.press(*"Budi Santoso", "enter")
        await pilot.pause()
        row = stored(db, target.id)
        assert row.status is ProposalStatus.ACCEPTED
        assert row.decided_by == "Budi Santoso"


async def test_quit_and_reopen_lands_on_the_same_proposal(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")
        chosen = highlighted(app)
        await pilot.press("q", "enter")
    again = LasemApp(db, midway_demo)
    async with again.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert highlighted(again).id == chosen.id


async def test_help_lists_every_desk_key(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        shown = static_text(help_screen.query_one("#help-keys", Static))
        for label in (
            "Terima",
            "Sesuaikan",
            "Tolak",
            "Tunda/Alih",
            "Batal",
            "Ulang",
            "Lanjut",
            "Absen",
            "Naikkan desa",
            "Peninjau",
            "Notulen",
            "Daftar hadir",
            "Ekspor",
            "Keluar",
        ):
            assert label in shown, label
        assert "Serahkan keyboard" in shown  # the longer explanation, not just the label
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_offers_the_desk_actions(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for label in ("Terima", "Tolak", "Batal", "Lanjut", "Peninjau"):
            assert label in titles
        # Once each, and in the room's language: no English Quit beside Keluar.
        assert len(titles) == len(set(titles))
        assert "Keluar" in titles and "Quit" not in titles and "Theme" not in titles


async def test_english_interface(db: Database, midway_demo: int) -> None:
    i18n.set_language("en")
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Friday, 17 February 2023" in text
        assert "DEMO DATA" in text
        footer_labels = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {"Accept", "Reject", "Undo"} <= footer_labels


@pytest.mark.parametrize("size", [(80, 24), (240, 67), (40, 12)])
async def test_small_and_large_terminals_stay_usable(
    db: Database, midway_demo: int, size: tuple[int, int]
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("a")
        assert stored(db, target.id).status is ProposalStatus.ACCEPTED
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert desk(app).state is not None


async def test_another_desk_decision_appears_without_restart(
    db: Database, db_url: str, midway_demo: int
) -> None:
    from lasem_tui.domain import decisions
    from lasem_tui.store import desk as commands
    from lasem_tui.store.database import open_database

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = desk(app)
        other_village = screen.state.villages[-1]  # type: ignore[union-attr]
        other = open_database(db_url)
        with other.read() as session:
            proposal = queries.proposals_of_village(session, other_village.id)[0]
        commands.decide(
            other,
            midway_demo,
            proposal.id,
            decisions.accept(proposal.requested, None),
            reviewer_id=screen.state.meeting.current_reviewer_id,
            expected_version=0,  # type: ignore[union-attr]
        )
        before = screen.state.tally.approved  # type: ignore[union-attr]
        screen.watcher.poll()  # what the one-second timer does
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.state.tally.approved == before + proposal.requested  # type: ignore[union-attr]
        row = next(v for v in screen.state.villages if v.id == other_village.id)  # type: ignore[union-attr]
        assert row.approved == proposal.requested
        other.dispose()


async def test_another_desk_deciding_in_our_village_between_our_decisions_appears(
    db: Database, db_url: str, midway_demo: int
) -> None:
    """Our decision is folded in without a read; had another desk written meanwhile (in
    our very village), the watcher still reads it and shows both."""
    from lasem_tui.domain import decisions
    from lasem_tui.store import desk as commands
    from lasem_tui.store.database import open_database

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = desk(app)
        assert screen.state is not None
        pending = [p for p in screen.state.proposals if p.status is ProposalStatus.PENDING]
        theirs = pending[-1]
        assert highlighted(app).id != theirs.id
        other = open_database(db_url)
        commands.decide(
            other,
            midway_demo,
            theirs.id,
            decisions.refuse(ProposalStatus.DEFERRED, "tahun depan"),
            reviewer_id=screen.state.meeting.current_reviewer_id,
            expected_version=theirs.version,
        )
        other.dispose()
        await pilot.press("a")
        await pilot.pause()
        screen.watcher.poll()  # what the one-second timer does
        await app.workers.wait_for_complete()
        await pilot.pause()
        with db.read() as session:
            fresh = queries.desk_state(session, midway_demo)
        assert screen.desk.proposal(theirs.id).status is ProposalStatus.DEFERRED  # type: ignore[union-attr]
        assert screen.state.village == fresh.village
        assert screen.state.village_tally == fresh.village_tally
        assert screen.state.tally == fresh.tally


async def test_language_switch_is_live_and_remembered(db: Database, midway_demo: int) -> None:
    from lasem_tui import settings

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        chosen = highlighted(app)
        await pilot.press("f2")
        await pilot.pause()
        assert "Friday, 17 February 2023" in screen_text(app)
        assert highlighted(app).id == chosen.id
        assert settings.load().lang == "en"
        await pilot.press("f2")
        await pilot.pause()
        assert "Jumat, 17 Februari 2023" in screen_text(app)
    assert settings.load().lang == "id"


async def test_footer_keeps_the_keys_through_dialogs_and_speaks_the_chosen_language(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()

        def footer() -> str:
            return screen_text(app).splitlines()[-1]

        assert "a Terima" in footer() and "r Tolak" in footer()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "a Terima" in footer() and "r Tolak" in footer()
        # The projector stays the same screen across F2: its footer is relabelled in place.
        await pilot.press("p")
        await pilot.pause()
        assert "p Kembali ke meja" in footer()
        await pilot.press("f2")
        await pilot.pause()
        assert "p Back to the desk" in footer()
        await pilot.press("p")
        await pilot.pause()
        assert "a Accept" in footer() and "r Reject" in footer()


async def test_language_switched_on_another_screen_reaches_the_desk(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        chosen = highlighted(app)
        await pilot.press("f3")  # the setup screen keeps what is typed: not rebuilt
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert any("English chosen" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert "Friday, 17 February 2023" in screen_text(app)
        assert "a Accept" in screen_text(app).splitlines()[-1]
        assert highlighted(app).id == chosen.id


async def test_losing_the_database_keeps_the_desk_on_screen_and_it_recovers(
    db: Database, midway_demo: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server goes away mid-session (PostgreSQL) or the disk does: moving the
    cursor or opening the minutes must not end the app; the desk says it is offline,
    and picks up again when the database is back."""
    from contextlib import contextmanager

    from lasem_tui.store.engine import DatabaseError
    from lasem_tui.ui.screens.minutes import MinutesScreen

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = desk(app)
        working_read = db.read

        @contextmanager
        def gone():  # type: ignore[no-untyped-def]
            raise DatabaseError("db_unreachable", "server closed the connection")
            yield

        monkeypatch.setattr(db, "read", gone)
        await pilot.press("down", "down", "m")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert not isinstance(app.screen, MinutesScreen)
        assert "TERPUTUS" in screen_text(app)
        assert any("tidak terjangkau" in n.message for n in app._notifications)

        monkeypatch.setattr(db, "read", working_read)
        screen.watcher.poll()  # what the one-second timer does
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "TERPUTUS" not in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)


async def test_undo_at_a_shared_meeting_takes_back_this_desks_village_only(
    db: Database, midway_demo: int
) -> None:
    """Two desks on one meeting: desk B decides in Kajar after desk A's last decision;
    desk A's u takes back its own, not B's."""
    from sqlmodel import select

    from lasem_tui.domain import decisions
    from lasem_tui.store import desk as commands
    from lasem_tui.store.models import Village

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = desk(app)
        mine = highlighted(app)
        await pilot.press("a")
        assert stored(db, mine.id).status is ProposalStatus.ACCEPTED

        # Desk B seats Kajar and accepts one of its proposals.
        with db.write() as session:
            kajar = session.exec(
                select(Village).where(Village.meeting_id == midway_demo, Village.name == "Kajar")
            ).one()
            kajar.state = VillageState.AT_DESK.value
            kajar_id = kajar.id
        with db.read() as session:
            theirs = queries.desk_state(session, midway_demo, kajar_id).proposals[0]
            reviewer = queries.get_meeting(session, midway_demo).current_reviewer_id
        commands.decide(
            db,
            midway_demo,
            theirs.id,
            decisions.accept(theirs.requested, theirs.volume),
            reviewer_id=reviewer,
            expected_version=theirs.version,
        )
        screen.watcher.poll()
        await app.workers.wait_for_complete()
        await pilot.pause()

        await pilot.press("u")
        await pilot.pause()
        assert stored(db, mine.id).status is ProposalStatus.PENDING
        assert stored(db, theirs.id).status is ProposalStatus.ACCEPTED


async def test_undo_after_next_stays_with_the_village_at_the_desk(
    db: Database, fresh_demo: int
) -> None:
    """a, n, u: the village just finished is not reopened behind the desk's back, and
    the queue never has two villages at the desk."""
    from sqlmodel import select

    from lasem_tui.store.models import Village

    def at_desk() -> list[str]:
        with db.read() as session:
            rows = session.exec(
                select(Village).where(
                    Village.meeting_id == fresh_demo, Village.state == VillageState.AT_DESK.value
                )
            ).all()
        return [v.name for v in rows]

    app = LasemApp(db, fresh_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        if not at_desk():
            await pilot.press("n")
            await pilot.pause()
        first = at_desk()
        decided = highlighted(app)
        await pilot.press("a", "n", "enter")
        await pilot.pause()
        second = at_desk()
        assert len(second) == 1 and second != first
        await pilot.press("u")
        await pilot.pause()
        assert stored(db, decided.id).status is ProposalStatus.ACCEPTED  # not this village's
        assert at_desk() == second
        assert f"Desa {second[0]}" in screen_text(app)
        await pilot.press("a", "n", "enter")
        await pilot.pause()
        assert len(at_desk()) == 1


async def test_at_80x24_v_brings_the_queue_to_call_a_village(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = desk(app)
        assert "Antrean desa" not in screen_text(app)  # no room beside the table
        # Who holds the keyboard is in full even on a narrow screen.
        assert screen.state.reviewer.name in screen_text(app)  # type: ignore[union-attr]
        await pilot.press("v")
        await pilot.pause()
        assert "Antrean desa" in screen_text(app) and "Karangturi" in screen_text(app)
        karangturi = next(v for v in screen.state.villages if v.name == "Karangturi")  # type: ignore[union-attr]
        screen.query_one("#queue").show_village(karangturi.id)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.state.village.name == "Karangturi"  # type: ignore[union-attr]
        text = screen_text(app)
        assert "Antrean desa" not in text and "Desa Karangturi" in text


async def test_each_desk_keeps_its_own_reviewer_at_a_shared_meeting(
    db: Database, midway_demo: int
) -> None:
    """Desk B hands its keyboard to someone else: desk A's next decision is still A's."""
    from lasem_tui.store import desk as commands

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = desk(app)
        mine = screen.state.reviewer  # type: ignore[union-attr]
        other = next(r for r in screen.state.reviewers if r.id != mine.id)  # type: ignore[union-attr]
        commands.switch_reviewer(db, midway_demo, other.id)  # at desk B
        screen.watcher.poll()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert mine.name in screen_text(app)
        await pilot.press("f2", "f2")  # the desk is renewed in each language: A's still
        await pilot.pause()
        assert desk(app).state.reviewer.id == mine.id  # type: ignore[union-attr]
        target = highlighted(app)
        await pilot.press("a")
        assert stored(db, target.id).decided_by == mine.name
        # The notulis at this desk: the minutes' save is logged under A's reviewer too.
        from sqlmodel import col, select

        from lasem_tui.store.models import Event
        from lasem_tui.ui.screens.minutes import MinutesScreen

        await pilot.press("m")
        minutes = app.screen
        assert isinstance(minutes, MinutesScreen)
        await pilot.press(*"Catatan. ")
        assert minutes.save()
        with db.read() as session:
            last = session.exec(select(Event).order_by(col(Event.id).desc())).first()
        assert last is not None and last.reviewer_id == mine.id
        # And the message over the projector.
        await pilot.press("escape", "p", "b")
        await pilot.pause()
        await pilot.press(*"Istirahat", "enter")
        await pilot.pause()
        with db.read() as session:
            last = session.exec(select(Event).order_by(col(Event.id).desc())).first()
        assert last is not None and "Istirahat" in (last.after or "")
        assert last.reviewer_id == mine.id


async def test_detail_shows_who_decided_and_when_without_scrolling(
    db: Database, midway_demo: int
) -> None:
    import re

    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("up")  # back to the proposal just accepted
        await pilot.pause()
        assert highlighted(app).id == target.id
        reviewer = desk(app).state.reviewer.name  # type: ignore[union-attr]
        shown = re.search(r"diterima  ·  \d\d\.\d\d (.+?)\s+│", screen_text(app))
        assert shown is not None and reviewer.startswith(shown.group(1).rstrip("…"))

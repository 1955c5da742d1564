"""The regency overview: its figures (store) and its screen (F5 on the desk, and
``lasem projector --regency`` alone, read-only)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from lasem_tui.domain import decisions
from lasem_tui.domain.money import format_rupiah
from lasem_tui.store import demo, desk, minutes, queries, regency
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.regency import MeetingState
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.regency.projector import RegencyProjectorApp
from lasem_tui.ui.regency.screen import RegencyScreen
from lasem_tui.ui.desk import DeskScreen
from tests.ui_helpers import screen_text


@pytest.fixture
def three_meetings(db: Database) -> dict[str, int]:
    """Sluke done, Lasem midway, Pamotan fresh (not started): three kecamatan."""
    ids = {}
    for name, stage in (
        ("Sluke", demo.Stage.DONE),
        ("Pamotan", demo.Stage.FRESH),
        ("Lasem", demo.Stage.MIDWAY),
    ):
        meeting_id = demo.write_demo(db, stage)
        with db.write() as session:
            session.execute(
                text("UPDATE meeting SET kecamatan = :name WHERE id = :id"),
                {"name": name, "id": meeting_id},
            )
        ids[name] = meeting_id
    return ids


def _tally(db: Database, meeting_id: int):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return queries.tally(session, meeting_id, queries.get_meeting(session, meeting_id).ceiling)


def test_overview_figures_agree_with_each_meeting(db: Database, three_meetings) -> None:
    with db.read() as session:
        overview = regency.overview(session)
    by_name = {m.kecamatan: m for m in overview.meetings}
    assert by_name["Sluke"].state is MeetingState.DONE
    assert by_name["Lasem"].state is MeetingState.AT_DESK
    assert by_name["Pamotan"].state is MeetingState.NOT_STARTED
    for name, meeting_id in three_meetings.items():
        assert by_name[name].approved == _tally(db, meeting_id).approved
    total = sum(_tally(db, i).approved for i in three_meetings.values())
    assert overview.approved == total
    assert sum(s.amount for s in overview.by_agency) == total
    assert sum(s.count for s in overview.by_funding) == sum(
        _tally(db, i).count(decisions.ProposalStatus.REDIRECTED) for i in three_meetings.values()
    )
    assert overview.by_issue and all(s.amount > 0 for s in overview.by_issue)
    with db.read() as session:
        reviewer = queries.reviewers(session, three_meetings["Sluke"])[0].id
    minutes.finalise(db, three_meetings["Sluke"], reviewer_id=reviewer)
    with db.read() as session:
        closed = {m.kecamatan: m.state for m in regency.overview(session).meetings}
    assert closed["Sluke"] is MeetingState.CLOSED


async def test_f5_shows_every_meeting_and_enter_opens_one(db: Database, three_meetings) -> None:
    app = LasemApp(db, three_meetings["Lasem"])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, RegencyScreen)
        shown = screen_text(app)
        for words in ("Sluke", "Pamotan", "Lasem", "selesai", "belum mulai", "sedang di meja"):
            assert words in shown
        assert format_rupiah(_tally(db, three_meetings["Sluke"]).approved) in shown
        assert "Disetujui per OPD" in shown and "Dialihkan per sumber dana" in shown
        # The highlight starts on the desk's own meeting (Lasem, first by kecamatan).
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert app.meeting_id == three_meetings["Pamotan"]
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert app.meeting_id == three_meetings["Pamotan"]


async def test_the_overview_follows_a_decision_at_any_desk(db: Database, three_meetings) -> None:
    lasem = three_meetings["Lasem"]
    app = LasemApp(db, lasem)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RegencyScreen)
        before = _tally(db, lasem).approved
        assert format_rupiah(before) in screen_text(app)
        # Another desk (another process on the server) accepts a proposal.
        other = open_database(str(db.engine.url.database))
        with other.read() as session:
            state = queries.desk_state(session, lasem)
        pending = queries.first_undecided(state.proposals)
        assert pending is not None
        desk.decide(
            other,
            lasem,
            pending.id,
            decisions.accept(pending.requested, pending.volume),
            reviewer_id=state.meeting.current_reviewer_id or state.reviewers[0].id,
            expected_version=pending.version,
        )
        other.dispose()
        screen._poll()  # what the one-second timer does
        await app.workers.wait_for_complete()
        await pilot.pause()
        after = before + pending.requested
        assert format_rupiah(after) in screen_text(app)


async def test_the_regency_projector_only_shows(db: Database, three_meetings) -> None:
    viewer = open_database(str(db.engine.url.database), read_only=True)
    app = RegencyProjectorApp(viewer)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RegencyScreen)
        shown = screen_text(app)
        for words in ("Sluke", "Pamotan", "Lasem"):
            assert words in shown
        assert "Buka rapat" not in shown and "Kembali" not in shown
        await pilot.press("enter", "escape", "f5")
        await pilot.pause()
        assert isinstance(app.screen, RegencyScreen)
    viewer.dispose()


def test_lasem_projector_regency_opens_the_overview_read_only(
    db: Database, three_meetings, monkeypatch
) -> None:
    from lasem_tui.cli import main

    opened: list[RegencyProjectorApp] = []
    monkeypatch.setattr(RegencyProjectorApp, "run", lambda self: opened.append(self))
    assert main(["projector", "--regency", "--db", str(db.path)]) == 0
    assert len(opened) == 1 and opened[0].db.read_only

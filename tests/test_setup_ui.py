"""The first-run chooser, the setup screen and the meeting picker, driven with the real
keys, checking what is shown and what is stored (and logged)."""

from __future__ import annotations

import json

import pytest
from sqlmodel import col, select
from textual.widgets import Label

from lasem_tui import cli
from lasem_tui.domain.zones import zone
from lasem_tui.store import backup, queries, setup
from lasem_tui.store.database import Database
from lasem_tui.store.models import Event, Meeting, Proposal
from lasem_tui.store.setup.overview import carry_over_plan, issues
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.desk import DeskScreen
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.screens.first_run import FirstRunScreen
from lasem_tui.ui.screens.meeting_picker import MeetingPicker
from lasem_tui.ui.screens.record_dialog import RecordDialog
from lasem_tui.ui.setup.screen import SetupScreen
from lasem_tui.ui.widgets.setup.record_table import RecordTable
from tests.ui_helpers import screen_text

SIZE = (120, 36)


def _meetings(db: Database) -> list[Meeting]:
    with db.read() as session:
        return list(session.exec(select(Meeting).order_by(Meeting.id)).all())


def _setup_events(db: Database, meeting_id: int) -> list[tuple[dict, dict]]:
    with db.read() as session:
        rows = session.exec(
            select(Event)
            .where(Event.meeting_id == meeting_id, Event.kind == "update_meeting")
            .order_by(Event.id)
        ).all()
        return [(json.loads(e.before), json.loads(e.after)) for e in rows]


def _village_names(db: Database, meeting_id: int) -> list[str]:
    with db.read() as session:
        return [v.name for v in queries.villages(session, meeting_id)]


@pytest.fixture
def template(db: Database) -> int:
    return setup.create_from_template(db, reviewers=[("Rina", "BAPPEDA"), ("Budi", "Kecamatan")])


# --- first run -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("downs", "villages", "opens_setup", "demo"),
    [(0, 20, True, False), (1, 0, True, False), (2, 20, False, True)],
    ids=["template", "empty", "demo"],
)
async def test_first_run_offers_template_empty_or_demo(
    db: Database, downs: int, villages: int, opens_setup: bool, demo: bool
) -> None:
    app = LasemApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        text = screen_text(app)
        assert "templat Lasem" in text and "kosong" in text and "Demo Lasem 2023" in text
        assert not _meetings(db)

        await pilot.press(*["down"] * downs, "enter")
        await pilot.pause()
        [meeting] = _meetings(db)
        assert app.meeting_id == meeting.id
        assert meeting.is_demo is demo
        assert len(_village_names(db, meeting.id or 0)) == villages
        if opens_setup:
            assert isinstance(app.screen, SetupScreen)
            assert meeting.title in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert meeting.title in screen_text(app)
        assert ("DATA CONTOH" in screen_text(app)) is demo


def test_plain_lasem_no_longer_stops_at_an_empty_database(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int | None] = []
    monkeypatch.setattr(LasemApp, "run", lambda self: opened.append(self.meeting_id))
    assert cli.main(["--db", db_url]) == 0
    assert opened == [None]  # the app shows the first-run chooser
    assert cli.main(["--db", db_url, "export", "csv"]) == 2  # headless commands still refuse


# --- the setup screen ------------------------------------------------------------------------


async def _open_setup(app: LasemApp, pilot) -> SetupScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("f3")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SetupScreen)
    return screen


async def test_a_field_edit_is_stored_and_logged(db: Database, template: int) -> None:
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        await _open_setup(app, pilot)
        # From the tab bar: title, kind, kecamatan, kabupaten, date, venue.
        await pilot.press(*["tab"] * 6)
        assert app.focused is not None and app.focused.id == "field-venue"
        await pilot.press("ctrl+u", *"Aula Kecamatan Lasem", "enter")
        await pilot.pause()
        with db.read() as session:
            assert queries.get_meeting(session, template).venue == "Aula Kecamatan Lasem"
        before, after = _setup_events(db, template)[-1]
        assert before == {"change": "meeting", "venue": "Pendopo Kecamatan Lasem"}
        assert after == {"change": "meeting", "venue": "Aula Kecamatan Lasem"}
        # Enter moved on to the next field: the desk start.
        assert app.focused is not None and app.focused.id == "field-desk_starts_at"

        await pilot.press("ctrl+u", *"09.30", "tab")
        await pilot.pause()
        with db.read() as session:
            starts = queries.get_meeting(session, template).desk_starts_at
        assert starts is not None and (starts.astimezone(zone("WIB")).hour, starts.minute) == (
            9,
            30,
        )

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert app.screen.state is not None
        assert app.screen.state.meeting.venue == "Aula Kecamatan Lasem"


async def test_a_bad_amount_is_refused_inline_and_nothing_is_stored(
    db: Database, template: int
) -> None:
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_setup(app, pilot)
        logged = len(_setup_events(db, template))
        await pilot.press(*["tab"] * 9)
        assert app.focused is not None and app.focused.id == "field-ceiling"
        await pilot.press(*"seratus juta", "enter")
        await pilot.pause()
        error = screen.query_one("#error-ceiling", Label)
        assert "angka rupiah" in str(error.render())
        assert error.has_class("-shown")
        assert app.focused.id == "field-ceiling"  # stays to be fixed
        with db.read() as session:
            assert queries.get_meeting(session, template).ceiling is None
        assert len(_setup_events(db, template)) == logged

        # The hard ceiling needs an amount first: refused next to the checkbox, unticked.
        await pilot.press("ctrl+u", "tab", "space")
        await pilot.pause()
        assert "perlu angka pagu" in str(screen.query_one("#error-hard_ceiling", Label).render())
        with db.read() as session:
            assert queries.get_meeting(session, template).hard_ceiling is False

        await pilot.press("shift+tab", *"Rp 1.500.000.000", "enter")
        await pilot.pause()
        with db.read() as session:
            assert queries.get_meeting(session, template).ceiling == 1_500_000_000
        assert not screen.query_one("#error-ceiling", Label).has_class("-shown")
        assert "Rp 1.500.000.000" in screen_text(app)

        # Leaving with a bad value still typed: the first Esc says so, the second leaves.
        await pilot.press("shift+tab", "ctrl+u", *"abc", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "angka rupiah" in str(screen.query_one("#error-ceiling", Label).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        with db.read() as session:
            assert queries.get_meeting(session, template).ceiling == 1_500_000_000


async def test_villages_add_rename_reorder_and_remove(db: Database, template: int) -> None:
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_setup(app, pilot)
        await pilot.press("right", "tab")  # the Desa tab, then its list
        table = screen.query_one("#villages", RecordTable)
        assert app.focused is table

        # add
        await pilot.press("a")
        assert isinstance(app.screen, RecordDialog)
        await pilot.press(*"Desa Baru", "tab", "tab", *"Rp 250.000.000", "enter")
        await pilot.pause()
        names = _village_names(db, template)
        assert names[-1] == "Desa Baru" and len(names) == 21
        with db.read() as session:
            [added] = [v for v in queries.villages(session, template) if v.name == "Desa Baru"]
        assert added.ceiling == 250_000_000
        assert isinstance(app.screen, SetupScreen)
        assert table.current_id == added.id

        # a duplicate name is refused inside the dialog, next to nothing stored
        await pilot.press("a", *"dasun", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordDialog)
        assert "sudah ada" in screen_text(app)
        await pilot.press("escape")
        assert len(_village_names(db, template)) == 21

        # rename (Enter on the row)
        await pilot.press("enter", "ctrl+u", *"Desa Anyar", "enter")
        await pilot.pause()
        assert _village_names(db, template)[-1] == "Desa Anyar"

        # reorder: up one place
        await pilot.press("ctrl+up")
        await pilot.pause()
        names = _village_names(db, template)
        assert names[-2:] == ["Desa Anyar", "Tasiksono"]
        assert table.current_id == added.id

        # remove: asks first; Esc keeps it, y removes it
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Desa Anyar" in screen_text(app)
        await pilot.press("escape")
        assert "Desa Anyar" in _village_names(db, template)
        await pilot.press("delete", "y")
        await pilot.pause()
        assert "Desa Anyar" not in _village_names(db, template)
        changes = [after["change"] for _, after in _setup_events(db, template)]
        assert changes == ["village_add", "village_update", "village_order", "village_remove"]

        # The desk shows the queue as set up.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        assert "Desa Anyar" not in screen_text(app)


async def test_issues_and_reviewers_in_setup(db: Database, template: int) -> None:
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        await _open_setup(app, pilot)
        await pilot.press("right", "right", "tab")  # strategic issues
        await pilot.press("a", *"ISU-4", "tab", *"Ketahanan pangan", "enter")
        await pilot.pause()
        with db.read() as session:
            assert [i.name for i in issues(session, template)][-1] == "Ketahanan pangan"
        await pilot.press("shift+tab", "right", "tab")  # reviewers
        await pilot.press("a", *"Sari", "tab", *"Notulis", "enter")
        await pilot.pause()
        with db.read() as session:
            people = queries.reviewers(session, template)
        assert [(r.name, r.role) for r in people][-1] == ("Sari", "Notulis")
        await pilot.press("delete", "y")
        await pilot.pause()
        with db.read() as session:
            assert [r.name for r in queries.reviewers(session, template)] == ["Rina", "Budi"]


# --- the meeting picker ----------------------------------------------------------------------


async def test_picker_opens_another_meeting(db: Database, midway_demo: int, template: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "DATA CONTOH" in screen_text(app)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, MeetingPicker)
        assert [m.id for m in app.screen.meetings] == [template, midway_demo]
        assert "contoh" in screen_text(app)
        # Same date: the newer (the template) is listed first; the cursor starts on ours.
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.meeting_id == template
        assert isinstance(app.screen, DeskScreen)
        assert app.screen.state is not None and app.screen.state.meeting.id == template
        assert "DATA CONTOH" not in screen_text(app)
        with db.read() as session:
            assert queries.current_meeting_id(session) == template
        # Opening a meeting from the picker keeps a backup, as opening it from the shell does.
        if db.path is not None:
            assert [b.reason for b in backup.list_backups(db.path)] == ["open"]


async def test_picker_starts_the_musrenbang_kecamatan(db: Database, midway_demo: int) -> None:
    plan = carry_over_plan(db, midway_demo)
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f4", "m")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert f"{plan.proposals} usulan diterima/disesuaikan" in text
        assert "20 desa" in text and "Rabu, 22 Februari 2023" in text
        assert len(_meetings(db)) == 1  # nothing written before the confirmation

        await pilot.press("y")
        await pilot.pause()
        meetings = _meetings(db)
        assert len(meetings) == 2
        new = meetings[-1]
        assert new.kind == "musrenbang_kecamatan" and new.origin_meeting_id == midway_demo
        assert app.meeting_id == new.id
        assert isinstance(app.screen, DeskScreen)
        assert "Musrenbang Kecamatan Lasem" in screen_text(app)
        with db.read() as session:
            carried = session.exec(
                select(Proposal).where(
                    Proposal.meeting_id == new.id, col(Proposal.origin_proposal_id).is_not(None)
                )
            ).all()
        assert len(carried) == plan.proposals
        assert sum(p.requested for p in carried) == plan.requested

        # Only once: a second carry-over from the same Pra Musrenbang is refused.
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("down", "m", "y")
        await pilot.pause()
        assert len(_meetings(db)) == 2


async def test_picker_creates_a_new_meeting(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f4", "k")
        await pilot.pause()
        meetings = _meetings(db)
        assert len(meetings) == 2 and meetings[-1].title == "Rapat baru"
        assert app.meeting_id == meetings[-1].id
        assert isinstance(app.screen, SetupScreen)

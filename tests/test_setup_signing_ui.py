"""Setup (F3) edits the letterhead, the zone and who signs, with the real keys: saved
when a field is left, logged, a bad value refused next to the field with nothing
written."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select
from textual.widgets import Input, TabbedContent

from lasem_tui.store import queries, setup, signing
from lasem_tui.store.database import Database
from lasem_tui.store.models import Event
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.screens.record_dialog import RecordDialog
from lasem_tui.ui.setup.screen import SetupScreen
from tests.ui_helpers import screen_text

SIZE = (120, 64)


@pytest.fixture
def template(db: Database) -> int:
    return setup.create_from_template(db, reviewers=[("Rina", "BAPPEDA")])


def _last_event(db: Database, meeting_id: int) -> dict:
    with db.read() as session:
        event = session.exec(
            select(Event)
            .where(Event.meeting_id == meeting_id, Event.kind == "update_meeting")
            .order_by(Event.id.desc())  # type: ignore[union-attr]
        ).first()
        return json.loads(event.after) if event else {}


async def _setup(app: LasemApp, pilot) -> SetupScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("f3")
    await pilot.pause()
    assert isinstance(app.screen, SetupScreen)
    return app.screen


async def test_zone_and_rkpd_year_are_checked_and_stored(db: Database, template: int) -> None:
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        await _setup(app, pilot)
        app.screen.query_one("#field-timezone", Input).focus()
        await pilot.press("ctrl+u", *"GMT", "tab")
        await pilot.pause()
        assert "WIB, WITA atau WIT" in screen_text(app)
        with db.read() as session:
            assert queries.get_meeting(session, template).timezone == "WIB"
        app.screen.query_one("#field-timezone", Input).focus()
        await pilot.press("ctrl+u", *"wita", "tab")
        await pilot.pause()
        with db.read() as session:
            assert queries.get_meeting(session, template).timezone == "WITA"
        assert _last_event(db, template)["timezone"] == "WITA"
        app.screen.query_one("#field-rkpd_year", Input).focus()
        await pilot.press("ctrl+u", *"24", "tab")
        await pilot.pause()
        assert "Tahun RKPD" in screen_text(app)
        with db.read() as session:
            assert queries.get_meeting(session, template).rkpd_year == 2024


async def test_signatories_are_saved_when_a_field_is_left(db: Database, template: int) -> None:
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _setup(app, pilot)
        screen.query_one("#setup-tabs", TabbedContent).active = "tab-signing"
        await pilot.pause()
        screen.query_one("#sign-camat-name", Input).focus()
        await pilot.press(*"Drs. Camat Contoh", "tab")
        await pilot.pause()
        assert signing.read_signing(db, template)[0]["camat"].name == "Drs. Camat Contoh"
        assert _last_event(db, template)["name"] == "Drs. Camat Contoh"
        # A NIP of the wrong length is refused next to it; nothing is written.
        screen.query_one("#sign-camat-nip", Input).focus()
        await pilot.press(*"1970", "tab")
        await pilot.pause()
        assert "NIP: 18 angka" in screen_text(app)
        assert signing.read_signing(db, template)[0]["camat"].nip == ""
        screen.query_one("#sign-camat-nip", Input).focus()
        await pilot.press("ctrl+u", *"19700101 199003 1 001", "tab")
        await pilot.pause()
        assert signing.read_signing(db, template)[0]["camat"].nip == "19700101 199003 1 001"
        assert "NIP: 18 angka" not in screen_text(app)


async def test_delegates_are_added_from_their_tab(db: Database, template: int) -> None:
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _setup(app, pilot)
        screen.query_one("#setup-tabs", TabbedContent).active = "tab-delegates"
        await pilot.pause()
        screen.query_one("#delegates").focus()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, RecordDialog)
        await pilot.press(*"Sri Wahyuni", "tab", *"Kepala Desa", "tab", *"Desa Dasun", "enter")
        await pilot.pause()
        delegates = signing.read_signing(db, template)[1]
        assert [(d.name, d.institution) for d in delegates] == [("Sri Wahyuni", "Desa Dasun")]
        assert "Sri Wahyuni" in screen_text(app)

"""The kamus at the desk, driven with Pilot: the adjust dialog's recompute for a linked
proposal, and the standalone link picker (K)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from textual.widgets import DataTable, Input, Static

from lasem_tui.domain.states import ProposalStatus
from lasem_tui.exchange import importing
from lasem_tui.store import desk, kamus, queries, setup
from lasem_tui.store.database import Database
from lasem_tui.store.models import Event, Proposal
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.screens.decision_dialogs import AdjustDialog
from tests.sipd_corpus import sipd_rows, write_sipd_xlsx

ENTRIES = [
    kamus.NewEntry("1.03.10", "Pembangunan Jalan Usaha Tani", "km", 100_000_000, "DPUPR", "fisik"),
    kamus.NewEntry("2.09.03", "Pembangunan Embung Desa", "unit", 250_000_000, "Dinper", "fisik"),
    kamus.NewEntry("4.01.01", "Penanaman Mangrove", "batang", 10_000, "DLH", "fisik"),
]


@pytest.fixture
def linked(db: Database, tmp_path: Path) -> int:
    """The SIPD corpus with a kamus, the road and the embung linked to it."""
    meeting = setup.create_from_template(db, reviewers=[("Rina (BAPPEDA)", "BAPPEDA")])
    with db.read() as session:
        reviewer = queries.reviewers(session, meeting)[0].id
    desk.switch_reviewer(db, meeting, reviewer)
    kamus.replace_kamus(db, meeting, ENTRIES, file_name="kamus.xlsx")
    # XLSX, in a folder of its own: the export tests glob tmp_path for what they wrote.
    (tmp_path / "in").mkdir()
    path = write_sipd_xlsx(tmp_path / "in" / "s.xlsx", sipd_rows())
    importing.commit(db, importing.preview(db, meeting, path), link_kamus=True)
    return meeting


def _proposal(db: Database, meeting: int, sipd_id: str):  # type: ignore[no-untyped-def]
    with db.read() as session:
        p = session.exec(
            select(Proposal).where(Proposal.meeting_id == meeting, Proposal.sipd_id == sipd_id)
        ).one()
        return queries.proposal_row(p, {})


async def test_adjust_recomputes_amount_from_volume(db: Database, linked: int) -> None:
    road = _proposal(db, linked, "3317050001")
    assert road.kamus_entry_id is not None
    app = LasemApp(db, linked)
    results: list[object] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # Handed its context (the desk reads the prices): the dialog reads no database.
        app.push_screen(AdjustDialog(road, unit_price=100_000_000, kamus_unit="km"), results.append)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AdjustDialog)
        assert "Rp100.000.000" in str(dialog.query_one("#kamus-price", Static).render()).replace(
            " ", ""
        ).replace("\u00a0", "")
        volume = dialog.query_one("#volume", Input)
        volume.focus()
        volume.value = ""
        await pilot.press(*"1,2")
        await pilot.pause()
        assert dialog.query_one("#amount", Input).value == "120.000.000"
        hint = str(dialog.query_one("#kamus-hint", Static).render())
        assert "120.000.000" in hint
        # An amount typed shows the volume it comes to, and leaves the volume as typed.
        amount = dialog.query_one("#amount", Input)
        amount.focus()
        amount.value = ""
        await pilot.press(*"175000000")
        await pilot.pause()
        assert "1,75" in str(dialog.query_one("#kamus-hint", Static).render())
        assert volume.value == "1,2"
        dialog.query_one("#note", Input).focus()
        await pilot.press(*"disesuaikan kamus", "enter")
        await pilot.pause()
    [decision] = results
    assert decision.status is ProposalStatus.ADJUSTED  # type: ignore[attr-defined]
    assert decision.approved == 175_000_000 and decision.volume == 1.2  # type: ignore[attr-defined]


async def test_adjust_without_kamus_shows_no_price(db: Database, linked: int) -> None:
    batik = _proposal(db, linked, "3317050003")  # no kamus entry for it
    assert batik.kamus_entry_id is None
    app = LasemApp(db, linked)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(AdjustDialog(batik))
        await pilot.pause()
        dialog = app.screen
        assert not dialog.query_one("#kamus-price", Static).display
        volume = dialog.query_one("#volume", Input)
        volume.focus()
        volume.value = ""
        await pilot.press(*"20")
        await pilot.pause()
        assert dialog.query_one("#amount", Input).value == "75.000.000"


async def test_picker_links_searches_and_unlinks(db: Database, linked: int) -> None:
    from lasem_tui.ui.kamus.picker import KamusPicked, KamusPicker

    with db.read() as session:
        reviewer = queries.reviewers(session, linked)[0].id
    # Linked on import (the closest entry); unlinked here so the picker links it again.
    kamus.link(db, linked, _proposal(db, linked, "3317050004").id, None, reviewer_id=reviewer)
    mangrove = _proposal(db, linked, "3317050004")
    assert mangrove.kamus_entry_id is None
    app = LasemApp(db, linked)
    results: list[object] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(KamusPicker(db, linked, reviewer, mangrove), results.append)
        await pilot.pause()
        picker = app.screen
        table = picker.query_one("#kamus-entries", DataTable)
        assert table.row_count == 3
        assert "Belum tertaut" in str(picker.query_one("#kamus-current", Static).render())
        await pilot.press(*"embung")
        await pilot.pause()
        assert table.row_count == 1
        for _ in "embung":
            await pilot.press("backspace")
        await pilot.press(*"mangrove")
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, KamusPicker)
    [picked] = results
    assert isinstance(picked, KamusPicked) and "Penanaman Mangrove" in picked.label
    now = _proposal(db, linked, "3317050004")
    with db.read() as session:
        entry = kamus.linked_entry(session, now.id)
        event = session.exec(select(Event).order_by(Event.id.desc())).first()  # type: ignore[union-attr]
    assert entry is not None and entry.code == "4.01.01"
    assert event.kind == "kamus_link" and event.reviewer_id == reviewer
    # 5000 batang at Rp 10.000 is Rp 50 juta: as in the kamus.
    with db.read() as session:
        assert kamus.flag_for(now, kamus.prices(session, linked)).value == "matches"

    # Opened again on the linked proposal: it says so, and ctrl+u unlinks.
    app = LasemApp(db, linked)
    results.clear()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(KamusPicker(db, linked, reviewer, now), results.append)
        await pilot.pause()
        current = str(app.screen.query_one("#kamus-current", Static).render())
        assert "Tertaut ke: 4.01.01 Penanaman Mangrove" in current
        await pilot.press("ctrl+u")
        await pilot.pause()
    assert results == [KamusPicked(now.id, None, "")]
    assert _proposal(db, linked, "3317050004").kamus_entry_id is None


async def test_picker_escape_changes_nothing(db: Database, linked: int) -> None:
    from lasem_tui.ui.kamus.picker import KamusPicker

    road = _proposal(db, linked, "3317050001")
    app = LasemApp(db, linked)
    results: list[object] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(KamusPicker(db, linked, None, road), results.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert results == [None]
    assert _proposal(db, linked, "3317050001").version == road.version


async def test_setup_lists_the_kamus(db: Database, linked: int) -> None:
    from textual.widgets import TabbedContent

    from lasem_tui.ui.setup.screen import SetupScreen

    app = LasemApp(db, linked)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        tabs = screen.query_one("#setup-tabs", TabbedContent)
        assert "Kamus usulan (3)" in str(tabs.get_tab("tab-kamus").label)
        tabs.active = "tab-kamus"
        await pilot.pause()
        table = screen.query_one("#kamus-table", DataTable)
        assert table.row_count == 3
        assert "Penanaman Mangrove" in str(table.get_row_at(2)[1])


async def test_location_typed_is_stored_and_logged(db: Database, linked: int) -> None:
    from lasem_tui.ui.kamus.location import LocationDialog

    batik = _proposal(db, linked, "3317050003")
    assert batik.latitude is None
    app = LasemApp(db, linked)
    results: list[object] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(LocationDialog(db, linked, None, batik), results.append)
        await pilot.pause()
        await pilot.press(*"utara", "enter")
        await pilot.pause()
        assert "tidak terbaca" in str(app.screen.query_one("#dialog-error").render())
        app.screen.query_one("#point", Input).value = ""
        await pilot.press(*"-6,7010; 111,4390", "enter")
        await pilot.pause()
    assert results == [(-6.701, 111.439)]
    now = _proposal(db, linked, "3317050003")
    assert (now.latitude, now.longitude) == (-6.701, 111.439)
    with db.read() as session:
        event = session.exec(select(Event).order_by(Event.id.desc())).first()  # type: ignore[union-attr]
    assert '"change": "location"' in event.after


def test_flag_words() -> None:
    from lasem_tui.domain.kamus import KamusFlag
    from lasem_tui.ui.kamus.flags import flag_text, point_text

    assert flag_text(KamusFlag.MISMATCH) == "tidak sesuai kamus"
    assert flag_text(KamusFlag.OUTSIDE) == "di luar kamus"
    assert flag_text(KamusFlag.MATCHES) == ""
    assert point_text(-6.6921, 111.4472) == "Koordinat: -6.69210, 111.44720"
    assert point_text(None, None) == ""


@pytest.mark.parametrize(("fmt", "suffix"), [("sipd", ".xlsx"), ("geojson", ".geojson")])
async def test_export_dialog_writes_sipd_and_geojson(
    db: Database, linked: int, tmp_path: Path, fmt: str, suffix: str
) -> None:
    from textual.widgets import RadioButton

    from lasem_tui.ui.screens.export_dialog import ExportDialog

    app = LasemApp(db, linked)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one(f"#fmt-{fmt}", RadioButton).value = True
        await pilot.pause()
        assert dialog.query_one("#filename", Input).value.endswith(suffix)
        dialog.query_one("#folder", Input).value = str(tmp_path)
        dialog.query_one("#go").press()
        await app.workers.wait_for_complete()
        await pilot.pause()
    [written] = tmp_path.glob(f"*{suffix}")
    if fmt == "sipd":
        from openpyxl import load_workbook

        ws = load_workbook(written)["Usulan SIPD"]
        assert ws["A1"].value == "ID Usulan" and ws.max_row == 5
    else:
        import json

        data = json.loads(written.read_text(encoding="utf-8"))
        assert {f["geometry"]["type"] for f in data["features"]} == {"Point"}

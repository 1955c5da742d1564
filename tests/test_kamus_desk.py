"""The kamus usulan and the coordinates at the desk, driven with Pilot pressing the real
keys: ``K`` links and unlinks, ``L`` types the point, ``e`` on a linked proposal
recomputes the amount from a typed volume; the table marks and the detail panel show
it all."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.widgets import Input, Static

from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import kamus
from lasem_tui.store.database import Database
from lasem_tui.store.models import Event
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.kamus.location import LocationDialog
from lasem_tui.ui.kamus.picker import KamusPicker
from lasem_tui.ui.screens.decision_dialogs import AdjustDialog
from lasem_tui.ui.screens.help import HelpScreen
from lasem_tui.ui.widgets.proposal_detail import ProposalDetailPanel
from tests.ui_helpers import desk, highlighted, static_text, stored

#: A price no demo proposal's amount comes to: linked to it, a proposal is flagged.
ODD_PRICE = 1_234_567


@pytest.fixture
def with_kamus(db: Database, midway_demo: int) -> int:
    kamus.replace_kamus(
        db,
        midway_demo,
        [
            kamus.NewEntry("9.99.01", "Penanaman mangrove pesisir", "batang", 10_000, "DLH"),
            kamus.NewEntry("9.99.02", "Rehabilitasi talud sungai", "m", ODD_PRICE, "DPUPR"),
        ],
        file_name="kamus.csv",
    )
    return midway_demo


def _title_cell(app: LasemApp, proposal_id: int) -> str:
    table = desk(app)._table
    return str(table.get_cell(str(proposal_id), "title"))


def _detail(app: LasemApp) -> str:
    panel = app.screen.query_one("#detail", ProposalDetailPanel)
    return static_text(panel.query_one("#detail-body", Static))


async def test_k_links_to_the_kamus_and_unlinks(db: Database, with_kamus: int) -> None:
    app = LasemApp(db, with_kamus)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        row = highlighted(app)
        assert row.kamus_entry_id is None
        # A meeting with a kamus: an unlinked proposal is marked outside it.
        assert _title_cell(app, row.id).endswith("∉K")
        await pilot.pause()
        assert "di luar kamus" in _detail(app)

        await pilot.press("K")
        await pilot.pause()
        assert isinstance(app.screen, KamusPicker)
        await pilot.press(*"talud", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, KamusPicker)

        now = stored(db, row.id)
        with db.read() as session:
            entry = kamus.linked_entry(session, row.id)
            event = session.exec(select(Event).order_by(Event.id.desc())).first()  # type: ignore[union-attr]
        assert entry is not None and entry.code == "9.99.02"
        assert now.kamus_entry_id == entry.id
        assert event is not None and event.kind == "kamus_link"
        assert event.reviewer_id == desk(app).desk.reviewer_id is not None
        # The row read back: the highlight stays, the mark and the detail say it.
        assert highlighted(app).id == row.id and highlighted(app).version == now.version
        assert _title_cell(app, row.id).endswith("≠K")
        await pilot.pause()
        detail = _detail(app)
        assert "9.99.02 Rehabilitasi talud sungai" in detail
        assert "tidak sesuai kamus" in detail
        assert "Rp1.234.567/m" in detail.replace(" ", "").replace("\u00a0", "")
        assert "tautan kamus diubah" in detail  # the history says what was done

        # K again on the linked proposal, ctrl+u: unlinked, marked outside again.
        await pilot.press("K")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert stored(db, row.id).kamus_entry_id is None
        assert _title_cell(app, row.id).endswith("∉K")


async def test_no_kamus_no_mark(db: Database, midway_demo: int) -> None:
    """A meeting without a kamus has nothing to say about it: no marks, no lines."""
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        row = highlighted(app)
        assert "K" not in _title_cell(app, row.id)[-2:]
        await pilot.pause()
        assert "kamus" not in _detail(app)


async def test_l_stores_the_point_and_the_detail_shows_it(db: Database, with_kamus: int) -> None:
    app = LasemApp(db, with_kamus)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        row = highlighted(app)
        assert row.latitude is None
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LocationDialog)
        app.screen.query_one("#point", Input).value = ""
        await pilot.press(*"-6,6921; 111,4472", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, LocationDialog)
        now = stored(db, row.id)
        assert (now.latitude, now.longitude) == (-6.6921, 111.4472)
        await pilot.pause()
        assert "Koordinat" in _detail(app) and "-6.69210, 111.44720" in _detail(app)

        # Cleared: stored empty, and the detail's line goes.
        await pilot.press("L")
        await pilot.pause()
        app.screen.query_one("#point", Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert stored(db, row.id).latitude is None
        await pilot.pause()
        assert "-6.69210" not in _detail(app)


async def test_e_on_a_linked_proposal_recomputes_from_the_volume(
    db: Database, with_kamus: int
) -> None:
    app = LasemApp(db, with_kamus)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        row = highlighted(app)
        with db.read() as session:
            mangrove = next(e for e in kamus.entries(session, with_kamus) if e.code == "9.99.01")
        kamus.link(db, with_kamus, row.id, mangrove.id, reviewer_id=None)
        desk(app).reload(desk(app).desk.village_id)
        desk(app).highlight_proposal(row.id)
        await pilot.pause()

        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AdjustDialog)
        # Handed by the desk, not read by the dialog: the kamus's unit price and unit.
        assert dialog.unit_price == 10_000 and dialog.kamus_unit == "batang"
        price = str(dialog.query_one("#kamus-price", Static).render())
        assert "10.000" in price and "batang" in price
        # Opened, the amount is the one asked for: the volume as it stands is not a
        # request to recompute it.
        assert dialog.query_one("#amount", Input).value == f"{row.requested:,}".replace(",", ".")
        volume = dialog.query_one("#volume", Input)
        volume.focus()
        volume.value = ""
        await pilot.press(*"2500")
        await pilot.pause()
        assert dialog.query_one("#amount", Input).value == "25.000.000"
        dialog.query_one("#note", Input).focus()
        await pilot.press(*"sesuai kamus", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, AdjustDialog)

    now = stored(db, row.id)
    assert now.status is ProposalStatus.ADJUSTED
    assert now.approved == 25_000_000 and now.volume == 2500


async def test_help_and_palette_offer_k_and_l(db: Database, with_kamus: int) -> None:
    app = LasemApp(db, with_kamus)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Kamus" in titles and "Koordinat" in titles
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = static_text(app.screen.query_one("#help-keys", Static))
        assert "Tautkan usulan yang disorot ke kamus usulan" in shown
        assert "Ketik koordinat" in shown


async def test_a_kamus_imported_elsewhere_reaches_the_open_desk(
    db: Database, midway_demo: int
) -> None:
    """The kamus replaced from the command line while the desk is open: the watcher's
    read brings the marks without a restart."""
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        row = highlighted(app)
        assert not _title_cell(app, row.id).endswith("K")
        kamus.replace_kamus(
            db,
            midway_demo,
            [kamus.NewEntry("9.99.01", "Penanaman mangrove", "batang", 10_000)],
            file_name="kamus.csv",
        )
        screen = desk(app)
        screen.watcher.poll()  # what the one-second timer does
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _title_cell(app, row.id).endswith("∉K")

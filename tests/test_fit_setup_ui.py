"""Setup (F3): the scoring criteria and the OPD ceilings, added, edited and removed with
the real keys, checked on screen and in the stored rows."""

from __future__ import annotations

import pytest

from lasem_tui.store import fit_queries, setup
from lasem_tui.store.database import Database
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.setup.screen import SetupScreen
from tests.ui_helpers import screen_text

SIZE = (120, 36)


@pytest.fixture
def template(db: Database) -> int:
    return setup.create_from_template(db, reviewers=[("Rina", "BAPPEDA")])


async def _open_tab(app: LasemApp, pilot, rights: int) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("f3")
    await pilot.pause()
    assert isinstance(app.screen, SetupScreen)
    await pilot.press(*["right"] * rights, "tab")
    await pilot.pause()


async def test_criteria_are_listed_added_edited_and_removed(db: Database, template: int) -> None:
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        await _open_tab(app, pilot, 4)  # Rapat, Desa, Isu, Peninjau, Kriteria skoring
        text = screen_text(app)
        assert "Kriteria skoring" in text and "Urgensi" in text and "Kesiapan lahan" in text
        await pilot.press("a", *"Partisipasi warga", "tab")
        await pilot.press("end", "backspace", "backspace", *"5", "tab", *"tidak ada", "enter")
        await pilot.pause()
        with db.read() as session:
            last = fit_queries.criteria(session, template)[-1]
        assert (last.name, last.weight, last.labels[0]) == ("Partisipasi warga", 5, "tidak ada")
        assert "Partisipasi warga" in screen_text(app)
        await pilot.press("delete", "y")
        await pilot.pause()
        with db.read() as session:
            assert [c.name for c in fit_queries.criteria(session, template)][-1] == "Biaya"


async def test_an_opd_ceiling_is_set_and_shown(db: Database, template: int) -> None:
    app = LasemApp(db, template)
    async with app.run_test(size=SIZE) as pilot:
        await _open_tab(app, pilot, 5)  # Pagu per OPD
        await pilot.press("a", *"Dinas PUPR", "tab", *"1.500.000.000", "enter")
        await pilot.pause()
        with db.read() as session:
            assert fit_queries.agency_ceilings(session, template) == {"Dinas PUPR": 1_500_000_000}
        text = screen_text(app)
        assert "Dinas PUPR" in text and "Rp 1.500.000.000" in text and "sisa" in text
        await pilot.press("delete", "y")
        await pilot.pause()
        with db.read() as session:
            assert fit_queries.agency_ceilings(session, template) == {}

"""The standalone fitting pieces driven with Pilot: the scoring dialog (k), the merge
picker (g), the bulk-accept confirmation (A) and the fit view (f), each checked on the
screen and in the stored rows."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Static

from lasem_tui.domain.fit import FitOrder
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import desk as commands
from lasem_tui.store import fit_queries, queries
from lasem_tui.store.database import Database
from lasem_tui.store.models import Village
from lasem_tui.store.views import DeskState
from lasem_tui.ui.fit.bulk_accept import BulkAcceptDialog
from lasem_tui.ui.fit.fit_view import FIT_CSS, FitView
from lasem_tui.ui.fit.merge_picker import MergePicker
from lasem_tui.ui.fit.scoring_dialog import ScoringDialog
from tests.ui_helpers import screen_text, stored


class Host(App[None]):
    """A bare app that opens one dialog and keeps what it dismissed with."""

    CSS_PATH = FIT_CSS

    def __init__(self, make: Any = None, view: FitView | None = None) -> None:
        super().__init__()
        self.make = make
        self.view = view
        self.results: list[object] = []

    def compose(self) -> ComposeResult:
        yield self.view if self.view is not None else Static("host")

    def on_mount(self) -> None:
        if self.make is not None:
            self.push_screen(self.make(), self.results.append)


def _state(db: Database, meeting_id: int) -> DeskState:
    with db.read() as session:
        return queries.desk_state(session, meeting_id)


async def test_scoring_dialog_digits_set_levels_and_enter_saves(
    db: Database, fresh_demo: int
) -> None:
    state = _state(db, fresh_demo)
    p = state.proposals[0]
    reviewer = state.meeting.current_reviewer_id
    app = Host(lambda: ScoringDialog(db, fresh_demo, reviewer, p))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Jumlah penerima manfaat (KK)" in text and "Skor: -" in text
        await pilot.press("5")  # KK (30) at 5, moves to urgensi
        await pilot.pause()
        assert "Skor: 100 / 100" in screen_text(app)
        await pilot.press("1")  # urgensi (25) at 1: 30 of 55
        await pilot.pause()
        assert f"Skor: {round(100 * 30 / 55)} / 100" in screen_text(app)
        await pilot.press("3", "4", "2", "enter")
        await pilot.pause()
    (row,) = app.results
    expected = round(100 * (30 + 0 + 20 * 0.5 + 15 * 0.75 + 10 * 0.25) / 100)
    assert row is not None and row.score == expected  # type: ignore[union-attr]
    assert stored(db, p.id).score == expected
    commands.undo(db, fresh_demo, reviewer_id=reviewer, village_id=p.village_id)
    assert stored(db, p.id).score is None


async def test_scoring_dialog_escape_writes_nothing(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    p = state.proposals[0]
    app = Host(lambda: ScoringDialog(db, fresh_demo, state.meeting.current_reviewer_id, p))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5", "escape")
        await pilot.pause()
    assert app.results == [None]
    assert stored(db, p.id).score is None


async def test_merge_picker_searches_merges_and_adjusts_the_target(
    db: Database, fresh_demo: int
) -> None:
    state = _state(db, fresh_demo)
    p = state.proposals[0]
    with db.read() as session:
        other_village = queries.villages(session, fresh_demo)[3]
        target = queries.proposals_of_village(session, other_village.id)[0]
    app = Host(lambda: MergePicker(db, fresh_demo, state.meeting.current_reviewer_id, p))
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*target.ref)
        await pilot.pause()
        assert target.title[:30] in screen_text(app)
        await pilot.press("tab", "tab")  # the list, then the reason
        await pilot.press(*"sama sasaran")
        await pilot.press("tab", *str(target.requested + 1_000_000), "tab", *"ditambah")
        await pilot.press("ctrl+s")
        await pilot.pause()
    (result,) = app.results
    assert result is not None
    merged, into = stored(db, p.id), stored(db, target.id)
    assert merged.status is ProposalStatus.MERGED and merged.merged_into_ref == target.ref
    assert merged.reason == "sama sasaran"
    assert into.status is ProposalStatus.ADJUSTED and into.approved == target.requested + 1_000_000


async def test_merge_picker_refuses_without_a_reason(db: Database, fresh_demo: int) -> None:
    state = _state(db, fresh_demo)
    p = state.proposals[0]
    app = Host(lambda: MergePicker(db, fresh_demo, state.meeting.current_reviewer_id, p))
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Alasan wajib diisi" in screen_text(app)
    assert app.results == []
    assert stored(db, p.id).status is ProposalStatus.PENDING


def _tight_village(db: Database, state: DeskState) -> list:  # type: ignore[type-arg]
    """The village at the desk gets a ceiling its first two (by rank) fit in."""
    ordered = sorted(state.proposals, key=lambda r: r.priority or 0)
    with db.write() as session:
        village = session.get(Village, ordered[0].village_id)
        assert village is not None
        village.ceiling = ordered[0].requested + ordered[1].requested
    return ordered


async def test_bulk_accept_lists_those_above_the_line_and_accepts_them_as_one_step(
    db: Database, fresh_demo: int
) -> None:
    state = _state(db, fresh_demo)
    ordered = _tight_village(db, state)
    reviewer = state.meeting.current_reviewer_id
    village_id = ordered[0].village_id
    app = Host(lambda: BulkAcceptDialog(db, fresh_demo, reviewer, village_id, FitOrder.PRIORITY))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Terima 2 usulan di atas garis pagu" in text
        assert ordered[0].ref in text and ordered[1].ref in text and ordered[2].ref not in text
        assert "sisa sesudahnya: Rp 0" in text
        await pilot.press("enter")
        await pilot.pause()
    (rows,) = app.results
    assert [r.id for r in rows] == [ordered[0].id, ordered[1].id]  # type: ignore[union-attr]
    assert stored(db, ordered[2].id).status is ProposalStatus.PENDING
    commands.undo(db, fresh_demo, reviewer_id=reviewer, village_id=village_id)
    assert all(stored(db, p.id).status is ProposalStatus.PENDING for p in ordered)


async def test_fit_view_draws_the_line_and_marks_the_rows_below(
    db: Database, fresh_demo: int
) -> None:
    state = _state(db, fresh_demo)
    ordered = _tight_village(db, state)
    with db.read() as session:
        fit = fit_queries.village_fit(session, fresh_demo, ordered[0].village_id, FitOrder.PRIORITY)
    view = FitView(scoring=True)
    app = Host(view=view)
    async with app.run_test(size=(120, 30)) as pilot:
        view.show(fit)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        line_at = next(i for i, line in enumerate(lines) if "garis pagu: sisa Rp 0" in line)
        above = [
            i for i, line in enumerate(lines) if ordered[0].ref in line or ordered[1].ref in line
        ]
        below = [i for i, line in enumerate(lines) if ordered[2].ref in line]
        assert max(above) < line_at < min(below)
        assert "di bawah garis" in lines[min(below)]
        assert view.line_index == 2
        view.highlight(ordered[1].id)
        assert view.highlighted_id == ordered[1].id


async def test_adjust_dialog_shows_what_is_left_and_reroutes(db: Database, fresh_demo: int) -> None:
    from lasem_tui.domain.decisions import Decision
    from lasem_tui.ui.screens.decision_dialogs import AdjustDialog

    state = _state(db, fresh_demo)
    ordered = _tight_village(db, state)
    with db.read() as session:
        fit = fit_queries.village_fit(session, fresh_demo, ordered[0].village_id, FitOrder.PRIORITY)
    first = ordered[0]
    app = Host(lambda: AdjustDialog(first, fit))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        # Half the amount: what is left is the second's request plus the other half.
        half = first.requested // 2
        await pilot.press(*str(half))
        await pilot.pause()
        left = ordered[1].requested + first.requested - half
        assert f"Sesudah ini sisa Rp {left:,}".replace(",", ".") in screen_text(app)
        await pilot.press("tab", "tab", *"dipotong", "tab")
        await pilot.press(*["backspace"] * 200, *"Dinas Perhubungan", "enter")
        await pilot.pause()
    (decision,) = app.results
    assert isinstance(decision, Decision)
    assert decision.approved == half and decision.agency == "Dinas Perhubungan"

"""The desk's fitting keys driven with the real keys (issue 15 at the desk): what the
screen shows and what is stored after o, k, f, A, g, ctrl+up/down and e."""

from __future__ import annotations

from sqlmodel import select

from lasem_tui.domain.fit import FitOrder
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import fit_queries, queries
from lasem_tui.store.database import Database
from lasem_tui.store.models import AgencyCeiling, Meeting, Proposal, Village
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.fit.bulk_accept import BulkAcceptDialog
from lasem_tui.ui.fit.fit_view import FitTable, FitView
from lasem_tui.ui.fit.merge_picker import MergePicker
from lasem_tui.ui.fit.scoring_dialog import ScoringDialog
from lasem_tui.ui.screens.decision_dialogs import AdjustDialog
from lasem_tui.ui.widgets.labels import status_text
from lasem_tui.ui.widgets.proposal_table import ProposalTable
from lasem_tui.ui.widgets.village_queue import VillageQueue
from tests.ui_helpers import desk, highlighted, screen_text, static_text, stored


def _at_desk(db: Database, meeting_id: int) -> list[ProposalRow]:
    """The proposals of the village at the desk, by rank."""
    with db.read() as session:
        state = queries.desk_state(session, meeting_id)
    return sorted(state.proposals, key=lambda p: (p.priority or 0, p.seq))


def _tight(db: Database, meeting_id: int) -> list[ProposalRow]:
    """The village at the desk gets a ceiling its first two (by rank) just fit in."""
    rows = _at_desk(db, meeting_id)
    with db.write() as session:
        village = session.get(Village, rows[0].village_id)
        assert village is not None
        village.ceiling = rows[0].requested + rows[1].requested
    return rows


def _reverse_ranks(db: Database, rows: list[ProposalRow]) -> None:
    with db.write() as session:
        for rank, row in enumerate(reversed(rows), start=1):
            proposal = session.get(Proposal, row.id)
            assert proposal is not None
            proposal.priority = rank


def _told(app: LasemApp, words: str) -> bool:
    """Whether a notice with these words was shown."""
    return any(words in n.message for n in app._notifications)


def _table_refs(app: LasemApp) -> list[str]:
    """The refs in the order the review table shows them."""
    table = app.screen.query_one(ProposalTable)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


async def test_o_cycles_the_order_of_the_table(db: Database, fresh_demo: int) -> None:
    rows = _at_desk(db, fresh_demo)
    _reverse_ranks(db, rows)  # rank 1 is now the last by number
    by_number = [r.ref for r in sorted(rows, key=lambda r: r.seq)]
    app = LasemApp(db, fresh_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert _table_refs(app) == list(reversed(by_number))
        assert "Prio" in screen_text(app)
        columns = [str(c.value) for c in app.screen.query_one(ProposalTable).columns]
        assert columns[0] == "rank" and "score" in columns  # the meeting scores
        await pilot.press("o")  # score: nobody scored yet, so by priority still
        await pilot.pause()
        assert desk(app).desk.order is FitOrder.SCORE
        assert _told(app, "Urut: skor")
        assert _table_refs(app) == list(reversed(by_number))
        await pilot.press("o")  # number
        await pilot.pause()
        assert _table_refs(app) == by_number
        await pilot.press("o")  # back to priority
        await pilot.pause()
        assert _table_refs(app) == list(reversed(by_number))


async def test_k_scores_the_highlighted_and_the_table_and_detail_show_it(
    db: Database, fresh_demo: int
) -> None:
    app = LasemApp(db, fresh_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        target = highlighted(app)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, ScoringDialog)
        await pilot.press("5", "enter")  # the first criterion at 5: 100
        await pilot.pause()
        assert stored(db, target.id).score == 100
        assert highlighted(app).id == target.id and highlighted(app).score == 100
        table = app.screen.query_one(ProposalTable)
        assert str(table.get_cell(str(target.id), "score")) == "100"
        await pilot.pause()
        detail = static_text(app.screen.query_one("#detail-body"))
        assert "skor 100 / 100" in detail and "prioritas" in detail
        await pilot.press("u")  # the score is undone like a decision
        await pilot.pause()
        assert stored(db, target.id).score is None
        assert str(table.get_cell(str(target.id), "score")) == ""


async def test_f_shows_the_line_and_a_decision_in_it_redraws_it(
    db: Database, fresh_demo: int
) -> None:
    rows = _tight(db, fresh_demo)
    app = LasemApp(db, fresh_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        screen = desk(app)
        assert screen.fit_shown and isinstance(app.focused, FitTable)
        lines = screen_text(app).splitlines()
        line_at = next(i for i, line in enumerate(lines) if "garis pagu: sisa Rp 0" in line)
        first_below = next(i for i, line in enumerate(lines) if rows[2].ref in line)
        assert line_at < first_below and "di bawah garis" in lines[first_below]
        assert not screen.query_one(ProposalTable).display
        # Reject the first: the line moves down, what was below now fits.
        assert highlighted(app).id == rows[0].id
        await pilot.press("r", *"tidak prioritas", "enter")
        await pilot.pause()
        assert stored(db, rows[0].id).status is ProposalStatus.REJECTED
        view = screen.query_one(FitView)
        assert view.fit is not None and rows[0].id not in [r.candidate.id for r in view.fit.rows]
        # The ceiling is the first two's requests; the third is smaller than the first.
        assert rows[2].requested <= rows[0].requested and view.fit.is_above(rows[2].id)
        assert highlighted(app).id == rows[1].id  # the next pending, in the fit view
        await pilot.press("f")
        await pilot.pause()
        assert not screen.fit_shown and app.focused is screen.query_one(ProposalTable)
        assert highlighted(app).id == rows[1].id
        # The table and the queue, out of view meanwhile, show the decision made there.
        table, queue = screen.query_one(ProposalTable), screen.query_one(VillageQueue)
        rejected = status_text(ProposalStatus.REJECTED, short=True).plain
        assert table.get_cell(str(rows[0].id), "status").plain == rejected
        village = screen.desk.state.village  # type: ignore[union-attr]
        assert village is not None and village.pending == len(rows) - 1
        decided = f"{village.proposals - village.pending}/{village.proposals}"
        assert queue.get_cell(str(village.id), "count").plain == decided


async def test_f_and_v_share_the_upper_half_at_every_width(db: Database, fresh_demo: int) -> None:
    """The fit view takes the table's place and the queue makes room for it; v brings the
    queue back (beside it when wide, in its place when narrow), f again the table."""
    for size, beside in (((120, 36), True), ((80, 24), False)):
        app = LasemApp(db, fresh_demo)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = desk(app)
            table, queue = screen.query_one(ProposalTable), screen.query_one(VillageQueue)
            queue_at_first = queue.display
            assert table.display and queue_at_first is beside
            await pilot.press("f")
            await pilot.pause()
            view = screen.query_one(FitView)
            assert (view.display, table.display, queue.display) == (True, False, False)
            await pilot.press("v")
            await pilot.pause()
            assert (view.display, table.display, queue.display) == (beside, False, True)
            await pilot.press("v")
            await pilot.pause()
            assert (view.display, table.display, queue.display) == (True, False, False)
            await pilot.press("f")
            await pilot.pause()
            assert (view.display, table.display, queue.display) == (False, True, beside)


async def test_shift_a_accepts_above_the_line_and_one_undo_takes_it_back(
    db: Database, fresh_demo: int
) -> None:
    rows = _tight(db, fresh_demo)
    app = LasemApp(db, fresh_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("A")  # not in the fit view: says so, opens nothing
        await pilot.pause()
        assert not isinstance(app.screen, BulkAcceptDialog)
        await pilot.press("f", "A")
        await pilot.pause()
        assert isinstance(app.screen, BulkAcceptDialog)
        assert "Terima 2 usulan di atas garis pagu" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert [stored(db, r.id).status for r in rows[:3]] == [
            ProposalStatus.ACCEPTED,
            ProposalStatus.ACCEPTED,
            ProposalStatus.PENDING,
        ]
        screen = desk(app)
        assert screen.state is not None and screen.state.village_tally is not None
        assert screen.state.village_tally.approved == rows[0].requested + rows[1].requested
        assert _told(app, "2 usulan diterima")
        await pilot.press("u")
        await pilot.pause()
        assert all(stored(db, r.id).status is ProposalStatus.PENDING for r in rows)
        assert screen.state.village_tally.approved == 0
        await pilot.press("ctrl+y")  # and one redo brings both back
        await pilot.pause()
        assert stored(db, rows[1].id).status is ProposalStatus.ACCEPTED


async def test_g_merges_into_another_village_and_the_detail_links_both_ways(
    db: Database, fresh_demo: int
) -> None:
    rows = _at_desk(db, fresh_demo)
    with db.read() as session:
        other = queries.villages(session, fresh_demo)[3]
        target = queries.proposals_of_village(session, other.id)[0]
    app = LasemApp(db, fresh_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        source = highlighted(app)
        assert source.id == rows[0].id
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, MergePicker)
        await pilot.press(*target.ref, "tab", "tab", *"sama sasaran", "ctrl+s")
        await pilot.pause()
        merged = stored(db, source.id)
        assert merged.status is ProposalStatus.MERGED and merged.merged_into_ref == target.ref
        screen = desk(app)
        assert screen.state is not None and screen.state.village is not None
        assert screen.state.village.id == source.village_id  # the desk stays where it was
        table = screen.query_one(ProposalTable)
        assert "digabung" in str(table.get_cell(str(source.id), "status"))
        screen.highlight_proposal(source.id)
        await pilot.pause()
        await pilot.pause()
        assert f"digabung dengan {target.ref}" in static_text(screen.query_one("#detail-body"))
        assert highlighted(app).id == source.id
        detail = screen.desk.detail(target.id)
        assert detail.merged_from == (source.ref,)


async def test_ctrl_up_on_the_table_moves_the_rank_and_on_the_queue_the_village(
    db: Database, fresh_demo: int
) -> None:
    rows = _at_desk(db, fresh_demo)
    app = LasemApp(db, fresh_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = desk(app)
        screen.highlight_proposal(rows[1].id)
        await pilot.pause()
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert stored(db, rows[1].id).priority == 1 and stored(db, rows[0].id).priority == 2
        assert _table_refs(app)[:2] == [rows[1].ref, rows[0].ref]
        assert highlighted(app).id == rows[1].id
        assert _told(app, f"Prioritas {rows[1].ref} sekarang 1")
        await pilot.press("ctrl+down", "ctrl+down")
        await pilot.pause()
        assert stored(db, rows[1].id).priority == 3
        await pilot.press("u")  # one step per move
        await pilot.pause()
        assert stored(db, rows[1].id).priority == 2
        # With the queue focused, ctrl+down moves the village, as before.
        queue = screen.query_one(VillageQueue)
        queue.focus()
        await pilot.pause()
        village_id = queue.highlighted_village
        assert village_id is not None
        with db.read() as session:
            before = queries.village(session, village_id).position
        await pilot.press("ctrl+down")
        await pilot.pause()
        with db.read() as session:
            assert queries.village(session, village_id).position == before + 1
        assert stored(db, rows[1].id).priority == 2


async def test_e_shows_what_is_left_and_where_the_line_moves(db: Database, fresh_demo: int) -> None:
    rows = _tight(db, fresh_demo)
    app = LasemApp(db, fresh_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AdjustDialog) and dialog.fit is not None
        with db.read() as session:
            expected = fit_queries.village_fit(
                session, fresh_demo, rows[0].village_id, FitOrder.PRIORITY
            )
        assert dialog.fit == expected  # the desk's in-memory fit is the stored one
        assert "garis pagu sesudah 2 usulan" in screen_text(app)


async def test_agency_ceiling_in_the_tally_and_a_hard_one_refuses(
    db: Database, fresh_demo: int
) -> None:
    rows = _at_desk(db, fresh_demo)
    agency = rows[0].agency
    with db.write() as session:
        meeting = session.exec(select(Meeting).where(Meeting.id == fresh_demo)).one()
        meeting.hard_ceiling = True
        session.add(AgencyCeiling(meeting_id=fresh_demo, agency=agency, ceiling=1_000_000))
    app = LasemApp(db, fresh_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.pause()
        tally = static_text(app.screen.query_one("#tally-agencies"))
        name = agency.removeprefix("Dinas ")[:12]
        assert name in tally and "/1 jt" in tally
        assert f"{name:<12} 0/1 jt" in screen_text(app)  # in view, not cut off
        assert highlighted(app).id == rows[0].id
        await pilot.press("a")
        await pilot.pause()
        assert _told(app, "Tidak bisa diterima: melebihi pagu")
        assert stored(db, rows[0].id).status is ProposalStatus.PENDING


def test_fit_view_snapshot_with_the_line(snap_compare, midway_app: LasemApp) -> None:
    """f on the midway desk (Jolotundo, its own ceiling): the line after the third."""
    assert snap_compare(midway_app, terminal_size=(120, 36), press=["f"])


def test_fit_view_snapshot_small_terminal(snap_compare, midway_app: LasemApp) -> None:
    assert snap_compare(midway_app, terminal_size=(80, 24), press=["f"])


async def test_help_and_palette_offer_every_fitting_key(db: Database, fresh_demo: int) -> None:
    from lasem_tui.ui.screens.help import HelpScreen

    app = LasemApp(db, fresh_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        commands = [c.title for c in app.get_system_commands(app.screen)]
        words = ["Urutan", "Skor", "Pagu", "Terima di atas garis", "Gabung"]
        words += ["Prioritas naik", "Prioritas turun"]
        assert all(word in commands for word in words), commands
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = static_text(app.screen.query_one("#help-keys"), width=200)
        assert all(word in shown for word in words)
        assert "Beri skor usulan yang disorot" in shown


async def test_the_fit_views_cursor_steps_over_the_line(db: Database, fresh_demo: int) -> None:
    rows = _tight(db, fresh_demo)
    app = LasemApp(db, fresh_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("f", "down")  # on the second, the last above the line
        await pilot.pause()
        assert highlighted(app).id == rows[1].id
        await pilot.press("down")  # the line: stepped over
        await pilot.pause()
        assert highlighted(app).id == rows[2].id
        await pilot.press("up")
        await pilot.pause()
        assert highlighted(app).id == rows[1].id

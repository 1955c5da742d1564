"""The review table's row-local updates (``ui/widgets/row_table.py``): a changed cell
shows at once, the other rows stay as they were drawn, and a wrong cell is refused."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets.data_table import CellDoesNotExist

from lasem_tui.ui.widgets.row_table import RowTable


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield RowTable[Text](cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.add_column("ref", key="ref", width=6)
        table.add_column("status", key="status", width=12)
        for ref in ("01", "02", "03"):
            table.add_row(Text(ref), Text("pending"), key=ref)


def _lines(app: Host) -> list[str]:
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip).rstrip() for strip in strips]


async def test_a_changed_cell_shows_and_the_other_rows_keep_their_drawing() -> None:
    app = Host()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        table.refresh()  # drawn whole at the count it has now
        await pilot.pause()
        drawn = {key[0].value for key in table._cell_render_cache.keys()}  # noqa: SIM118
        assert {"01", "02", "03"} <= drawn
        table.update_row("02", [("status", Text("accepted"))])
        # Only the changed row's cells are to be drawn again.
        kept = {key[0].value for key in table._cell_render_cache.keys()}  # noqa: SIM118
        assert "02" not in kept and {"01", "03"} <= kept
        await pilot.pause()
        lines = _lines(app)
        assert any("02" in line and "accepted" in line for line in lines)
        assert sum("pending" in line for line in lines) == 2
        table.update_cell("03", "status", Text("rejected"))
        await pilot.pause()
        assert any("03" in line and "rejected" in line for line in _lines(app))
        assert table.get_cell("03", "status").plain == "rejected"


async def test_a_cell_that_does_not_exist_is_refused() -> None:
    app = Host()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        with pytest.raises(CellDoesNotExist):
            table.update_row("09", [("status", Text("accepted"))])
        with pytest.raises(CellDoesNotExist):
            table.update_cell("01", "nowhere", Text("x"))


async def test_many_rows_changed_at_once_all_show() -> None:
    app = Host()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        # More rows than ROWS_PER_FRAME: the table is drawn again as a whole.
        for word in ("deciding", "accepted"):
            for ref in ("01", "02", "03"):
                table.update_row(ref, [("status", Text(word))])
        await pilot.pause()
        assert sum("accepted" in line for line in _lines(app)) == 3
        table.remove_row("01")
        table.update_row("03", [("status", Text("deferred"))])
        await pilot.pause()
        lines = _lines(app)
        assert not any("01" in line for line in lines)
        assert any("02" in line and "accepted" in line for line in lines)
        assert any("03" in line and "deferred" in line for line in lines)


async def test_shown_again_at_its_size_it_keeps_its_drawing_and_its_changes_show() -> None:
    """Hidden and shown again (the fit view toggled), a table at the size it had draws
    from what it drew; one shown at another size, or changed meanwhile, draws anew."""
    app = Host()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        before = _lines(app)
        count = table._update_count
        table.display = False
        await pilot.pause()
        table.display = True
        await pilot.pause()
        assert table._update_count == count  # nothing to draw again
        assert _lines(app) == before
        table.display = False
        await pilot.pause()
        table.update_row("01", [("status", Text("accepted"))])
        table.display = True
        await pilot.pause()
        assert any("01" in line and "accepted" in line for line in _lines(app))
        table.display = False
        await pilot.pause()
        await pilot.resize_terminal(30, 8)
        table.display = True
        await pilot.pause()
        assert table._update_count != count
        assert any("02" in line and "pending" in line for line in _lines(app))


async def test_what_was_drawn_at_an_earlier_count_is_dropped() -> None:
    """A table drawn again as a whole (rows added, many changed) keeps no cells drawn
    before: they are never read again, and a row's update walks what the caches hold."""
    app = Host()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        for word in ("a", "b", "c"):
            table.add_row(Text(word), Text("pending"), key=word)
            await pilot.pause()
            table.refresh()
            await pilot.pause()
        counts = {key[-2] for key in table._cell_render_cache.keys()}  # noqa: SIM118
        assert counts == {table._update_count}
        table.update_row("02", [("status", Text("accepted"))])
        await pilot.pause()
        assert any("02" in line and "accepted" in line for line in _lines(app))

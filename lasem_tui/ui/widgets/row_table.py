"""A DataTable whose cell updates redraw the row they changed, not the whole table.

Textual's ``DataTable.update_cell`` bumps one update counter that is part of every
cache key of the table (each cell's rendering, each row's, each line's), so changing
one cell renders every visible cell again. At the desk a decision changes one row of
the review table and one of the village queue, and rendering the other rows' cells
again (about a hundred, each through rich's text layout) was most of what a decision
key cost before its frame reached the terminal (issue 13, "Speed").

``RowTable.update_row`` (and ``update_cell``) store the values as ``DataTable`` does,
then forget only the changed row's rendered cells and lines and repaint only that row's
region. The caches it reaches into are those of the pinned Textual (``pyproject.toml``);
with a Textual without them it falls back to ``DataTable.update_cell``, which is slower
and equally correct.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from textual import events
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, ColumnKey, RowKey

CellType = TypeVar("CellType")
K = TypeVar("K")

#: The caches of ``DataTable`` that hold a row's rendering (see ``_forget_row``).
_COUNTED_CACHES = (
    "_cell_render_cache",
    "_row_render_cache",
    "_row_renderable_cache",
    "_line_cache",
)
_ROW_CACHES = (*_COUNTED_CACHES, "_y_offsets")


#: Beyond this many rows changed between two frames (a fit view's running totals, every
#: title's kamus mark), forgetting row by row costs more than drawing the table again.
ROWS_PER_FRAME = 4


class RowTable(DataTable[CellType], Generic[CellType]):
    """``DataTable`` with row-local cell updates (a drop-in subclass)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._row_local = all(hasattr(self, name) for name in _ROW_CACHES)
        #: The update count of the last frame drawn, the rows changed since, and
        #: whether the whole table was asked to repaint since.
        self._drawn_count = self._update_count
        self._rows_changed = 0
        self._whole_refreshed = False
        #: The size of the last resize (see ``_on_resize``).
        self._sized: tuple[object, object] | None = None

    #: Set while another view is in the table's place (the desk's fit view): changes to
    #: the rows it shows wait until ``hold(False)`` draws them, before it shows again.
    held = False

    def hold(self, held: bool) -> None:
        self.held = held
        if not held:
            self.catch_up()

    def catch_up(self) -> None:
        """Draw what changed while held (a subclass that holds back knows what)."""

    def _on_resize(self, event: events.Resize) -> None:
        """A table shown again (the fit view toggled off) is sent a resize even at the
        size it had; ``DataTable`` then makes every cell render again. At the same size
        what it drew still fits, so that handler is skipped (``prevent_default`` stops
        the handlers of the classes below this one)."""
        sized = (event.size, event.virtual_size)
        if sized == self._sized:
            event.prevent_default()
        self._sized = sized

    def size_new_rows(self) -> None:
        """Measure the rows added since the last idle now, as ``DataTable`` does when it
        is next idle: for rows added in the middle of a layout, whose frame is drawn
        before that (see ``ProposalTable._size_updated``)."""
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._row_local and self._update_count != self._drawn_count:
            # Every key of these caches holds the update count, which only grows: what
            # was drawn at an earlier count is never read again. Left in, it fills the
            # caches to their thousands of entries, and ``_forget_row`` walks them all.
            for name in _COUNTED_CACHES:
                getattr(self, name).clear()
        self._drawn_count = self._update_count
        self._rows_changed = 0
        self._whole_refreshed = False
        return super().render_lines(crop)

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: CellType,
        *,
        update_width: bool = False,
    ) -> None:
        if update_width or not self._row_local:
            super().update_cell(row_key, column_key, value, update_width=update_width)
            return
        self.update_row(row_key, [(column_key, value)])

    def update_row(
        self, row_key: RowKey | str, cells: Iterable[tuple[ColumnKey | str, CellType]]
    ) -> None:
        """Set some cells of one row (``(column, value)`` pairs) and repaint that row."""
        if not self._row_local:
            for column_key, value in cells:
                super().update_cell(row_key, column_key, value)
            return
        row = RowKey(row_key) if isinstance(row_key, str) else row_key
        index = self._row_locations.get(row)
        if index is None:
            raise CellDoesNotExist(f"No row exists for row_key={row_key!r}.")
        data = self._data[row]
        for column_key, value in cells:
            column = ColumnKey(column_key) if isinstance(column_key, str) else column_key
            if column not in self._column_locations:
                raise CellDoesNotExist(
                    f"No cell exists for row_key={row_key!r}, column_key={column_key!r}."
                )
            data[column] = value
        if self._update_count != self._drawn_count:
            # Something since the last frame (a row removed, many rows changed) makes
            # every cell draw again anyway: nothing to forget row by row, and one
            # repaint of the table (a row's region costs a walk over the rows above it).
            self._refresh_whole()
            return
        self._rows_changed += 1
        if self._rows_changed > ROWS_PER_FRAME:
            self._update_count += 1
            self._refresh_whole()
            return
        self._forget_row(row, index)
        self.refresh_row(index)

    def _refresh_whole(self) -> None:
        if not self._whole_refreshed:
            self._whole_refreshed = True
            self.refresh()

    def _forget_row(self, row: RowKey, index: int) -> None:
        """Drop what was rendered for one row. Cells and rows are cached by row key
        first, the row's renderables by (update count, row index), lines by their y in
        the table (the header's lines first, then each row's)."""
        _discard(self._cell_render_cache, lambda key: key[0] == row)
        _discard(self._row_render_cache, lambda key: key[0] == row)
        _discard(self._row_renderable_cache, lambda key: key[1] == index)
        top = self.header_height if self.show_header else 0
        ys = {top + y for y, (line_row, _) in enumerate(self._y_offsets) if line_row == row}
        _discard(self._line_cache, lambda key: key[0] in ys)


def _discard(cache: LRUCache[K, Any], drop: Callable[[K], bool]) -> None:
    """Forget the entries whose key ``drop`` picks. Textual's ``LRUCache`` is not
    iterable as a dict is: its keys come from ``keys()``."""
    for key in [key for key in cache.keys() if drop(key)]:  # noqa: SIM118
        cache.discard(key)

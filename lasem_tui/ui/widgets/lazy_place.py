"""``Lazy`` that keeps the wrapped widget's place until it mounts.

Textual's ``Lazy`` is ``display: none`` until it mounts its widget after the first
refresh, so the widgets around it are laid out twice: the desk's review table first
took the whole width and height, then gave the village queue and the lower panels their
room a frame later, and each new width laid its columns out again (three layouts of the
table in its first 150 ms, seen from the back of the room as columns jumping). A
``LazyPlace`` is shown, empty, with the size the stylesheet gives its class, which is
the wrapped widget's: the table gets its final size in the first frame.
"""

from __future__ import annotations

from textual.lazy import Lazy
from textual.widget import Widget


class LazyPlace(Lazy):
    """Mounts ``widget`` after the first refresh; meanwhile an empty box styled by
    ``classes`` (give it the classes whose rules size the widget)."""

    DEFAULT_CSS = """
    LazyPlace {
        display: block;
    }
    """

    def __init__(self, widget: Widget, *, classes: str) -> None:
        super().__init__(widget)
        self.add_class(*classes.split())

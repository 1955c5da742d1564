"""The desk, as a package.

- ``screen``: the desk screen (layout, bindings, thin actions);
- ``controller``: the desk's state and its store commands, without Textual, so it is
  tested without Pilot (``tests/test_desk_controller.py``);
- ``writes``: decisions, undo and queue moves in a worker thread, one at a time,
  cancellable while they wait for another desk's lock;
- ``flows``: the ways through other screens (the reviewer first, minutes, attendance,
  exports, setup, meetings, imports, the projector);
- ``errors``: why a command was refused, in words.

A key becomes a row and a repaint thus: the binding calls a thin action; the action
asks ``DeskScreen.write`` to run a controller command in a thread; the command commits
through ``store.desk`` and folds the committed row into the controller's state (one
village and the tally read back); on the UI thread the screen assigns that state, and
each widget updates only the cells that changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lasem_tui.ui.desk.screen import DeskScreen

__all__ = ["DeskScreen"]


def __getattr__(name: str) -> Any:
    # Lazily, so that the controller is imported (and tested) without Textual.
    if name == "DeskScreen":
        from lasem_tui.ui.desk.screen import DeskScreen

        return DeskScreen
    raise AttributeError(name)

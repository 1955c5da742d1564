"""Helpers for driving the desk with Pilot."""

from __future__ import annotations

from lasem_tui.store import queries
from lasem_tui.store.database import Database
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.desk import DeskScreen


def desk(app: LasemApp) -> DeskScreen:
    screen = app.screen
    assert isinstance(screen, DeskScreen), type(screen)
    return screen


def highlighted(app: LasemApp) -> ProposalRow:
    row = desk(app).highlighted
    assert row is not None
    return row


def stored(db: Database, proposal_id: int) -> ProposalRow:
    with db.read() as session:
        return queries.proposal(session, proposal_id)


def screen_text(app: LasemApp) -> str:
    """What the terminal shows right now, as plain text lines (what a user reads)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def static_text(widget: object, width: int = 160) -> str:
    """The plain text of a Static's content, rich renderables (tables) included."""
    import io

    from rich.console import Console

    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)  # type: ignore[attr-defined]
    return console.export_text()

"""Help: every key of the screen underneath, with what it does, in the user's language.

The list of keys scrolls between a fixed title and footer (arrows, PageUp/PageDown,
Home/End), and the dialog is never taller than the screen it is on: at 120x36 the
desk's keys are more than fit, and the ones below the fold were never seen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from lasem_tui.i18n import t


def _key_label(screen: Screen[Any], key: str) -> str:
    return screen.app.get_key_display(Binding(key, ""))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Esc", show=True),
        Binding("question_mark", "dismiss", "?", show=False),
        Binding("q", "dismiss", "q", show=False),
    ]

    def __init__(self, target: Screen[Any]) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=True, header_style="bold", expand=True)
        table.add_column(t("help.key"), no_wrap=True, style="bold")
        table.add_column(t("help.action"))
        table.add_column(t("help.detail"), style="dim")
        seen: set[tuple[str, str]] = set()
        for binding in self._bindings_of_target():
            if not (binding.id or "").startswith("lasem."):
                continue
            if (binding.action, binding.description) in seen:
                continue
            seen.add((binding.action, binding.description))
            keys = " / ".join(_key_label(self.target, k.strip()) for k in binding.key.split(","))
            table.add_row(keys, binding.description, binding.tooltip or "")
        with Vertical(classes="dialog help"):
            yield Static(t("help.title"), classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(table, id="help-keys")
            yield Static(t("help.footer"), classes="dialog-subject", id="help-footer")
            yield Static(t("help.scroll"), classes="dialog-subject", id="help-scroll-keys")

    def on_mount(self) -> None:
        # The scrolling list has the focus, so its own keys (arrows, PageUp/PageDown,
        # Home/End) scroll it.
        self.query_one("#help-scroll", VerticalScroll).focus()

    def _bindings_of_target(self) -> Iterator[Binding]:
        nodes = [self.target.app, self.target]
        focused = self.target.focused
        if focused is not None:
            nodes.append(focused)
        for node in reversed(nodes):
            for items in node._bindings.key_to_bindings.values():
                yield from items

    async def action_dismiss(self, result: None = None) -> None:  # Esc, without a result
        self.dismiss(None)

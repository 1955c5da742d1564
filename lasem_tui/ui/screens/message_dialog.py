"""The facilitator's one-line message over the projector: set it, change it, clear it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from lasem_tui.i18n import t
from lasem_tui.store.projector import MESSAGE_LIMIT
from lasem_tui.ui.widgets.dialog_body import DialogBody
from lasem_tui.ui.widgets.text_input import TextInput


class MessageDialog(ModalScreen[str | None]):
    """Dismisses with the new message ("" clears it), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Esc", show=True)]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with DialogBody():
            yield Static(t("message.title"), classes="dialog-title")
            yield Static(t("message.hint"), classes="dialog-subject")
            yield TextInput(
                value=self.current,
                placeholder=t("message.placeholder"),
                max_length=MESSAGE_LIMIT,
                id="message",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("save"), variant="primary", id="save")
                yield Button(t("message.clear"), variant="warning", id="clear")
                yield Button(t("cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.dismiss(self.query_one("#message", Input).value.strip())

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss("")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

"""Ask before anything is removed or carried over: Yes / Cancel, Esc cancels."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from lasem_tui.i18n import t
from lasem_tui.ui.widgets.dialog_body import DialogBody


class ConfirmDialog(ModalScreen[bool]):
    """Dismisses with True only when the user confirms.

    With ``danger`` the confirm button is red and the focus starts on Cancel, so a
    stray Enter removes nothing.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Esc", show=False),
        Binding("q", "cancel", "q", show=False),
        Binding("y", "confirm", "y", show=False),
    ]

    def __init__(self, title: str, body: str, confirm: str, *, danger: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.confirm_label = confirm
        self.danger = danger

    def compose(self) -> ComposeResult:
        with DialogBody(classes="dialog confirm"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.body, id="confirm-body", markup=False)
            yield Static(t("confirm.keys"), classes="dialog-subject")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    self.confirm_label,
                    variant="error" if self.danger else "primary",
                    id="confirm",
                )
                yield Button(t("cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel" if self.danger else "#confirm", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)

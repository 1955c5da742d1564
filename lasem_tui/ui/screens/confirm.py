"""Ask before anything is destroyed or closed: a yes/no dialog that names the consequence."""

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
    """Dismisses with True only on an explicit yes; Escape and "no" are both False."""

    BINDINGS = [Binding("escape", "no", "Esc", show=True)]

    def __init__(self, title: str, message: str, *, yes: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes_label = yes or t("yes")

    def compose(self) -> ComposeResult:
        with DialogBody():
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-subject")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes_label, variant="error", id="yes")
                yield Button(t("no"), variant="primary", id="no")

    def on_mount(self) -> None:
        # The safe answer has the focus: Enter alone never destroys anything.
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)

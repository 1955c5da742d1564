"""Add or edit one record (a village, an issue, a reviewer): a few fields, Save, Cancel.

The dialog hands the typed text to a ``save`` callable that runs the store command.
A refusal is shown next to the field it names (or under the fields when it names
none) and the dialog stays open; nothing was written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from lasem_tui.i18n import t
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.ui.refusals import refusal_field, refusal_text
from lasem_tui.ui.widgets.dialog_body import DialogBody
from lasem_tui.ui.widgets.text_input import TextInput


@dataclass(frozen=True)
class FieldSpec:
    """One input: ``name`` is the store's field name, so a refusal finds its field."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    max_length: int = 0


class RecordDialog(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "cancel", "Esc", show=False)]

    def __init__(
        self,
        title: str,
        fields: Sequence[FieldSpec],
        save: Callable[[Mapping[str, str]], object],
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = tuple(fields)
        self.save = save

    def compose(self) -> ComposeResult:
        with DialogBody():
            yield Static(self.title_text, classes="dialog-title", markup=False)
            for spec in self.fields:
                yield Label(spec.label)
                yield TextInput(
                    value=spec.value,
                    placeholder=spec.placeholder,
                    max_length=spec.max_length,
                    id=f"field-{spec.name}",
                )
                yield Label("", id=f"error-{spec.name}", classes="dialog-error")
            yield Label("", id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("save"), variant="primary", id="save")
                yield Button(t("cancel"), id="cancel")

    def values(self) -> dict[str, str]:
        return {
            spec.name: self.query_one(f"#field-{spec.name}", Input).value for spec in self.fields
        }

    def _show_error(self, field: str | None, text: str) -> None:
        for label in self.query(".dialog-error").results(Label):
            label.update("")
            label.set_class(False, "-shown")
        names = {spec.name for spec in self.fields}
        target = f"#error-{field}" if field in names else "#dialog-error"
        label = self.query_one(target, Label)
        label.update(text)
        label.set_class(True, "-shown")
        if field in names:
            self.query_one(f"#field-{field}", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _submit(self) -> None:
        try:
            self.save(self.values())
        except (StoreError, DatabaseError) as exc:
            self._show_error(refusal_field(exc), refusal_text(exc))
            return
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)

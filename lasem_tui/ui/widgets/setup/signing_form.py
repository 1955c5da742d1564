"""Who signs the documents: per role a name, a jabatan and a NIP, one row each.

Like the meeting form, this form does not write: leaving a field with a changed value
posts ``SignatoryEdited`` with the role's three values; the setup screen runs the store
command and answers with ``show_signatories`` or ``show_error``.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label

from lasem_tui.i18n import t
from lasem_tui.store.signing import ROLES, SignatoryRow
from lasem_tui.ui.widgets.text_input import TextInput

PARTS = ("name", "jabatan", "nip")


class SigningForm(VerticalScroll, can_focus=False):
    class SignatoryEdited(Message):
        def __init__(self, role: str, values: dict[str, str], *, submitted: bool) -> None:
            super().__init__()
            self.role = role
            self.values = values
            self.submitted = submitted

    def __init__(self, signers: dict[str, SignatoryRow], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: dict[str, dict[str, str]] = {}
        self._set_shown(signers)

    def _set_shown(self, signers: dict[str, SignatoryRow]) -> None:
        for role in ROLES:
            row = signers.get(role)
            self._shown[role] = {
                "name": row.name if row else "",
                "jabatan": row.jabatan if row else "",
                "nip": row.nip if row else "",
            }

    def compose(self) -> ComposeResult:
        for role in ROLES:
            yield Label(t(f"signing.role.{role}"), classes="signing-role")
            for part in PARTS:
                with Horizontal(classes="field-row", id=f"sign-row-{role}-{part}"):
                    yield Label(t(f"signing.{part}"), classes="field-label")
                    yield TextInput(
                        self._shown[role][part],
                        placeholder="19700101 199003 1 001" if part == "nip" else "",
                        id=f"sign-{role}-{part}",
                        classes="field-input",
                        select_on_focus=False,
                        compact=True,
                    )
            yield Label("", id=f"sign-error-{role}", classes="field-error")

    def _values(self, role: str) -> dict[str, str]:
        return {part: self.query_one(f"#sign-{role}-{part}", Input).value for part in PARTS}

    def show_signatories(self, signers: dict[str, SignatoryRow]) -> None:
        self._set_shown(signers)
        for role in ROLES:
            for part in PARTS:
                widget = self.query_one(f"#sign-{role}-{part}", Input)
                if widget.value != self._shown[role][part]:
                    with widget.prevent(Input.Changed):
                        widget.value = self._shown[role][part]
            self.show_error(role, "")

    def show_error(self, role: str, text: str) -> None:
        label = self.query_one(f"#sign-error-{role}", Label)
        label.update(text)
        label.set_class(bool(text), "-shown")
        for part in PARTS:
            self.query_one(f"#sign-row-{role}-{part}").set_class(bool(text), "-invalid")

    def pending_edit(self) -> SignatoryEdited | None:
        focused = self.screen.focused
        if isinstance(focused, Input) and (focused.id or "").startswith("sign-"):
            role = (focused.id or "").split("-")[1]
            values = self._values(role)
            if values != self._shown[role]:
                return self.SignatoryEdited(role, values, submitted=False)
        return None

    def _edited(self, widget_id: str | None, *, submitted: bool) -> None:
        if not widget_id or not widget_id.startswith("sign-"):
            return
        role = widget_id.split("-")[1]
        values = self._values(role)
        if values == self._shown[role]:
            if submitted:
                self.screen.focus_next()
            return
        self.post_message(self.SignatoryEdited(role, values, submitted=submitted))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._edited(event.input.id, submitted=True)

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        event.stop()
        self._edited(event.input.id, submitted=False)

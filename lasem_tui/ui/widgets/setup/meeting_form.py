"""The meeting's own fields, one row each: label, input, a hint, and a line for errors.

The form does not write: when a field is left (Tab, Enter, a click elsewhere) with a
changed value it posts ``FieldEdited``; the setup screen runs the store command and
answers with ``show_meeting`` (committed) or ``show_error`` (refused, nothing written).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, Static

from lasem_tui import i18n
from lasem_tui.domain.dates import format_clock, format_date_long
from lasem_tui.domain.meeting_kinds import MeetingKind
from lasem_tui.domain.money import format_rupiah
from lasem_tui.domain.zones import zone
from lasem_tui.i18n import t
from lasem_tui.store.views import MeetingView
from lasem_tui.ui.widgets.text_input import TextInput


@dataclass(frozen=True)
class FieldDef:
    name: str
    widget: str = "input"  # input, kind, checkbox
    placeholder: str = ""


FIELDS = (
    FieldDef("title"),
    FieldDef("kind", "kind"),
    FieldDef("kecamatan"),
    FieldDef("kabupaten"),
    FieldDef("held_on", placeholder="dd/mm/yyyy"),
    FieldDef("venue"),
    FieldDef("desk_starts_at", placeholder="hh.mm"),
    FieldDef("desk_ends_at", placeholder="hh.mm"),
    FieldDef("ceiling", placeholder="Rp …"),
    FieldDef("hard_ceiling", "checkbox"),
    FieldDef("sipd_deadline", placeholder="dd/mm/yyyy"),
    FieldDef("next_meeting_on", placeholder="dd/mm/yyyy"),
    FieldDef("next_meeting_name"),
    FieldDef("office_address"),
    FieldDef("postal_code"),
    FieldDef("phone"),
    FieldDef("email"),
    FieldDef("logo_path", placeholder="/…/logo.png"),
    FieldDef("doc_number", placeholder="050/…/2023"),
    FieldDef("rkpd_year", placeholder="2024"),
    FieldDef("timezone", placeholder="WIB / WITA / WIT"),
)
DATE_FIELDS = ("held_on", "sipd_deadline", "next_meeting_on")
TIME_FIELDS = ("desk_starts_at", "desk_ends_at")


def field_text(meeting: MeetingView, name: str) -> str | bool:
    """The value of a field as the form shows it (and as the store reads it back)."""
    value = getattr(meeting, name)
    if name == "hard_ceiling":
        return bool(value)
    if value is None:
        return ""
    if name in DATE_FIELDS:
        day: str = value.strftime("%d/%m/%Y")
        return day
    if name in TIME_FIELDS:
        # On the meeting's own clock, as typed and as the documents print it.
        return format_clock(value.astimezone(zone(meeting.timezone)))
    if name == "ceiling":
        return format_rupiah(value)
    return str(value)


def field_hint(meeting: MeetingView, name: str) -> str:
    value = getattr(meeting, name)
    if value is None:
        return ""
    if name in DATE_FIELDS:
        return format_date_long(value, i18n.get_language())
    return ""


class MeetingForm(VerticalScroll, can_focus=False):
    class FieldEdited(Message):
        """A field was left with a value other than the stored one."""

        def __init__(self, name: str, value: str | bool, *, submitted: bool = False) -> None:
            super().__init__()
            self.name = name
            self.value = value
            #: Left with Enter: on success the focus moves on to the next field.
            self.submitted = submitted

    def __init__(self, meeting: MeetingView, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.meeting = meeting
        self._shown: dict[str, str | bool] = {}

    def compose(self) -> ComposeResult:
        for spec in FIELDS:
            with Horizontal(classes="field-row", id=f"row-{spec.name}"):
                yield Label(t(f"field.{spec.name}"), classes="field-label")
                value = field_text(self.meeting, spec.name)
                if spec.widget == "kind":
                    yield Select(
                        [(t(kind.label_key), kind.value) for kind in MeetingKind],
                        value=self.meeting.kind,
                        allow_blank=False,
                        compact=True,
                        id=f"field-{spec.name}",
                        classes="field-input",
                    )
                elif spec.widget == "checkbox":
                    yield Checkbox(
                        t("setup_ui.hard_ceiling_label"),
                        bool(value),
                        compact=True,
                        id=f"field-{spec.name}",
                    )
                else:
                    yield TextInput(
                        str(value),
                        placeholder=spec.placeholder,
                        id=f"field-{spec.name}",
                        classes="field-input",
                        select_on_focus=False,
                        compact=True,
                    )
                yield Static(
                    field_hint(self.meeting, spec.name),
                    id=f"hint-{spec.name}",
                    classes="field-hint",
                    markup=False,
                )
            yield Label("", id=f"error-{spec.name}", classes="field-error")
            self._shown[spec.name] = value

    # --- from the screen -------------------------------------------------------------------

    def show_meeting(self, meeting: MeetingView) -> None:
        """The meeting as committed: every field and hint, errors cleared."""
        self.meeting = meeting
        for spec in FIELDS:
            value = field_text(meeting, spec.name)
            self._shown[spec.name] = value
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Input) and widget.value != value:
                with widget.prevent(Input.Changed):
                    widget.value = str(value)
            elif isinstance(widget, Select) and widget.value != meeting.kind:
                with widget.prevent(Select.Changed):
                    widget.value = meeting.kind
            elif isinstance(widget, Checkbox) and widget.value != value:
                with widget.prevent(Checkbox.Changed):
                    widget.value = bool(value)
            self.query_one(f"#hint-{spec.name}", Static).update(field_hint(meeting, spec.name))
            self.show_error(spec.name, "")

    def show_error(self, name: str, text: str) -> None:
        label = self.query_one(f"#error-{name}", Label)
        label.update(text)
        label.set_class(bool(text), "-shown")
        self.query_one(f"#row-{name}").set_class(bool(text), "-invalid")

    def revert(self, name: str) -> None:
        """Put a checkbox or a choice back after a refusal (a typed text stays to be fixed)."""
        widget = self.query_one(f"#field-{name}")
        if isinstance(widget, Checkbox):
            with widget.prevent(Checkbox.Changed):
                widget.value = bool(self._shown[name])
        elif isinstance(widget, Select):
            with widget.prevent(Select.Changed):
                widget.value = self.meeting.kind

    def pending_edit(self) -> FieldEdited | None:
        """The focused input's edit not yet handed over (used when the screen closes)."""
        focused = self.screen.focused
        if isinstance(focused, Input) and focused.id and focused.id.startswith("field-"):
            name = focused.id.removeprefix("field-")
            if focused.value != self._shown.get(name):
                return self.FieldEdited(name, focused.value)
        return None

    # --- from the widgets ------------------------------------------------------------------

    def _edited(self, widget_id: str | None, value: str | bool, *, submitted: bool = False) -> None:
        if not widget_id or not widget_id.startswith("field-"):
            return
        name = widget_id.removeprefix("field-")
        if value == self._shown.get(name):
            if submitted:
                self.screen.focus_next()
            return
        self.post_message(self.FieldEdited(name, value, submitted=submitted))

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._edited(event.input.id, event.value, submitted=True)

    @on(Input.Blurred)
    def _input_left(self, event: Input.Blurred) -> None:
        event.stop()
        self._edited(event.input.id, event.value)

    @on(Select.Changed)
    def _kind_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            self._edited(event.select.id, event.value)

    @on(Checkbox.Changed)
    def _checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._edited(event.checkbox.id, event.value)

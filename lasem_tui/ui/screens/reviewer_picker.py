"""Hand the keyboard over: pick the next reviewer (highlighted) or add a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from lasem_tui.i18n import t
from lasem_tui.store import desk as commands
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.store.views import ReviewerView
from lasem_tui.ui.refusals import refusal_text
from lasem_tui.ui.widgets.dialog_body import DialogBody
from lasem_tui.ui.widgets.text_input import TextInput

if TYPE_CHECKING:
    from lasem_tui.ui.app import LasemApp


class ReviewerPicker(ModalScreen[int | str | None]):
    """Dismisses with a reviewer id (one chosen, or one just added with its
    institution), or None. (A ``str`` result, a name for the caller to add, is no longer
    returned; callers still accept it.)"""

    BINDINGS = [
        Binding("escape", "cancel", "Esc", show=True),
        # q goes back on every screen but the desk (a typed q stays in the name field).
        Binding("q", "cancel", "q", show=False),
    ]

    def __init__(
        self, reviewers: tuple[ReviewerView, ...], current: int | None, suggested: int | None
    ) -> None:
        super().__init__()
        self.reviewers = reviewers
        self.current = current
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with DialogBody():
            yield Static(t("picker.title"), classes="dialog-title")
            options = []
            for reviewer in self.reviewers:
                label = reviewer.name + (f"  ({reviewer.role})" if reviewer.role else "")
                if reviewer.id == self.current:
                    label += f"  · {t('picker.current')}"
                options.append(Option(label, id=str(reviewer.id)))
            yield OptionList(*options, id="reviewers", markup=False)
            yield Label(t("picker.add"))
            yield TextInput(
                placeholder=t("picker.add_placeholder"), id="new-reviewer", max_length=200
            )
            yield Label(t("picker.institution"))
            yield TextInput(
                placeholder=t("picker.institution_placeholder"), id="institution", max_length=200
            )
            yield Label("", id="dialog-error", classes="dialog-error")

    def on_mount(self) -> None:
        options = self.query_one("#reviewers", OptionList)
        if self.suggested is not None:
            options.highlighted = options.get_option_index(str(self.suggested))
        if self.reviewers:
            options.focus()
        else:
            self.query_one("#new-reviewer", Input).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    @on(Input.Submitted)
    def _added(self, event: Input.Submitted) -> None:
        """Enter in the name or the institution adds the reviewer, with the institution
        (BAPPEDA, Kecamatan, a dinas) stored as the reviewer's role, and picks them."""
        name = self.query_one("#new-reviewer", Input).value.strip()
        error = self.query_one("#dialog-error", Label)
        if not name:
            error.update(t("name_required"))
            error.set_class(True, "-shown")
            self.query_one("#new-reviewer", Input).focus()
            return
        institution = self.query_one("#institution", Input).value.strip()
        app = cast("LasemApp", self.app)  # the picker opens on the desk, in LasemApp
        meeting_id = app.meeting_id
        assert meeting_id is not None, "the desk has its meeting open"
        try:
            new_id = commands.add_reviewer(
                app.db,
                meeting_id,
                name,
                institution,
                reviewer_id=app.reviewer_id(),
            )
        except (StoreError, DatabaseError) as exc:
            error.update(refusal_text(exc))
            error.set_class(True, "-shown")
            return
        self.dismiss(new_id)

    def action_cancel(self) -> None:
        self.dismiss(None)

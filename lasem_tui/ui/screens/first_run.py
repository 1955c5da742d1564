"""First run: the database holds no meeting yet. Start from the Lasem template, from
nothing, or with the demo; the app then opens it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from lasem_tui.i18n import t
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.ui.bindings import Localized
from lasem_tui.ui.new_meeting import NewMeeting, create
from lasem_tui.ui.refusals import refusal_text
from lasem_tui.ui.widgets.dialog_body import DialogBody
from lasem_tui.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from lasem_tui.store.database import Database


class OpenMeeting(Protocol):
    def __call__(self, meeting_id: int, *, setup: bool = False) -> None: ...


class FirstRunScreen(Localized, Screen[None]):
    CSS_PATH = Path(__file__).with_name("first_run.tcss")
    AUTO_FOCUS = "#choices"

    def __init__(self, db: Database, open_meeting: OpenMeeting) -> None:
        """``open_meeting(meeting_id, setup=...)`` shows the new meeting's desk."""
        super().__init__()
        self.db = db
        self.open_meeting = open_meeting

    def compose(self) -> ComposeResult:
        with DialogBody(id="welcome"):
            yield Static(t("new.welcome"), classes="dialog-title")
            yield Static(t("new.empty_db"), classes="dialog-subject")
            yield OptionList(
                *(
                    Option(f"{t(f'new.{c.value}')}\n  {t(f'new.{c.value}.help')}", id=c.value)
                    for c in NewMeeting
                ),
                id="choices",
            )
            yield Static(t("new.where", url=self.db.url), classes="dialog-subject")
        yield KeyFooter(show_command_palette=False)

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = NewMeeting(event.option.id or NewMeeting.TEMPLATE.value)
        try:
            meeting_id = create(self.db, choice)
        except (StoreError, DatabaseError) as exc:
            self.notify(refusal_text(exc), severity="error", timeout=10, markup=False)
            return
        self.open_meeting(meeting_id, setup=choice.wants_setup)

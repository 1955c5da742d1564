"""``g``: merge the highlighted proposal into another of the meeting (digabung).

A searchable list of the meeting's proposals (any village), a reason, and optionally
the target's new amount, all written by ``store.fit.merge`` in one step. Dismisses with
``(merged, target)`` as committed, or None when cancelled.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from lasem_tui.domain.decisions import DecisionError
from lasem_tui.domain.money import AmountError, format_number, parse_amount
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.i18n import t
from lasem_tui.store import fit as fit_commands
from lasem_tui.store import queries
from lasem_tui.store.database import Database
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.refusals import refusal_text
from lasem_tui.ui.widgets.dialog_body import DialogBody
from lasem_tui.ui.widgets.text_input import TextInput

MergeResult = tuple[ProposalRow, ProposalRow]
#: The columns of a target's line before its title (village, number, amount).
LEAD_WIDTH = 12 + 1 + 7 + 1 + 13 + 2


class MergePicker(ModalScreen[MergeResult | None]):
    CSS_PATH = Path(__file__).with_name("fit.tcss")
    BINDINGS = [Binding("escape", "cancel", "Esc"), Binding("ctrl+s", "save", show=False)]

    def __init__(
        self, db: Database, meeting_id: int, reviewer_id: int | None, proposal: ProposalRow
    ) -> None:
        super().__init__()
        self.db = db
        self.meeting_id = meeting_id
        self.reviewer_id = reviewer_id
        self.proposal = proposal
        with db.read() as session:
            everything = queries.meeting_proposals(session, meeting_id)
        self.candidates: list[tuple[str, ProposalRow]] = [
            (village, row)
            for village, row in everything
            if row.id != proposal.id and row.status is not ProposalStatus.MERGED
        ]
        self.target: ProposalRow | None = None

    def compose(self) -> ComposeResult:
        p = self.proposal
        # As in the decision dialogs: the title (what is merged) and the buttons stay in
        # view; the search, the list and the fields between them scroll when short.
        with Vertical(classes="dialog decision fit-dialog merge"):
            yield Static(Text(t("merge.title", ref=p.ref, title=p.title)), classes="dialog-title")
            with DialogBody(classes="decision-fields"):
                yield TextInput(placeholder=t("merge.search"), id="merge-search")
                yield OptionList(id="merge-targets")
                yield Label(t("merge.reason"))
                yield TextInput(id="merge-reason")
                yield Label(t("merge.amount"))
                yield TextInput(id="merge-amount", select_on_focus=True)
                yield Label(t("merge.note"))
                yield TextInput(id="merge-note")
            # Outside the scrolling part: why Save was refused is never scrolled away.
            yield Label("", id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("merge.save"), variant="primary", id="save")
                yield Button(t("merge.cancel"), id="cancel")

    def on_mount(self) -> None:
        self._filter("")
        # Once laid out, the list knows its width: cut the titles to it.
        self.call_after_refresh(self.on_resize)

    @staticmethod
    def _option_text(village: str, row: ProposalRow, title_width: int | None) -> Text:
        # One line per proposal (OptionList wraps what is longer): a wrapped amount
        # doubled every row and pushed the buttons off a 120x36 screen. On a narrow
        # terminal the title is cut to what fits; the search still finds any word of it.
        title = row.title
        if title_width is not None and len(title) > title_width:
            title = title[: title_width - 1] + "…"
        return Text(f"{village[:12]:<12} {row.ref:<7} {format_number(row.requested):>13}  {title}")

    def _title_width(self) -> int | None:
        """What is left of the list's width for a title; None before the first layout."""
        width = self.query_one("#merge-targets", OptionList).scrollable_content_region.width
        return max(12, width - LEAD_WIDTH) if width else None

    def on_resize(self) -> None:
        # A terminal resized: the titles are cut to the list's new width.
        self._filter(self.query_one("#merge-search", Input).value)

    def _filter(self, query: str) -> None:
        words = query.casefold().split()
        options = self.query_one("#merge-targets", OptionList)
        title_width = self._title_width()
        options.clear_options()
        shown = []
        for village, row in self.candidates:
            haystack = f"{village} {row.ref} {row.title}".casefold()
            if all(word in haystack for word in words):
                shown.append(Option(self._option_text(village, row, title_width), id=str(row.id)))
            if len(shown) >= 200:  # a regency's list: type to narrow it
                break
        options.add_options(shown)
        if shown:
            options.highlighted = 0
            self._pick(int(shown[0].id or 0))

    def _pick(self, proposal_id: int) -> None:
        self.target = next((row for _, row in self.candidates if row.id == proposal_id), None)
        if self.target is not None:
            amount = self.query_one("#merge-amount", Input)
            if not amount.value:
                amount.placeholder = format_number(self.target.requested)

    @on(Input.Changed, "#merge-search")
    def _searched(self, event: Input.Changed) -> None:
        self._filter(event.value)

    @on(OptionList.OptionHighlighted, "#merge-targets")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._pick(int(event.option.id))

    def _refuse(self, text: str) -> None:
        label = self.query_one("#dialog-error", Label)
        label.update(Text(text))
        label.set_class(True, "-shown")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "merge-search":
            self.query_one("#merge-targets", OptionList).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        if self.target is None:
            self._refuse(t("merge.pick_target"))
            return
        typed = self.query_one("#merge-amount", Input).value.strip()
        try:
            amount = parse_amount(typed) if typed else None
        except AmountError as exc:
            self._refuse(t(exc.code))
            return
        try:
            result = fit_commands.merge(
                self.db,
                self.meeting_id,
                self.proposal.id,
                self.target.id,
                self.query_one("#merge-reason", Input).value,
                reviewer_id=self.reviewer_id,
                expected_version=self.proposal.version,
                target_amount=amount,
                target_note=self.query_one("#merge-note", Input).value,
                target_version=self.target.version,
            )
        except (StoreError, DatabaseError, DecisionError) as exc:
            self._refuse(refusal_text(exc))
            return
        self.dismiss(result)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

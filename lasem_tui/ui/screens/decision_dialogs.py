"""Dialogs for decisions that need more than one key: adjust, reject, defer or redirect.

They validate as the user types with the same domain rules the store applies, show the
problem inline, and only dismiss with a valid ``Decision``.

They never throw typed text away without a word: Save is never disabled (Tab from the
text goes to it, not past it to Cancel), Enter anywhere saves when the decision is
valid and otherwise says why; a letter typed while a button has the focus goes to the
text field; and Cancel or Esc with text typed asks first.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from lasem_tui.domain import decisions
from lasem_tui.domain import kamus as kamus_math
from lasem_tui.domain.decisions import Decision, DecisionError
from lasem_tui.domain.fit import Fit, left_after_amount
from lasem_tui.domain.money import (
    AmountError,
    VolumeError,
    format_number,
    format_rupiah,
    format_volume,
    parse_amount,
    parse_volume,
)
from lasem_tui.domain.states import FundingSource, ProposalStatus
from lasem_tui.i18n import t
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.screens.confirm import ConfirmDialog
from lasem_tui.ui.widgets.dialog_body import DialogBody
from lasem_tui.ui.widgets.text_input import TextInput


def _error_text(exc: Exception) -> str:
    code = getattr(exc, "code", "")
    params = getattr(exc, "params", {}) or {}
    return t(code, **params) if code else str(exc)


class DecisionDialog(ModalScreen[Decision | None]):
    """Common frame: a title naming the proposal, an inline error line, Save and Cancel.

    Subclasses set ``TITLE_KEY``, yield their inputs from ``compose_fields`` and build
    the decision in ``validate_decision`` (raising a domain error when it is not valid).
    """

    BINDINGS = [Binding("escape", "cancel", "Esc", show=True)]
    TITLE_KEY = ""
    #: The field a letter typed on a button goes to.
    TEXT_FIELD = "#reason"

    def __init__(self, proposal: ProposalRow) -> None:
        super().__init__()
        self.proposal = proposal
        self._initial: dict[str, str] = {}

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def validate_decision(self) -> Decision:
        return decisions.accept(self.proposal.requested, self.proposal.volume)

    def compose(self) -> ComposeResult:
        # The heading (the proposal and its amount) and the buttons stay in view; only
        # the fields between them scroll on a small terminal (80x24).
        with Vertical(classes="dialog decision"):
            yield Static(t(self.TITLE_KEY), classes="dialog-title")
            p = self.proposal
            yield Static(
                f"{p.ref}  {p.title}\n{t('dialog.requested')}: {format_rupiah(p.requested)}"
                f"  ·  {t('dialog.volume')}: {format_volume(p.volume)} {p.unit}",
                classes="dialog-subject",
            )
            with DialogBody(classes="decision-fields"):
                yield from self.compose_fields()
                yield Label("", id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("save"), variant="primary", id="save")
                yield Button(t("cancel"), id="cancel")

    def on_mount(self) -> None:
        # Nothing typed yet: no scolding before a key.
        self._initial = {str(i.id): i.value for i in self.query(Input)}
        self.revalidate(quiet=True)

    def typed(self) -> bool:
        """Whether any field differs from what the dialog opened with."""
        return any(self._initial.get(str(i.id), "") != i.value for i in self.query(Input))

    def revalidate(self, *, quiet: bool = False) -> Decision | None:
        label = self.query_one("#dialog-error", Label)
        try:
            decision = self.validate_decision()
        except (DecisionError, AmountError, VolumeError) as exc:
            label.update(_error_text(exc))
            label.set_class(not quiet, "-shown")
            return None
        label.update("")
        label.set_class(False, "-shown")
        return decision

    def on_key(self, event: events.Key) -> None:
        """Enter saves (or says why not) wherever the focus is but Cancel; a letter
        typed while a button or choice has the focus goes to the text field."""
        focused = self.focused
        if isinstance(focused, Input):
            return
        if event.key == "enter":
            if isinstance(focused, Button) and focused.id == "cancel":
                return  # pressing Cancel: it asks when text is typed
            if isinstance(focused, Select) and focused.expanded:
                return  # choosing a funding source
            event.prevent_default()
            event.stop()
            self._submit()
            return
        if event.is_printable and event.character and isinstance(focused, Button):
            field = self.query_one(self.TEXT_FIELD, Input)
            if field.display:
                event.prevent_default()
                event.stop()
                field.focus()
                field.insert_text_at_cursor(event.character)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(RadioSet.Changed)
    def _changed(self) -> None:
        self.revalidate()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _submit(self) -> None:
        decision = self.revalidate()
        if decision is not None:
            self.dismiss(decision)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self.typed():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                t("dialog.discard_title"),
                t("dialog.discard_body"),
                t("dialog.discard"),
                danger=True,
            ),
            answered,
        )


class AdjustDialog(DecisionDialog):
    """Accept with a new amount and/or volume; a note explains the change. The OPD may
    be changed too (re-routing; the one first proposed is kept). Given the village's
    ``fit``, it shows as you type what is left after this amount and where the pagu
    line would then fall.

    For a proposal linked to the kamus usulan the unit price is shown: typing a volume
    recomputes the amount (volume x unit price) and typing an amount shows the volume it
    comes to. The caller hands it the linked entry's ``unit_price`` and ``kamus_unit``
    (the desk reads them once per village); the dialog reads no database.
    """

    TITLE_KEY = "dialog.adjust_title"
    TEXT_FIELD = "#note"

    def __init__(
        self,
        proposal: ProposalRow,
        fit: Fit | None = None,
        *,
        unit_price: int | None = None,
        kamus_unit: str = "",
    ) -> None:
        super().__init__(proposal)
        self.fit = fit
        self.unit_price = unit_price
        self.kamus_unit = kamus_unit or proposal.unit
        #: Whether the volume was typed: the field's own value, as the dialog opens it,
        #: is no request to recompute the amount (that would overwrite the request).
        self._volume_typed_once = False

    def compose_fields(self) -> ComposeResult:
        p = self.proposal
        yield Static("", id="kamus-price", classes="dialog-subject")
        yield Label(t("dialog.new_amount"))
        yield TextInput(value=format_number(p.requested), id="amount", select_on_focus=True)
        yield Static("", id="fit-preview", classes="dialog-subject")
        yield Label(t("dialog.new_volume"))
        yield TextInput(value=format_volume(p.volume) if p.volume is not None else "", id="volume")
        yield Static("", id="kamus-hint")
        yield Label(t("dialog.note"))
        yield TextInput(
            placeholder=t("dialog.note_placeholder"),
            id="note",
            max_length=2000,
            select_on_focus=False,
        )
        yield Label(t("adjust.agency"))
        yield TextInput(value=p.agency, id="agency", max_length=200, select_on_focus=False)

    def revalidate(self, *, quiet: bool = False) -> Decision | None:
        decision = super().revalidate(quiet=quiet)
        if self.fit is not None:
            preview = self.query_one("#fit-preview", Static)
            try:
                amount = parse_amount(self.query_one("#amount", Input).value)
            except AmountError:
                preview.update("")
                return decision
            left, line_after = left_after_amount(self.fit, self.proposal.id, amount)
            preview.update(
                Text(
                    t(
                        "adjust.fit_preview",
                        left="-" if left is None else format_rupiah(left),
                        count=line_after,
                    )
                )
            )
        return decision

    def on_mount(self) -> None:
        super().on_mount()
        price = self.query_one("#kamus-price", Static)
        price.display = bool(self.unit_price)
        self.query_one("#kamus-hint", Static).display = bool(self.unit_price)
        if self.unit_price:
            price.update(
                t("kamus.unit_price", price=format_rupiah(self.unit_price), unit=self.kamus_unit)
            )

    @on(Input.Changed, "#volume")
    def _volume_typed(self, event: Input.Changed) -> None:
        """Volume x unit price into the amount (which then validates as typed)."""
        if not self._volume_typed_once and event.value == self._initial.get("volume"):
            return
        self._volume_typed_once = True
        if not self.unit_price or not event.value.strip():
            return
        try:
            volume = parse_volume(event.value)
        except VolumeError:
            return
        amount = kamus_math.amount_for(volume, self.unit_price)
        if amount is None:
            return
        self.query_one("#amount", Input).value = format_number(amount)
        self.query_one("#kamus-hint", Static).update(
            t("kamus.recomputed", amount=format_rupiah(amount))
        )

    @on(Input.Changed, "#amount")
    def _amount_typed(self, event: Input.Changed) -> None:
        """The volume an amount comes to at the unit price, said, not imposed."""
        if not self.unit_price:
            return
        try:
            amount = parse_amount(event.value)
        except AmountError:
            return
        volume_text = self.query_one("#volume", Input).value
        try:
            volume = parse_volume(volume_text) if volume_text.strip() else None
        except VolumeError:
            volume = None
        if volume is not None and kamus_math.amount_for(volume, self.unit_price) == amount:
            return  # the amount is the volume's: the recomputed line stands
        implied = kamus_math.implied_volume(amount, self.unit_price)
        self.query_one("#kamus-hint", Static).update(
            t("kamus.implied_volume", volume=format_volume(implied), unit=self.kamus_unit)
        )

    def validate_decision(self) -> Decision:
        p = self.proposal
        amount_text = self.query_one("#amount", Input).value
        volume_text = self.query_one("#volume", Input).value
        amount = parse_amount(amount_text)
        new_volume = parse_volume(volume_text) if volume_text.strip() else None
        if new_volume is not None and p.volume is not None and new_volume == p.volume:
            new_volume = None
        return decisions.adjust(
            p.requested,
            p.volume,
            amount=None if amount == p.requested else amount,
            new_volume=new_volume,
            note=self.query_one("#note", Input).value,
            agency=self._agency(),
        )

    def _agency(self) -> str | None:
        typed = " ".join(self.query_one("#agency", Input).value.split())
        return None if typed == self.proposal.agency else decisions.reroute(typed)


class RejectDialog(DecisionDialog):
    TITLE_KEY = "dialog.reject_title"

    def compose_fields(self) -> ComposeResult:
        yield Label(t("dialog.reason"))
        yield TextInput(
            placeholder=t("dialog.reason_placeholder"),
            id="reason",
            max_length=2000,
            select_on_focus=False,
        )

    def validate_decision(self) -> Decision:
        return decisions.refuse(ProposalStatus.REJECTED, self.query_one("#reason", Input).value)


class DeferDialog(DecisionDialog):
    """Defer to a later year, or redirect to another funding source."""

    TITLE_KEY = "dialog.defer_title"

    def compose_fields(self) -> ComposeResult:
        with RadioSet(id="kind"):
            yield RadioButton(t("status.deferred"), value=True, id="deferred")
            yield RadioButton(t("status.redirected"), id="redirected")
        yield Label(t("dialog.funding"), id="funding-label")
        yield Select(
            [(t(f"source.{s.value}"), s.value) for s in FundingSource],
            prompt=t("dialog.funding_prompt"),
            id="funding",
        )
        yield Label(t("dialog.reason"))
        yield TextInput(
            placeholder=t("dialog.reason_placeholder"),
            id="reason",
            max_length=2000,
            select_on_focus=False,
        )

    def on_mount(self) -> None:
        super().on_mount()
        self._show_funding()
        self.query_one("#reason", Input).focus()

    def _redirect(self) -> bool:
        return self.query_one("#redirected", RadioButton).value

    def _show_funding(self) -> None:
        redirect = self._redirect()
        self.query_one("#funding", Select).display = redirect
        self.query_one("#funding-label", Label).display = redirect

    @on(RadioSet.Changed)
    def _kind_changed(self) -> None:
        self._show_funding()

    def validate_decision(self) -> Decision:
        reason = self.query_one("#reason", Input).value
        if not self._redirect():
            return decisions.refuse(ProposalStatus.DEFERRED, reason)
        value = self.query_one("#funding", Select).value
        source = FundingSource(value) if isinstance(value, str) else None
        return decisions.refuse(ProposalStatus.REDIRECTED, reason, source)

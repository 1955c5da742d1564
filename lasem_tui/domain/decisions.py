"""What a reviewer may decide about a proposal, checked before anything is written.

The dialogs call these checks as the user types (to show an inline message) and the
store calls them again inside the transaction, so a bad decision can never reach disk.
"""

from __future__ import annotations

from dataclasses import dataclass

from lasem_tui.domain.money import MAX_AMOUNT, MAX_VOLUME
from lasem_tui.domain.states import FundingSource, ProposalStatus
from lasem_tui.domain.text import clean_text

MAX_REASON = 2000


class DecisionError(ValueError):
    """A decision that breaks a rule; ``code`` is an i18n key naming the rule."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Decision:
    """The outcome to record for one proposal."""

    status: ProposalStatus
    approved: int | None = None
    volume: float | None = None
    reason: str = ""
    note: str = ""
    funding_source: FundingSource | None = None
    #: The OPD responsible from now on, when an accept or adjust re-routes the proposal
    #: (None keeps the current one).
    agency: str | None = None


def accept(requested: int, volume: float | None, *, agency: str | None = None) -> Decision:
    """Accepted as requested: the approved amount is the requested one."""
    return Decision(ProposalStatus.ACCEPTED, approved=requested, volume=volume, agency=agency)


def reroute(agency: str) -> str:
    """A new responsible OPD as typed: cleaned, and not empty."""
    agency = clean_text(agency)
    if not agency:
        raise DecisionError("agency_required")
    if len(agency) > 200:
        raise DecisionError("text_too_long", limit=200)
    return agency


def adjust(
    requested: int,
    volume: float | None,
    *,
    amount: int | None,
    new_volume: float | None,
    note: str = "",
    agency: str | None = None,
) -> Decision:
    """Accepted with a changed amount and/or volume (and perhaps another OPD).

    Going above the requested amount is unusual enough that it needs a note saying why.
    """
    note = clean_text(note)
    if amount is None and new_volume is None and agency is None:
        raise DecisionError("adjust_needs_change")
    approved = requested if amount is None else amount
    if approved < 0:
        raise DecisionError("amount_negative")
    if approved > MAX_AMOUNT:
        raise DecisionError("amount_too_large")
    if new_volume is not None and not 0 <= new_volume <= MAX_VOLUME:
        raise DecisionError("volume_invalid")
    if new_volume == 0:
        # Nothing built for the money: that is a rejection, not an adjustment.
        raise DecisionError("adjust_volume_zero")
    if approved == 0:
        raise DecisionError("adjust_zero")
    if approved > requested and not note:
        raise DecisionError("adjust_above_needs_note")
    final_volume = volume if new_volume is None else new_volume
    if approved == requested and final_volume == volume and agency is None:
        raise DecisionError("adjust_needs_change")
    if len(note) > MAX_REASON:
        raise DecisionError("text_too_long", limit=MAX_REASON)
    return Decision(
        ProposalStatus.ADJUSTED, approved=approved, volume=final_volume, note=note, agency=agency
    )


def refuse(
    status: ProposalStatus, reason: str, funding_source: FundingSource | None = None
) -> Decision:
    """Rejected, deferred or redirected: a reason always, a funding source for redirects."""
    if not status.needs_reason:
        raise ValueError(f"{status} is not a refusal")
    reason = clean_text(reason)
    if not reason:
        raise DecisionError("reason_required")
    if len(reason) > MAX_REASON:
        raise DecisionError("text_too_long", limit=MAX_REASON)
    if status is ProposalStatus.REDIRECTED and funding_source is None:
        raise DecisionError("funding_source_required")
    if status is not ProposalStatus.REDIRECTED:
        funding_source = None
    return Decision(status, reason=reason, funding_source=funding_source)

"""Decision rules, the tally and the desk clock."""

from datetime import datetime, timedelta

import pytest

from lasem_tui.domain import decisions
from lasem_tui.domain.clock import desk_clock
from lasem_tui.domain.decisions import DecisionError
from lasem_tui.domain.states import FundingSource, ProposalStatus
from lasem_tui.domain.tally import ProposalFigures, tally_of


def test_accept_approves_the_requested_amount() -> None:
    decision = decisions.accept(100, 2.0)
    assert decision.status is ProposalStatus.ACCEPTED
    assert decision.approved == 100


def test_adjust_above_request_needs_a_note() -> None:
    with pytest.raises(DecisionError) as caught:
        decisions.adjust(100, 1.0, amount=150, new_volume=None)
    assert caught.value.code == "adjust_above_needs_note"
    assert (
        decisions.adjust(100, 1.0, amount=150, new_volume=None, note="harga naik").approved == 150
    )


def test_adjust_must_change_something() -> None:
    with pytest.raises(DecisionError) as caught:
        decisions.adjust(100, 1.0, amount=None, new_volume=None)
    assert caught.value.code == "adjust_needs_change"


def test_refusals_need_a_reason_and_redirects_a_source() -> None:
    with pytest.raises(DecisionError) as caught:
        decisions.refuse(ProposalStatus.REJECTED, "   ")
    assert caught.value.code == "reason_required"
    with pytest.raises(DecisionError) as caught:
        decisions.refuse(ProposalStatus.REDIRECTED, "Dana Desa")
    assert caught.value.code == "funding_source_required"
    redirect = decisions.refuse(ProposalStatus.REDIRECTED, "Dana Desa", FundingSource.APBDES)
    assert redirect.funding_source is FundingSource.APBDES


def test_tally_counts_only_accepted_and_adjusted() -> None:
    tally = tally_of(
        [
            ProposalFigures(ProposalStatus.ACCEPTED, 100, 100),
            ProposalFigures(ProposalStatus.ADJUSTED, 100, 60),
            ProposalFigures(ProposalStatus.REJECTED, 100, None),
            ProposalFigures(ProposalStatus.PENDING, 100, None),
        ],
        ceiling=120,
    )
    assert tally.approved == 160
    assert tally.requested == 400
    assert tally.is_over and tally.over == 40
    assert tally.count(ProposalStatus.PENDING) == 1


def test_desk_clock_shares_time_left_over_the_villages_waiting() -> None:
    start = datetime(2023, 2, 17, 9, 0).astimezone()
    clock = desk_clock(
        now=start + timedelta(minutes=12),
        planned_end=start + timedelta(hours=2),
        waiting=11,
        current_started_at=start,
    )
    assert clock.planned_seconds == pytest.approx(600)
    assert clock.left_seconds == pytest.approx(-120)
    assert clock.level == "over"
    # 0 minutes left of the share for the current, 11 more at 10 minutes each.
    assert clock.projected_end == start + timedelta(minutes=12 + 110)

"""The minutes text, finalising and reopening: each one transaction, each logged."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from lasem_tui.domain import decisions
from lasem_tui.domain.states import EventKind, ProposalStatus
from lasem_tui.store import desk, minutes, queries
from lasem_tui.store.errors import (
    ConflictError,
    MeetingClosedError,
    NoReviewerError,
    NothingToDoError,
)
from lasem_tui.store.models import Event


def _events(db, meeting_id: int, kind: EventKind) -> list[Event]:
    with db.read() as session:
        return list(
            session.exec(
                select(Event).where(Event.meeting_id == meeting_id, Event.kind == kind.value)
            )
        )


def _reviewer(db, meeting_id: int) -> int:
    with db.read() as session:
        return queries.reviewers(session, meeting_id)[0].id


def _pending(db, meeting_id: int):
    with db.read() as session:
        rows = queries.meeting_proposals(session, meeting_id)
    return next(p for _, p in rows if p.status is ProposalStatus.PENDING)


def test_save_stores_text_as_typed_and_logs_the_reviewer(db, fresh_demo):
    reviewer = _reviewer(db, fresh_demo)
    text = "# Notulen\n\n  indented line\r\nJum’at café\x07\n"
    view = minutes.save_minutes(db, fresh_demo, text, reviewer_id=reviewer)
    assert view.text == "# Notulen\n\n  indented line\nJum’at café\n"
    assert minutes.get_minutes(db, fresh_demo).text == view.text
    saves = _events(db, fresh_demo, EventKind.MINUTES_SAVE)
    assert len(saves) == 1
    assert saves[0].reviewer_id == reviewer
    assert json.loads(saves[0].after)["chars"] == len(view.text)


def test_an_unchanged_save_writes_no_event(db, fresh_demo):
    minutes.save_minutes(db, fresh_demo, "a", reviewer_id=None)
    minutes.save_minutes(db, fresh_demo, "a", reviewer_id=None)
    assert len(_events(db, fresh_demo, EventKind.MINUTES_SAVE)) == 1


def test_a_save_overtaken_by_another_desk_is_refused(db, fresh_demo):
    first = minutes.save_minutes(db, fresh_demo, "one", reviewer_id=None)
    minutes.save_minutes(db, fresh_demo, "two", reviewer_id=None, expected_version=first.version)
    with pytest.raises(ConflictError):
        minutes.save_minutes(
            db, fresh_demo, "three", reviewer_id=None, expected_version=first.version
        )
    assert minutes.get_minutes(db, fresh_demo).text == "two"


def test_finalise_refuses_decisions_until_reopened(db, fresh_demo):
    reviewer = _reviewer(db, fresh_demo)
    proposal = _pending(db, fresh_demo)
    accept = decisions.accept(proposal.requested, proposal.volume)

    closed = minutes.finalise(db, fresh_demo, reviewer_id=reviewer, text="Notulen final")
    assert closed.is_final
    assert closed.text == "Notulen final"
    with pytest.raises(MeetingClosedError):
        desk.decide(db, fresh_demo, proposal.id, accept, reviewer_id=reviewer, expected_version=0)
    with pytest.raises(MeetingClosedError):
        minutes.save_minutes(db, fresh_demo, "changed", reviewer_id=reviewer)
    with pytest.raises(NothingToDoError):
        minutes.finalise(db, fresh_demo, reviewer_id=reviewer)

    reopened = minutes.reopen(db, fresh_demo, reviewer_id=reviewer)
    assert not reopened.is_final
    row = desk.decide(db, fresh_demo, proposal.id, accept, reviewer_id=reviewer, expected_version=0)
    assert row.status is ProposalStatus.ACCEPTED

    close_events = _events(db, fresh_demo, EventKind.MEETING_CLOSE)
    reopen_events = _events(db, fresh_demo, EventKind.MEETING_REOPEN)
    assert [e.reviewer_id for e in close_events] == [reviewer]
    assert [e.reviewer_id for e in reopen_events] == [reviewer]
    with pytest.raises(NothingToDoError):
        minutes.reopen(db, fresh_demo, reviewer_id=reviewer)


def test_finalise_and_reopen_need_a_reviewer(db, fresh_demo):
    with pytest.raises(NoReviewerError):
        minutes.finalise(db, fresh_demo, reviewer_id=None)
    assert not minutes.get_minutes(db, fresh_demo).is_final

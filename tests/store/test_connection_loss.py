"""A desk whose PostgreSQL server goes away says so, refuses commands, and recovers.

These tests stop and restart a server, so each gets its own throwaway one from
``tests/pg_server.py`` instead of the shared server the other tests use.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import select

from lasem_tui.domain import decisions
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import demo, desk, queries
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.models import Proposal
from tests.pg_server import PgServer, PgServerError, require_postgres


@pytest.fixture
def server(pg_server_url: str) -> Iterator[PgServer]:
    # pg_server_url: skipped (locally) or failed (CI) like every PostgreSQL test.
    try:
        own = PgServer()
        own.start()
    except PgServerError as exc:
        require_postgres(f"cannot start a server of our own: {exc}")
    try:
        yield own
    finally:
        own.destroy()


@pytest.fixture
def desk_db(server: PgServer) -> Iterator[Database]:
    database = open_database(server.url)
    yield database
    database.dispose()


def _accept(db: Database, meeting_id: int, index: int) -> None:
    with db.read() as session:
        state = queries.desk_state(session, meeting_id)
    proposal = state.proposals[index]
    desk.decide(
        db,
        meeting_id,
        proposal.id,
        decisions.accept(proposal.requested, proposal.volume),
        reviewer_id=state.reviewers[0].id,
        expected_version=proposal.version,
    )


def _accepted(db: Database, meeting_id: int) -> int:
    with db.read() as session:
        return queries.tally(session, meeting_id, None).count(ProposalStatus.ACCEPTED)


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_desk_refuses_while_the_server_is_gone_and_recovers(
    server: PgServer, desk_db: Database, mode: str
) -> None:
    meeting_id = demo.write_demo(desk_db, demo.Stage.FRESH)
    _accept(desk_db, meeting_id, 0)
    # The pool checks a connection before handing it out; that is what lets the same
    # Database object carry on after the server comes back.
    assert desk_db.engine.pool._pre_ping is True  # type: ignore[attr-defined]

    server.stop(mode)
    with pytest.raises(DatabaseError) as on_write:
        _accept_next_blind(desk_db, meeting_id)
    assert on_write.value.code == "db_unreachable"
    with pytest.raises(DatabaseError) as on_read:
        _accepted(desk_db, meeting_id)
    assert on_read.value.code == "db_unreachable"
    with pytest.raises(DatabaseError) as on_open:
        open_database(server.url)
    assert on_open.value.code == "db_unreachable"

    server.start()
    # No restart of the desk: the same Database works again, and nothing was lost.
    assert _accepted(desk_db, meeting_id) == 1
    _accept(desk_db, meeting_id, 1)
    assert _accepted(desk_db, meeting_id) == 2


def _accept_next_blind(db: Database, meeting_id: int) -> None:
    """A decision keyed while the server is gone (the desk still has its screen)."""
    desk.decide(
        db,
        meeting_id,
        2,
        decisions.accept(1, None),
        reviewer_id=1,
        expected_version=0,
    )


def test_server_lost_in_the_middle_of_a_command_writes_nothing(
    server: PgServer, desk_db: Database
) -> None:
    meeting_id = demo.write_demo(desk_db, demo.Stage.FRESH)
    with pytest.raises(DatabaseError) as caught, desk_db.write() as session:
        proposal = session.exec(select(Proposal).order_by(Proposal.id)).first()
        assert proposal is not None
        proposal.status = ProposalStatus.ACCEPTED.value
        proposal.approved = proposal.requested
        session.flush()
        server.stop("fast")
    assert caught.value.code == "db_unreachable"
    server.start()
    assert _accepted(desk_db, meeting_id) == 0
    _accept(desk_db, meeting_id, 0)
    assert _accepted(desk_db, meeting_id) == 1

"""A desk in a child process that decides on and on until it is killed.

    python -m tests.fault_child DB_PATH MEETING_ID REVIEWER_ID SEED [VILLAGE_ID...]

It opens the database, prints ``ready``, then runs decisions (every kind), undos and
redos through the store commands, on the given villages' proposals (all of the
meeting's when none is given). After each command returns, that is after its commit,
it prints one JSON line ``{"op", "proposal", "version"}`` and flushes: what the screen
would show as done. Anything unexpected is printed as ``{"error": ...}`` and ends it
with status 1. The parent kills it with SIGKILL at a random moment, or, when it was
given villages, stops it by closing its standard input.
"""

from __future__ import annotations

import json
import random
import selectors
import sys

from lasem_tui.domain import decisions
from lasem_tui.domain.states import FundingSource, ProposalStatus
from lasem_tui.store import desk, queries
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.errors import NothingToDoError
from lasem_tui.store.views import ProposalRow


def _decision(rng: random.Random, proposal: ProposalRow) -> decisions.Decision:
    kind = rng.randrange(5)
    if kind == 0:
        return decisions.accept(proposal.requested, proposal.volume)
    if kind == 1:
        return decisions.adjust(
            proposal.requested,
            proposal.volume,
            amount=max(1, proposal.requested * rng.randint(1, 9) // 10),
            new_volume=None,
            note="disesuaikan",
        )
    if kind == 2:
        return decisions.refuse(ProposalStatus.REJECTED, f"alasan {rng.randrange(1000)}")
    if kind == 3:
        return decisions.refuse(ProposalStatus.DEFERRED, "tahun depan")
    return decisions.refuse(ProposalStatus.REDIRECTED, "dana desa", FundingSource.APBDES)


def _proposals(db: Database, meeting_id: int, villages: list[int]) -> list[int]:
    with db.read() as session:
        if villages:
            return [p.id for v in villages for p in queries.proposals_of_village(session, v)]
        state = queries.desk_state(session, meeting_id)
        ids = []
        for village in state.villages:
            ids.extend(p.id for p in queries.proposals_of_village(session, village.id))
        return ids


def _say(**fields: object) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def run(path: str, meeting_id: int, reviewer_id: int, seed: int, villages: list[int]) -> int:
    rng = random.Random(seed)
    db = open_database(path)
    ids = _proposals(db, meeting_id, villages)
    stop = selectors.DefaultSelector()
    stop.register(sys.stdin, selectors.EVENT_READ)
    _say(ready=True)
    while not (villages and stop.select(timeout=0)):
        roll = rng.random()
        try:
            if roll < 0.7:
                proposal_id = rng.choice(ids)
                with db.read() as session:
                    proposal = queries.proposal(session, proposal_id)
                row = desk.decide(
                    db,
                    meeting_id,
                    proposal_id,
                    _decision(rng, proposal),
                    reviewer_id=reviewer_id,
                    expected_version=proposal.version,
                )
                _say(op="decide", proposal=row.id, version=row.version)
            else:
                command = desk.undo if roll < 0.85 else desk.redo
                # With villages given, several children share the meeting: each undoes
                # and redoes only within its own villages, as a desk does.
                scope = rng.choice(villages) if villages else None
                row = command(db, meeting_id, reviewer_id=reviewer_id, village_id=scope)
                _say(op=command.__name__, proposal=row.id, version=row.version)
        except NothingToDoError:
            continue
        except Exception as exc:
            _say(error=f"{type(exc).__name__}: {exc}")
            return 1
    db.dispose()
    return 0


if __name__ == "__main__":
    path, meeting, reviewer, seed, *village_ids = sys.argv[1:]
    sys.exit(run(path, int(meeting), int(reviewer), int(seed), [int(v) for v in village_ids]))

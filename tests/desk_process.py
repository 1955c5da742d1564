"""A desk (or a projector) in its own process, for the concurrency tests.

    python -m tests.desk_process URL MEETING_ID REVIEWER_ID decide VILLAGE_ID...
    python -m tests.desk_process URL MEETING_ID 0 watch
    python -m tests.desk_process URL 0 0 open

It opens the database, prints ``ready``, waits for a line on standard input (so that
all processes start together), works, and prints one JSON line with what happened.
``decide`` accepts every pending proposal of the given villages, re-reading the tally
after each decision as the desk screen does; ``watch`` reads the desk state over and
over like the projector until its standard input closes; ``open`` only opens (and so
migrates) the database. Any exception is reported, never raised: the parent asserts.
"""

from __future__ import annotations

import json
import sys
import time

from lasem_tui.domain import decisions
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import desk, queries
from lasem_tui.store.database import open_database


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def decide(url: str, meeting_id: int, reviewer_id: int, villages: list[int]) -> dict:
    db = open_database(url)
    print("ready", flush=True)
    sys.stdin.readline()
    decided, errors, slowest = 0, [], 0.0
    try:
        for village_id in villages:
            with db.read() as session:
                proposals = queries.proposals_of_village(session, village_id)
            for proposal in proposals:
                if proposal.status is not ProposalStatus.PENDING:
                    continue
                started = time.perf_counter()
                try:
                    desk.decide(
                        db,
                        meeting_id,
                        proposal.id,
                        decisions.accept(proposal.requested, proposal.volume),
                        reviewer_id=reviewer_id,
                        expected_version=proposal.version,
                    )
                    with db.read() as session:
                        queries.tally(session, meeting_id, None)
                    decided += 1
                except Exception as exc:
                    errors.append(_error(exc))
                slowest = max(slowest, time.perf_counter() - started)
    finally:
        db.dispose()
    return {"decided": decided, "errors": errors, "slowest": slowest}


def watch(url: str, meeting_id: int) -> dict:
    db = open_database(url)
    print("ready", flush=True)
    sys.stdin.readline()
    reads, errors = 0, []
    try:
        # The parent closes our standard input when the desks are done.
        import selectors

        selector = selectors.DefaultSelector()
        selector.register(sys.stdin, selectors.EVENT_READ)
        while not selector.select(timeout=0):
            try:
                with db.read() as session:
                    queries.desk_state(session, meeting_id)
                reads += 1
            except Exception as exc:
                errors.append(_error(exc))
                time.sleep(0.05)
    finally:
        db.dispose()
    return {"reads": reads, "errors": errors}


def open_only(url: str) -> dict:
    print("ready", flush=True)
    sys.stdin.readline()
    try:
        open_database(url).dispose()
    except Exception as exc:
        return {"errors": [_error(exc)]}
    return {"errors": []}


def main(argv: list[str]) -> int:
    url, meeting_id, reviewer_id, action, *rest = argv
    if action == "decide":
        result = decide(url, int(meeting_id), int(reviewer_id), [int(v) for v in rest])
    elif action == "watch":
        result = watch(url, int(meeting_id))
    else:
        result = open_only(url)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

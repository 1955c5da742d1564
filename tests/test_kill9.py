"""Nothing lost when the desk's process dies: ``kill -9`` at random moments, and two
desk processes writing the same SQLite file at once.

A child process (``tests/fault_child.py``) decides, undoes and redoes through the store
commands and prints each command after its commit returned. The parent kills it with
SIGKILL at a random moment, again and again, and after each kill reopens the file and
checks that every reported commit is there, that the event log and the proposals agree,
and that SQLite's integrity check passes. (SIGKILL leaves the operating system's page
cache alone; a real power cut also drops that, which ``synchronous=FULL`` covers and a
test in one machine cannot.)
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import col, select

from lasem_tui.domain.states import ProposalStatus
from lasem_tui.domain.tally import ProposalFigures, tally_of
from lasem_tui.store import demo, events, queries
from lasem_tui.store.database import open_database
from lasem_tui.store.models import Event, Meeting, Proposal

ROOT = Path(__file__).resolve().parents[1]
KILLS = 18
TIMEOUT = 60
DECISION_KINDS = ("decide", "undo", "redo")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _child(path: Path, meeting_id: int, reviewer_id: int, seed: int, *villages: int):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.fault_child",
            str(path),
            str(meeting_id),
            str(reviewer_id),
            str(seed),
            *map(str, villages),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    if not first.startswith('{"ready"'):
        process.kill()
        raise AssertionError(f"child did not start: {first} {process.communicate()[1]}")
    return process


def _reports(output: str) -> list[dict]:
    """The complete lines the child printed (a kill may cut the last one short)."""
    lines = output.split("\n")
    complete = lines[:-1]  # the text after the last newline was never finished
    reports = [json.loads(line) for line in complete if line]
    errors = [r["error"] for r in reports if "error" in r]
    assert not errors, errors
    return reports


def _setup(tmp_path: Path) -> tuple[Path, int, list[int], list[int]]:
    path = tmp_path / "desk.db"
    db = open_database(str(path))
    meeting_id = demo.write_demo(db, demo.Stage.FRESH)
    with db.read() as session:
        state = queries.desk_state(session, meeting_id)
    db.dispose()
    return path, meeting_id, [r.id for r in state.reviewers], [v.id for v in state.villages]


def check_consistent(path: Path, meeting_id: int, reported: list[dict]) -> int:
    """Every reported commit is there and the log agrees with the proposals; returns
    the number of decision events."""
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        raw.close()
    db = open_database(str(path))
    try:
        with db.read() as session:
            proposals = {
                p.id: p
                for p in session.exec(select(Proposal).where(Proposal.meeting_id == meeting_id))
            }
            logged = session.exec(
                select(Event)
                .where(
                    Event.meeting_id == meeting_id,
                    col(Event.kind).in_(DECISION_KINDS),
                )
                .order_by(col(Event.id))
            ).all()
            ceiling = session.get(Meeting, meeting_id).ceiling  # type: ignore[union-attr]
            tally = queries.tally(session, meeting_id, ceiling)
    finally:
        db.dispose()

    committed = {(e.kind, e.proposal_id, events.loads(e.after)["version"]) for e in logged}
    missing = [r for r in reported if (r["op"], r["proposal"], r["version"]) not in committed]
    assert not missing, f"reported as done but not in the database: {missing[:5]}"

    last: dict[int, dict] = {}
    versions: dict[int, list[int]] = {}
    for event in logged:
        after = events.loads(event.after)
        last[event.proposal_id] = after  # type: ignore[index]
        versions.setdefault(event.proposal_id, []).append(after["version"])  # type: ignore[arg-type]
    for proposal_id, proposal in proposals.items():
        if proposal_id not in last:
            assert (proposal.status, proposal.version) == (ProposalStatus.PENDING.value, 0)
            continue
        # Each change bumps the version by one and writes one event: none lost, none twice.
        assert versions[proposal_id] == list(range(1, proposal.version + 1)), proposal_id
        stored = events.decision_state(proposal)
        expected = last[proposal_id]
        for field in ("status", "approved", "volume", "reason", "note", "funding_source"):
            assert stored[field] == expected[field], (proposal_id, field)
        assert stored["version"] == expected["version"]

    recomputed = tally_of(
        ProposalFigures(ProposalStatus(p.status), p.requested, p.approved)
        for p in proposals.values()
    )
    assert tally.approved == recomputed.approved
    assert dict(tally.counts) == dict(recomputed.counts)
    return len(logged)


def test_kill_9_at_random_moments_loses_no_committed_decision(tmp_path: Path) -> None:
    path, meeting_id, reviewers, _ = _setup(tmp_path)
    rng = random.Random(20230217)
    reported: list[dict] = []
    started = time.monotonic()
    for round_number in range(KILLS):
        child = _child(path, meeting_id, reviewers[0], rng.randrange(10**6))
        # Anywhere from before the first commit to a few dozen commits in.
        time.sleep(rng.uniform(0.0, 0.35))
        os.kill(child.pid, signal.SIGKILL)
        output, _ = child.communicate(timeout=TIMEOUT)
        assert child.returncode == -signal.SIGKILL, f"round {round_number}: child ended by itself"
        reported.extend(_reports(output))
        check_consistent(path, meeting_id, reported)
    assert len(reported) > KILLS, "the children hardly decided anything before the kills"
    assert time.monotonic() - started < 120


def test_two_desk_processes_never_see_database_is_locked(tmp_path: Path) -> None:
    """Two desks deciding, undoing and redoing at full speed on the same file: BEGIN
    IMMEDIATE and the busy timeout make them wait their turn instead of failing."""
    path, meeting_id, reviewers, villages = _setup(tmp_path)
    desks = [
        _child(path, meeting_id, reviewers[0], 1, *villages[:3]),
        _child(path, meeting_id, reviewers[1], 2, *villages[3:6]),
    ]
    time.sleep(2.0)
    reported = []
    for process in desks:
        output, errors = process.communicate(timeout=TIMEOUT)  # closes stdin: stop
        assert process.returncode == 0, errors
        lines = _reports(output)
        assert len(lines) > 10
        reported.extend(lines)
    assert check_consistent(path, meeting_id, reported) >= len(reported)

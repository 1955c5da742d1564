"""No frozen desk: a write behind another process's lock waits in a worker, says so,
refuses further decision keys, and can be called off with Esc."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Static

from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import queries
from lasem_tui.store.database import Database
from lasem_tui.ui.app import LasemApp
from tests.ui_helpers import desk, screen_text


def _decided(db: Database, village_id: int) -> int:
    with db.read() as session:
        rows = queries.proposals_of_village(session, village_id)
    return sum(1 for r in rows if r.status is not ProposalStatus.PENDING)


def _lock(db: Database) -> sqlite3.Connection:
    if db.path is None:
        pytest.skip("SQLite's file lock")
    holder = sqlite3.connect(Path(db.path), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


async def test_keys_behind_a_lock_are_refused_not_replayed(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = desk(app)
        village = screen.desk.village_id
        assert village is not None
        before = _decided(db, village)
        holder = _lock(db)
        try:
            await pilot.press("a")
            token = screen.desk.pending
            assert token is not None  # waiting in a worker: the keys still answer
            assert await asyncio.to_thread(token.blocked.wait, 10)
            await pilot.pause()
            sign = screen.query_one("#desk-wait", Static)
            assert sign.has_class("-shown")
            assert "menunggu kunci basis data" in screen_text(app)
            await pilot.press("a", "a")
            await pilot.pause()
            refused = [n.message for n in app._notifications if "ditolak" in n.message.lower()]
            assert refused and "belum tersimpan" in refused[0]
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _decided(db, village) - before in (0, 1)
        assert _decided(db, village) - before == 1  # the one key that was taken, after commit
        assert not screen.query_one("#desk-wait", Static).has_class("-shown")
        assert screen.desk.pending is None


async def test_escape_calls_off_a_write_waiting_for_the_lock(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = desk(app)
        village = screen.desk.village_id
        assert village is not None
        before = _decided(db, village)
        shown = screen.highlighted
        holder = _lock(db)
        try:
            await pilot.press("a")
            token = screen.desk.pending
            assert token is not None
            assert await asyncio.to_thread(token.blocked.wait, 10)
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        await pilot.pause()  # the refusal's notification is a message of its own
        assert _decided(db, village) == before
        assert screen.desk.pending is None
        assert any("tidak ada yang disimpan" in n.message for n in app._notifications)
        assert screen.highlighted is not None and shown is not None
        assert screen.highlighted.status is ProposalStatus.PENDING  # not shown as done

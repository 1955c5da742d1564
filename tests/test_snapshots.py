"""Pictures of the main screens, compared with the approved SVGs in __snapshots__.

The clock is frozen and the time zone fixed to WIB so a picture never changes with the
minute or the machine it was taken on. Update with ``pytest --snapshot-update``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from lasem_tui.domain import dates
from lasem_tui.store import demo
from lasem_tui.store.database import Database
from lasem_tui.ui.app import LasemApp

WIB = timezone(timedelta(hours=7))


@pytest.fixture
def frozen_wib(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Jakarta")
    time.tzset()
    dates.freeze_clock(datetime(2023, 2, 17, 9, 12, tzinfo=WIB))
    yield
    dates.freeze_clock(None)
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.fixture
def midway_app(db: Database, frozen_wib: None) -> LasemApp:
    return LasemApp(db, demo.write_demo(db, demo.Stage.MIDWAY))


def test_desk_screen_midway(snap_compare, midway_app: LasemApp) -> None:
    assert snap_compare(midway_app, terminal_size=(120, 36))


def test_desk_screen_small_terminal(snap_compare, midway_app: LasemApp) -> None:
    assert snap_compare(midway_app, terminal_size=(80, 24))


def test_adjust_dialog(snap_compare, midway_app: LasemApp) -> None:
    assert snap_compare(midway_app, terminal_size=(120, 36), press=["e"])


def test_help_screen(snap_compare, midway_app: LasemApp) -> None:
    assert snap_compare(midway_app, terminal_size=(120, 36), press=["question_mark"])

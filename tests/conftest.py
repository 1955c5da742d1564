"""Shared fixtures: a fresh database per test, and the demo at each stage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lasem_tui import i18n
from lasem_tui.store import demo
from lasem_tui.store.database import Database, open_database


@pytest.fixture(autouse=True)
def _indonesian_and_private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in Indonesian with its own settings file and data dir."""
    monkeypatch.setenv("LASEM_SETTINGS", str(tmp_path / "settings.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    i18n.set_language("id")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return str(tmp_path / "lasem.db")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def fresh_demo(db: Database) -> int:
    return demo.write_demo(db, demo.Stage.FRESH)


@pytest.fixture
def midway_demo(db: Database) -> int:
    return demo.write_demo(db, demo.Stage.MIDWAY)

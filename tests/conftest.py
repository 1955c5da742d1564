"""Shared fixtures: a fresh database per test, and the demo at each stage.

Store tests run on both back ends. Tests under ``tests/store/``, and any test marked
``@pytest.mark.both_backends``, get ``db_url`` (and so ``db``, ``fresh_demo``, ...) twice:
once as a SQLite file and once as a fresh PostgreSQL database. Everything else (the UI
tests) stays on SQLite.

The PostgreSQL server comes from ``LASEM_TEST_PG_URL``: a server URL whose user may
create databases (``.ci/run`` starts one with ``tests/pg_server.py`` and exports it), or
``auto`` to have the session start a throwaway server itself. Without it the PostgreSQL
variants are skipped, except under CI (``CI=true``), where they fail: CI must never pass
by skipping them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from lasem_tui import i18n
from lasem_tui.store import demo
from lasem_tui.store.database import Database, open_database
from tests.pg_server import PG_URL_ENV, PgServer, PgServerError, require_postgres

BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "both_backends: run with a SQLite and a PostgreSQL database "
        "(the default for tests under tests/store/)",
    )


def _wants_both_backends(metafunc: pytest.Metafunc) -> bool:
    if metafunc.definition.get_closest_marker("both_backends") is not None:
        return True
    store_tests = Path(__file__).parent / "store"
    return store_tests in Path(metafunc.definition.path).parents


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_url" in metafunc.fixturenames and _wants_both_backends(metafunc):
        metafunc.parametrize("db_url", BACKENDS, indirect=True)


@pytest.fixture(autouse=True)
def _indonesian_and_private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in Indonesian with its own settings file and data dir."""
    monkeypatch.setenv("LASEM_SETTINGS", str(tmp_path / "settings.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    i18n.set_language("id")


# --- PostgreSQL ------------------------------------------------------------------------


def libpq_url(url: str) -> str:
    """A SQLAlchemy URL as psycopg itself takes it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class PgDatabases:
    """Hands out a fresh database per test, copied from a migrated template."""

    def __init__(self, server_url: str) -> None:
        import psycopg

        self.server_url = server_url
        self._names = itertools.count(1)
        prefix = f"lasem_test_{os.getpid()}"
        self.template = f"{prefix}_template"
        self._prefix = prefix
        self._admin = psycopg.connect(libpq_url(server_url), autocommit=True)
        self._admin.execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        self._admin.execute(f'CREATE DATABASE "{self.template}"')
        # Migrate the template once; each test's copy starts at the head revision.
        database = open_database(self.url_of(self.template))
        database.dispose()

    def url_of(self, name: str) -> str:
        return make_url(self.server_url).set(database=name).render_as_string(hide_password=False)

    def create(self, *, empty: bool = False) -> str:
        """A new database: migrated (a copy of the template), or without any table."""
        name = f"{self._prefix}_{next(self._names)}"
        template = "template0" if empty else self.template
        self._admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop(self, name: str) -> None:
        self._admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        self.drop(self.template)
        self._admin.close()


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """The URL of a PostgreSQL server the tests may create databases on."""
    configured = os.environ.get(PG_URL_ENV, "").strip()
    if not configured:
        require_postgres()
    if configured.lower() != "auto":
        yield configured
        return
    try:
        server = PgServer()
        url = server.start()
    except PgServerError as exc:
        require_postgres(f"cannot start a throwaway server: {exc}")
    try:
        yield url
    finally:
        server.destroy()


@pytest.fixture(scope="session")
def pg_databases(pg_server_url: str) -> Iterator[PgDatabases]:
    databases = PgDatabases(pg_server_url)
    yield databases
    databases.close()


# --- the database under test -----------------------------------------------------------


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        yield str(tmp_path / "lasem.db")
        return
    databases: PgDatabases = request.getfixturevalue("pg_databases")
    name = databases.create()
    try:
        yield databases.url_of(name)
    finally:
        databases.drop(name)


@pytest.fixture
def blank_db_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all, on the same back end as ``db_url``."""
    if "://" not in db_url:
        yield str(tmp_path / "blank.db")
        return
    databases: PgDatabases = request.getfixturevalue("pg_databases")
    name = databases.create(empty=True)
    try:
        yield databases.url_of(name)
    finally:
        databases.drop(name)


@pytest.fixture
def pg_db_url(pg_databases: PgDatabases) -> Iterator[str]:
    """A fresh PostgreSQL database, for the tests about PostgreSQL's own behaviour."""
    name = pg_databases.create()
    try:
        yield pg_databases.url_of(name)
    finally:
        pg_databases.drop(name)


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


@pytest.fixture
def frozen_wib() -> Iterator[None]:
    """The clock stopped at 09.12 WIB on the 2023 desk day, for stable pictures."""
    from tools.gallery import frozen_wib as frozen

    with frozen():
        yield


@pytest.fixture
def midway_app(db: Database, frozen_wib: None):  # type: ignore[no-untyped-def]
    """The desk on the midway demo, written and shown under the frozen clock."""
    from lasem_tui.ui.app import LasemApp

    return LasemApp(db, demo.write_demo(db, demo.Stage.MIDWAY))

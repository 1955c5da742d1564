"""`lasem projector` and `lasem serve` as a user runs them."""

from __future__ import annotations

import shlex
import sqlite3
import sys
from pathlib import Path

import pytest

from lasem_tui.cli import main
from lasem_tui.cli.projector import is_loopback
from lasem_tui.store import schema
from lasem_tui.store.database import open_database
from lasem_tui.store.engine import database_url, make_engine
from lasem_tui.ui.projector_app import ProjectorApp


def _demo(tmp_path: Path) -> str:
    db = str(tmp_path / "demo.db")
    assert main(["demo", "--db", db, "--stage", "midway", "--no-open"]) == 0
    return db


class FakeServer:
    made: list[FakeServer] = []

    def __init__(
        self, command: str, *, host: str, port: int, title: str, **options: object
    ) -> None:
        self.command, self.host, self.port, self.title = command, host, port, title
        self.options = options
        self.served = False
        FakeServer.made.append(self)

    def serve(self) -> None:
        self.served = True


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> type[FakeServer]:
    from lasem_tui.cli import serve_guard

    FakeServer.made = []
    monkeypatch.setattr(serve_guard, "GuardedServer", FakeServer)
    return FakeServer


@pytest.mark.parametrize("port", ["0", "65536", "-1", "http", "80.5"])
def test_serve_refuses_bad_ports_with_exit_2(
    port: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_server: type[FakeServer]
) -> None:
    db = _demo(tmp_path)
    capsys.readouterr()
    assert main(["serve", "--db", db, "--port", port]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "port" in err
    assert not fake_server.made


def test_serve_builds_the_projector_command_on_loopback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_server: type[FakeServer]
) -> None:
    db = _demo(tmp_path)
    assert main(["serve", "--db", db, "--port", "8123"]) == 0
    (server,) = fake_server.made
    assert server.served and server.host == "127.0.0.1" and server.port == 8123
    argv = shlex.split(server.command)
    assert argv[:3] == [sys.executable, "-m", "lasem_tui"]
    assert argv[argv.index("--db") + 1] == f"sqlite:///{Path(db).resolve()}"
    assert argv[argv.index("--lang") + 1] == "id"
    assert argv[-1] == "projector"
    assert "jaringan" not in capsys.readouterr().err


def test_serve_desk_and_another_host_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_server: type[FakeServer]
) -> None:
    db = _demo(tmp_path)
    assert main(["serve", "--db", db, "--desk", "--host", "0.0.0.0", "--lang", "en"]) == 0
    (server,) = fake_server.made
    argv = shlex.split(server.command)
    assert "projector" not in argv and argv[argv.index("--lang") + 1] == "en"
    assert server.host == "0.0.0.0" and server.port == 8000
    assert server.options["desk"] is True and server.options["loopback"] is False


def test_serve_and_projector_refuse_a_database_without_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_server: type[FakeServer]
) -> None:
    empty = str(tmp_path / "empty.db")
    open_database(empty).dispose()  # made by the desk, which has no meeting yet
    assert main(["serve", "--db", empty]) == 2
    assert main(["projector", "--db", empty]) == 2
    assert "lasem demo" in capsys.readouterr().err
    assert not fake_server.made


# --- the projector reads; it neither creates nor migrates ------------------------------------


@pytest.fixture
def no_projector(monkeypatch: pytest.MonkeyPatch) -> list[ProjectorApp]:
    """`lasem projector` opens the database and the meeting, but the app is not run."""
    ran: list[ProjectorApp] = []
    monkeypatch.setattr(ProjectorApp, "run", lambda self, *_a, **_k: ran.append(self))
    return ran


def _refusal(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Run the command: exit 2 and one line saying why, no traceback."""
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def _revision(path: str) -> str | None:
    engine = make_engine(database_url(path))
    try:
        return schema.current_revision(engine)
    finally:
        engine.dispose()


def _downgrade(path: str, revision: str) -> None:
    """Take a current database back to an older revision, as an older app left it."""
    from alembic import command

    engine = make_engine(database_url(path))
    with engine.begin() as conn:
        command.downgrade(schema.alembic_config(conn), revision)
    engine.dispose()


@pytest.mark.parametrize("command", [["projector"], ["serve"]])
def test_a_missing_database_is_refused_and_not_created(
    command: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_server: type[FakeServer],
    no_projector: list[ProjectorApp],
) -> None:
    missing = tmp_path / "rapat.db"
    err = _refusal(capsys, [*command, "--db", str(missing)])
    assert "Tidak ada basis data" in err and str(missing) in err
    err = _refusal(capsys, ["--lang", "en", *command, "--db", str(missing)])
    assert "There is no database" in err and "desk" in err
    assert list(tmp_path.iterdir()) == []
    assert not fake_server.made and not no_projector


@pytest.mark.parametrize("command", [["projector"], ["serve"]])
def test_an_older_database_is_not_migrated_by_the_projector(
    command: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_server: type[FakeServer],
    no_projector: list[ProjectorApp],
) -> None:
    """Migrating is the desk's work: a projector must not change the schema under the
    desks that use the database (nor a newer projector under older desks)."""
    db = _demo(tmp_path)
    _downgrade(db, "0001")
    before = Path(db).read_bytes()
    err = _refusal(capsys, [*command, "--db", db])
    assert "versi Lasem desk yang lebih lama" in err and "0001" in err and "meja" in err
    err = _refusal(capsys, ["--lang", "en", *command, "--db", db])
    assert "older Lasem desk" in err and "open it with the desk first" in err
    assert _revision(db) == "0001"
    assert Path(db).read_bytes() == before
    assert not fake_server.made and not no_projector


def test_a_database_from_a_newer_app_is_refused_by_the_projector(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_projector: list[ProjectorApp]
) -> None:
    db = _demo(tmp_path)
    connection = sqlite3.connect(db)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = Path(db).read_bytes()
    err = _refusal(capsys, ["projector", "--db", db])
    assert "versi Lasem desk yang lebih baru" in err and "9999" in err
    assert Path(db).read_bytes() == before and not no_projector


def test_the_projector_opens_a_current_database_read_only(
    tmp_path: Path, no_projector: list[ProjectorApp]
) -> None:
    db = _demo(tmp_path)
    assert main(["projector", "--db", db]) == 0
    (app,) = no_projector
    assert app.db.read_only and app.meeting_id is not None
    assert _revision(db) == schema.HEAD


def test_the_projector_last_out_leaves_the_whole_meeting_in_the_one_file(
    tmp_path: Path,
) -> None:
    """The projector often closes after the desk; it reads only, yet like the desk it
    folds the WAL back into the file, so that a copy of the ``.db`` alone is complete."""
    from lasem_tui.store import projector, queries

    path = _demo(tmp_path)
    desk = open_database(path)
    shown = open_database(path, read_only=True)
    with shown.read() as session:
        meeting_id = queries.current_meeting_id(session)
    assert meeting_id is not None
    projector.set_message(desk, meeting_id, "Istirahat 10 menit", reviewer_id=None)
    with shown.read() as session:
        projector.change_marker(session, meeting_id)  # the projector's poll, between writes
    desk.dispose()
    shown.dispose()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "demo.db").write_bytes(Path(path).read_bytes())
    connection = sqlite3.connect(copy / "demo.db")
    (message,) = connection.execute("SELECT projector_message FROM meeting").fetchone()
    connection.close()
    assert message == "Istirahat 10 menit"


def test_the_desk_still_upgrades_an_older_database(tmp_path: Path) -> None:
    """Once the desk has opened it, the projector's refusal above is over."""
    db = _demo(tmp_path)
    _downgrade(db, "0001")
    open_database(db).dispose()
    assert _revision(db) == schema.HEAD


def test_loopback_names() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")

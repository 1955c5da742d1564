"""`lasem projector` and `lasem serve` as a user runs them."""

from __future__ import annotations

import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lasem_tui import cli
from lasem_tui.cli import main


def _demo(tmp_path: Path) -> str:
    db = str(tmp_path / "demo.db")
    assert main(["demo", "--db", db, "--stage", "midway", "--no-open"]) == 0
    return db


class FakeServer:
    made: list[FakeServer] = []

    def __init__(self, command: str, host: str, port: int, title: str) -> None:
        self.command, self.host, self.port, self.title = command, host, port, title
        self.served = False
        FakeServer.made.append(self)

    def serve(self) -> None:
        self.served = True


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> type[FakeServer]:
    import textual_serve.server

    FakeServer.made = []
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
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
    assert "anyone on this network" in capsys.readouterr().err


def test_serve_and_projector_refuse_a_database_without_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_server: type[FakeServer]
) -> None:
    empty = str(tmp_path / "empty.db")
    assert main(["serve", "--db", empty]) == 2
    assert main(["projector", "--db", empty]) == 2
    assert "lasem demo" in capsys.readouterr().err
    assert not fake_server.made


def test_loopback_names() -> None:
    assert cli.is_loopback("127.0.0.1") and cli.is_loopback("localhost") and cli.is_loopback("::1")
    assert not cli.is_loopback("0.0.0.0") and not cli.is_loopback("192.168.1.10")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_a_browser_on_loopback(tmp_path: Path) -> None:
    db = _demo(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "lasem_tui", "serve", "--db", db, "--port", str(port)],
        cwd=Path(__file__).parents[1],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        page = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as reply:
                    page = reply.read().decode("utf-8")
                    break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"lasem serve exited with {server.returncode}")
                time.sleep(0.2)
        assert "proyektor" in page
        assert f"ws://127.0.0.1:{port}/ws" in page
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

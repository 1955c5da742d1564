"""`lasem serve` has a door: a real `lasem serve` process and a real aiohttp client.

One served desk (at most one session) is started for the module: without the secret
403, from another site's page 403, with both the desk's screen over its websocket, and
a second session refused while the first runs. Nothing a refused connection sent was
decided. The port in use and the address not ours are one line and exit status 2.
"""

from __future__ import annotations

import asyncio
import io
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from sqlmodel import select

from lasem_tui.cli import main, serve_guard
from lasem_tui.store.database import open_database
from lasem_tui.store.models import Event, Proposal

REPO = Path(__file__).parents[1]
STARTUP = 60.0  # seconds: a generous bound on a loaded machine, not a measured time


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str  # as printed, with the secret
    base: str  # http://127.0.0.1:PORT
    secret: str
    db: str
    output: list[str]


def _drain(process: subprocess.Popen[str], output: list[str], lines: queue.Queue[str]) -> None:
    """Gather everything the server prints (its banner, then its log) as it comes."""
    assert process.stdout is not None
    for line in process.stdout:
        output.append(line)
        lines.put(line)
    lines.put("")


def _follow(process: subprocess.Popen[str], output: list[str]) -> queue.Queue[str]:
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_drain, args=(process, output, lines), daemon=True).start()
    return lines


def _read_url(lines: queue.Queue[str], output: list[str]) -> str:
    """The address the banner printed; the banner comes once the port is listening."""
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1.0)
        except queue.Empty:
            continue
        if not line:
            break
        if "?token=" in line:
            return line.strip()
    pytest.fail(f"lasem serve printed no address: {''.join(output)!r}")


def _start(db: str, *extra: str) -> Served:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "lasem_tui", "serve", "--db", db, "--port", str(port), *extra],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    url = _read_url(_follow(process, output), output)
    return Served(process, url, f"http://127.0.0.1:{port}", url.split("token=", 1)[1], db, output)


def _stop(served: Served) -> None:
    served.process.terminate()
    try:
        served.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait()


@pytest.fixture(scope="module")
def desk_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    db = str(tmp_path_factory.mktemp("serve") / "demo.db")
    assert main(["demo", "--db", db, "--no-open"]) == 0
    served = _start(db, "--desk", "--max-sessions", "1")
    yield served
    _stop(served)


def _decisions(db: str) -> int:
    """Proposals decided, and events logged: a fresh demo has neither."""
    database = open_database(db, read_only=True, create=False)
    try:
        with database.read() as session:
            decided = session.exec(select(Proposal).where(Proposal.status != "pending")).all()
            events = session.exec(select(Event).where(Event.proposal_id.is_not(None))).all()
            return len(decided) + len(events)
    finally:
        database.dispose()


async def _refused_websocket(served: Served, *, cookie: str | None, origin: str | None) -> int:
    """The status a websocket attempt got; had it been let in, it would press `a`."""
    headers = {"Origin": origin} if origin else {}
    cookies = {serve_guard.COOKIE: cookie} if cookie else {}
    async with aiohttp.ClientSession(cookies=cookies) as client:
        try:
            async with client.ws_connect(f"{served.base}/ws", headers=headers) as ws:
                for _ in range(5):
                    await ws.send_json(["stdin", "a"])
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_a_request_without_the_secret_is_refused(desk_served: Served) -> None:
    # A browser keeps a cookie from 127.0.0.1; aiohttp's jar does only when told.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
        for path in ("/", "/?token=wrong", "/static/js/textual.js", "/download/x"):
            async with client.get(f"{desk_served.base}{path}") as reply:
                assert reply.status == 403, path
                assert "kunci" in await reply.text()
        async with client.get(desk_served.url) as reply:
            assert reply.status == 200
            page = await reply.text()
            assert "Lasem desk" in page and desk_served.base.replace("http:", "ws:") + "/ws" in page
            # The page's own scripts come with the cookie its address set.
            async with client.get(f"{desk_served.base}/static/js/textual.js") as script:
                assert script.status == 200


async def test_a_websocket_without_the_secret_or_from_another_site_is_refused(
    desk_served: Served,
) -> None:
    secret, base = desk_served.secret, desk_served.base
    assert await _refused_websocket(desk_served, cookie=None, origin=base) == 403
    assert await _refused_websocket(desk_served, cookie="wrong", origin=base) == 403
    assert await _refused_websocket(desk_served, cookie=secret, origin="http://evil.example") == 403
    assert await _refused_websocket(desk_served, cookie=secret, origin=None) == 403
    port = base.rsplit(":", 1)[1]
    lookalike = f"http://127.0.0.1.evil.example:{port}"
    assert await _refused_websocket(desk_served, cookie=secret, origin=lookalike) == 403
    assert _decisions(desk_served.db) == 0


async def test_the_desk_with_secret_and_origin_and_no_session_beyond_the_limit(
    desk_served: Served,
) -> None:
    cookies = {serve_guard.COOKIE: desk_served.secret}
    async with aiohttp.ClientSession(cookies=cookies) as client:
        ws = await client.ws_connect(
            f"{desk_served.base}/ws?width=100&height=30", headers={"Origin": desk_served.base}
        )
        try:
            # The desk process starts and sends its screen.
            message = await asyncio.wait_for(ws.receive(), timeout=STARTUP)
            assert message.type == aiohttp.WSMsgType.BINARY and message.data
            # The one session allowed is taken: a second one, and the page, are refused.
            assert (
                await _refused_websocket(
                    desk_served, cookie=desk_served.secret, origin=desk_served.base
                )
                == 503
            )
            async with client.get(desk_served.url) as reply:
                assert reply.status == 503
                assert "--max-sessions" in await reply.text()
        finally:
            await ws.close()
    assert _decisions(desk_served.db) == 0
    # Once the first has gone, a session is let in again.
    deadline = time.monotonic() + STARTUP
    status = 0
    async with aiohttp.ClientSession() as client:
        while time.monotonic() < deadline:
            async with client.get(desk_served.url) as reply:
                status = reply.status
            if status == 200:
                break
            await asyncio.sleep(0.2)
    assert status == 200


def test_refusals_are_logged(desk_served: Served) -> None:
    asyncio.run(_refused_websocket(desk_served, cookie=None, origin="http://evil.example"))
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline and "situs lain" not in "".join(desk_served.output):
        time.sleep(0.1)
    log = "".join(desk_served.output)
    assert "ditolak 403" in log and "/ws" in log and "situs lain" in log, log
    # The secret is printed once, in the address, and never in the log.
    assert log.count(desk_served.secret) == 1


def test_the_public_projector_needs_no_secret_but_checks_the_origin(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    assert main(["demo", "--db", db, "--no-open"]) == 0
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "lasem_tui", "serve", "--db", db, "--port", str(port), "--public"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    served = Served(process, f"{base}/", base, "", db, [])
    _follow(process, served.output)
    try:

        async def check() -> None:
            async with aiohttp.ClientSession() as client:
                deadline = time.monotonic() + STARTUP
                while True:
                    try:
                        async with client.get(f"{base}/") as reply:
                            assert reply.status == 200
                            break
                    except aiohttp.ClientConnectorError:
                        assert process.poll() is None and time.monotonic() < deadline
                        await asyncio.sleep(0.2)
            assert (
                await _refused_websocket(served, cookie=None, origin="http://evil.example") == 403
            )

        asyncio.run(check())
    finally:
        _stop(served)


def test_public_is_for_the_projector_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "demo.db")
    assert main(["demo", "--db", db, "--no-open"]) == 0
    capsys.readouterr()
    assert main(["serve", "--db", db, "--desk", "--public"]) == 2
    assert "--public" in capsys.readouterr().err


def _one_line_refusal(db: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "lasem_tui", "serve", "--db", db, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=STARTUP,
    )
    assert done.returncode == 2, done
    err = done.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err + done.stdout, err
    assert "?token=" not in done.stdout  # nothing was served, so no address
    return err


def test_a_port_in_use_or_an_address_not_ours_is_one_line(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    assert main(["demo", "--db", db, "--no-open"]) == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert "sudah dipakai" in _one_line_refusal(db, "--port", str(port))
    # 192.0.2.0/24 is reserved for documentation: never this computer's address.
    assert "bukan milik komputer ini" in _one_line_refusal(
        db, "--host", "192.0.2.1", "--port", str(_free_port())
    )


def test_the_banner_never_shows_a_password() -> None:
    url = "postgresql+psycopg://lasem:s3cret-pw@db.local:5432/musrenbang"
    shown = serve_guard.shown_database(url)
    assert "s3cret-pw" not in shown and "db.local" in shown and "musrenbang" in shown


def test_an_origin_is_the_served_address_only() -> None:
    origins = serve_guard.allowed_origins("192.168.1.5", 8000, loopback=False)
    assert origins == {"http://192.168.1.5:8000"}
    local = serve_guard.allowed_origins("127.0.0.1", 8001, loopback=True)
    assert "http://localhost:8001" in local and "http://localhost:8000" not in local


class _FakeSocket:
    def __init__(self) -> None:
        self.closed = asyncio.Event()

    async def close(self, **_: object) -> bool:
        self.closed.set()
        return True


async def test_an_idle_desk_session_is_closed_and_a_used_one_is_not() -> None:
    server = serve_guard.GuardedServer(
        "true", host="127.0.0.1", port=1, title="t", loopback=True, desk=True, idle_seconds=0.05
    )
    idle, used = _FakeSocket(), _FakeSocket()
    server.sessions[1] = serve_guard._Session(idle, "a")  # type: ignore[arg-type]
    server.sessions[2] = serve_guard._Session(used, "b", last_used=time.monotonic() + 3600)  # type: ignore[arg-type]
    reaper = asyncio.create_task(server._reap())
    try:
        await asyncio.wait_for(idle.closed.wait(), timeout=10)
    finally:
        reaper.cancel()
    assert not used.closed.is_set()


def test_the_banner_says_who_may_drive_a_desk_served_to_the_network(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from rich.console import Console

    server = serve_guard.GuardedServer(
        "true", host="0.0.0.0", port=8000, title="t", loopback=False, desk=True
    )
    out = Console(file=io.StringIO(), width=200)
    serve_guard.print_banner(out, server, desk=True, database="sqlite:///x.db", loopback=False)
    text = out.file.getvalue()  # type: ignore[attr-defined]
    assert f"?token={server.secret}" in text and "operator meja" in text
    assert "siapa pun di jaringan" in capsys.readouterr().err

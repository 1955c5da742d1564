"""A throwaway PostgreSQL server: for the tests, for CI, and for trying several desks locally.

Standard library only, so ``.ci/run`` can use it before anything is installed::

    python tests/pg_server.py start /tmp/lasem-pg     # prints the URL of database "lasem"
    python tests/pg_server.py stop /tmp/lasem-pg

The server runs as a non-root user (``postgres``, or the user named by ``LASEM_PG_USER``)
from its own data directory, listens on 127.0.0.1 only, on a free port, and trusts local
connections: it is for tests and rehearsals, never for a real meeting's data. The
binaries are found on PATH or in Debian's ``/usr/lib/postgresql/<version>/bin``
(``LASEM_PG_BIN`` overrides both).
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUPERUSER = "lasem"
DATABASE = "lasem"
#: Where the tests find their server: a URL, or "auto" to start one for the session.
PG_URL_ENV = "LASEM_TEST_PG_URL"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def require_postgres(reason: str = "") -> None:
    """Skip (locally) or fail (in CI) a test that needs PostgreSQL when none is at hand."""
    import pytest

    message = (
        f"PostgreSQL tests need {PG_URL_ENV}: a server URL, or 'auto' to start a throwaway "
        "server (PostgreSQL 15 binaries required); see the README"
    )
    if reason:
        message = f"{reason}; {message}"
    if in_ci():
        pytest.fail(f"CI=true but {message}", pytrace=False)
    pytest.skip(message)


class PgServerError(RuntimeError):
    """The server could not be found, set up, started or stopped."""


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is absent."""
    override = os.environ.get("LASEM_PG_BIN")
    if override:
        return Path(override)
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).resolve().parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_user() -> str | None:
    """Who runs the server: None when we are not root (then it is us)."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get("LASEM_PG_USER", "postgres")
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
            check=True,
        )
    return name


class PgServer:
    """One PostgreSQL cluster in ``directory`` (created when missing)."""

    def __init__(self, directory: str | Path | None = None, *, durable: bool = False) -> None:
        bin_dir = find_bin_dir()
        if bin_dir is None:
            raise PgServerError(
                "PostgreSQL is not installed (apt-get install postgresql-15, or set LASEM_PG_BIN)"
            )
        self.bin_dir = bin_dir
        self.user = _server_user()
        if directory is None:
            directory = tempfile.mkdtemp(prefix="lasem-pg-")
        self.directory = Path(directory).resolve()
        self.data = self.directory / "data"
        self.durable = durable

    # --- running commands as the server's user -------------------------------------

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        kwargs: dict = {}
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            kwargs = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            cwd=self.directory,
            env={**os.environ, "LC_ALL": "C.UTF-8", "PGTZ": "UTC"},
            timeout=120,
            check=False,
            **kwargs,
        )
        if check and result.returncode != 0:
            log = self._log_tail()
            raise PgServerError(
                f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}\n{log}".strip()
            )
        return result

    def _log_tail(self) -> str:
        log = self.directory / "server.log"
        if not log.exists():
            return ""
        return "\n".join(log.read_text(errors="replace").splitlines()[-15:])

    # --- life cycle ----------------------------------------------------------------

    @property
    def port_file(self) -> Path:
        return self.directory / "port"

    @property
    def port(self) -> int:
        return int(self.port_file.read_text().strip())

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"

    def initialise(self) -> None:
        if (self.data / "PG_VERSION").exists():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            os.chown(self.directory, entry.pw_uid, entry.pw_gid)
        os.chmod(self.directory, 0o700)
        self._run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
            "--no-sync",
        )
        self.port_file.write_text(str(free_port()))

    def start(self) -> str:
        """Start (initialising first when needed) and return the URL of database "lasem"."""
        self.initialise()
        if self.running():
            return self.url
        settings = [
            f"-p {self.port}",
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={self.directory}",
            "-c max_connections=100",
            "-c timezone=UTC",
        ]
        if not self.durable:
            # A throwaway test server: skip the flushes to disk. Commits still reach the
            # operating system before they return, so they survive the server being
            # killed (the connection tests do that), just not the machine losing power.
            settings += ["-c fsync=off", "-c full_page_writes=off"]
        self._run(
            "pg_ctl",
            "--pgdata",
            str(self.data),
            "--log",
            str(self.directory / "server.log"),
            "--wait",
            "--timeout",
            "60",
            "-o",
            " ".join(settings),
            "start",
        )
        self._ensure_database()
        return self.url

    def _ensure_database(self) -> None:
        psql = [
            "psql",
            "--no-psqlrc",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--username",
            SUPERUSER,
            "--dbname",
            "postgres",
            "--tuples-only",
            "--command",
        ]
        deadline = time.monotonic() + 30
        while True:
            found = self._run(
                *psql, f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'", check=False
            )
            if found.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        if found.returncode != 0:
            raise PgServerError(f"cannot connect: {found.stderr.strip()}")
        if not found.stdout.strip():
            self._run(*psql, f"CREATE DATABASE {DATABASE}")

    def running(self) -> bool:
        if not (self.data / "PG_VERSION").exists():
            return False
        return (
            self._run("pg_ctl", "--pgdata", str(self.data), "status", check=False).returncode == 0
        )

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; ``immediate`` is the closest thing to pulling the plug."""
        if self.running():
            self._run(
                "pg_ctl", "--pgdata", str(self.data), "--mode", mode, "--wait", "stop", check=True
            )

    def destroy(self) -> None:
        """Stop the server and delete its folder."""
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("start", "stop", "destroy", "url"))
    parser.add_argument("directory", help="the server's folder (created on start)")
    parser.add_argument(
        "--durable", action="store_true", help="keep fsync on (for benchmarks, not tests)"
    )
    args = parser.parse_args(argv)
    try:
        server = PgServer(args.directory, durable=args.durable)
        if args.action == "start":
            print(server.start())
        elif args.action == "stop":
            server.stop()
        elif args.action == "destroy":
            server.destroy()
        else:
            print(server.url)
    except (PgServerError, OSError, ValueError) as exc:
        print(f"pg_server: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Kill the real desk with SIGKILL at random moments, in a real terminal, and count losses.

    python -m benchmarks.fault_harness [--trials 200] [--seed N] [--keep DIR]

Not part of CI (``tests/test_fault_harness.py`` runs a few seeded trials of it). Each
trial starts ``lasem`` on the same SQLite file in a tmux window, does one thing a desk
does, and kills the process with SIGKILL at a random moment inside it:

- ``decision``: right after a decision key (``a``, ``r`` with a reason);
- ``undo``: right after ``u``;
- ``import``: during an import's commit (``i``, the path, then ``ctrl+s``);
- ``minutes``: while the minutes are typed and autosaved (every two seconds);
- ``export``: during an export (``x``, Berita Acara DOCX).

The screen is captured just before the kill: what it shows has been shown. After each
trial the file must pass ``PRAGMA integrity_check``; every decision the screen showed
as done must be on disk (the pending count on disk is never above the one shown, and
an undo shown is not undone on disk); an import is all there or not at all; the
minutes on disk are a prefix of what was typed; an export is a whole document or no
file at all. The next trial's start is the reopening: it must show the village and
the reviewer that the killed desk showed last.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MOMENTS = ("decision", "undo", "import", "minutes", "export")
START_TIMEOUT = 90.0
PENDING = re.compile(r"belum dibahas (\d+)\s+·\s+diterima")
AT_DESK = re.compile(r"Di meja: Desa (.+?)\s{2}")
REVIEWER = re.compile(r"Peninjau: (.+?)\s*$", re.MULTILINE)
#: The desk's notice after an undo has been committed and folded in.
UNDONE = re.compile(r"Dibatalkan: ")
IMPORT_ROWS = 25


@dataclass
class Trial:
    number: int
    moment: str
    delay: float
    losses: list[str] = field(default_factory=list)


#: A tmux server of our own, kept up by a placeholder session for the whole run: when
#: the last session of a shared server ends, the server exits under the next start.
SOCKET = f"lasem-fault-{os.getpid()}"


def _tmux_run(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check
    )


class Desk:
    """One ``lasem`` process in a detached tmux session of its own."""

    def __init__(self, db: Path, home: Path, name: str) -> None:
        self.name = name
        env = {
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DOCUMENTS_DIR": str(home / "docs"),
            "LASEM_SETTINGS": str(home / "settings.json"),
        }
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        command = f"cd {ROOT} && env {exports} {sys.executable} -m lasem_tui --db {db}"
        _tmux_run("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command, check=True)
        self.pid = int(self._tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def _tmux(self, *args: str) -> str:
        return _tmux_run(*args).stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        _tmux_run("send-keys", "-t", self.name, *keys, check=True)

    def text(self, text: str) -> None:
        _tmux_run("send-keys", "-t", self.name, "-l", text, check=True)

    def wait_for(self, pattern: str, timeout: float = START_TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if re.search(pattern, screen):
                return screen
            time.sleep(0.1)
        raise TimeoutError(f"{pattern!r} not on screen:\n{self.screen()}")

    def python_pid(self) -> int:
        """The app's process: the shell's child (``env`` execs python)."""
        found = subprocess.run(["pgrep", "-P", str(self.pid)], capture_output=True, text=True)
        children = [int(p) for p in found.stdout.split()]
        return children[0] if children else self.pid

    def kill(self) -> str:
        """Capture what the screen shows, then SIGKILL the app; returns the capture."""
        target = self.python_pid()
        shown = self.screen()
        os.kill(target, signal.SIGKILL)
        return shown

    def close(self) -> None:
        _tmux_run("kill-session", "-t", self.name)


def _pending_shown(screen: str) -> int | None:
    found = PENDING.search(screen)
    return int(found.group(1)) if found else None


def _where(screen: str) -> tuple[str, str] | None:
    desk, reviewer = AT_DESK.search(screen), REVIEWER.search(screen)
    if not desk or not reviewer:
        return None
    return desk.group(1).strip(), reviewer.group(1).strip()


def _disk(db: Path) -> dict:
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        integrity = raw.execute("PRAGMA integrity_check").fetchall()
        pending = raw.execute("SELECT count(*) FROM proposal WHERE status = 'pending'").fetchone()[
            0
        ]
        imported = raw.execute(
            "SELECT count(*) FROM proposal WHERE title LIKE 'Harness usulan %'"
        ).fetchone()[0]
        imports = raw.execute("SELECT count(*) FROM event WHERE kind LIKE 'import%'").fetchone()[0]
        minutes = raw.execute("SELECT coalesce(max(text), '') FROM minutes").fetchone()[0]
    finally:
        raw.close()
    return {
        "integrity": integrity,
        "pending": pending,
        "imported": imported,
        "imports": imports,
        "minutes": minutes,
    }


def _recap(folder: Path, village: str, serial: int) -> Path:
    path = folder / f"harness-{serial}.csv"
    lines = ["Desa,Usulan,Anggaran"]
    lines += [f"{village},Harness usulan {serial}-{n},{1_000_000 + n}" for n in range(IMPORT_ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _whole_document(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None and "word/document.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def run_trial(trial: Trial, desk: Desk, db: Path, home: Path, rng: random.Random) -> str:
    """Do the trial's moment, kill inside it, return the screen shown before the kill."""
    before = _disk(db)
    if trial.moment == "decision":
        for _ in range(rng.randint(0, 2)):
            desk.keys("a")
        if before["pending"] and rng.random() < 0.1:
            desk.keys("n")  # next village now and then, so that the queue moves on
        desk.keys("a")
        time.sleep(trial.delay)
    elif trial.moment == "undo":
        # The two decisions must be on screen before the undo: otherwise a decision
        # committed but not yet shown looks like an undo shown but not committed.
        shown_before = _pending_shown(desk.screen())
        desk.keys("a", "a")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and shown_before is not None:
            now = _pending_shown(desk.screen())
            if now is not None and now <= shown_before - 2:
                break
            time.sleep(0.05)
        desk.keys("u")
        time.sleep(trial.delay)
    elif trial.moment == "import":
        screen = desk.screen()
        village = (_where(screen) or ("Babagan", ""))[0]
        recap = _recap(home, village, trial.number)
        desk.keys("i")
        # The path starts as the working folder, once the dialog has mounted.
        desk.wait_for(r"📂", timeout=20)
        desk.wait_for(re.escape(f"{ROOT}/") + r"\s", timeout=20)
        for attempt in range(4):
            # Keys that arrive while the dialog is still settling may be dropped: retype.
            time.sleep(0.5 * (attempt + 1))
            desk.keys("C-u")
            desk.text(str(recap))
            try:
                desk.wait_for(re.escape(recap.name), timeout=3)
                break
            except TimeoutError:
                continue
        desk.keys("Enter")
        desk.wait_for(rf"Usulan: {IMPORT_ROWS}\b", timeout=30)
        desk.keys("C-s")
        time.sleep(trial.delay)
    elif trial.moment == "minutes":
        desk.keys("m")
        desk.wait_for("NOTULEN", timeout=20)
        # Keys sent while the editor is still taking focus would reach the desk (where
        # letters are decision keys): let it settle, and type no desk key at all.
        time.sleep(1.0)
        typed = f" <{trial.number}> " + "z" * rng.randint(5, 40)
        trial.typed = typed  # type: ignore[attr-defined]
        desk.text(typed)
        time.sleep(trial.delay * 8)  # across an autosave (every two seconds)
    elif trial.moment == "export":
        desk.keys("x")
        desk.wait_for("Ekspor|ekspor", timeout=20)
        desk.keys("Tab", "Enter")
        time.sleep(trial.delay * 4)
    shown = desk.kill()
    if os.environ.get("LASEM_FAULT_SCREENS"):
        Path(os.environ["LASEM_FAULT_SCREENS"], f"{trial.number}-{trial.moment}.txt").write_text(
            shown, encoding="utf-8"
        )
    return shown


def _minutes_whole(body: str, earlier: str, typed: str) -> bool:
    """The minutes on disk are the earlier text (or, the first time, the editor's
    generated draft, which starts with its title) with at most a prefix of what was
    typed put in: never a part of a save, never text from nowhere."""
    remainder = body
    tag = typed.split(">", 1)[0] + ">"  # " <12>": this trial's, and no other's
    for length in range(len(typed), len(tag) - 1, -1):
        if typed[:length] in body:
            remainder = body.replace(typed[:length], "", 1)
            break
    return remainder == earlier or (not earlier and remainder.startswith("# Notulen"))


def check_trial(trial: Trial, shown: str, db: Path, home: Path, before: dict) -> dict:
    after = _disk(db)
    if after["integrity"] != [("ok",)]:
        trial.losses.append(f"integrity_check: {after['integrity'][:3]}")
    pending = _pending_shown(shown)
    # Decided on screen means decided on disk: the disk may only be ahead.
    imported_now = after["imported"] - before["imported"]
    if (
        trial.moment in ("decision", "import")
        and pending is not None
        and after["pending"] > pending + imported_now
    ):
        trial.losses.append(f"shown {pending} pending, disk has {after['pending']}")
    # An undo is shown by its notice. The pending count alone does not say it: the
    # tally follows the table a frame later, so a screen killed just after the second
    # decision can still show the count of the first, as if an undo had taken it back.
    undo_shown = UNDONE.search(shown) is not None
    if trial.moment == "undo" and undo_shown and pending is not None and after["pending"] < pending:
        trial.losses.append(f"undo shown ({pending} pending) but disk has {after['pending']}")
    new_rows = after["imported"] - before["imported"]
    if new_rows not in (0, IMPORT_ROWS):
        trial.losses.append(f"half an import: {new_rows} of {IMPORT_ROWS} rows")
    if new_rows and after["imports"] == before["imports"]:
        trial.losses.append("imported rows without the import's event")
    if trial.moment == "minutes":
        typed = getattr(trial, "typed", "")
        body, earlier = after["minutes"], before["minutes"]
        if not _minutes_whole(body, earlier, typed):
            trial.losses.append("minutes on disk are not what was typed")
    if trial.moment == "export":
        for document in (home / "docs").glob("*.docx"):
            if not _whole_document(document):
                trial.losses.append(f"a half-written export: {document.name}")
    return after


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20230217)
    parser.add_argument("--keep", help="folder to keep the database and log in")
    parser.add_argument("--json", help="write the per-moment counts to this file")
    parser.add_argument("--moment", choices=MOMENTS, action="append", help="only these moments")
    args = parser.parse_args(argv)
    keep = Path(args.keep) if args.keep else None
    result = run(args.trials, args.seed, keep, moments=tuple(args.moment or MOMENTS))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0 if not sum(result["losses"].values()) else 1


def run(
    trials: int,
    seed: int,
    keep: Path | None = None,
    moments: tuple[str, ...] = MOMENTS,
    *,
    cycle: bool = False,
) -> dict:
    """Run ``trials`` trials; the counts of trials and of losses per moment. With
    ``cycle`` the moments come in turn (each once in a short run) instead of at random."""
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed")
    home = keep or Path(tempfile.mkdtemp(prefix="lasem-faults-"))
    home.mkdir(parents=True, exist_ok=True)
    (home / "docs").mkdir(exist_ok=True)
    db = home / "desk.db"
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(home / "data"),
        "LASEM_SETTINGS": str(home / "s.json"),
    }
    subprocess.run(
        [sys.executable, "-m", "lasem_tui", "demo", "--db", str(db), "--no-open"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    _tmux_run("new-session", "-d", "-s", "keeper", "sleep 86400", check=True)
    try:
        return _trials(trials, seed, home, db, moments, cycle=cycle)
    finally:
        _tmux_run("kill-server")


def _trials(
    trials: int, seed: int, home: Path, db: Path, moments: tuple[str, ...], *, cycle: bool
) -> dict:
    log = home / "trials.jsonl"
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    losses: Counter[str] = Counter()
    details: list[dict] = []
    last_where: tuple[str, str] | None = None
    started = time.monotonic()
    for number in range(trials):
        moment = moments[number % len(moments)] if cycle else rng.choice(moments)
        trial = Trial(number, moment, rng.uniform(0.0, 0.4))
        desk = Desk(db, home, f"lasem-fault-{os.getpid()}-{number}")
        try:
            opened = desk.wait_for(r"Peninjau: ")
            # The tally mounts a frame after the header: a trial that starts before it
            # shows its count has nothing to compare the kill's screen with.
            opened = desk.wait_for(PENDING.pattern)
            where = _where(opened)
            if last_where is not None and where != last_where:
                trial.losses.append(f"reopened on {where}, the desk showed {last_where}")
            before = _disk(db)
            try:
                shown = run_trial(trial, desk, db, home, rng)
            except TimeoutError as exc:
                shown = desk.kill()
                trial.losses.append(f"did not reach the moment: {str(exc)[:80]}")
            # The kill is done; wait for the process to be gone before reading.
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and _alive(desk.python_pid(), desk.pid):
                time.sleep(0.05)
            check_trial(trial, shown, db, home, before)
            last_where = _where(shown) or where
        finally:
            desk.close()
        counts[moment] += 1
        with log.open("a", encoding="utf-8") as out:
            out.write(
                json.dumps({"trial": number, "moment": moment, "losses": trial.losses}) + "\n"
            )
        if trial.losses:
            losses[moment] += 1
            details.append({"trial": number, "moment": moment, "losses": trial.losses})
    return {
        "trials": dict(counts),
        "losses": {m: losses.get(m, 0) for m in MOMENTS},
        "details": details,
        "seconds": round(time.monotonic() - started, 1),
        "folder": str(home),
    }


def _alive(pid: int, shell: int) -> bool:
    if pid == shell:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers signal 0; /proc says whether it is gone.
    try:
        return "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False


if __name__ == "__main__":
    raise SystemExit(main())

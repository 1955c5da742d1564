"""The desk against the bare app, in a real terminal (tmux, 120x36), in the same run.

For each size (Lasem: the demo midway; regency: 300 desa, 18,000 usulan) and each app,
it measures from outside, by reading the tmux pane as a user's eyes would:

- first paint: from starting the process to the table's first row on screen;
- decision: from sending ``a`` to the status cell showing it accepted.

Goals (issue 13): decision within 1.5x the bare app at Lasem size and 2x at regency
size; first paint within 1.3x at Lasem size.

    python benchmarks/terminal_benchmark.py [--runs 3] [--keys 4]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import regency  # noqa: E402
from lasem_tui.store import demo, queries  # noqa: E402
from lasem_tui.store.database import open_database  # noqa: E402

SESSION = "lasem-bench"
POLL_S = 0.002
HOME = tempfile.mkdtemp(prefix="lasem-bench-home-")


def _pane() -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", SESSION], capture_output=True, text=True
    ).stdout


def _wait_for(check, timeout: float = 30.0) -> float:  # type: ignore[no-untyped-def]
    """Seconds until ``check(pane)`` holds."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if check(_pane()):
            return time.perf_counter()
        time.sleep(POLL_S)
    raise TimeoutError(f"the screen never showed it:\n{_pane()}")


def _first_title(path: str) -> str:
    db = open_database(path)
    try:
        from lasem_tui.store import meetings

        meeting_id = meetings.open_meeting(db)
        with db.read() as session:
            state = queries.desk_state(session, meeting_id)  # type: ignore[arg-type]
        return state.proposals[0].title[:14]
    finally:
        db.dispose()


def _session(command: list[str], marker: str, word: str, keys: int) -> tuple[float, list[float]]:
    """First paint (ms) and each decision's key-to-screen time (ms)."""
    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    env = f"PYTHONPATH={ROOT} HOME={HOME} XDG_CONFIG_HOME={HOME} XDG_DATA_HOME={HOME}"
    line = " ".join(command)
    started = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", SESSION, "-x", "120", "-y", "36", f"{env} {line}"],
        check=True,
    )
    painted = _wait_for(lambda pane: marker in pane)
    first = (painted - started) * 1000
    time.sleep(1.5)  # the desk's lazy panels and first poll settle
    decisions = []
    for _ in range(keys):
        before = _pane().count(word)
        sent = time.perf_counter()
        subprocess.run(["tmux", "send-keys", "-t", SESSION, "a"], check=True)
        shown = _wait_for(lambda pane, before=before: pane.count(word) > before)
        decisions.append((shown - sent) * 1000)
        time.sleep(0.4)  # let the highlight and the detail follow
    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    return first, decisions


def _measure(path: str, runs: int, keys: int) -> dict[str, tuple[float, float]]:
    marker = _first_title(path)
    apps = {
        "bare": ([sys.executable, str(ROOT / "benchmarks" / "bare_app.py")], "--stay", "accepte"),
        "desk": ([sys.executable, "-m", "lasem_tui", "--lang", "id", "--db"], "", "diterima"),
    }
    folder = Path(tempfile.mkdtemp(prefix="lasem-term-"))
    firsts: dict[str, list[float]] = {name: [] for name in apps}
    decisions: dict[str, list[float]] = {name: [] for name in apps}
    # Interleaved, bare then desk in each run: on a shared machine the load drifts, and
    # all the bare runs first then all the desk runs compared two different machines.
    for run in range(runs):
        for name, (command, extra, word) in apps.items():
            copy = folder / f"{name}-{run}.db"
            shutil.copy(path, copy)
            first, taken = _session([*command, str(copy), extra], marker, word, keys)
            firsts[name].append(first)
            decisions[name].extend(taken)
    results = {
        name: (statistics.median(firsts[name]), statistics.median(decisions[name])) for name in apps
    }
    shutil.rmtree(folder, ignore_errors=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    # The Lasem village at the desk has four undecided proposals.
    parser.add_argument("--keys", type=int, default=4)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed")
    os.environ.setdefault("LASEM_LANG", "id")
    folder = Path(tempfile.mkdtemp(prefix="lasem-bench-"))
    lasem_db = str(folder / "lasem.db")
    db = open_database(lasem_db)
    demo.write_demo(db, demo.Stage.MIDWAY)
    db.dispose()
    regency_db = str(folder / "regency.db")
    db = open_database(regency_db)
    regency.build(db)
    db.dispose()
    goals = {"Lasem": (1.3, 1.5), "regency": (None, 2.0)}
    print(
        f"{'size':9} {'paint bare':>10} {'paint desk':>10} {'ratio':>6} "
        f"{'key bare':>9} {'key desk':>9} {'ratio':>6}  goals (paint, key)"
    )
    for label, path in (("Lasem", lasem_db), ("regency", regency_db)):
        r = _measure(path, args.runs, args.keys)
        (bp, bk), (dp, dk) = r["bare"], r["desk"]
        print(
            f"{label:9} {bp:10.0f} {dp:10.0f} {dp / bp:6.2f} {bk:9.1f} {dk:9.1f} "
            f"{dk / bk:6.2f}  {goals[label]}"
        )
    print("ms, medians; measured from outside by reading the tmux pane (2 ms polls)")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

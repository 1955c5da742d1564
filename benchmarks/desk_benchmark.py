"""Benchmark of the desk at Lasem size and at regency size (not a test).

Prints, for each size: time to first paint of the desk next to a bare Textual + SQLModel
app painting one table; a decision from key to committed row and updated tally; a
village switch. Goals (issue 2): decision < 10 ms and village switch < 50 ms at regency
size; start-up within 1.3x the bare app.

    python benchmarks/desk_benchmark.py [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import regency  # noqa: E402
from lasem_tui.store import demo  # noqa: E402
from lasem_tui.store.database import open_database  # noqa: E402
from lasem_tui.ui.app import LasemApp  # noqa: E402
from lasem_tui.ui.desk import DeskScreen  # noqa: E402
from lasem_tui.ui.messages import VillageChosen  # noqa: E402


def _startup_ms(script: str, db: str, runs: int) -> tuple[float, float]:
    """Median milliseconds to first paint, and the peak memory (MB) of the process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    samples = []
    peak = 0.0
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / script), db],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        ms, mb = out.stdout.strip().splitlines()[-1].split()
        samples.append(float(ms))
        peak = max(peak, float(mb))
    return statistics.median(samples), peak


def _minutes_refresh_ms(db_path: str, lines: int = 2000) -> float:
    """Rebuild the generated parts of a notulis' text of ``lines`` typed lines."""
    from lasem_tui.exchange.minutes import editor_text, refreshed_text
    from lasem_tui.store import meetings

    db = open_database(db_path)
    meeting_id = meetings.open_meeting(db)
    assert meeting_id is not None
    typed = "\n".join(f"Catatan notulis baris {i}: tanggapan peserta." for i in range(lines))
    text = typed + "\n" + editor_text(db, meeting_id)
    started = time.perf_counter()
    refreshed_text(db, meeting_id, text)
    elapsed = (time.perf_counter() - started) * 1000
    db.dispose()
    return elapsed


async def _interactive(
    db_path: str, decisions: int, switches: int
) -> tuple[float, float, float, float]:
    db = open_database(db_path)
    from lasem_tui.store import meetings

    meeting_id = meetings.open_meeting(db)
    assert meeting_id is not None
    app = LasemApp(db, meeting_id)
    decide_ms: list[float] = []
    press_ms: list[float] = []
    switch_ms: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeskScreen)
        for i in range(decisions):
            if i % 2:
                started = time.perf_counter()
                screen.action_accept()
                decide_ms.append((time.perf_counter() - started) * 1000)
                await pilot.pause()
            else:
                started = time.perf_counter()
                await pilot.press("a")
                press_ms.append((time.perf_counter() - started) * 1000)
            if screen.highlighted is None or screen.highlighted.status.value != "pending":
                screen.action_next_village()
                await pilot.pause()
        villages = [v.id for v in screen.state.villages]  # type: ignore[union-attr]
        for i in range(switches):
            target = villages[(i * 37) % len(villages)]
            started = time.perf_counter()
            screen._village_chosen(VillageChosen(target))
            switch_ms.append((time.perf_counter() - started) * 1000)
            await pilot.pause()
        # The repaint after a decision: one frame of the whole screen, forced.
        started = time.perf_counter()
        screen.action_accept()
        app.screen._compositor.render_strips()
        repaint = (time.perf_counter() - started) * 1000
    db.dispose()
    return (
        statistics.median(decide_ms),
        statistics.median(press_ms),
        statistics.median(switch_ms),
        repaint,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lasem-bench-"))
    sizes = {}
    lasem_db = str(folder / "lasem.db")
    db = open_database(lasem_db)
    demo.write_demo(db, demo.Stage.FRESH)
    db.dispose()
    sizes["Lasem (20 desa, ~110 usulan)"] = lasem_db
    regency_db = str(folder / "regency.db")
    db = open_database(regency_db)
    started = time.perf_counter()
    regency.build(db)
    db.dispose()
    print(f"regency database built in {time.perf_counter() - started:.1f} s")

    sizes["Regency (300 desa, 18.000 usulan)"] = regency_db
    print(
        f"{'size':36} {'bare ms':>8} {'desk ms':>8} {'ratio':>6} {'decide ms':>10} {'key+paint':>10} {'switch ms':>10} {'frame ms':>9} {'peak MB':>8} {'minutes ms':>10}"
    )
    for label, path in sizes.items():
        bare, _ = _startup_ms("bare_app.py", path, args.runs)
        desk, peak = _startup_ms("desk_app.py", path, args.runs)
        decide, press, switch, frame = asyncio.run(_interactive(path, 40, 20))
        minutes = _minutes_refresh_ms(path)
        print(
            f"{label:36} {bare:8.0f} {desk:8.0f} {desk / bare:6.2f} {decide:10.2f} {press:10.1f} {switch:10.2f} {frame:9.1f} {peak:8.0f} {minutes:10.0f}"
        )
    print("decide: key handler to committed row, re-read village and tally, widgets updated")
    print("key+paint: Pilot key press until the app is idle again (includes Pilot's own wait)")
    print("peak MB: the desk process's peak memory at first paint; minutes ms: refreshing the")
    print(
        "generated parts of a 2,000-line minutes text. Exports: python benchmarks/export_speed.py"
    )


if __name__ == "__main__":
    main()

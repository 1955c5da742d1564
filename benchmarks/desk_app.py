"""Start-up of the real desk, headless: prints milliseconds from process start to the
first paint of the desk screen, then exits."""

from __future__ import annotations

import time

START = time.perf_counter()

import sys  # noqa: E402

from lasem_tui.store import meetings  # noqa: E402
from lasem_tui.store.database import open_database  # noqa: E402
from lasem_tui.ui.app import LasemApp  # noqa: E402


class TimedApp(LasemApp):
    def on_mount(self) -> None:
        # Textual calls LasemApp.on_mount itself (handlers run for each class).
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.call_after_refresh(self._report)

    def _report(self) -> None:
        import resource

        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        sys.__stdout__.write(f"{(time.perf_counter() - START) * 1000:.1f} {peak_mb:.0f}\n")
        self.exit()


if __name__ == "__main__":
    db = open_database(sys.argv[1])
    meeting_id = meetings.open_meeting(db)
    assert meeting_id is not None
    TimedApp(db, meeting_id).run(headless=True)

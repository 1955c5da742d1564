"""A push that dies half-way: run by tests/sync/test_push_pull.py.

``python tests/sync_child.py SOURCE TARGET UUID KIND`` copies the meeting and, once the
copier reports that the table KIND has been written (inside the still open
transaction on the target), kills its own process with SIGKILL: a laptop switched off,
or a cable pulled, in the middle of a push.
"""

from __future__ import annotations

import os
import signal
import sys

from lasem_tui.store.database import open_database
from lasem_tui.store.sync.copier import copy_meeting


def main() -> None:
    source_url, target_url, uuid, kind = sys.argv[1:5]
    source = open_database(source_url, create=False)
    target = open_database(target_url)

    def progress(table: str, _done: int, _total: int) -> None:
        if table == kind:
            print("killing", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    copy_meeting(source, target, uuid, progress=progress)
    print("finished", flush=True)


if __name__ == "__main__":
    main()

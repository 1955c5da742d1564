"""The ``lasem`` command's entry point (the script and ``python -m lasem_tui``).

The garbage collector is held until the desk has started (``LasemApp.run`` freezes
what was imported and lets it go again) or the command is parsed: the imports make a
hundred thousand objects that live as long as the process, and the collections that
walked them during the start (about 30 ms of the desk's first paint) found nothing to
free. Kept out of ``lasem_tui.cli`` so that it runs before that package's imports.
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    try:
        from lasem_tui.cli import main as run

        return run()
    finally:
        gc.enable()  # for a caller in the same process (the command's own end is exit)


if __name__ == "__main__":
    raise SystemExit(main())

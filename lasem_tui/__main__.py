"""Allow ``python -m lasem_tui`` to behave exactly like the ``lasem`` script."""

from lasem_tui.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

"""Pictures of the main screens, compared with the approved SVGs in __snapshots__.

The clock is frozen and the time zone fixed to WIB so a picture never changes with the
minute or the machine it was taken on. Update with ``pytest --snapshot-update``.
"""

from __future__ import annotations

from lasem_tui.ui.app import LasemApp


def test_desk_screen_midway(snap_compare, midway_app: LasemApp) -> None:
    assert snap_compare(midway_app, terminal_size=(120, 36))


def test_desk_screen_small_terminal(snap_compare, midway_app: LasemApp) -> None:
    assert snap_compare(midway_app, terminal_size=(80, 24))


def test_adjust_dialog(snap_compare, midway_app: LasemApp) -> None:
    assert snap_compare(midway_app, terminal_size=(120, 36), press=["e"])


def test_help_screen(snap_compare, midway_app: LasemApp) -> None:
    assert snap_compare(midway_app, terminal_size=(120, 36), press=["question_mark"])

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


def test_desk_small_terminal_over_its_ceiling(snap_compare, midway_app: LasemApp) -> None:
    """80x24 with Jolotundo's four undecided proposals accepted: 985 jt against its
    955 jt ceiling, the warning in view."""
    assert snap_compare(midway_app, terminal_size=(80, 24), press=["a", "a", "a", "a"])


def test_desk_end_of_meeting(snap_compare, db, frozen_wib) -> None:  # type: ignore[no-untyped-def]
    """Every village done: the totals and the next steps, not "tekan n"."""
    from lasem_tui.store import demo

    app = LasemApp(db, demo.write_demo(db, demo.Stage.DONE))
    assert snap_compare(app, terminal_size=(120, 36))

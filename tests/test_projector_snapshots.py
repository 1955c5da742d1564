"""Pictures of the projector in both themes, compared with the approved SVGs.

The clock is frozen at 09.12 WIB (``gallery.frozen_wib``), as for the desk's snapshots.
Update with ``pytest --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lasem_tui import settings
from lasem_tui.store import demo
from lasem_tui.store.database import Database
from lasem_tui.ui.projector_app import ProjectorApp
from tools.gallery import frozen_wib


@pytest.fixture
def midway_projector(db: Database) -> Iterator[ProjectorApp]:
    with frozen_wib():
        yield ProjectorApp(db, demo.write_demo(db, demo.Stage.MIDWAY))


def test_projector_dark(snap_compare, midway_projector: ProjectorApp) -> None:
    assert snap_compare(midway_projector, terminal_size=(120, 36))


def test_projector_light(snap_compare, midway_projector: ProjectorApp) -> None:
    settings.update(projector_theme="light")
    assert snap_compare(midway_projector, terminal_size=(120, 36))


def test_projector_small_terminal(snap_compare, midway_projector: ProjectorApp) -> None:
    assert snap_compare(midway_projector, terminal_size=(80, 24))


@pytest.fixture
def done_projector(db: Database) -> Iterator[ProjectorApp]:
    with frozen_wib():
        yield ProjectorApp(db, demo.write_demo(db, demo.Stage.DONE))


def test_projector_end_of_meeting(snap_compare, done_projector: ProjectorApp) -> None:
    assert snap_compare(done_projector, terminal_size=(120, 36))


def test_projector_end_of_meeting_small(snap_compare, done_projector: ProjectorApp) -> None:
    assert snap_compare(done_projector, terminal_size=(80, 24))

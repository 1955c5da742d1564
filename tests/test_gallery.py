"""The README's picture gallery shows every screen the gallery script makes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tools.gallery import DEFAULT_OUT, SHOTS, Shot, make

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_picture_is_made_and_shown_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    names = [shot.name for shot in SHOTS]
    assert len(names) == len(set(names)), "two pictures share a name"
    missing_files = [n for n in names if not (DEFAULT_OUT / f"{n}.svg").is_file()]
    missing_links = [n for n in names if f"(screens/{n}.svg)" not in readme]
    stale = sorted(p.stem for p in DEFAULT_OUT.glob("*.svg") if p.stem not in names)
    assert missing_files == [], "run python tools/gallery.py"
    assert missing_links == [], "add these pictures to the README's Screens table"
    assert stale == [], "pictures no shot makes any more"


@pytest.mark.parametrize("shot", SHOTS, ids=[shot.name for shot in SHOTS])
def test_every_screen_looks_as_its_picture_in_the_gallery(shot: Shot, tmp_path: Path) -> None:
    """The gallery is the approved picture of every screen: a change to any screen shows
    here, in review, until the gallery is made again (python tools/gallery.py NAME) and
    the new picture looked at."""
    approved = DEFAULT_OUT / f"{shot.name}.svg"
    made = asyncio.run(make([shot], tmp_path))[0]
    assert made.read_text(encoding="utf-8") == approved.read_text(encoding="utf-8"), (
        f"screens/{shot.name}.svg is not what the app shows now: run "
        f"python tools/gallery.py {shot.name} and look at the picture"
    )

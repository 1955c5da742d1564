"""The README's picture gallery shows every screen the gallery script makes."""

from __future__ import annotations

from pathlib import Path

from lasem_tui.gallery import DEFAULT_OUT, SHOTS

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_picture_is_made_and_shown_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    names = [shot.name for shot in SHOTS]
    assert len(names) == len(set(names)), "two pictures share a name"
    missing_files = [n for n in names if not (DEFAULT_OUT / f"{n}.svg").is_file()]
    missing_links = [n for n in names if f"(screens/{n}.svg)" not in readme]
    stale = sorted(p.stem for p in DEFAULT_OUT.glob("*.svg") if p.stem not in names)
    assert missing_files == [], "run python -m lasem_tui.gallery"
    assert missing_links == [], "add these pictures to the README's Screens table"
    assert stale == [], "pictures no shot makes any more"

"""The picture gallery: an SVG screenshot of every screen, for the README.

    python tools/gallery.py [--out screens] [NAME ...]

Each picture is taken from the Lasem demo at its midway stage, in a throwaway database,
with the clock frozen at 09.12 WIB on the day of the 2023 meeting and the time zone set
to Asia/Jakarta, so rerunning the script reproduces the same files. A new screen is one
more ``Shot`` in ``SHOTS``: a name, a caption, and the keys (or code) that bring it up.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the repository's root is importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from lasem_tui import i18n, settings
from lasem_tui.domain import dates
from lasem_tui.store import demo
from lasem_tui.store import projector as projector_store
from lasem_tui.store.database import Database, open_database
from lasem_tui.store.views import ProposalRow
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.fit.bulk_accept import BulkAcceptDialog
from lasem_tui.ui.fit.merge_picker import MergePicker
from lasem_tui.ui.fit.scoring_dialog import ScoringDialog
from lasem_tui.ui.projector_app import ProjectorApp

WIB = timezone(timedelta(hours=7))
#: The moment every picture shows: mid-morning at the 2023 desk.
MOMENT = datetime(2023, 2, 17, 9, 12, tzinfo=WIB)
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "screens"


@contextmanager
def frozen_wib(moment: datetime = MOMENT) -> Iterator[None]:
    """Stop the clock at ``moment`` and show times in WIB, then put both back."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Jakarta"
    time.tzset()
    dates.freeze_clock(moment)
    try:
        yield
    finally:
        dates.freeze_clock(None)
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


Setup = Callable[[Pilot[Any]], Awaitable[None]]


def press(*keys: str) -> Setup:
    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)

    return run


def message(text: str) -> Setup:
    async def run(pilot: Pilot[Any]) -> None:
        app = pilot.app
        projector_store.set_message(app.db, app.meeting_id, text, reviewer_id=None)  # type: ignore[attr-defined]
        app.screen._read_now()  # type: ignore[attr-defined]

    return run


async def nothing(_pilot: Pilot[Any]) -> None:
    return None


#: A village recap as a sekretaris desa sends it, with the mistakes the preview catches.
RECAP = (
    "Desa;Usulan;Lokasi;Volume;Satuan;Anggaran;OPD\n"
    "Dasun;Penanaman mangrove;Muara Dasun;2000;batang;Rp 75.000.000;DLH\n"
    "Dasun;Talud tambak garam;RT 02;150;m;180.000.000;DPUTR\n"
    "Bonang;Jalan lingkungan;RW 01;300;m;250000000;DPUTR\n"
    "Sendang Coyo;Embung desa;Dusun Krajan;1;unit;300000000;DPUTR\n"
    "Bonang;;RW 01;300;m;-5;DPUTR\n"
)


@contextmanager
def recap_folder() -> Iterator[None]:
    """Work from a folder holding one recap, under a fixed name so that the picture
    shows the same folder tree on every run."""
    folder = Path(tempfile.gettempdir()) / "lasem-rekap-desa"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / "rekap-desa.csv").write_text(RECAP, encoding="utf-8")
    saved = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(saved)
        shutil.rmtree(folder, ignore_errors=True)


async def ask_for_recap(pilot: Pilot[Any]) -> None:
    await pilot.press("i")
    await pilot.pause()
    pilot.app.screen.query_one("#path", Input).value = "rekap-desa.csv"
    await pilot.pause()


async def import_dialog(pilot: Pilot[Any]) -> None:
    with recap_folder():
        await ask_for_recap(pilot)


async def import_preview(pilot: Pilot[Any]) -> None:
    with recap_folder():
        await ask_for_recap(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await settle(pilot.app)


async def regency_overview(pilot: Pilot[Any]) -> None:
    """F5 on a database that also holds a second kecamatan's (finished) meeting."""
    from sqlalchemy import text

    db = pilot.app.db  # type: ignore[attr-defined]
    other = demo.write_demo(db, demo.Stage.DONE)
    with db.write() as session:
        session.execute(
            text("UPDATE meeting SET kecamatan = 'Sluke', last_opened_at = NULL WHERE id = :id"),
            {"id": other},
        )
    await pilot.press("f5")
    await pilot.pause()
    await settle(pilot.app)


def _fit_piece(make: Callable[[LasemApp, ProposalRow], Screen[Any]], *keys: str) -> Setup:
    """Open one of the standalone fitting pieces over the desk on its highlighted
    proposal (the desk binds them to k, g and A), then press ``keys``."""

    async def run(pilot: Pilot[Any]) -> None:
        app = pilot.app
        proposal = app.screen.highlighted  # type: ignore[attr-defined]
        app.push_screen(make(app, proposal))  # type: ignore[arg-type]
        await pilot.pause()
        await pilot.press(*keys)

    return run


def _scoring(app: LasemApp, proposal: ProposalRow) -> ScoringDialog:
    return ScoringDialog(app.db, app.meeting_id or 0, app.reviewer_id(), proposal)


def _merging(app: LasemApp, proposal: ProposalRow) -> MergePicker:
    return MergePicker(app.db, app.meeting_id or 0, app.reviewer_id(), proposal)


def _bulk(app: LasemApp, proposal: ProposalRow) -> BulkAcceptDialog:
    return BulkAcceptDialog(app.db, app.meeting_id or 0, app.reviewer_id(), proposal.village_id)


async def settle(app: App[Any]) -> None:
    """Wait for the app's work, but not for a folder tree's loader, which runs for as
    long as the tree is on screen."""
    busy = [w for w in app.workers if w.group != "_loader" and not w.is_finished]
    if busy:  # an empty list would mean "all of them" to the worker manager
        await app.workers.wait_for_complete(busy)


@dataclass(frozen=True)
class Shot:
    name: str
    caption: str
    setup: Setup = nothing
    size: tuple[int, int] = (120, 36)
    app: Callable[[Database, int | None], App[Any]] = field(default=LasemApp)
    #: Settings in force when the app opens, e.g. ``{"projector_theme": "light"}``.
    prefs: dict[str, str] = field(default_factory=dict)
    #: An empty database: what the app shows on its very first run.
    empty: bool = False


SHOTS: tuple[Shot, ...] = (
    Shot("desk", "The desk at 120x36: queue, proposals, detail, tally and clock"),
    Shot("desk-80x24", "The desk on a small 80x24 terminal", size=(80, 24)),
    Shot("projector-dark", "The projector, dark theme", app=ProjectorApp),
    Shot(
        "projector-light",
        "The projector, light theme for a bright pendopo",
        app=ProjectorApp,
        prefs={"projector_theme": "light"},
    ),
    Shot(
        "projector-message",
        "The projector with the facilitator's message",
        setup=message("Istirahat 10 menit — desk dilanjutkan pukul 09.25"),
        app=ProjectorApp,
    ),
    Shot("projector-80x24", "The projector at 80x24", size=(80, 24), app=ProjectorApp),
    Shot(
        "projector-240x67",
        "The projector at 240x67: the figures in the large font",
        size=(240, 67),
        app=ProjectorApp,
    ),
    Shot("help", "Help: every key of the desk", setup=press("question_mark")),
    Shot("adjust-dialog", "Accept with an adjustment", setup=press("e")),
    Shot("reject-dialog", "Reject, with the reason required", setup=press("r")),
    Shot("defer-dialog", "Defer or redirect", setup=press("d")),
    Shot("reviewer-picker", "Hand the keyboard to the next reviewer", setup=press("w")),
    Shot("message-dialog", "The one-line message for the projector", setup=press("b")),
    Shot("minutes", "The minutes editor for the notulis", setup=press("m")),
    Shot("minutes-preview", "The minutes, rendered", setup=press("m", "ctrl+s", "ctrl+o")),
    Shot("attendance", "The attendance list (daftar hadir)", setup=press("h")),
    Shot("export-dialog", "Export the documents", setup=press("x"), size=(120, 40)),
    Shot(
        "first-run", "The first run: the Lasem template, an empty meeting or the demo", empty=True
    ),
    Shot("setup", "Setting up the meeting (F3)", setup=press("f3")),
    Shot("meeting-picker", "Several meetings in one database (F4)", setup=press("f4")),
    Shot("regency", "The regency overview (F5)", setup=regency_overview),
    Shot(
        "setup-criteria",
        "Scoring criteria in setup (F3)",
        setup=press("f3", "right", "right", "right", "right", "tab"),
    ),
    Shot("scoring-dialog", "Scoring a proposal (k)", setup=_fit_piece(_scoring, "4", "5", "3")),
    Shot("merge-picker", "Merging a duplicate (g)", setup=_fit_piece(_merging, *"talud")),
    Shot(
        "bulk-accept",
        "Accept everything above the pagu line (A)",
        setup=_fit_piece(_bulk),
        size=(120, 40),
    ),
    Shot("import-dialog", "Import a village recap (i)", setup=import_dialog),
    Shot(
        "import-preview",
        "The import preview: nothing is written until confirmed",
        setup=import_preview,
    ),
)


async def take(shot: Shot, folder: Path) -> str:
    """One picture, from a fresh demo database in ``folder``."""
    db = open_database(str(folder / f"{shot.name}.db"))
    try:
        meeting_id = None if shot.empty else demo.write_demo(db, demo.Stage.MIDWAY)
        if shot.prefs:
            settings.update(**shot.prefs)
        app = shot.app(db, meeting_id)
        async with app.run_test(size=shot.size) as pilot:
            await pilot.pause()
            await shot.setup(pilot)
            await pilot.pause()
            await settle(app)
            for field_ in app.screen.query(Input):
                field_.cursor_blink = False
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            return app.export_screenshot(title=f"Lasem desk · {shot.name}")
    finally:
        db.dispose()


async def make(shots: Sequence[Shot], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    # A fixed folder: the first run names its database, and the picture must not change.
    folder = Path(tempfile.gettempdir()) / "lasem-gallery"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        saved_settings = os.environ.get("LASEM_SETTINGS")
        try:
            for shot in shots:
                # Each picture starts from the defaults, not from the user's settings.
                os.environ["LASEM_SETTINGS"] = str(folder / f"{shot.name}.json")
                i18n.set_language("id")
                with frozen_wib():
                    svg = await take(shot, folder)
                path = out / f"{shot.name}.svg"
                path.write_text(svg, encoding="utf-8")
                written.append(path)
        finally:
            if saved_settings is None:
                os.environ.pop("LASEM_SETTINGS", None)
            else:
                os.environ["LASEM_SETTINGS"] = saved_settings
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/gallery.py", description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the SVGs")
    parser.add_argument("names", nargs="*", help="only these pictures (default: all)")
    args = parser.parse_args(argv)
    known = {shot.name: shot for shot in SHOTS}
    unknown = [name for name in args.names if name not in known]
    if unknown:
        parser.error(f"unknown picture(s): {', '.join(unknown)}; known: {', '.join(known)}")
    shots = [known[name] for name in args.names] if args.names else list(SHOTS)
    for path in asyncio.run(make(shots, args.out)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

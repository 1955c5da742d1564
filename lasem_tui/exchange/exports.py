"""One entry point for every export, shared by ``lasem export`` and the app's dialog.

``export`` reads the meeting once, writes each file to a temporary name beside the
target and renames it into place only when complete, so a failed or interrupted export
never leaves half a document (nor destroys the previous one). An existing file is kept
unless ``force`` is given, and anything but a regular file is never replaced. Every
refusal, and every failure of the disk, is an ``ExportError`` whose ``code`` is an i18n
key (``export_exists``, ``export_unwritable``, ``export_folder_missing``, ...): the
command line and the dialog show it as one line, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ParamSpec, TypeVar

try:
    import fcntl
except ImportError:  # Windows: stale files are told by their age instead
    fcntl = None  # type: ignore[assignment]

from lasem_tui import i18n
from lasem_tui.exchange.pdf_fonts import noting_missing
from lasem_tui.exchange.record import (
    MeetingRecord,
    ProgressCallback,
    meeting_name,
    no_progress,
    read_meeting,
    read_record,
)
from lasem_tui.store.database import Database
from lasem_tui.store.locations import documents_dir
from lasem_tui.store.views import MeetingView

FORMATS = ("md", "docx", "pdf", "xlsx", "csv", "attendance", "minutes", "slips", "sipd", "geojson")
PAPERS = ("a4", "f4")

#: Per format: the file name's start and the suffixes written.
_NAMES = {
    "md": ("notulen", (".md",)),
    "docx": ("berita-acara", (".docx",)),
    "pdf": ("berita-acara", (".pdf",)),
    "xlsx": ("rekap-usulan", (".xlsx",)),
    "csv": ("usulan", (".csv",)),
    "attendance": ("daftar-hadir", (".docx", ".pdf")),
    "minutes": ("notulen", (".docx", ".pdf")),
    "slips": ("hasil-desk-per-desa", (".pdf", ".docx")),
    "sipd": ("usulan-sipd", (".xlsx",)),
    "geojson": ("lokasi-usulan", (".geojson",)),
}

#: Formats written as one file whose suffix chooses DOCX or PDF (the first by default);
#: ``attendance`` writes both.
_ONE_OF = frozenset({"minutes", "slips"})


class ExportError(Exception):
    """An export refused before or while writing; nothing was left behind."""

    def __init__(self, code: str, path: Path, detail: str = "") -> None:
        super().__init__(f"{code}: {path} {detail}".strip())
        self.code = code
        self.path = path
        self.detail = detail


@dataclass(frozen=True)
class ExportResult:
    format: str
    paths: tuple[Path, ...]
    #: Characters a PDF printed as □ because no font on this computer has them, in
    #: code point order: the command line and the dialog say which.
    unprintable: str = ""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "rapat"


def default_name(record: MeetingRecord | MeetingView, fmt: str) -> str:
    """``berita-acara-pra-musrenbang-kecamatan-lasem-2023.docx`` and the like."""
    meeting = record.meeting if isinstance(record, MeetingRecord) else record
    start, suffixes = _NAMES[fmt]
    demo = "-contoh" if meeting.is_demo else ""
    return f"{start}-{_slug(meeting_name(meeting))}-{meeting.held_on.year}{demo}{suffixes[0]}"


def target_paths(fmt: str, path: Path) -> tuple[Path, ...]:
    """The files one export writes: the attendance list goes out as DOCX and PDF."""
    _, suffixes = _NAMES[fmt]
    if len(suffixes) == 1:
        return (path,)
    if fmt in _ONE_OF:
        return (
            path if path.suffix.lower() in suffixes else path.with_name(path.name + suffixes[0]),
        )
    stem = path.with_suffix("") if path.suffix.lower() in suffixes else path
    return tuple(stem.with_name(stem.name + suffix) for suffix in suffixes)


def resolve(
    record: MeetingRecord | MeetingView, fmt: str, path: Path | str | None
) -> tuple[Path, ...]:
    """Where an export goes: ``path`` as given, a file in ``path`` when it is a folder,
    or the user's documents folder.

    ``path`` written with a trailing separator names a folder even when there is none:
    ``-o newdir/`` must not become a file called ``newdir``. A file name must end in the
    format's suffix, so that what is written opens in the program its name promises.
    """
    if path is None:
        return target_paths(fmt, documents_dir() / default_name(record, fmt))
    target = Path(path).expanduser()
    if _names_folder(path) or _is_dir(target):
        # The documents folder is the one folder an export makes (see ``export``).
        if not (_is_dir(target) or target == documents_dir()):
            raise ExportError("export_folder_missing", target)
        return target_paths(fmt, target / default_name(record, fmt))
    check_suffix(fmt, target)
    return target_paths(fmt, target)


def _names_folder(path: Path | str) -> bool:
    """``-o newdir/``: ``Path`` drops the trailing separator, so look at the text."""
    separators = tuple(sep for sep in (os.sep, os.altsep) if sep)
    return isinstance(path, str) and path.endswith(separators)


def check_suffix(fmt: str, path: Path) -> None:
    """Refuse ``export pdf -o t1.xlsx`` (a PDF Excel cannot open) and a name without a
    suffix; the attendance pair takes either of its suffixes, or none as the stem."""
    _, suffixes = _NAMES[fmt]
    suffix = path.suffix.lower()
    if suffix in suffixes or (len(suffixes) > 1 and not suffix and fmt not in _ONE_OF):
        return
    raise ExportError("export_wrong_suffix", path, " / ".join(suffixes))


def check_targets(paths: tuple[Path, ...], *, force: bool) -> None:
    """Refuse before any work: missing folders, anything but a regular file in the way
    (``os.replace`` would put the export in place of a device, a pipe or a socket, even
    with ``force``), and existing files without ``force``."""
    for path in paths:
        if not _is_dir(path.parent):
            raise ExportError("export_folder_missing", path)
        found = _stat(path)
        if found is None:
            continue
        if not stat.S_ISREG(found.st_mode):
            raise ExportError("export_not_a_file", path)
        if not force:
            raise ExportError("export_exists", path)


def _stat(path: Path) -> os.stat_result | None:
    """What is at ``path``, or None when nothing is. Not being able to look at all (a
    name too long, a folder we may not enter) means the path cannot be written."""
    try:
        return path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise _unwritable(path, exc) from exc


def _is_dir(path: Path) -> bool:
    found = _stat(path)
    return found is not None and stat.S_ISDIR(found.st_mode)


def _unwritable(path: Path, exc: OSError) -> ExportError:
    return ExportError("export_unwritable", path, i18n.os_reason(exc))


#: Our temporary files: ``.NAME.<8 random characters>.tmp`` beside a target of one of
#: our formats.
_TEMP_NAME = re.compile(r"^\.(?P<target>.+\.(?:md|docx|pdf|xlsx|csv))\.[A-Za-z0-9_]{8}\.tmp$")
#: Without file locks (Windows), a temporary file this old is no export's any more.
_STALE_AFTER_S = 3600


def _write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file beside ``path``, renamed into place when complete.

    The temporary file is created with mode 0644, which the kernel narrows by the
    process umask as for any new file: the mode is set on the file itself, never by
    changing the process umask (a worker thread doing that made other threads' files
    world-writable for a moment). It is locked while written, so that the cleaning of
    temporary files a killed export left (``clean_stale_temporaries``) passes it by.
    """
    clean_stale_temporaries(path.parent)
    try:
        temp, handle = _create_temporary(path)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    try:
        _lock(handle)
        write(temp)
        os.replace(temp, path)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    finally:
        os.close(handle)
        if temp.exists():
            temp.unlink()


def _create_temporary(path: Path) -> tuple[Path, int]:
    for _attempt in range(100):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return temp, os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path))


def _lock(handle: int) -> None:
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _in_use(path: str, modified: float) -> bool:
    """Whether an export (in this process or another) is writing the file now."""
    if fcntl is None:
        return time.time() - modified < _STALE_AFTER_S
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(handle)
    return False


def clean_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files of ours that a killed export left in ``folder``
    (hidden, and often empty, they stayed forever); anyone else's files are left."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # the export itself says why the folder cannot be written
    for entry in entries:
        if not _TEMP_NAME.match(entry.name):
            continue
        with contextlib.suppress(OSError):
            found = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(found.st_mode) and not _in_use(entry.path, found.st_mtime):
                os.unlink(entry.path)


#: Writes one file: ``(record, path, progress)``.
Writer = Callable[[MeetingRecord, Path, ProgressCallback], None]
#: Writes one file from rows it reads itself: ``(path, progress)``.
Job = Callable[[Path, ProgressCallback], None]

#: Formats whose writer reads its own rows (SIPD's columns, coordinates): the meeting's
#: record would only name the file, so it is not read for them.
_OWN_ROWS = frozenset({"sipd", "geojson"})


def _writers(fmt: str, paper: str, excel: bool, suffix: str = "") -> list[Writer]:
    """Per file: a function ``(record, path, progress)`` that writes it."""
    if fmt in _ONE_OF:
        from lasem_tui.exchange import take_home_export as home

        pick = {
            ("minutes", ".docx"): home.write_minutes_docx,
            ("minutes", ".pdf"): home.write_minutes_pdf,
            ("slips", ".docx"): home.write_slips_docx,
            ("slips", ".pdf"): home.write_slips_pdf,
        }
        writer = pick[(fmt, suffix or _NAMES[fmt][1][0])]

        def one_of(r: MeetingRecord, p: Path, cb: ProgressCallback) -> None:
            writer(r, p, paper=paper, progress=cb)

        return [one_of]
    if fmt == "md":
        from lasem_tui.exchange.md_export import write_markdown

        return [lambda r, p, cb: write_markdown(r, p, progress=cb)]
    if fmt == "docx":
        from lasem_tui.exchange.docx_export import write_docx

        return [lambda r, p, cb: write_docx(r, p, paper=paper, progress=cb)]
    if fmt == "pdf":
        from lasem_tui.exchange.pdf_export import write_pdf

        return [lambda r, p, cb: write_pdf(r, p, paper=paper, progress=cb)]
    if fmt == "xlsx":
        from lasem_tui.exchange.xlsx_export import write_xlsx

        return [lambda r, p, cb: write_xlsx(r, p, progress=cb)]
    if fmt == "csv":
        from lasem_tui.exchange.csv_export import write_record_csv

        def csv_writer(record: MeetingRecord, path: Path, cb: ProgressCallback) -> None:
            with path.open("w", encoding="utf-8", newline="") as out:
                write_record_csv(record, out, excel=excel)
            cb(1, 1)

        return [csv_writer]
    if fmt == "attendance":
        from lasem_tui.exchange.docx_export import write_attendance_docx
        from lasem_tui.exchange.pdf_export import write_attendance_pdf

        return [
            lambda r, p, cb: write_attendance_docx(r, p, paper=paper, progress=cb),
            lambda r, p, cb: write_attendance_pdf(r, p, paper=paper, progress=cb),
        ]
    raise ValueError(f"format {fmt!r}: one of {', '.join(FORMATS)}")


def _own_rows_job(fmt: str, db: Database, meeting_id: int) -> Job:
    from lasem_tui.exchange.geojson_export import write_geojson
    from lasem_tui.exchange.sipd_export import write_sipd_xlsx

    write = write_sipd_xlsx if fmt == "sipd" else write_geojson

    def job(path: Path, cb: ProgressCallback) -> None:
        write(db, meeting_id, path, cb)

    return job


def _jobs(
    fmt: str, paper: str, excel: bool, db: Database, meeting_id: int, path: Path | str | None
) -> tuple[tuple[Path, ...], list[Job]]:
    """Where the files go, and per file what writes it (bound to the record it needs)."""
    if fmt in _OWN_ROWS:
        paths = resolve(read_meeting(db, meeting_id), fmt, path)
        return paths, [_own_rows_job(fmt, db, meeting_id)]
    record = read_record(db, meeting_id)
    paths = resolve(record, fmt, path)
    writers = _writers(fmt, paper, excel, paths[0].suffix.lower())
    return paths, [partial(writer, record) for writer in writers]


_P = ParamSpec("_P")
_R = TypeVar("_R")


def collections_paused(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``func`` with Python's cyclic garbage collector paused.

    An export makes millions of small objects that all live until its file is written
    (the record's rows, the layout's lines, the workbook's cells); the collector, which
    runs every few hundred allocations, walked them again and again: a fifth of a
    PDF's time at regency size. They are freed by reference counting as before; any
    cyclic garbage waits for the next collection after the export.
    """

    @functools.wraps(func)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


@collections_paused
def export(
    db: Database,
    meeting_id: int,
    fmt: str,
    path: Path | str | None = None,
    *,
    paper: str = "a4",
    force: bool = False,
    excel: bool = False,
    progress: ProgressCallback = no_progress,
) -> ExportResult:
    """Write one format; returns the paths written.

    ``progress(done, total)`` runs from 0 to 100 over the whole export; the app calls
    this in a worker thread and posts the figures to its dialog.
    """
    if paper not in PAPERS:
        raise ValueError(f"paper {paper!r}: one of {', '.join(PAPERS)}")
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: one of {', '.join(FORMATS)}")
    progress(0, 100)
    paths, jobs = _jobs(fmt, paper, excel, db, meeting_id, path)
    if path is None or paths[0].parent == documents_dir():
        # The documents folder is ours to make (a fresh laptop may have none); any
        # other folder must exist, so that a typo does not scatter files.
        try:
            paths[0].parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _unwritable(paths[0], exc) from exc
    check_targets(paths, force=force)
    progress(10, 100)
    share = 90 // len(jobs)
    with noting_missing() as missing:
        for index, (job, target) in enumerate(zip(jobs, paths, strict=True)):
            base = 10 + share * index

            def step(done: int, total: int, base: int = base) -> None:
                progress(base + share * min(done, total) // max(total, 1), 100)

            def write(temp: Path, j: Job = job, cb: ProgressCallback = step) -> None:
                j(temp, cb)

            _write_atomically(target, write)
    progress(100, 100)
    return ExportResult(fmt, paths, "".join(sorted(missing)))

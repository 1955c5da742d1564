"""``lasem export forum-opd``: the document each OPD brings to the Forum Perangkat Daerah.

For each OPD, every accepted and adjusted proposal of every meeting in the database that
falls to it (kecamatan, village, activity, location, volume, amount, priority, score,
the kecamatan's recommendation), with totals per kecamatan; as XLSX (one sheet per OPD
and a summary sheet), DOCX or PDF (one section per OPD after the summary).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lasem_tui.exchange import exports
from lasem_tui.exchange.exports import ExportError, check_targets
from lasem_tui.exchange.forum_opd.book import ForumBook, read_book
from lasem_tui.exchange.record import ProgressCallback, no_progress
from lasem_tui.store.database import Database

SUFFIXES = (".xlsx", ".docx", ".pdf")

__all__ = ["SUFFIXES", "ForumBook", "export_forum", "read_book"]


def _writer(suffix: str) -> Callable[[ForumBook, Path, ProgressCallback], None]:
    if suffix == ".xlsx":
        from lasem_tui.exchange.forum_opd.xlsx import write_xlsx

        return write_xlsx
    if suffix == ".docx":
        from lasem_tui.exchange.forum_opd.docx import write_docx

        return write_docx
    from lasem_tui.exchange.forum_opd.pdf import write_pdf

    return write_pdf


def _target(path: Path | str | None, default_name: str) -> Path:
    """``-o`` as for the meeting's exports: a file ending in .xlsx, .docx or .pdf, a
    folder that exists, or (without ``-o``) the documents folder with an XLSX."""
    from lasem_tui.store.locations import documents_dir

    if path is None:
        folder = documents_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise exports._unwritable(folder / default_name, exc) from exc
        return folder / default_name
    target = Path(path).expanduser()
    if exports._names_folder(path) or exports._is_dir(target):
        if not exports._is_dir(target):
            raise ExportError("export_folder_missing", target)
        return target / default_name
    if target.suffix.lower() not in SUFFIXES:
        raise ExportError("export_wrong_suffix", target, " / ".join(SUFFIXES))
    return target


@exports.collections_paused
def export_forum(
    db: Database,
    path: Path | str | None,
    *,
    agency: str | None = None,
    force: bool = False,
    progress: ProgressCallback = no_progress,
) -> Path:
    """Write the document; the format follows the file's suffix. Returns the path."""
    progress(0, 100)
    book = read_book(db, agency)
    if agency and not book.agencies:
        raise ExportError("forum.no_such_opd", Path(agency), "; ".join(book.known_agencies))
    target = _target(path, book.default_name)
    check_targets((target,), force=force)
    progress(10, 100)
    writer = _writer(target.suffix.lower())

    def step(done: int, total: int) -> None:
        progress(10 + 90 * min(done, total) // max(total, 1), 100)

    # Written beside the target and renamed into place, as every export is.
    exports._write_atomically(target, lambda temp: writer(book, temp, step))
    progress(100, 100)
    return target

"""Which row holds the headings, and which proposal field each column feeds.

Headings are compared after folding case, dropping everything but letters, digits and
slashes, and dropping a trailing unit in brackets: "Anggaran (Rp)", "ANGGARAN" and
"anggaran_" are one heading. "Desa/Kelurahan" counts when each of its parts names the
same field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lasem_tui.exchange.csv_export import HEADER as EXPORT_HEADER
from lasem_tui.exchange.importing.model import Cell, Column, Headings, SourceRow

#: Field -> the headings that name it (Indonesian first, then English).
ALIASES: dict[str, tuple[str, ...]] = {
    "village": (
        "desa",
        "kelurahan",
        "desa/kelurahan",
        "nama desa",
        "nama desa/kelurahan",
        "nama kelurahan",
        "kel",
        "village",
        "village name",
    ),
    "ref": (
        "ref",
        "kode",
        "kode usulan",
        "no usulan",
        "nomor usulan",
        "id usulan",
        "reference",
    ),
    "title": (
        "usulan",
        "kegiatan",
        "judul",
        "usulan kegiatan",
        "nama kegiatan",
        "nama usulan",
        "nama usulan kegiatan",
        "usulan desa",
        "judul usulan",
        "judul kegiatan",
        "uraian kegiatan",
        "program/kegiatan",
        "title",
        "title of activity",
        "activity title",
        "activity",
        "proposal",
    ),
    "problem": (
        "permasalahan",
        "masalah",
        "uraian masalah",
        "uraian permasalahan",
        "problem",
        "problem statement",
    ),
    "location": (
        "lokasi",
        "alamat",
        "lokasi kegiatan",
        "alamat lokasi",
        "lokasi rt/rw",
        "rt/rw",
        "dusun",
        "location",
        "address",
    ),
    "volume": ("volume", "vol", "koefisien", "volume/koefisien", "quantity", "qty"),
    "unit": ("satuan", "sat", "unit", "satuan volume"),
    "requested": (
        "anggaran",
        "biaya",
        "perkiraan biaya",
        "pagu",
        "usulan anggaran",
        "anggaran usulan",
        "perkiraan anggaran",
        "rencana anggaran",
        "nilai",
        "jumlah biaya",
        "jumlah anggaran",
        "pagu usulan",
        "biaya usulan",
        "estimasi biaya",
        "estimasi anggaran",
        "rencana biaya",
        "rencana anggaran biaya",
        "kebutuhan anggaran",
        "kebutuhan biaya",
        "requested",
        "requested amount",
        "amount",
        "budget",
        "cost",
        "estimated cost",
    ),
    "agency": (
        "opd",
        "nama opd",
        "opd terkait",
        "perangkat daerah",
        "opd pengampu",
        "opd tujuan",
        "opd pelaksana",
        "dinas",
        "skpd",
        "agency",
    ),
    "priority": (
        "prioritas",
        "skala prioritas",
        "rank",
        "ranking",
        "peringkat",
        "urutan prioritas",
        "priority",
    ),
    "category": (
        "jenis",
        "jenis kegiatan",
        "jenis usulan",
        "kategori",
        "fisik/non fisik",
        "category",
        "type",
    ),
    "issues": (
        "isu strategis",
        "isu",
        "isu strategis daerah",
        "strategic issue",
        "strategic issues",
        "issues",
    ),
    # Known and deliberately not imported: the row number, and the decision columns of
    # our own CSV export (an import is always pending).
    "_number": ("no", "nomor", "no urut", "#"),
    "_approved": ("approved", "disetujui", "anggaran disetujui"),
    "_status": ("status", "keputusan"),
    "_funding_source": ("funding_source", "sumber dana", "sumber pendanaan"),
    "_reason": ("reason", "alasan"),
    "_decided_by": ("decided_by", "diputuskan oleh"),
    "_decided_at": ("decided_at", "waktu keputusan"),
}

#: Without these an import cannot place or price a proposal.
REQUIRED = ("village", "title", "requested")

#: The field names as the messages show them.
FIELD_LABELS = {
    "village": "desa",
    "title": "usulan",
    "requested": "anggaran",
}

#: How far down a heading row is looked for (below a title block).
SCAN_ROWS = 30

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_KEY = re.compile(r"[^0-9a-z/#]+")


def column_letter(index: int) -> str:
    """``A`` for the first column, ``Z``, ``AA``, ... as spreadsheets name them."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def key(text: str) -> str:
    """The comparable form of a heading: lowercase letters, digits and slashes only."""
    return _NOT_KEY.sub("", str(text).casefold().replace("_", ""))


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, aliases in ALIASES.items():
        for alias in aliases:
            index[key(alias)] = name
    return index


_INDEX = _build_index()


def field_of(heading: Cell) -> str | None:
    """The field a heading names (``_``-prefixed for known columns not imported)."""
    if heading is None:
        return None
    text = str(heading).strip()
    if not text:
        return None
    for candidate in (text, _BRACKETS.sub(" ", text)):
        found = _INDEX.get(key(candidate))
        if found:
            return found
        parts = [key(p) for p in candidate.split("/") if key(p)]
        if len(parts) > 1:
            fields = {_INDEX.get(p) for p in parts}
            if len(fields) == 1 and None not in fields:
                return fields.pop()
    return None


def _match_row(cells: Sequence[Cell]) -> list[Column]:
    columns = []
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        heading = "" if cell is None else str(cell).strip()
        if not heading:
            continue
        found = field_of(heading)
        if found in seen:
            found = None  # a second column of the same name is not read
        if found:
            seen.add(found)
        columns.append(Column(index, column_letter(index), heading, found))
    return columns


def score(cells: Sequence[Cell]) -> int:
    """How many distinct importable fields a row names."""
    return sum(
        1 for column in _match_row(cells) if column.field and not column.field.startswith("_")
    )


def _best_row(rows: Sequence[SourceRow]) -> tuple[int, int] | None:
    """(fields named, position) of the row among the first ``SCAN_ROWS`` that names the
    most fields; the first of equals; None when no row names any."""
    best: tuple[int, int] | None = None
    for position, row in enumerate(rows[:SCAN_ROWS]):
        points = score(row.cells)
        if points >= 1 and (best is None or points > best[0]):
            best = (points, position)
    return best


def _headings_at(rows: Sequence[SourceRow], position: int) -> Headings:
    row = rows[position]
    headings = tuple(
        "" if cell is None else str(cell).strip().lstrip("\ufeff") for cell in row.cells
    )
    while headings and not headings[-1]:
        headings = headings[:-1]
    return Headings(
        row=row.number,
        position=position,
        columns=tuple(_match_row(row.cells)),
        own_export=headings == EXPORT_HEADER,
    )


def find_headings(rows: Sequence[SourceRow]) -> Headings | None:
    """The row among the first ``SCAN_ROWS`` that names the most fields (at least two)."""
    best = _best_row(rows)
    if best is None or best[0] < 2:
        return None
    return _headings_at(rows, best[1])


def likeliest_headings(rows: Sequence[SourceRow]) -> Headings | None:
    """The best heading row even when it names one field only.

    Rows are not read under one known heading (a stray word in a title block would do),
    but when ``find_headings`` finds nothing this is the row to name in "the column
    'usulan' is missing", rather than leaving the user to guess where the import looked.
    """
    best = _best_row(rows)
    return None if best is None else _headings_at(rows, best[1])

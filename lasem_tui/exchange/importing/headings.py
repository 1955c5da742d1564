"""Which row holds the headings, and which proposal field each column feeds.

Headings are compared after folding case, dropping everything but letters, digits and
slashes, and dropping a trailing unit in brackets: "Anggaran (Rp)", "ANGGARAN" and
"anggaran_" are one heading. "Desa/Kelurahan" counts when each of its parts names the
same field.

Headings may take two rows, sub-headings under a heading merged across them ("Volume"
over "Jumlah | Satuan"), and a row numbering the columns may follow; the proposals
start below all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from lasem_tui.domain.importing.model import Cell, Column, Headings, Merge, SourceRow
from lasem_tui.exchange.csv_export import HEADER as EXPORT_HEADER

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
    "requested_volume": ("requested_volume", "volume diminta", "volume usulan"),
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
        "opd tujuan akhir",
        "opd akhir",
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
    "agency_origin": (
        "opd tujuan awal",
        "opd awal",
        "opd semula",
        "agency_origin",
        "original agency",
    ),
    "score": ("skor", "nilai skoring", "score"),
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
    # Our CSV's merge link: an import is always pending, so it is known and not read.
    "_merged_into": ("merged_into", "digabung dengan", "digabung ke"),
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


def _text(cell: Cell) -> str:
    return "" if cell is None else str(cell).strip()


def _columns(named: Iterable[tuple[int, str, str | None]]) -> list[Column]:
    """Columns from (index, heading, field); a second column of one field is not read."""
    columns = []
    seen: set[str] = set()
    for index, heading, found in named:
        if found in seen:
            found = None
        if found:
            seen.add(found)
        columns.append(Column(index, column_letter(index), heading, found))
    return columns


def _match_row(cells: Sequence[Cell]) -> list[Column]:
    named = ((index, _text(cell), field_of(_text(cell))) for index, cell in enumerate(cells))
    return _columns(n for n in named if n[1])


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
        # Today's header, or the fourteen columns written before the appended ones.
        own_export=headings in (EXPORT_HEADER, EXPORT_HEADER[:14]),
    )


def find_headings(rows: Sequence[SourceRow], merges: Sequence[Merge] = ()) -> Headings | None:
    """The row among the first ``SCAN_ROWS`` that names the most fields (at least two),
    read together with the row below or above it when that one holds its sub-headings."""
    best = _best_row(rows)
    if best is None or best[0] < 2:
        return None
    position = best[1]
    # Sub-headings can add fields ("Satuan" under "Volume"), so the lower of the two
    # rows may be the one that named the most.
    above = position - 1
    if above >= 0 and score(rows[above].cells) >= 2 and _completes(rows, above, merges):
        found = _two_rows(rows, above, merges)
    elif _completes(rows, position, merges):
        found = _two_rows(rows, position, merges)
    else:
        found = _headings_at(rows, position)
    below = found.data_position
    if below < len(rows) and _numbers_columns(rows[below].cells, found.columns):
        return replace(found, depth=found.depth + 1)
    return found


def likeliest_headings(rows: Sequence[SourceRow]) -> Headings | None:
    """The best heading row even when it names one field only.

    Rows are not read under one known heading (a stray word in a title block would do),
    but when ``find_headings`` finds nothing this is the row to name in "the column
    'usulan' is missing", rather than leaving the user to guess where the import looked.
    """
    best = _best_row(rows)
    return None if best is None else _headings_at(rows, best[1])


# --- two-row headings ---------------------------------------------------------------------

#: Sub-headings that only say "how much" of the heading above: Volume / Jumlah is the
#: volume, Anggaran / Nilai (Rp) the amount.
_QUANTITY_WORDS = frozenset({"jumlah", "jml", "nilai", "besaran", "banyaknya", "angka", "rp"})
_QUANTITY_FIELDS = frozenset({"volume", "requested"})
_NUMBER = re.compile(r"[\d.,\s()]+")
_COLUMN_NUMBER = re.compile(r"\(?(\d{1,3})\)?")


def sub_field(parent: str, sub: str) -> str | None:
    """The field of sub-heading ``sub`` under ``parent`` ("Volume" over "Jumlah | Satuan").

    The two read as one heading first ("Anggaran" over "Usulan" is the requested amount,
    not the title), then the sub-heading alone (Satuan: the unit), then the parent when
    the sub-heading only says how much of it (Jumlah: the volume).
    """
    found = field_of(f"{parent} {sub}") or field_of(sub)
    if found:
        return found
    above = field_of(parent)
    if above in _QUANTITY_FIELDS and key(_BRACKETS.sub(" ", sub)) in _QUANTITY_WORDS:
        return above
    return None


def _parent(upper: SourceRow, index: int, merges: Sequence[Merge]) -> tuple[str, bool]:
    """The heading over column ``index`` in ``upper``, and whether it is merged across
    from a column to the left (so it is not that column's own heading)."""
    if index < len(upper.cells) and _text(upper.cells[index]):
        return _text(upper.cells[index]), False
    for merge in merges:
        if merge.spans(upper.number, index) and merge.first_column < len(upper.cells):
            return _text(upper.cells[merge.first_column]), True
    return "", False


def _is_sub_heading(upper: SourceRow, index: int, cell: Cell, merges: Sequence[Merge]) -> bool:
    """Whether a cell of the row below a heading row reads as part of the headings."""
    text = _text(cell)
    if isinstance(cell, int | float) or _NUMBER.fullmatch(text):
        return False  # a number is data (or a row numbering the columns)
    parent, _ = _parent(upper, index, merges)
    if (key(text) and key(text) == key(parent)) or field_of(text):
        return True  # merged down from above, or a heading of its own
    if any(merge.spans(upper.number, index) for merge in merges):
        return True  # under a heading merged across it
    return bool(parent) and sub_field(parent, text) is not None


def _completes(rows: Sequence[SourceRow], position: int, merges: Sequence[Merge]) -> bool:
    """Whether the row below ``position`` holds the sub-headings of its headings.

    Every cell with text must read as a heading, so that a proposal's row is never
    taken for one: its title or its amount would not.
    """
    if position + 1 >= len(rows):
        return False
    upper, lower = rows[position], rows[position + 1]
    cells = [(index, cell) for index, cell in enumerate(lower.cells) if _text(cell)]
    return bool(cells) and all(_is_sub_heading(upper, index, cell, merges) for index, cell in cells)


def _two_rows(rows: Sequence[SourceRow], position: int, merges: Sequence[Merge]) -> Headings:
    """Headings from the row at ``position`` and the row of sub-headings below it."""
    upper, lower = rows[position], rows[position + 1]
    named = []
    for index in range(max(len(upper.cells), len(lower.cells))):
        parent, merged_across = _parent(upper, index, merges)
        below = _text(lower.cells[index]) if index < len(lower.cells) else ""
        if not below or key(below) == key(parent):
            if parent and not merged_across:
                named.append((index, parent, field_of(parent)))
        elif not parent:
            named.append((index, below, field_of(below)))
        else:
            named.append((index, f"{parent} / {below}", sub_field(parent, below)))
    return Headings(row=upper.number, position=position, columns=tuple(_columns(named)), depth=2)


def _numbers_columns(cells: Sequence[Cell], columns: Sequence[Column]) -> bool:
    """Whether a row numbers the columns, as government tables do under their headings:
    ``1 2 3 ...`` or ``(1) (2) (3) ...``, one more in each column to the right and a
    number under every heading.

    A proposal's row neither counts up column by column nor fills every column with a
    number, so it is not taken for one.
    """
    offsets = set()
    for index, cell in enumerate(cells):
        text = _text(cell)
        if not text:
            continue
        match = _COLUMN_NUMBER.fullmatch(text)
        if match is None:
            return False
        offsets.add(int(match.group(1)) - index)
    numbered = all(c.index < len(cells) and _text(cells[c.index]) for c in columns)
    return len(columns) >= 3 and numbered and len(offsets) == 1

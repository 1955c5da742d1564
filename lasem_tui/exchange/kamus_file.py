"""Reading a kamus usulan file (XLSX or CSV): kode, nama kegiatan, satuan, harga satuan,
OPD, jenis (fisik / non fisik). All or nothing, like the recap import: every problem is
named by row and column, and a file with any error writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lasem_tui.domain.importing.model import ImportFileError, Problem, SourceRow, SourceTable
from lasem_tui.domain.money import AmountError, parse_amount_cell
from lasem_tui.exchange.importing.headings import SCAN_ROWS, column_letter, key
from lasem_tui.exchange.importing.rows import text_of
from lasem_tui.exchange.importing.source import read_source

#: Field -> the headings that name it.
ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("kode", "kode kegiatan", "kode usulan", "kode kamus", "code"),
    "name": (
        "nama kegiatan",
        "nama pekerjaan",
        "nama kegiatan/pekerjaan",
        "kegiatan",
        "pekerjaan",
        "uraian",
        "nama usulan",
        "usulan",
        "activity",
        "name",
    ),
    "unit": ("satuan", "sat", "unit"),
    "unit_price": ("harga satuan", "harga", "harga satuan (rp)", "unit price", "price"),
    "agency": ("opd", "perangkat daerah", "opd pengampu", "skpd", "dinas", "agency"),
    "kind": ("jenis", "jenis fisik/non fisik", "fisik/non fisik", "jenis kegiatan", "kind"),
}
REQUIRED = ("name", "unit", "unit_price")
_INDEX = {key(alias): name for name, aliases in ALIASES.items() for alias in aliases}
_KINDS = {"fisik": "fisik", "nonfisik": "non fisik"}


@dataclass(frozen=True)
class KamusRow:
    row: int
    code: str
    name: str
    unit: str
    unit_price: int
    agency: str = ""
    kind: str = ""


@dataclass(frozen=True)
class KamusFile:
    name: str
    rows: tuple[KamusRow, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _field(heading: Any) -> str | None:
    text = text_of(heading)
    return _INDEX.get(key(text)) if text else None


def _headings(rows: Sequence[SourceRow]) -> tuple[int, dict[str, tuple[int, str]]] | None:
    best: tuple[int, dict[str, tuple[int, str]]] | None = None
    for position, row in enumerate(rows[:SCAN_ROWS]):
        found: dict[str, tuple[int, str]] = {}
        for index, cell in enumerate(row.cells):
            name = _field(cell)
            if name and name not in found:
                found[name] = (index, text_of(cell))
        if len(found) >= 2 and (best is None or len(found) > len(best[1])):
            best = (position, found)
    return best


def _problem(row: int | None, where: tuple[int, str] | None, kind: str, **params: Any) -> Problem:
    return Problem(
        row=row,
        column=where[1] if where else "",
        code=kind,
        params=MappingProxyType(params),
        letter=column_letter(where[0]) if where else "",
    )


def check(table: SourceTable) -> KamusFile:
    """The kamus rows of a table read, and every problem."""
    found = _headings(table.rows)
    if found is None:
        return KamusFile(table.name, (), (_problem(None, None, "kamus_no_headings"),))
    position, columns = found
    header_row = table.rows[position].number
    problems = [
        _problem(header_row, None, "kamus_column_missing", column=ALIASES[name][0])
        for name in REQUIRED
        if name not in columns
    ]
    if problems:
        return KamusFile(table.name, (), tuple(problems))
    rows: list[KamusRow] = []
    codes: dict[str, int] = {}

    def cell(source: SourceRow, name: str) -> Any:
        where = columns.get(name)
        if where is None or where[0] >= len(source.cells):
            return None
        return source.cells[where[0]]

    for source in table.rows[position + 1 :]:
        if all(text_of(c) == "" for c in source.cells):
            continue
        failed = False
        name = text_of(cell(source, "name"))
        if not name:
            problems.append(_problem(source.number, columns["name"], "kamus_name_empty"))
            failed = True
        raw_price = cell(source, "unit_price")
        try:
            price = parse_amount_cell(
                raw_price.strip() if isinstance(raw_price, str) else raw_price
            )
        except AmountError:
            problems.append(
                _problem(
                    source.number,
                    columns["unit_price"],
                    "kamus_price_invalid",
                    value=text_of(raw_price),
                )
            )
            price, failed = 0, True
        kind_text = text_of(cell(source, "kind"))
        kind = _KINDS.get(key(kind_text).replace("-", "").replace("/", ""))
        if kind_text and kind is None:
            problems.append(
                _problem(source.number, columns["kind"], "kamus_kind_invalid", value=kind_text)
            )
            failed = True
        code = text_of(cell(source, "code"))
        if code:
            if code.casefold() in codes:
                problems.append(
                    _problem(
                        source.number,
                        columns["code"],
                        "kamus_code_duplicate",
                        code=code,
                        other=codes[code.casefold()],
                    )
                )
                failed = True
            codes.setdefault(code.casefold(), source.number)
        if not failed:
            rows.append(
                KamusRow(
                    row=source.number,
                    code=code,
                    name=name,
                    unit=text_of(cell(source, "unit")),
                    unit_price=price,
                    agency=text_of(cell(source, "agency")),
                    kind=kind or "",
                )
            )
    if not rows and not problems:
        problems.append(_problem(None, None, "kamus_no_rows"))
    return KamusFile(table.name, tuple(rows), tuple(problems))


def read_kamus(path: str | Path, *, sheet: str | None = None) -> KamusFile:
    """Read and check a kamus file; a file that cannot be read is its one problem."""
    try:
        table = read_source(path, sheet=sheet)
    except ImportFileError as exc:
        problem = Problem(
            row=None, column="", code=exc.code, params=MappingProxyType(dict(exc.params))
        )
        return KamusFile(Path(path).name, (), (problem,))
    return check(table)

"""Reading a CSV recap: the encoding and the delimiter are found, not asked for.

UTF-8 (with or without the BOM Excel writes), UTF-16 when it starts with its BOM, and
Windows-1252 when the bytes are not UTF-8 (an older Excel "CSV" on Windows). The
delimiter is the one of comma, semicolon and tab under which a heading row is best
recognised, so "Rp 150.000.000,00" in a semicolon file does not fool it.
"""

from __future__ import annotations

import codecs
import csv
import io

from lasem_tui.domain.importing.model import ImportFileError, SourceRow, SourceTable
from lasem_tui.exchange.importing import headings
from lasem_tui.exchange.importing.limits import RowCounter

DELIMITERS = (",", ";", "\t")
_SNIFF_LINES = 40


def decode(data: bytes) -> tuple[str, str]:
    """The text of the file and the name of the encoding it was read with."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise ImportFileError("file_encoding") from exc


def _rows(
    text: str,
    delimiter: str,
    limit: int | None = None,
    *,
    spans: list[tuple[int, int]] | None = None,
    counter: RowCounter | None = None,
) -> list[SourceRow]:
    """The records of the text; ``spans`` receives each one's first and last line in
    the file, ``counter`` refuses a file past the import's limit as it is read."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    last_line = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if counter is not None:
                counter.add(cells)
            rows.append(SourceRow(number, tuple(cells)))
            if spans is not None:
                spans.append((last_line + 1, reader.line_num))
                last_line = reader.line_num
            if limit is not None and number >= limit:
                break
    except csv.Error as exc:
        row = len(rows) + 1
        if "field limit" in str(exc):
            raise ImportFileError(
                "csv_cell_too_big", row=row, limit=csv.field_size_limit()
            ) from exc
        raise ImportFileError("file_csv_broken", detail=f"{row}: {exc}") from exc
    return rows


def detect_delimiter(text: str) -> str:
    """The delimiter that makes the best heading row; the widest rows break a tie."""
    best = (-1, -1, DELIMITERS[0])
    for delimiter in DELIMITERS:
        try:
            sample = _rows(text, delimiter, _SNIFF_LINES)
        except ImportFileError:
            continue
        points = max((headings.score(row.cells) for row in sample), default=0)
        width = max((len(row.cells) for row in sample), default=0)
        if (points, width) > best[:2]:
            best = (points, width, delimiter)
    return best[2]


def read_csv(data: bytes, name: str) -> SourceTable:
    """The file as rows of text cells, numbered as a spreadsheet opening it would."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _refuse_nul(data)
    text, encoding = decode(data)
    if "\x00" in text:  # a UTF-16 file's NUL, found once decoded
        raise ImportFileError("file_nul", row=text.count("\n", 0, text.index("\x00")) + 1)
    delimiter = detect_delimiter(text)
    spans: list[tuple[int, int]] = []
    rows = _rows(text, delimiter, spans=spans, counter=RowCounter())
    return SourceTable(
        name=name,
        format="csv",
        rows=tuple(rows),
        encoding=encoding,
        delimiter=delimiter,
        line_spans=tuple(spans),
    )


def _refuse_nul(data: bytes) -> None:
    """A NUL byte is in no text a village types: the file is damaged or binary (a photo,
    a word-processor file renamed ``.csv``). Refused wherever it is, naming its line,
    rather than refused near the start and stripped further on."""
    at = data.find(b"\x00")
    if at >= 0:
        raise ImportFileError("file_nul", row=data.count(b"\n", 0, at) + 1)

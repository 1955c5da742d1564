"""``lasem import --problems FILE``: every problem of a refused file, as a CSV.

A file with thousands of problems shows only the first hundred on the terminal; the
whole list goes to a CSV the village's operator can open and work through. Cells are
written inert (a value from the file that starts with ``=`` is not a formula there).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from lasem_tui import i18n
from lasem_tui.domain.importing.model import Problem
from lasem_tui.exchange.importing import words
from lasem_tui.exchange.inert import inert_cell


def write_problems(path: str | Path, problems: Iterable[Problem]) -> int:
    """Write the problems to ``path`` (UTF-8 with BOM, for Excel); returns how many.

    Raises OSError when the file cannot be written, and IsADirectoryError/ValueError
    for a target that is not a regular file, which is never written into.
    """
    target = Path(path)
    if target.exists() and not target.is_file():
        raise IsADirectoryError(f"{target}")
    count = 0
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                i18n.t("import.col_row"),
                i18n.t("import.col_column"),
                i18n.t("import.col_problem"),
                i18n.t("import.col_severity"),
            ]
        )
        for problem in problems:
            column = f"{problem.column} ({problem.letter})" if problem.letter else problem.column
            writer.writerow(
                [
                    "" if problem.row is None else problem.row,
                    inert_cell(column),
                    inert_cell(words.message(problem)),
                    i18n.t(f"import.severity_{problem.severity.value}"),
                ]
            )
            count += 1
    return count

"""An import problem in the user's words: what is wrong, and where in the file.

Kept out of ``domain.importing.model`` (which knows no language) so that the problems
travel from the store to the screen as plain values and are worded only when shown.
"""

from __future__ import annotations

from lasem_tui import i18n
from lasem_tui.domain.importing.model import Problem


def message(problem: Problem) -> str:
    """What is wrong, in the current language."""
    return i18n.t(f"import.{problem.code}", **dict(problem.params))


def where(problem: Problem) -> str:
    """``baris 7, kolom Anggaran (F)``, or the file as a whole."""
    if problem.row is None and not problem.column:
        return i18n.t("import.where_file")
    column = f"{problem.column} ({problem.letter})" if problem.letter else problem.column
    if problem.row is None:
        return i18n.t("import.where_column", column=column)
    if not column:
        return i18n.t("import.where_row", row=problem.row)
    return i18n.t("import.where_cell", row=problem.row, column=column)

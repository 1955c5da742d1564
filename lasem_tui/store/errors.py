"""Why a store command refused; every error carries an i18n key and its parameters."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from lasem_tui.domain.phrase import Phrase

if TYPE_CHECKING:
    from lasem_tui.domain.importing.model import Problem

__all__ = ["Phrase"]  # raised inside errors' parameters; worded by i18n.t


class StoreError(Exception):
    """A command that was refused; nothing was written."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class ConflictError(StoreError):
    """Someone else changed the row since this desk read it; names who and when."""

    def __init__(self, who: str, when: datetime | None) -> None:
        super().__init__("conflict", who=who, when=when)
        self.who = who
        self.when = when


class NoReviewerError(StoreError):
    def __init__(self) -> None:
        super().__init__("no_reviewer")


class MeetingClosedError(StoreError):
    def __init__(self) -> None:
        super().__init__("meeting_closed")


class CeilingExceededError(StoreError):
    def __init__(self, over: int) -> None:
        super().__init__("ceiling_exceeded", over=over)
        self.over = over


class AgencyCeilingExceededError(StoreError):
    """An acceptance that would take an OPD past its own ceiling under a hard ceiling."""

    def __init__(self, agency: str, over: int) -> None:
        super().__init__("agency_ceiling_exceeded", agency=agency, over=over)
        self.agency = agency
        self.over = over


class NothingToDoError(StoreError):
    """Undo with nothing to undo, next with nobody waiting, and the like."""


class ImportRefusedError(StoreError):
    """The import found errors (at commit time, too); nothing was written."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        errors = tuple(p for p in problems if p.is_error)
        rows = len({p.row for p in errors if p.row is not None})
        # "in 0 rows" says nothing when the file as a whole is the problem.
        # gettext inflects one count per message: the problems; the rows are a counted
        # noun of their own, worded when shown.
        code = "import.refused" if rows else "import.refused_file"
        super().__init__(code, count=len(errors), rows=Phrase("count.rows", {"count": rows}))
        self.problems = problems

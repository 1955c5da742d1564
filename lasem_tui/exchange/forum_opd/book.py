"""What the Forum Perangkat Daerah document holds, read once for every format."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lasem_tui.domain.money import format_number
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.exchange.record import STATUS_WORDS
from lasem_tui.i18n import document_t
from lasem_tui.store import regency
from lasem_tui.store.database import Database
from lasem_tui.store.models import Meeting, table_of
from lasem_tui.store.regency import ForumLine

#: The columns of each OPD's table; (heading, share of the page width, right-aligned).
COLUMNS = (
    (document_t("doc.column.number"), 0.035, True),
    (document_t("doc.forum.kecamatan"), 0.09, False),
    (document_t("doc.forum.village"), 0.10, False),
    (document_t("doc.column.activity"), 0.22, False),
    (document_t("doc.column.location"), 0.13, False),
    (document_t("doc.column.volume"), 0.075, True),
    (document_t("doc.forum.amount"), 0.11, True),
    (document_t("doc.column.priority"), 0.06, True),
    (document_t("doc.forum.score"), 0.045, True),
    (document_t("doc.forum.recommendation"), 0.135, False),
)


@dataclass(frozen=True)
class KecamatanGroup:
    kecamatan: str
    lines: tuple[ForumLine, ...]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class AgencySection:
    agency: str
    groups: tuple[KecamatanGroup, ...]

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)

    @property
    def count(self) -> int:
        return sum(len(group.lines) for group in self.groups)


@dataclass(frozen=True)
class ForumBook:
    kabupaten: str
    year: int | None
    agencies: tuple[AgencySection, ...]
    kecamatan: tuple[str, ...]
    is_demo: bool
    #: Every OPD with an approved proposal, for the message when ``--opd`` matches none.
    known_agencies: tuple[str, ...]

    @property
    def title(self) -> str:
        place = (
            document_t("doc.forum.kabupaten", kabupaten=self.kabupaten)
            if self.kabupaten
            else document_t("doc.forum.kabupaten_unknown")
        )
        year = document_t("doc.forum.year", year=self.year) if self.year else ""
        return document_t("doc.forum.title", place=place, year=year)

    @property
    def default_name(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", (self.kabupaten or "kabupaten").lower()).strip("-")
        demo = "-contoh" if self.is_demo else ""
        return f"forum-opd-{slug}-{self.year or ''}{demo}.xlsx".replace("-.", ".")

    @property
    def total(self) -> int:
        return sum(section.total for section in self.agencies)

    @property
    def count(self) -> int:
        return sum(section.count for section in self.agencies)


def agency_name(name: str) -> str:
    return name.strip() or document_t("doc.forum.no_agency")


def read_book(db: Database, agency: str | None = None) -> ForumBook:
    with db.read() as session:
        lines = regency.forum_lines(session, agency)
        known = tuple(regency.agencies(session))
        # A Core select, which SQLModel's exec() runs but types only for its own.
        query = table_of(Meeting).select()
        meetings = session.exec(query).mappings().all()  # type: ignore[call-overload]
    kabupaten = next((m["kabupaten"] for m in meetings if m["kabupaten"]), "")
    years = [m["held_on"].year for m in meetings if m["held_on"] is not None]
    sections: list[AgencySection] = []
    for name in dict.fromkeys(line.agency for line in lines):
        of_agency = [line for line in lines if line.agency == name]
        groups = tuple(
            KecamatanGroup(kecamatan, tuple(x for x in of_agency if x.kecamatan == kecamatan))
            for kecamatan in dict.fromkeys(x.kecamatan for x in of_agency)
        )
        sections.append(AgencySection(agency_name(name), groups))
    return ForumBook(
        kabupaten=kabupaten,
        year=max(years) if years else None,
        agencies=tuple(sections),
        kecamatan=tuple(dict.fromkeys(line.kecamatan for line in lines)),
        is_demo=any(m["is_demo"] for m in meetings),
        known_agencies=tuple(agency_name(a) for a in known),
    )


def volume_text(line: ForumLine) -> str:
    if line.volume is None:
        return line.unit
    value = int(line.volume) if float(line.volume).is_integer() else line.volume
    return f"{format_number(value)} {line.unit}".strip()


def recommendation(line: ForumLine) -> str:
    """What the kecamatan decided, in the words of the Berita Acara."""
    words = STATUS_WORDS[line.status].capitalize()
    if line.status is ProposalStatus.ADJUSTED and line.note:
        return f"{words}: {line.note}"
    if line.note:
        return f"{words}; {line.note}"
    return words


def score_text(line: ForumLine) -> str:
    if line.score is None:
        return ""
    return format_number(round(line.score, 1))


def cells(number: int, line: ForumLine) -> Sequence[str]:
    """One proposal as the text of the DOCX and PDF tables."""
    return (
        str(number),
        line.kecamatan,
        line.village,
        line.activity,
        line.location,
        volume_text(line),
        format_number(line.amount),
        "" if line.priority is None else str(line.priority),
        score_text(line),
        recommendation(line),
    )

"""Everything the documents need about one meeting, read in one go.

The minutes template and every exporter work from a ``MeetingRecord``: one read
transaction, so a document never mixes two moments of a desk that is still running.
Documents are official Indonesian texts: their words are in the catalogs (``doc.*``),
read with ``i18n.document_t``, which words them in Indonesian whatever the UI speaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from lasem_tui.domain.money import format_volume
from lasem_tui.domain.states import FundingSource, ProposalStatus
from lasem_tui.domain.tally import Tally, tally_of
from lasem_tui.exchange.clock import clock_text, desk_finished, desk_started
from lasem_tui.i18n import document_t
from lasem_tui.store import attendance, queries, signing
from lasem_tui.store.attendance import AttendeeRow
from lasem_tui.store.database import Database
from lasem_tui.store.models import Minutes
from lasem_tui.store.signing import DelegateRow, SignatoryRow
from lasem_tui.store.views import MeetingView, ProposalRow, VillageRow

#: ``progress(done, total)``: exporters call it as they go; the CLI draws a rich bar,
#: the app's dialog a ProgressBar.
ProgressCallback = Callable[[int, int], None]

STATUS_WORDS = {
    ProposalStatus.PENDING: document_t("doc.status.pending"),
    ProposalStatus.ACCEPTED: document_t("doc.status.accepted"),
    ProposalStatus.ADJUSTED: document_t("doc.status.adjusted"),
    ProposalStatus.REJECTED: document_t("doc.status.rejected"),
    ProposalStatus.DEFERRED: document_t("doc.status.deferred"),
    ProposalStatus.REDIRECTED: document_t("doc.status.redirected"),
    ProposalStatus.MERGED: document_t("doc.status.merged"),
}

SOURCE_WORDS = {
    FundingSource.APBDES: document_t("doc.source.apbdes"),
    FundingSource.APBD_PROVINSI: document_t("doc.source.apbd_provinsi"),
    FundingSource.POKIR: document_t("doc.source.pokir"),
    FundingSource.CSR: document_t("doc.source.csr"),
    FundingSource.OTHER: document_t("doc.source.other"),
}

GROUP_WORDS = {
    "kecamatan": document_t("doc.group.kecamatan"),
    "bappeda": document_t("doc.group.bappeda"),
    "opd": document_t("doc.group.opd"),
    "forkopimcam": document_t("doc.group.forkopimcam"),
    "dprd": document_t("doc.group.dprd"),
    "desa": document_t("doc.group.desa"),
    "public": document_t("doc.group.public"),
    "": document_t("doc.group.other"),
}

DEMO_NOTICE = document_t("doc.demo_notice")

_YEAR_SUFFIX = re.compile(r"\s*(tahun\s+)?\d{4}\s*$", re.IGNORECASE)


def no_progress(_done: int, _total: int) -> None:
    """The default progress callback: nobody is watching."""


@dataclass(frozen=True)
class Signatory:
    """One column of the signature block; an empty name leaves a line to write on, an
    empty NIP (not a civil servant) prints no NIP line."""

    role: str
    jabatan: str
    name: str
    nip: str = ""


@dataclass(frozen=True)
class MeetingRecord:
    meeting: MeetingView
    villages: tuple[VillageRow, ...]
    proposals: tuple[ProposalRow, ...]
    issue_names: tuple[str, ...]
    issues_of: dict[int, tuple[str, ...]]
    tally: Tally
    attendees: tuple[AttendeeRow, ...]
    minutes_text: str
    read_at: datetime | None = None
    signers: dict[str, SignatoryRow] = field(default_factory=dict)
    delegates: tuple[DelegateRow, ...] = ()

    # --- the meeting's clock -----------------------------------------------------------

    @property
    def zone(self) -> str:
        return self.meeting.timezone or "WIB"

    def clock(self, value: datetime | None) -> str:
        """``08.30 WIB`` in the meeting's zone; dots when not recorded."""
        return clock_text(value, self.zone)

    @property
    def desk_started(self) -> datetime | None:
        return desk_started(self.villages)

    @property
    def desk_finished(self) -> datetime | None:
        return desk_finished(self.villages)

    @property
    def is_final(self) -> bool:
        """The minutes were finalised (ctrl+f): documents carry no draft mark."""
        return self.meeting.closed_at is not None

    @property
    def rkpd_year(self) -> int:
        return self.meeting.rkpd_year or self.year + 1

    @property
    def number(self) -> str:
        """The Berita Acara's Nomor, dots to fill in by hand while none is set."""
        return self.meeting.doc_number or "...................................."

    # --- names -------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The meeting's name without its year: ``Pra Musrenbang Kecamatan Lasem``."""
        return meeting_name(self.meeting)

    @property
    def year(self) -> int:
        return self.meeting.held_on.year

    @property
    def kabupaten(self) -> str:
        return self.meeting.kabupaten or "Rembang"

    @property
    def kecamatan(self) -> str:
        return self.meeting.kecamatan

    @property
    def place(self) -> str:
        """Where the signature block says it was signed: the kecamatan's name."""
        return self.meeting.kecamatan or self.kabupaten

    # --- grouping ------------------------------------------------------------------

    @cached_property
    def by_village(self) -> dict[int, list[ProposalRow]]:
        grouped: dict[int, list[ProposalRow]] = {v.id: [] for v in self.villages}
        for proposal in self.proposals:
            grouped.setdefault(proposal.village_id, []).append(proposal)
        return grouped

    @cached_property
    def village_tallies(self) -> dict[int, Tally]:
        return {v.id: tally_of(self.by_village.get(v.id, ()), v.ceiling) for v in self.villages}

    def per_agency(self) -> list[tuple[str, Tally]]:
        """Tally per OPD, largest request first."""
        return _grouped(self.proposals, lambda p: (p.agency or document_t("doc.no_agency"),))

    def per_issue(self) -> list[tuple[str, Tally]]:
        """Tally per strategic issue; a proposal serving two issues counts for both."""
        order = {name: index for index, name in enumerate(self.issue_names)}
        rows = _grouped(
            self.proposals,
            lambda p: self.issues_of.get(p.id) or (document_t("doc.no_issue"),),
        )
        return sorted(rows, key=lambda item: order.get(item[0], len(order)))

    @property
    def refused(self) -> list[ProposalRow]:
        """Rejected, deferred and redirected proposals, in queue order."""
        return [p for p in self.proposals if p.status.needs_reason]

    # --- people ---------------------------------------------------------------------

    def present_attendees(self) -> tuple[AttendeeRow, ...]:
        """Who was ticked present; everyone on the list when nobody was ticked yet."""
        present = tuple(a for a in self.attendees if a.present)
        return present or self.attendees

    def signature_block(self) -> tuple[list[Signatory], Signatory | None, Signatory | None]:
        """The signers from setup: the row of chair, BAPPEDA and notulis (falling back to
        the attendance list where setup names nobody), the village representative when
        set, and "Mengetahui, Camat ..." below."""
        fallback = self.signatories()
        row: list[Signatory] = []
        for role, guess in zip(("chair", "bappeda", "notulis"), fallback, strict=True):
            given = self.signers.get(role)
            if given is not None and (given.name or given.jabatan):
                row.append(
                    Signatory(guess.role, given.jabatan or guess.jabatan, given.name, given.nip)
                )
            else:
                row.append(guess)
        village = self.signers.get("village")
        village_signer = (
            Signatory(document_t("doc.sign.village"), village.jabatan, village.name, village.nip)
            if village is not None and village.name
            else None
        )
        camat = self.signers.get("camat")
        camat_jabatan = (
            document_t("doc.sign.camat_of", kecamatan=self.kecamatan)
            if self.kecamatan
            else document_t("doc.sign.camat")
        )
        camat_signer = Signatory(
            document_t("doc.sign.acknowledged"),
            (camat.jabatan if camat and camat.jabatan else camat_jabatan),
            camat.name if camat else "",
            camat.nip if camat else "",
        )
        return row, village_signer, camat_signer

    def signatories(self) -> tuple[Signatory, Signatory, Signatory]:
        """Chair, BAPPEDA's representative and the notulis, from the attendance list.

        The chair is the Camat when the Camat's row has a name and is ticked present (or
        nobody is ticked), otherwise the Sekretaris Kecamatan, who led in 2023. A row
        whose jabatan says "Notulis" names the notulis; without one the name is left to
        be written by hand.
        """
        rows = self.attendees
        ticked = any(a.present for a in rows)

        def usable(a: AttendeeRow) -> bool:
            return bool(a.name) and (a.present or not ticked)

        def find(pred: Callable[[AttendeeRow], bool]) -> AttendeeRow | None:
            return next((a for a in rows if pred(a) and usable(a)), None)

        kecamatan = self.kecamatan
        chair = find(lambda a: a.jabatan.lower().startswith("camat")) or find(
            lambda a: a.jabatan.lower().startswith("sekretaris kecamatan")
        )
        chair_jabatan = (
            chair.jabatan
            if chair
            else (
                document_t("doc.sign.camat_of", kecamatan=kecamatan)
                if kecamatan
                else document_t("doc.sign.chair")
            )
        )
        if chair and kecamatan and kecamatan.lower() not in chair_jabatan.lower():
            chair_jabatan = f"{chair_jabatan} {kecamatan}"
        bappeda = find(lambda a: a.group == "bappeda" and "kepala" in a.jabatan.lower()) or find(
            lambda a: a.group == "bappeda"
        )
        # The notulis wrote the minutes, ticked at the door or not.
        notulis = next((a for a in rows if a.name and "notulis" in a.jabatan.lower()), None)
        return (
            Signatory(document_t("doc.sign.chair"), chair_jabatan, chair.name if chair else ""),
            Signatory(
                document_t("doc.sign.bappeda", kabupaten=self.kabupaten),
                bappeda.jabatan if bappeda else "",
                bappeda.name if bappeda else "",
            ),
            Signatory(
                document_t("doc.sign.notulis"),
                notulis.jabatan if notulis else "",
                notulis.name if notulis else "",
            ),
        )

    def speaker(self, jabatan_start: str, group: str | None = None) -> AttendeeRow | None:
        """The named attendee whose jabatan starts so (for the minutes' directions)."""
        start = jabatan_start.lower()
        for row in self.attendees:
            if not row.name:
                continue
            if group is not None and row.group != group:
                continue
            if row.jabatan.lower().startswith(start):
                return row
        return None


def _grouped(
    proposals: Sequence[ProposalRow], keys: Callable[[ProposalRow], Sequence[str]]
) -> list[tuple[str, Tally]]:
    members: dict[str, list[ProposalRow]] = {}
    for proposal in proposals:
        for key in keys(proposal):
            members.setdefault(key, []).append(proposal)
    tallies = [(key, tally_of(rows)) for key, rows in members.items()]
    return sorted(tallies, key=lambda item: (-item[1].requested, item[0]))


def meeting_name(meeting: MeetingView) -> str:
    """The meeting's name without its year (``MeetingRecord.name``)."""
    return _YEAR_SUFFIX.sub("", meeting.title).strip() or meeting.title


def read_meeting(db: Database, meeting_id: int) -> MeetingView:
    """The meeting alone: what names an export whose writer reads its own rows."""
    with db.read() as session:
        return queries.get_meeting(session, meeting_id)


def read_record(db: Database, meeting_id: int) -> MeetingRecord:
    """Read the meeting, its villages, proposals, issues, attendance and minutes."""
    from lasem_tui.domain.dates import now

    with db.read() as session:
        meeting = queries.get_meeting(session, meeting_id)
        village_rows = queries.villages(session, meeting_id)
        proposal_rows = tuple(p for _, p in queries.meeting_proposals(session, meeting_id))
        issue_names, issues_of = queries.issue_tags(session, meeting_id)
        meeting_tally = queries.tally(session, meeting_id, meeting.ceiling)
        people = attendance.attendees(session, meeting_id)
        minutes = session.get(Minutes, meeting_id)
        signers = signing.signatories(session, meeting_id)
        delegates = signing.delegates(session, meeting_id)
        return MeetingRecord(
            meeting=meeting,
            villages=village_rows,
            proposals=proposal_rows,
            issue_names=issue_names,
            issues_of=issues_of,
            tally=meeting_tally,
            attendees=people,
            minutes_text=minutes.text if minutes else "",
            read_at=now(),
            signers=signers,
            delegates=delegates,
        )


def zone_name(value: datetime) -> str:
    """``WIB``, ``WITA`` or ``WIT`` for Indonesia's zones, else the UTC offset."""
    offset = value.utcoffset()
    hours = offset.total_seconds() / 3600 if offset is not None else None
    named = {7.0: "WIB", 8.0: "WITA", 9.0: "WIT"}.get(hours or 0.0)
    if named:
        return named
    if not hours:
        return "UTC"
    return "UTC" + value.strftime("%z")[:3] + ":" + value.strftime("%z")[3:]


def rupiah(amount: int | None) -> str:
    """``format_rupiah`` without Babel's per-call cost (documents print tens of thousands
    of amounts); the test suite holds the two equal."""
    if amount is None:
        return "-"
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")


def volume_text(value: float | None) -> str:
    """``format_volume``, fast for the whole numbers most volumes are."""
    if value is not None and float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return format_volume(value)

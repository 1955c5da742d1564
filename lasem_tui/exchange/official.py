"""The content of the official documents, shared by the DOCX and the PDF writers.

Both print the same Berita Acara: the letterhead, the title, the minutes, the totals
with the amount in words, the signature block, Lampiran I (daftar hadir) and Lampiran II
(the recap per village). This module says what goes in them; the writers only lay out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lasem_tui.domain.dates import format_date_long, format_date_plain
from lasem_tui.domain.money import amount_in_words
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.domain.tally import Tally
from lasem_tui.exchange.markdown import Run
from lasem_tui.exchange.minutes import village_label
from lasem_tui.exchange.record import (
    SOURCE_WORDS,
    STATUS_WORDS,
    MeetingRecord,
    rupiah,
    volume_text,
)
from lasem_tui.i18n import document_t
from lasem_tui.store.attendance import AttendeeRow
from lasem_tui.store.views import ProposalRow

#: Paper sizes in millimetres (portrait): A4, and F4 (folio) as offices in Indonesia use it.
PAPER_MM = {"a4": (210.0, 297.0), "f4": (215.0, 330.0)}

#: Margins in millimetres: top, right, bottom, left (left wide for binding).
MARGINS_PORTRAIT = (20.0, 20.0, 20.0, 30.0)
MARGINS_LANDSCAPE = (20.0, 20.0, 20.0, 20.0)

DOTS = "...................................."


def paper_size(paper: str) -> tuple[float, float]:
    try:
        return PAPER_MM[paper.lower()]
    except KeyError as exc:
        raise ValueError(f"paper {paper!r}: use a4 or f4") from exc


@dataclass(frozen=True)
class Line:
    text: str
    size: float
    bold: bool = False
    underline: bool = False


def letterhead(record: MeetingRecord) -> list[Line]:
    lines = [
        Line(
            document_t("doc.letterhead.kabupaten", kabupaten=record.kabupaten.upper()),
            14,
            bold=True,
        )
    ]
    if record.kecamatan:
        lines.append(
            Line(
                document_t("doc.letterhead.kecamatan", kecamatan=record.kecamatan.upper()),
                16,
                bold=True,
            )
        )
    meeting = record.meeting
    address = ", ".join(x for x in (meeting.office_address, meeting.postal_code) if x)
    if address:
        lines.append(Line(address, 10))
    contact = "  ".join(
        x
        for x in (
            document_t("doc.letterhead.phone", phone=meeting.phone) if meeting.phone else "",
            document_t("doc.letterhead.email", email=meeting.email) if meeting.email else "",
        )
        if x
    )
    if contact:
        lines.append(Line(contact, 10))
    return lines


def title(record: MeetingRecord) -> list[Line]:
    return [
        Line(document_t("doc.title.berita_acara"), 14, bold=True, underline=True),
        Line(record.name.upper(), 12, bold=True),
        Line(document_t("doc.title.year", year=record.year), 12, bold=True),
        Line(document_t("doc.title.number", number=DOTS), 11),
    ]


def attendance_title(record: MeetingRecord) -> list[Line]:
    meeting = record.meeting
    place = f", {meeting.venue}" if meeting.venue else ""
    return [
        Line(document_t("doc.title.attendance"), 14, bold=True, underline=True),
        Line(
            document_t("doc.title.name_year", name=record.name.upper(), year=record.year),
            12,
            bold=True,
        ),
        Line(f"{format_date_long(meeting.held_on)}{place}", 11),
    ]


def _words(amount: int) -> str:
    return amount_in_words(amount)


def conclusion(record: MeetingRecord) -> list[list[Run]]:
    """The totals in the official style, amounts also in words, then the closing."""
    tally: Tally = record.tally
    agreed = tally.count(ProposalStatus.ACCEPTED) + tally.count(ProposalStatus.ADJUSTED)
    paragraphs: list[list[Run]] = [
        [
            (
                f"Dari {tally.total} usulan desa dengan nilai {rupiah(tally.requested)} "
                f"({_words(tally.requested)}), hasil desk menyepakati {agreed} usulan "
                f"(diterima dan diterima dengan penyesuaian) dengan nilai ",
                "",
            ),
            (rupiah(tally.approved), "B"),
            (f" ({_words(tally.approved)})", "I"),
            (".", ""),
        ]
    ]
    if tally.ceiling is not None:
        runs: list[Run] = [
            (
                f"Pagu indikatif kecamatan {rupiah(tally.ceiling)} ({_words(tally.ceiling)}); ",
                "",
            )
        ]
        if tally.is_over:
            runs += [
                ("usulan yang disepakati melebihi pagu sebesar ", ""),
                (f"{rupiah(tally.over)} ({_words(tally.over)})", "B"),
                (".", ""),
            ]
        else:
            runs += [
                (f"sisa pagu {rupiah(tally.remaining)} ", ""),
                (f"({_words(tally.remaining or 0)})", "I"),
                (".", ""),
            ]
        paragraphs.append(runs)
    pending = tally.count(ProposalStatus.PENDING)
    if pending:
        paragraphs.append([(f"Sebanyak {pending} usulan belum dibahas.", "")])
    paragraphs.append(
        [
            (
                "Rincian usulan per desa tercantum dalam Lampiran II. Demikian Berita Acara "
                "ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.",
                "",
            )
        ]
    )
    return paragraphs


def signed_at(record: MeetingRecord) -> str:
    return f"{record.place}, {format_date_plain(record.meeting.held_on)}"


@dataclass(frozen=True)
class SignatureColumn:
    """Top to bottom: role, jabatan, (space to sign), name, NIP line."""

    role: str
    jabatan: str
    name: str
    nip: str = "NIP. ............................"


def signature_columns(record: MeetingRecord) -> list[SignatureColumn]:
    return [
        SignatureColumn(s.role, s.jabatan, s.name or "(" + "." * 30 + ")")
        for s in record.signatories()
    ]


# --- Lampiran I --------------------------------------------------------------------------

ATTENDANCE_HEADER = (
    document_t("doc.column.number"),
    document_t("doc.column.name"),
    document_t("doc.column.jabatan"),
    document_t("doc.column.institution"),
    document_t("doc.column.signature"),
)
#: Column widths as shares of the text width (the signature column is two halves).
ATTENDANCE_WIDTHS = (0.06, 0.27, 0.25, 0.18, 0.12, 0.12)


def attendance_cells(number: int, row: AttendeeRow) -> tuple[str, str, str, str, str, str]:
    """One row: the signature goes left on odd numbers, right on even ones."""
    mark = f"{number}. ........"
    left, right = (mark, "") if number % 2 else ("", mark)
    return (str(number), row.name, row.jabatan, row.institution, left, right)


# --- Lampiran II -------------------------------------------------------------------------

RECAP_HEADER = (
    "No",
    "Kode",
    "Usulan",
    "Lokasi",
    "Volume",
    "Diminta (Rp)",
    "Disetujui (Rp)",
    "Keputusan",
)
RECAP_WIDTHS = (0.035, 0.06, 0.23, 0.155, 0.075, 0.12, 0.12, 0.205)
RECAP_RIGHT = (False, False, False, False, True, True, True, False)


@dataclass(frozen=True)
class RecapRow:
    """``kind``: "village" (a heading across the table), "item", "subtotal" or "total"."""

    kind: str
    cells: tuple[str, ...]


def _figure(amount: int | None) -> str:
    return "-" if amount is None else rupiah(amount).removeprefix("Rp ")


def decision_text(p: ProposalRow) -> str:
    word = STATUS_WORDS[p.status]
    if p.status is ProposalStatus.REDIRECTED and p.funding_source is not None:
        word += document_t("doc.decision.to_source", source=SOURCE_WORDS[p.funding_source])
    if p.status is ProposalStatus.MERGED and p.merged_into_ref:
        word += document_t("doc.decision.merged_with", ref=p.merged_into_ref)
    if p.rerouted and p.status.is_approved:
        word += document_t("doc.decision.agency_origin", agency=p.agency_origin)
    merged = p.status is ProposalStatus.MERGED
    detail = p.reason if p.status.needs_reason or merged else p.note
    return document_t("doc.decision.with_detail", word=word, detail=detail) if detail else word


def _balance(tally: Tally, label: str) -> str:
    if tally.ceiling is None:
        return ""
    if tally.is_over:
        return f"melebihi {label} {rupiah(tally.over)}"
    return f"sisa {label} {rupiah(tally.remaining)}"


def recap_rows(record: MeetingRecord) -> list[RecapRow]:
    """Per village its proposals and a subtotal; at the end the totals against the ceiling."""
    rows: list[RecapRow] = []
    for number, village in enumerate(record.villages, start=1):
        proposals = record.by_village.get(village.id, [])
        heading = f"{number}. {village_label(village.name)}"
        if village.code:
            heading += f" ({village.code})"
        if village.ceiling is not None:
            heading += f", pagu desa {rupiah(village.ceiling)}"
        rows.append(RecapRow("village", (heading,)))
        for index, p in enumerate(proposals, start=1):
            volume = f"{volume_text(p.volume)} {p.unit}".strip() if p.volume is not None else ""
            approved = p.approved if p.status.is_approved else None
            rows.append(
                RecapRow(
                    "item",
                    (
                        str(index),
                        p.ref,
                        p.title,
                        p.location,
                        volume,
                        _figure(p.requested),
                        _figure(approved),
                        decision_text(p),
                    ),
                )
            )
        tally = record.village_tallies[village.id]
        rows.append(
            RecapRow(
                "subtotal",
                (
                    f"Jumlah {village_label(village.name)} ({tally.total} usulan)",
                    _figure(tally.requested),
                    _figure(tally.approved),
                    _balance(tally, "pagu desa"),
                ),
            )
        )
    tally = record.tally
    rows.append(
        RecapRow(
            "total",
            (
                f"JUMLAH SELURUH DESA ({tally.total} usulan)",
                _figure(tally.requested),
                _figure(tally.approved),
                "",
            ),
        )
    )
    if tally.ceiling is not None:
        rows.append(RecapRow("total", ("PAGU INDIKATIF", "", _figure(tally.ceiling), "")))
        if tally.is_over:
            rows.append(RecapRow("total", ("MELEBIHI PAGU", "", _figure(tally.over), "")))
        else:
            rows.append(RecapRow("total", ("SISA PAGU", "", _figure(tally.remaining), "")))
    return rows


def lampiran_heading(number: str, text: str, record: MeetingRecord) -> list[Line]:
    return [
        Line(f"Lampiran {number}", 11, bold=True),
        Line(text, 12, bold=True),
        Line(f"{record.name} Tahun {record.year}, {format_date_long(record.meeting.held_on)}", 11),
    ]


def keep_flags(rows: Sequence[RecapRow]) -> list[bool]:
    """Per row: must it share a page with the next one? A heading with its first row, a
    last item with its subtotal, a subtotal with the subtotals and totals after it: so
    no page starts with a subtotal or ends with a heading."""
    flags = []
    for index, row in enumerate(rows):
        following = rows[index + 1].kind if index + 1 < len(rows) else None
        if row.kind == "village":
            flags.append(following is not None)
        else:
            flags.append(following in ("subtotal", "total"))
    return flags

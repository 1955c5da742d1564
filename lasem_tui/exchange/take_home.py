"""What the notulen and the per-village result slips say, for the DOCX and PDF writers.

The notulen opens with a header block (day and date, time, place, chair, notulis) and
prints the notulis's text; each slip is one village's page: what it asked, what was
agreed (both volumes of an adjustment), what was not and why, its total against its
own ceiling, for the kepala desa to take home and the SIPD operator to enter from.
"""

from __future__ import annotations

from lasem_tui.domain.dates import format_date_long
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.exchange.minutes import village_label
from lasem_tui.exchange.official import Line, RecapRow, decision_text
from lasem_tui.exchange.record import MeetingRecord, rupiah, volume_text
from lasem_tui.i18n import document_counted, document_t
from lasem_tui.store.views import ProposalRow, VillageRow


def minutes_title(record: MeetingRecord) -> list[Line]:
    return [
        Line(document_t("doc.minutes.title_upper"), 14, bold=True, underline=True),
        Line(
            document_t("doc.title.name_year", name=record.name.upper(), year=record.year),
            12,
            bold=True,
        ),
    ]


def minutes_header(record: MeetingRecord) -> list[tuple[str, str]]:
    """Hari/tanggal, waktu (the desk's recorded start to its end), tempat, pimpinan and
    notulis, as label and value."""
    meeting = record.meeting
    start = record.desk_started or meeting.desk_starts_at
    end = record.desk_finished
    if end is not None:
        until = document_t("doc.minutes.until", time=record.clock(end))
    else:
        until = document_t("doc.minutes.until_scheduled", time=record.clock(meeting.desk_ends_at))
    row, _, _ = record.signature_block()
    chair, _, notulis = row
    return [
        (document_t("doc.minutes.label_date"), format_date_long(meeting.held_on)),
        (
            document_t("doc.minutes.label_time"),
            document_t("doc.minutes.time_span", time=record.clock(start), until=until),
        ),
        (document_t("doc.minutes.label_place"), meeting.venue or "....."),
        (
            document_t("doc.minutes.label_chair"),
            ", ".join(x for x in (chair.name, chair.jabatan) if x) or ".....",
        ),
        (document_t("doc.minutes.label_notulis"), notulis.name or "....."),
    ]


# --- slips ----------------------------------------------------------------------------------

SLIP_HEADER = (
    document_t("doc.column.number"),
    document_t("doc.column.proposal"),
    document_t("doc.column.location"),
    document_t("doc.column.volume_requested"),
    document_t("doc.column.volume_approved"),
    document_t("doc.column.requested"),
    document_t("doc.column.approved"),
    document_t("doc.column.decision"),
)
SLIP_WIDTHS = (0.04, 0.22, 0.15, 0.09, 0.09, 0.11, 0.11, 0.19)
SLIP_RIGHT = (True, False, False, True, True, True, True, False)


def slip_title(record: MeetingRecord, village: VillageRow) -> list[Line]:
    return [
        Line(document_t("doc.slips.title"), 13, bold=True),
        Line(f"{village_label(village.name).upper()}", 12, bold=True),
        Line(
            document_t(
                "doc.slips.meeting",
                name=record.name,
                year=record.year,
                date=format_date_long(record.meeting.held_on),
            ),
            10,
        ),
    ]


def _volume(value: float | None, unit: str) -> str:
    return "" if value is None else f"{volume_text(value)} {unit}".strip()


def _figure(amount: int | None) -> str:
    return "-" if amount is None else rupiah(amount).removeprefix("Rp ")


def _item(number: int, p: ProposalRow) -> RecapRow:
    approved = p.status.is_approved
    return RecapRow(
        "item",
        (
            str(number),
            f"{p.ref} {p.title}".strip(),
            p.location,
            _volume(p.requested_volume, p.unit),
            _volume(p.volume, p.unit) if approved else "-",
            _figure(p.requested),
            _figure(p.approved) if approved else "-",
            decision_text(p),
        ),
    )


def slip_rows(record: MeetingRecord, village: VillageRow) -> list[RecapRow]:
    """Agreed first, then not accommodated, then anything not yet discussed."""
    proposals = record.by_village.get(village.id, [])
    groups = (
        (document_t("doc.slips.agreed"), [p for p in proposals if p.status.is_approved]),
        (document_t("doc.slips.refused"), [p for p in proposals if p.status.needs_reason]),
        (
            document_t("doc.slips.pending"),
            [p for p in proposals if p.status is ProposalStatus.PENDING],
        ),
    )
    rows: list[RecapRow] = []
    number = 0
    for label, members in groups:
        if not members:
            continue
        rows.append(RecapRow("village", (f"{label} ({len(members)})",)))
        for p in members:
            number += 1
            rows.append(_item(number, p))
    tally = record.village_tallies[village.id]
    balance = ""
    if tally.ceiling is not None:
        balance = (
            document_t("doc.slips.over_ceiling", amount=rupiah(tally.over))
            if tally.is_over
            else document_t("doc.slips.ceiling_left", amount=rupiah(tally.remaining))
        )
    rows.append(
        RecapRow(
            "total",
            (
                document_t(
                    "doc.slips.total",
                    village=village_label(village.name).upper(),
                    count=tally.total,
                ),
                _figure(tally.requested),
                _figure(tally.approved),
                balance,
            ),
        )
    )
    if tally.ceiling is not None:
        rows.append(
            RecapRow("total", (document_t("doc.slips.ceiling"), "", _figure(tally.ceiling), ""))
        )
    if not proposals:
        rows.insert(0, RecapRow("village", (document_t("doc.no_proposals"),)))
    return rows


def slip_summary(record: MeetingRecord, village: VillageRow) -> str:
    tally = record.village_tallies[village.id]
    agreed = sum(1 for p in record.by_village.get(village.id, []) if p.status.is_approved)
    text = document_t(
        "doc.slips.summary",
        village=village_label(village.name),
        count=tally.total,
        requested=rupiah(tally.requested),
        agreed=document_counted("doc.slips.activities", agreed),
        approved=rupiah(tally.approved),
    )
    if tally.ceiling is not None:
        text += document_t("doc.slips.against_ceiling", amount=rupiah(tally.ceiling))
    return text + "."

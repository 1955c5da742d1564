"""The Berita Acara as an agreement: its body, its clauses and its four lampiran.

The body says what was considered and what the meeting agrees (MENYEPAKATI, clause by
clause) and refers to the lampiran instead of repeating every proposal. The DOCX and
the PDF writers lay out the same blocks and rows in the same order.
"""

from __future__ import annotations

from lasem_tui.domain.dates import format_date_long
from lasem_tui.domain.meeting_kinds import MeetingKind
from lasem_tui.domain.money import amount_in_words
from lasem_tui.domain.states import FundingSource, ProposalStatus
from lasem_tui.domain.tally import tally_of
from lasem_tui.exchange.markdown import Block, Heading, Paragraph, Run
from lasem_tui.exchange.minutes import _directions, _opening, village_label
from lasem_tui.exchange.official import Line, RecapRow
from lasem_tui.exchange.record import SOURCE_WORDS, MeetingRecord, rupiah, volume_text
from lasem_tui.i18n import document_t
from lasem_tui.store.views import ProposalRow

DRAFT = document_t("doc.draft")
DRAFT_SIGNATURE = document_t("doc.draft_signature")
ORDINALS = (
    document_t("doc.agreement.first"),
    document_t("doc.agreement.second"),
    document_t("doc.agreement.third"),
    document_t("doc.agreement.fourth"),
    document_t("doc.agreement.fifth"),
)

LAMPIRAN_TITLES = {
    "I": document_t("doc.title.attendance"),
    "II": document_t("doc.lampiran.agreed_title"),
    "III": document_t("doc.lampiran.refused_title"),
    "IV": document_t("doc.lampiran.delegates_title"),
}


def has_delegates(record: MeetingRecord) -> bool:
    """Lampiran IV: the Musrenbang Kecamatan elects delegates; others only if entered."""
    return record.meeting.kind == MeetingKind.MUSRENBANG_KECAMATAN.value or bool(record.delegates)


def lampiran_numbers(record: MeetingRecord) -> tuple[str, ...]:
    return ("I", "II", "III", "IV") if has_delegates(record) else ("I", "II", "III")


def lampiran_heading(number: str, record: MeetingRecord) -> list[Line]:
    """ "LAMPIRAN II Berita Acara ... Nomor ... Tanggal ...", then the lampiran's title."""
    return [
        Line(document_t("doc.lampiran.number", number=number), 11, bold=True),
        Line(document_t("doc.lampiran.of_record", name=record.name, year=record.year), 10),
        Line(document_t("doc.title.number", number=record.number), 10),
        Line(document_t("doc.lampiran.date", date=format_date_long(record.meeting.held_on)), 10),
        Line(LAMPIRAN_TITLES[number], 12, bold=True),
    ]


def _agreed(record: MeetingRecord) -> list[ProposalRow]:
    return [p for p in record.proposals if p.status.is_approved]


def _p(text: str, style: str = "") -> Paragraph:
    return Paragraph([(text, style)])


def _plain_markdown(text: str) -> str:
    """The minutes' helpers escape for Markdown; these blocks are not parsed again."""
    return text.replace("\\", "")


def ceiling_statement(record: MeetingRecord) -> list[str]:
    """Over-ceiling villages, and the sum of village ceilings against the kecamatan's."""
    lines: list[str] = []
    over = [
        (v, record.village_tallies[v.id])
        for v in record.villages
        if v.ceiling is not None and record.village_tallies[v.id].is_over
    ]
    if over:
        names = "; ".join(
            document_t(
                "doc.agreement.village_over", village=village_label(v.name), amount=rupiah(t.over)
            )
            for v, t in over
        )
        lines.append(document_t("doc.agreement.villages_over", villages=names))
    else:
        lines.append(document_t("doc.agreement.no_village_over"))
    ceilings = [v.ceiling for v in record.villages if v.ceiling is not None]
    total_ceiling = record.tally.ceiling
    if ceilings and total_ceiling is not None:
        village_sum = sum(ceilings)
        gap = total_ceiling - village_sum
        if gap == 0:
            lines.append(
                document_t("doc.agreement.village_ceilings_equal", amount=rupiah(village_sum))
            )
        else:
            lines.append(
                document_t(
                    "doc.agreement.village_ceilings_under"
                    if gap > 0
                    else "doc.agreement.village_ceilings_over",
                    amount=rupiah(village_sum),
                    gap=rupiah(abs(gap)),
                    ceiling=rupiah(total_ceiling),
                )
            )
    return lines


def body_blocks(record: MeetingRecord) -> list[Block]:
    """Opening, what was considered, MENYEPAKATI and its clauses, the closing."""
    tally = record.tally
    blocks: list[Block] = [Paragraph([(_plain_markdown(_opening(record)), "")])]
    blocks.append(_p(document_t("doc.agreement.considering")))
    for line in _plain_markdown(_directions(record)).splitlines():
        number, _, text = line.partition(" ")
        blocks.append(Paragraph([(text, "")], indent=1, bullet=number))
    agreed = _agreed(record)
    refused = record.refused
    blocks.append(Heading(2, [(document_t("doc.agreement.agrees"), "B")]))
    clauses: list[list[Run]] = [
        [
            (
                document_t("doc.agreement.agreed_clause", agreed=len(agreed), count=tally.total),
                "",
            ),
            (rupiah(tally.approved), "B"),
            (f" ({amount_in_words(tally.approved)}), ", "I"),
            (
                document_t(
                    "doc.agreement.agreed_clause_rkpd",
                    kabupaten=record.kabupaten,
                    year=record.rkpd_year,
                ),
                "",
            ),
        ],
        [(document_t("doc.agreement.refused_clause", count=len(refused)), "")],
    ]
    if has_delegates(record):
        clauses.append(
            [
                (
                    document_t(
                        "doc.agreement.delegates_clause",
                        kecamatan=record.kecamatan,
                        count=len(record.delegates),
                    ),
                    "",
                )
            ]
        )
    numbers = document_t(
        "doc.list.and",
        items=", ".join(lampiran_numbers(record)[:-1]),
        last=lampiran_numbers(record)[-1],
    )
    clauses.append([(document_t("doc.agreement.lampiran_clause", numbers=numbers), "")])
    for ordinal, runs in zip(ORDINALS, clauses, strict=False):
        blocks.append(Paragraph([(f"{ordinal}: ", "B"), *runs], indent=1))
    if tally.ceiling is not None:
        ceiling = document_t("doc.agreement.ceiling", amount=rupiah(tally.ceiling))
        if tally.is_over:
            ceiling += document_t("doc.agreement.ceiling_over", amount=rupiah(tally.over))
        else:
            ceiling += document_t("doc.agreement.ceiling_left", amount=rupiah(tally.remaining))
        blocks.append(_p(ceiling))
    blocks += [_p(line) for line in ceiling_statement(record)]
    pending = tally.count(ProposalStatus.PENDING)
    if pending:
        blocks.append(_p(document_t("doc.agreement.pending", count=pending), "B"))
    blocks.append(_p(document_t("doc.agreement.closing")))
    return blocks


# --- Lampiran II: T-D.4 per Perangkat Daerah ----------------------------------------------

AGREED_HEADER = (
    document_t("doc.column.number"),
    document_t("doc.column.village"),
    document_t("doc.column.activity"),
    document_t("doc.column.location"),
    document_t("doc.column.volume"),
    document_t("doc.column.indicative_ceiling"),
    document_t("doc.column.responsible_agency"),
    document_t("doc.column.priority"),
)
AGREED_WIDTHS = (0.04, 0.1, 0.25, 0.15, 0.11, 0.13, 0.16, 0.06)
AGREED_RIGHT = (True, False, False, False, True, True, False, True)


def _figure(amount: int | None) -> str:
    return "-" if amount is None else rupiah(amount).removeprefix("Rp ")


def volume_cell(p: ProposalRow) -> str:
    """``155 m`` or, for an adjustment, ``155 m (diminta 310 m)``."""
    if p.volume is None:
        return ""
    text = f"{volume_text(p.volume)} {p.unit}".strip()
    asked = p.requested_volume
    if asked is not None and asked != p.volume:
        text += document_t(
            "doc.lampiran.asked_volume", volume=volume_text(asked), unit=p.unit
        ).rstrip()
    return text


def amount_cell(p: ProposalRow) -> str:
    """The approved amount, and the request beside it when adjusted."""
    text = _figure(p.approved)
    if p.status is ProposalStatus.ADJUSTED and p.approved != p.requested:
        text += document_t("doc.lampiran.asked_amount", amount=_figure(p.requested))
    return text


def agreed_rows(record: MeetingRecord) -> list[RecapRow]:
    """Per OPD a heading, per village its agreed proposals and a subtotal, the OPD's
    subtotal, and at the end the total against the ceiling."""
    names = {v.id: v.name for v in record.villages}
    order = {v.id: v.position for v in record.villages}
    by_agency: dict[str, list[ProposalRow]] = {}
    for p in _agreed(record):
        by_agency.setdefault(p.agency or document_t("doc.no_agency"), []).append(p)
    rows: list[RecapRow] = []
    number = 0
    for agency in sorted(by_agency):
        members = sorted(by_agency[agency], key=lambda p: (order.get(p.village_id, 0), p.seq))
        rows.append(RecapRow("village", (agency,)))
        villages: dict[int, list[ProposalRow]] = {}
        for p in members:
            villages.setdefault(p.village_id, []).append(p)
        for village_id, items in villages.items():
            for p in items:
                number += 1
                rows.append(
                    RecapRow(
                        "item",
                        (
                            str(number),
                            names.get(village_id, ""),
                            p.title,
                            p.location,
                            volume_cell(p),
                            amount_cell(p),
                            p.agency,
                            "" if p.priority is None else str(p.priority),
                        ),
                    )
                )
            subtotal = tally_of(items)
            rows.append(
                RecapRow(
                    "subtotal",
                    (
                        document_t(
                            "doc.lampiran.group_total",
                            group=village_label(names.get(village_id, "")),
                            count=len(items),
                        ),
                        _figure(subtotal.approved),
                        "",
                        "",
                    ),
                )
            )
        agency_tally = tally_of(members)
        rows.append(
            RecapRow(
                "subtotal",
                (
                    document_t("doc.lampiran.agency_total", agency=agency, count=len(members)),
                    _figure(agency_tally.approved),
                    "",
                    "",
                ),
            )
        )
    tally = record.tally
    rows.append(
        RecapRow(
            "total",
            (
                document_t("doc.lampiran.agreed_total", count=number),
                _figure(tally.approved),
                "",
                "",
            ),
        )
    )
    if tally.ceiling is not None:
        rows.append(
            RecapRow(
                "total",
                (document_t("doc.lampiran.kecamatan_ceiling"), _figure(tally.ceiling), "", ""),
            )
        )
        label = document_t(
            "doc.lampiran.over_ceiling" if tally.is_over else "doc.lampiran.ceiling_left"
        )
        rows.append(
            RecapRow(
                "total", (label, _figure(tally.over if tally.is_over else tally.remaining), "", "")
            )
        )
    return rows


# --- Lampiran III: not accommodated ---------------------------------------------------------

REFUSED_HEADER = (
    document_t("doc.column.number"),
    document_t("doc.column.village"),
    document_t("doc.column.activity"),
    document_t("doc.column.location"),
    document_t("doc.column.volume"),
    document_t("doc.column.requested"),
    document_t("doc.column.reason"),
    document_t("doc.column.redirected_to"),
)
REFUSED_WIDTHS = (0.04, 0.1, 0.22, 0.13, 0.09, 0.11, 0.21, 0.1)
REFUSED_RIGHT = (True, False, False, False, True, True, False, False)


def _outcome(p: ProposalRow) -> str:
    if p.status is ProposalStatus.REJECTED:
        return document_t("doc.lampiran.rejected")
    if p.status is ProposalStatus.DEFERRED:
        return document_t("doc.lampiran.deferred")
    source = p.funding_source or FundingSource.OTHER
    return document_t("doc.lampiran.redirected", source=SOURCE_WORDS[source])


def refused_rows(record: MeetingRecord) -> list[RecapRow]:
    names = {v.id: v.name for v in record.villages}
    groups: dict[str, list[ProposalRow]] = {}
    for p in record.refused:
        groups.setdefault(_outcome(p), []).append(p)
    rows: list[RecapRow] = []
    number = 0
    rejected, deferred = document_t("doc.lampiran.rejected"), document_t("doc.lampiran.deferred")
    order = sorted(groups, key=lambda g: (g != rejected, g != deferred, g))
    for group in order:
        rows.append(RecapRow("village", (group,)))
        for p in groups[group]:
            number += 1
            source = SOURCE_WORDS[p.funding_source] if p.funding_source else ""
            rows.append(
                RecapRow(
                    "item",
                    (
                        str(number),
                        names.get(p.village_id, ""),
                        p.title,
                        p.location,
                        volume_cell(p),
                        _figure(p.requested),
                        p.reason,
                        source,
                    ),
                )
            )
        subtotal = sum(p.requested for p in groups[group])
        rows.append(
            RecapRow(
                "subtotal",
                (
                    document_t(
                        "doc.lampiran.group_total", group=group.lower(), count=len(groups[group])
                    ),
                    _figure(subtotal),
                    "",
                    "",
                ),
            )
        )
    if not rows:
        rows.append(RecapRow("village", (document_t("doc.lampiran.none_refused"),)))
    return rows


# --- Lampiran IV: delegates -----------------------------------------------------------------

DELEGATE_HEADER = (
    document_t("doc.column.number"),
    document_t("doc.column.name"),
    document_t("doc.column.jabatan"),
    document_t("doc.column.institution"),
    document_t("doc.column.signature"),
)


def delegate_cells(record: MeetingRecord) -> list[tuple[str, ...]]:
    return [
        (str(n), d.name, d.jabatan, d.institution, "")
        for n, d in enumerate(record.delegates, start=1)
    ]

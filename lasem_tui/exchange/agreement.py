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
from lasem_tui.store.views import ProposalRow

DRAFT = "DRAF"
DRAFT_SIGNATURE = "DRAF: belum untuk ditandatangani sampai notulen difinalkan"
ORDINALS = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA")

LAMPIRAN_TITLES = {
    "I": "DAFTAR HADIR",
    "II": "USULAN YANG DISEPAKATI PER PERANGKAT DAERAH",
    "III": "USULAN YANG BELUM DAPAT DIAKOMODASI",
    "IV": "DELEGASI KE FORUM PERANGKAT DAERAH / MUSRENBANG KABUPATEN",
}


def has_delegates(record: MeetingRecord) -> bool:
    """Lampiran IV: the Musrenbang Kecamatan elects delegates; others only if entered."""
    return record.meeting.kind == MeetingKind.MUSRENBANG_KECAMATAN.value or bool(record.delegates)


def lampiran_numbers(record: MeetingRecord) -> tuple[str, ...]:
    return ("I", "II", "III", "IV") if has_delegates(record) else ("I", "II", "III")


def lampiran_heading(number: str, record: MeetingRecord) -> list[Line]:
    """ "LAMPIRAN II Berita Acara ... Nomor ... Tanggal ...", then the lampiran's title."""
    return [
        Line(f"LAMPIRAN {number}", 11, bold=True),
        Line(f"Berita Acara {record.name} Tahun {record.year}", 10),
        Line(f"Nomor: {record.number}", 10),
        Line(f"Tanggal: {format_date_long(record.meeting.held_on)}", 10),
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
            f"{village_label(v.name)} melebihi pagu desa {rupiah(t.over)}" for v, t in over
        )
        lines.append(f"Desa yang usulan disepakatinya melebihi pagu desa: {names}.")
    else:
        lines.append("Tidak ada desa yang usulan disepakatinya melebihi pagu desa.")
    ceilings = [v.ceiling for v in record.villages if v.ceiling is not None]
    total_ceiling = record.tally.ceiling
    if ceilings and total_ceiling is not None:
        village_sum = sum(ceilings)
        gap = total_ceiling - village_sum
        if gap == 0:
            lines.append(
                f"Jumlah pagu desa {rupiah(village_sum)} sama dengan pagu indikatif kecamatan."
            )
        else:
            word = "kurang" if gap > 0 else "lebih"
            lines.append(
                f"Jumlah pagu desa {rupiah(village_sum)}, {word} {rupiah(abs(gap))} dari "
                f"pagu indikatif kecamatan {rupiah(total_ceiling)}."
            )
    return lines


def body_blocks(record: MeetingRecord) -> list[Block]:
    """Opening, what was considered, MENYEPAKATI and its clauses, the closing."""
    tally = record.tally
    blocks: list[Block] = [Paragraph([(_plain_markdown(_opening(record)), "")])]
    blocks.append(_p("Setelah memperhatikan, mendengar dan mempertimbangkan:"))
    for line in _plain_markdown(_directions(record)).splitlines():
        number, _, text = line.partition(" ")
        blocks.append(Paragraph([(text, "")], indent=1, bullet=number))
    agreed = _agreed(record)
    refused = record.refused
    blocks.append(Heading(2, [("MENYEPAKATI", "B")]))
    clauses: list[list[Run]] = [
        [
            (
                f"Usulan desa yang disepakati sebanyak {len(agreed)} dari {tally.total} usulan "
                f"dengan nilai ",
                "",
            ),
            (rupiah(tally.approved), "B"),
            (f" ({amount_in_words(tally.approved)}), ", "I"),
            (
                f"untuk RKPD Kabupaten {record.kabupaten} Tahun {record.rkpd_year}, "
                "sebagaimana tercantum dalam Lampiran II.",
                "",
            ),
        ],
        [
            (
                f"Usulan yang belum dapat diakomodasi sebanyak {len(refused)} usulan, beserta "
                "alasan dan sumber pendanaan yang dituju, sebagaimana tercantum dalam "
                "Lampiran III.",
                "",
            )
        ],
    ]
    if has_delegates(record):
        clauses.append(
            [
                (
                    f"Delegasi Kecamatan {record.kecamatan} ke Forum Perangkat Daerah dan "
                    "Musrenbang Kabupaten sebanyak "
                    f"{len(record.delegates)} orang, sebagaimana tercantum dalam Lampiran IV.",
                    "",
                )
            ]
        )
    numbers = ", ".join(lampiran_numbers(record)[:-1]) + " dan " + lampiran_numbers(record)[-1]
    clauses.append(
        [
            (
                f"Lampiran {numbers} merupakan bagian yang tidak terpisahkan dari Berita "
                "Acara ini.",
                "",
            )
        ]
    )
    for ordinal, runs in zip(ORDINALS, clauses, strict=False):
        blocks.append(Paragraph([(f"{ordinal}: ", "B"), *runs], indent=1))
    if tally.ceiling is not None:
        ceiling = f"Pagu indikatif kecamatan {rupiah(tally.ceiling)}; "
        if tally.is_over:
            ceiling += f"usulan yang disepakati melebihi pagu sebesar {rupiah(tally.over)}."
        else:
            ceiling += f"sisa pagu {rupiah(tally.remaining)}."
        blocks.append(_p(ceiling))
    blocks += [_p(line) for line in ceiling_statement(record)]
    pending = tally.count(ProposalStatus.PENDING)
    if pending:
        blocks.append(_p(f"Sebanyak {pending} usulan belum dibahas.", "B"))
    blocks.append(
        _p(
            "Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan "
            "sebagaimana mestinya."
        )
    )
    return blocks


# --- Lampiran II: T-D.4 per Perangkat Daerah ----------------------------------------------

AGREED_HEADER = (
    "No",
    "Desa",
    "Kegiatan",
    "Lokasi",
    "Volume",
    "Pagu Indikatif (Rp)",
    "OPD Penanggung Jawab",
    "Prioritas",
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
        text += f" (diminta {volume_text(asked)} {p.unit})".rstrip()
    return text


def amount_cell(p: ProposalRow) -> str:
    """The approved amount, and the request beside it when adjusted."""
    text = _figure(p.approved)
    if p.status is ProposalStatus.ADJUSTED and p.approved != p.requested:
        text += f" (diminta {_figure(p.requested)})"
    return text


def agreed_rows(record: MeetingRecord) -> list[RecapRow]:
    """Per OPD a heading, per village its agreed proposals and a subtotal, the OPD's
    subtotal, and at the end the total against the ceiling."""
    names = {v.id: v.name for v in record.villages}
    order = {v.id: v.position for v in record.villages}
    by_agency: dict[str, list[ProposalRow]] = {}
    for p in _agreed(record):
        by_agency.setdefault(p.agency or "(tanpa OPD)", []).append(p)
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
                        f"Jumlah {village_label(names.get(village_id, ''))} ({len(items)})",
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
                    f"Jumlah {agency} ({len(members)} usulan)",
                    _figure(agency_tally.approved),
                    "",
                    "",
                ),
            )
        )
    tally = record.tally
    rows.append(
        RecapRow("total", (f"JUMLAH DISEPAKATI ({number} usulan)", _figure(tally.approved), "", ""))
    )
    if tally.ceiling is not None:
        rows.append(RecapRow("total", ("PAGU INDIKATIF KECAMATAN", _figure(tally.ceiling), "", "")))
        label = "MELEBIHI PAGU" if tally.is_over else "SISA PAGU"
        rows.append(
            RecapRow(
                "total", (label, _figure(tally.over if tally.is_over else tally.remaining), "", "")
            )
        )
    return rows


# --- Lampiran III: not accommodated ---------------------------------------------------------

REFUSED_HEADER = (
    "No",
    "Desa",
    "Kegiatan",
    "Lokasi",
    "Volume",
    "Diminta (Rp)",
    "Alasan",
    "Dialihkan ke",
)
REFUSED_WIDTHS = (0.04, 0.1, 0.22, 0.13, 0.09, 0.11, 0.21, 0.1)
REFUSED_RIGHT = (True, False, False, False, True, True, False, False)


def _outcome(p: ProposalRow) -> str:
    if p.status is ProposalStatus.REJECTED:
        return "Ditolak"
    if p.status is ProposalStatus.DEFERRED:
        return "Ditunda ke tahun berikutnya"
    source = p.funding_source or FundingSource.OTHER
    return f"Dialihkan ke {SOURCE_WORDS[source]}"


def refused_rows(record: MeetingRecord) -> list[RecapRow]:
    names = {v.id: v.name for v in record.villages}
    groups: dict[str, list[ProposalRow]] = {}
    for p in record.refused:
        groups.setdefault(_outcome(p), []).append(p)
    rows: list[RecapRow] = []
    number = 0
    order = sorted(
        groups, key=lambda g: (not g.startswith("Ditolak"), not g.startswith("Ditunda"), g)
    )
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
                (f"Jumlah {group.lower()} ({len(groups[group])})", _figure(subtotal), "", ""),
            )
        )
    if not rows:
        rows.append(RecapRow("village", ("Tidak ada usulan yang belum diakomodasi.",)))
    return rows


# --- Lampiran IV: delegates -----------------------------------------------------------------

DELEGATE_HEADER = ("No", "Nama", "Jabatan", "Instansi/Desa", "Tanda Tangan")


def delegate_cells(record: MeetingRecord) -> list[tuple[str, ...]]:
    return [
        (str(n), d.name, d.jabatan, d.institution, "")
        for n, d in enumerate(record.delegates, start=1)
    ]

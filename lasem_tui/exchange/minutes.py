"""The notulen: a Markdown template from the meeting's facts, and its generated parts.

Two parts of the minutes are generated from the store, the attendance counts and the
desk results, each between a pair of markers (HTML comments, invisible when rendered):

    <!-- lasem:mulai hasil-desk: ... -->
    ...
    <!-- lasem:selesai hasil-desk -->

``refresh_generated`` replaces what lies between one pair and touches nothing else the
notulis typed. If the markers were deleted, a fresh block is appended at the end rather
than guessing where the old one was, so no typed text is ever lost.

The UI calls ``editor_text`` to open the editor, ``refreshed_text`` on its refresh key and
``store.minutes.save_minutes`` to autosave; the exporters call ``document_text``.
"""

from __future__ import annotations

import re

from lasem_tui.domain import lasem
from lasem_tui.domain.dates import date_in_words, format_date_long
from lasem_tui.domain.money import amount_in_words
from lasem_tui.domain.states import ProposalStatus, VillageState
from lasem_tui.domain.tally import Tally
from lasem_tui.exchange.markdown import (
    Block,
    Heading,
    Paragraph,
    Run,
    Table,
    escape,
    to_markdown,
)
from lasem_tui.exchange.markdown import blocks as markdown_blocks
from lasem_tui.exchange.record import (
    DEMO_NOTICE,
    GROUP_WORDS,
    SOURCE_WORDS,
    STATUS_WORDS,
    MeetingRecord,
    read_record,
    rupiah,
    volume_text,
)
from lasem_tui.i18n import document_t
from lasem_tui.store.attendance import group_counts
from lasem_tui.store.database import Database
from lasem_tui.store.views import ProposalRow, VillageRow

DESK_RESULTS = "hasil-desk"
ATTENDANCE = "kehadiran"

_HINT = document_t("doc.minutes.marker_hint")
_START = re.compile(r"<!-- lasem:mulai (?P<name>[a-z0-9-]+)\b[^\n]*?-->")
_ANY_MARKER = re.compile(r"[ \t]*<!-- lasem:(mulai|selesai) [a-z0-9-]+\b[^\n]*?-->[ \t]*\n?")


def start_marker(name: str) -> str:
    return f"<!-- lasem:mulai {name}: {_HINT} -->"


def end_marker(name: str) -> str:
    return f"<!-- lasem:selesai {name} -->"


def _block(name: str, body: str) -> str:
    return f"{start_marker(name)}\n{body.strip(chr(10))}\n{end_marker(name)}"


# --- refreshing ------------------------------------------------------------------------


def refresh_generated(text: str, new_part: str) -> str:
    """Put ``new_part`` (a whole generated block, markers included) in place of the
    block of the same name in ``text``; append it when that block is not there."""
    found = _START.search(new_part)
    if found is None:
        raise ValueError("new_part has no start marker")
    name = found.group("name")
    end = end_marker(name)
    start_prefix = f"<!-- lasem:mulai {name}"
    end_at = text.find(end)
    while end_at != -1:
        # The nearest start marker before this end marker; an older orphan start marker
        # (its end deleted) further up is left alone with the text after it.
        start_at = text.rfind(start_prefix, 0, end_at)
        if start_at != -1 and _START.match(text, start_at):
            return text[:start_at] + new_part + text[end_at + len(end) :]
        end_at = text.find(end, end_at + len(end))
    if not text:
        return new_part + "\n"
    separator = "\n" if text.endswith("\n") else "\n\n"
    if text.endswith("\n\n"):
        separator = ""
    return f"{text}{separator}{new_part}\n"


def refresh_all(text: str, record: MeetingRecord) -> str:
    """Both generated parts brought up to date."""
    for part in generated_parts(record):
        text = refresh_generated(text, part)
    return text


def strip_markers(text: str) -> str:
    """The text without the marker lines, for the exported documents."""
    return _ANY_MARKER.sub("", text)


def generated_parts(record: MeetingRecord) -> tuple[str, str]:
    return attendance_part(record), desk_results_part(record)


# --- what the UI and the exporters call ------------------------------------------------


def editor_text(db: Database, meeting_id: int) -> str:
    """What the editor opens with: the stored minutes, or the template when empty."""
    record = read_record(db, meeting_id)
    return record.minutes_text or template(record)


def refreshed_text(db: Database, meeting_id: int, text: str) -> str:
    """``text`` with its generated parts rebuilt from the store as it is now."""
    return refresh_all(text, read_record(db, meeting_id))


def document_text(record: MeetingRecord) -> str:
    """The minutes as the documents print them: the stored text (or the template), the
    generated parts as of this export, the markers removed."""
    parts = generated_parts(record)  # built once: at regency size they take seconds
    text = record.minutes_text or template(record, parts)
    for part in parts:
        text = refresh_generated(text, part)
    return strip_markers(text)


# --- the template ---------------------------------------------------------------------


def village_label(name: str) -> str:
    """``Desa Babagan``; a name that already says Desa or Kelurahan stays as it is."""
    if name.lower().startswith(("desa ", "kelurahan ")):
        return name
    return document_t("doc.village", name=name)


def _clock(record: MeetingRecord, which: str) -> str:
    """The desk's recorded start, else the planned one, in the meeting's own zone."""
    recorded = record.desk_started if which == "desk_starts_at" else record.desk_finished
    return record.clock(recorded or getattr(record.meeting, which))


def closing_sentence(record: MeetingRecord) -> str:
    """ "selesai pukul" once the last village left the desk, "dijadwalkan" before; the
    meeting's close is when the minutes were finalised."""
    finished = record.desk_finished
    if finished is not None:
        text = document_t("doc.minutes.desk_finished", time=record.clock(finished))
    else:
        text = document_t(
            "doc.minutes.desk_scheduled", time=record.clock(record.meeting.desk_ends_at)
        )
    closed = record.meeting.closed_at
    return text + document_t(
        "doc.minutes.meeting_closed", time=record.clock(closed) if closed else "....."
    )


def _opening(record: MeetingRecord) -> str:
    meeting = record.meeting
    words = date_in_words(meeting.held_on)  # "hari Jumat tanggal ..."
    day = words.removeprefix("hari ")
    venue = escape(meeting.venue) if meeting.venue else "....."
    where = venue
    if record.kabupaten and record.kabupaten.lower() not in venue.lower():
        where = document_t(
            "doc.minutes.venue_in_kabupaten", venue=venue, kabupaten=escape(record.kabupaten)
        )
    kecamatan = escape(record.kecamatan) if record.kecamatan else "....."
    return document_t(
        "doc.minutes.opening",
        day=day,
        where=where,
        name=escape(record.name),
        year=record.year,
        kabupaten=escape(record.kabupaten),
        kecamatan=kecamatan,
        time=_clock(record, "desk_starts_at"),
    )


def _directions(record: MeetingRecord) -> str:
    kecamatan = escape(record.kecamatan)
    sekcam = record.speaker("sekretaris kecamatan")
    kabid = record.speaker("kepala bidang", group="bappeda")
    is_lasem = record.kecamatan == lasem.KECAMATAN
    # The attendance list names them once typed; for Lasem the 2023 facts stand in.
    sekcam_name = sekcam.name if sekcam else (lasem.SEKCAM[0] if is_lasem else ".....")
    kabid_name = kabid.name if kabid else (lasem.BAPPEDA_KABID[0] if is_lasem else ".....")
    if kabid:
        kabid_title = escape(kabid.jabatan)
    else:
        kabid_title = (
            lasem.BAPPEDA_KABID[1] if is_lasem else document_t("doc.minutes.kabid_unknown")
        )
    issues = [escape(name) for name in record.issue_names]
    if len(issues) > 1:
        issue_text = document_t("doc.list.and", items=", ".join(issues[:-1]), last=issues[-1])
    else:
        issue_text = issues[0] if issues else "....."
    deadline = (
        format_date_long(record.meeting.sipd_deadline) if record.meeting.sipd_deadline else "....."
    )
    sekcam_says = document_t(
        "doc.minutes.direction_sekcam",
        kecamatan=kecamatan,
        name=escape(sekcam_name),
        issues=issue_text,
    )
    bappeda_says = document_t(
        "doc.minutes.direction_bappeda",
        title=kabid_title,
        kabupaten=escape(record.kabupaten),
        name=escape(kabid_name),
        deadline=deadline,
    )
    return f"1. {sekcam_says}\n2. {bappeda_says}"


def _follow_up(record: MeetingRecord) -> str:
    meeting = record.meeting
    deadline = format_date_long(meeting.sipd_deadline) if meeting.sipd_deadline else "....."
    next_name = escape(meeting.next_meeting_name) or document_t("doc.minutes.next_meeting")
    next_day = format_date_long(meeting.next_meeting_on) if meeting.next_meeting_on else "....."
    steps = (
        document_t("doc.minutes.follow_up_sipd", deadline=deadline),
        document_t(
            "doc.minutes.follow_up_opd",
            kabupaten=escape(record.kabupaten),
            meeting=next_name,
            date=next_day,
        ),
        document_t("doc.minutes.follow_up_villages"),
    )
    return "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1))


def template(record: MeetingRecord, parts: tuple[str, str] | None = None) -> str:
    """The whole prefilled notulen, generated parts included (``parts``: the attendance
    and desk results blocks when the caller has them already)."""
    attendance, desk_results = parts or generated_parts(record)
    title = document_t("doc.minutes.title", name=escape(record.name), year=record.year)
    lines = [f"# {title}", ""]
    if record.meeting.is_demo:
        lines += [f"> **{DEMO_NOTICE}**", ""]
    lines += [
        f"## {document_t('doc.minutes.heading_opening')}",
        "",
        _opening(record),
        "",
        f"## {document_t('doc.minutes.heading_participants')}",
        "",
        document_t("doc.minutes.participants"),
        "",
        attendance,
        "",
        f"## {document_t('doc.minutes.heading_agenda')}",
        "",
        f"1. {document_t('doc.minutes.agenda_opening')}",
        f"2. {document_t('doc.minutes.agenda_sekcam', kecamatan=escape(record.kecamatan))}",
        f"3. {document_t('doc.minutes.agenda_bappeda', kabupaten=escape(record.kabupaten))}",
        f"4. {document_t('doc.minutes.agenda_desk')}",
        f"5. {document_t('doc.minutes.agenda_closing')}",
        "",
        f"## {document_t('doc.minutes.heading_directions')}",
        "",
        _directions(record),
        "",
        f"## {document_t('doc.minutes.heading_results')}",
        "",
        desk_results,
        "",
        f"## {document_t('doc.minutes.heading_follow_up')}",
        "",
        _follow_up(record),
        "",
        f"## {document_t('doc.minutes.heading_closing')}",
        "",
        closing_sentence(record),
        # No "Demikian notulen ini dibuat ..." here: the Berita Acara that carries these
        # minutes closes with its own "Demikian Berita Acara ini dibuat ...", and two
        # closing formulas one after the other read as a mistake.
        "",
    ]
    return "\n".join(lines)


# --- the generated parts --------------------------------------------------------------
#
# Built as blocks: serialised to Markdown for the editor, and handed to the DOCX and PDF
# writers as they are, so a regency's desk results never go through a Markdown parser.


def attendance_blocks(record: MeetingRecord) -> list[Block]:
    table = Table(
        header=[
            [(document_t("doc.minutes.column_group"), "")],
            [(document_t("doc.minutes.column_present"), "")],
            [(document_t("doc.minutes.column_invited"), "")],
        ],
        aligns=["left", "right", "right"],
    )
    present = expected = 0
    for count in group_counts(record.attendees):
        label = GROUP_WORDS.get(count.group, count.group)
        table.rows.append([[(label, "")], [(str(count.present), "")], [(str(count.expected), "")]])
        present += count.present
        expected += count.expected
    total = document_t("doc.minutes.total")
    table.rows.append([[(total, "B")], [(str(present), "B")], [(str(expected), "B")]])
    return [table]


def attendance_part(record: MeetingRecord) -> str:
    return _block(ATTENDANCE, to_markdown(attendance_blocks(record)))


def _amount_runs(tally: Tally, ceiling_word: str) -> list[Run]:
    text = document_t(
        "doc.minutes.amounts",
        count=tally.total,
        requested=rupiah(tally.requested),
        approved=rupiah(tally.approved),
    )
    if tally.ceiling is None:
        return [(text + ".", "")]
    text += f" ({ceiling_word} {rupiah(tally.ceiling)}, "
    if tally.is_over:
        over = document_t("doc.minutes.over_ceiling", amount=rupiah(tally.over))
        return [(text, ""), (over, "B"), (").", "")]
    return [(text + document_t("doc.minutes.left", amount=rupiah(tally.remaining)) + ").", "")]


def _volume(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{volume_text(value)} {unit}".strip()


def _sentence(text: str) -> str:
    value = " ".join(text.split())
    return value if value.endswith((".", "!", "?")) else value + "."


def _rerouted(p: ProposalRow) -> str:
    """ ", ke OPD X (semula Y)" for a proposal the desk sent to another OPD."""
    if not p.rerouted:
        return ""
    return document_t("doc.minutes.rerouted", agency=p.agency, origin=p.agency_origin)


def proposal_runs(p: ProposalRow) -> list[Run]:
    """One proposal of the desk results: what was asked and what was decided."""
    runs: list[Run] = [(p.ref, "B"), (" ", "")] if p.ref else []
    volume = _volume(p.volume, p.unit)
    # What was asked is the request's own volume: an adjustment changes only ``volume``.
    asked_volume = _volume(p.requested_volume, p.unit) or volume
    asked = p.title
    if asked_volume:
        asked += f", {asked_volume}"
    runs.append((document_t("doc.minutes.asked", asked=asked, amount=rupiah(p.requested)), ""))
    status = p.status
    word = STATUS_WORDS[status]
    if status is ProposalStatus.PENDING:
        runs.append((f"{word}.", ""))
        return runs
    runs.append((word, "B"))
    if status is ProposalStatus.ACCEPTED:
        runs.append((f", {rupiah(p.approved)}{_rerouted(p)}.", ""))
    elif status is ProposalStatus.ADJUSTED:
        tail = document_t("doc.minutes.adjusted_to", amount=rupiah(p.approved))
        tail += f" ({volume})" if volume and volume != asked_volume else ""
        tail += f"{_rerouted(p)}."
        if p.note:
            tail += document_t("doc.minutes.note", note=_sentence(p.note))
        runs.append((tail, ""))
    else:
        tail = ""
        if status is ProposalStatus.REDIRECTED and p.funding_source is not None:
            tail += document_t("doc.decision.to_source", source=SOURCE_WORDS[p.funding_source])
        if status is ProposalStatus.MERGED and p.merged_into_ref:
            tail += document_t("doc.decision.merged_with", ref=p.merged_into_ref)
        tail += "."
        if p.reason:
            tail += document_t("doc.minutes.reason", reason=_sentence(p.reason))
        runs.append((tail, ""))
    return runs


def _village_blocks(number: int, village: VillageRow, record: MeetingRecord) -> list[Block]:
    proposals = record.by_village.get(village.id, [])
    label = village_label(village.name)
    blocks: list[Block] = [Heading(3, [(f"{number}. {label}", "")])]
    if village.state is VillageState.ABSENT:
        blocks.append(Paragraph([(document_t("doc.minutes.village_absent"), "")]))
    if not proposals:
        blocks.append(Paragraph([(document_t("doc.no_proposals"), "")]))
        return blocks
    blocks += [Paragraph(proposal_runs(p), indent=1, bullet="•") for p in proposals]
    tally = record.village_tallies[village.id]
    blocks.append(
        Paragraph(
            [
                (document_t("doc.minutes.village_total", village=label), ""),
                *_amount_runs(tally, document_t("doc.minutes.village_ceiling")),
            ]
        )
    )
    return blocks


def counts_line(tally: Tally) -> str:
    order: list[ProposalStatus] = [s for s in ProposalStatus if s is not ProposalStatus.PENDING]
    order.append(ProposalStatus.PENDING)
    return "; ".join(f"{STATUS_WORDS[s]} {tally.count(s)}" for s in order)


def totals_table(tally: Tally) -> Table:
    table = Table(
        header=[
            [(document_t("doc.minutes.column_item"), "")],
            [(document_t("doc.minutes.total"), "")],
        ],
        aligns=["left", "right"],
    )
    rows = [
        (document_t("doc.minutes.row_proposals"), str(tally.total), ""),
        (document_t("doc.minutes.row_requested"), rupiah(tally.requested), ""),
        (document_t("doc.minutes.row_approved"), rupiah(tally.approved), ""),
    ]
    if tally.ceiling is not None:
        rows.append((document_t("doc.minutes.row_ceiling"), rupiah(tally.ceiling), ""))
        if tally.is_over:
            rows.append((document_t("doc.minutes.row_over"), rupiah(tally.over), "B"))
        else:
            rows.append((document_t("doc.minutes.row_left"), rupiah(tally.remaining), ""))
    table.rows = [[[(label, style)], [(value, style)]] for label, value, style in rows]
    return table


def desk_results_blocks(record: MeetingRecord) -> list[Block]:
    """Per village the proposals and decisions, then the totals against the ceiling."""
    tally = record.tally
    blocks: list[Block] = [Paragraph([(document_t("doc.minutes.results_intro"), "")])]
    for number, village in enumerate(record.villages, start=1):
        blocks += _village_blocks(number, village, record)
    blocks += [
        Heading(3, [(document_t("doc.minutes.all_villages"), "")]),
        totals_table(tally),
        Paragraph([(document_t("doc.minutes.decisions", counts=counts_line(tally)), "")]),
        Paragraph(
            [
                (document_t("doc.minutes.approved_in_words", amount=rupiah(tally.approved)), ""),
                (amount_in_words(tally.approved), "I"),
                (").", ""),
            ]
        ),
    ]
    return blocks


def desk_results_part(record: MeetingRecord) -> str:
    return _block(DESK_RESULTS, to_markdown(desk_results_blocks(record)))


def document_blocks(record: MeetingRecord) -> list[Block]:
    """The minutes as blocks for the DOCX and PDF writers: the notulis's text parsed as
    Markdown, the generated parts as built (the same content, without the parsing).

    The text only says where the parts go: they stand in it empty, between their
    markers, so that a regency's desk results are never written out as Markdown.
    """
    places = (_block(ATTENDANCE, ""), _block(DESK_RESULTS, ""))
    text = record.minutes_text or template(record, places)
    for place in places:
        text = refresh_generated(text, place)
    generated = {ATTENDANCE: attendance_blocks(record), DESK_RESULTS: desk_results_blocks(record)}
    blocks: list[Block] = []
    position = 0
    first = True
    for found in _START.finditer(text):
        name = found.group("name")
        end = text.find(end_marker(name), found.end())
        if name not in generated or end == -1 or found.start() < position:
            continue
        blocks += markdown_blocks(text[position : found.start()], drop_title=first)
        first = False
        blocks += generated[name]
        position = end + len(end_marker(name))
    blocks += markdown_blocks(text[position:], drop_title=first)
    return blocks

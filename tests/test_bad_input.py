"""Everything a person types, through the domain and the store: empty, very long,
Unicode (Javanese script, emoji, right-to-left), control characters and markup.
Stored exactly as typed where it is valid, refused with a message where it is not;
never an exception that is not one of ours."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lasem_tui import i18n
from lasem_tui.domain import decisions
from lasem_tui.domain.dates import DateError, parse_date, parse_time
from lasem_tui.domain.decisions import DecisionError
from lasem_tui.domain.money import (
    MAX_AMOUNT,
    MAX_VOLUME,
    AmountError,
    VolumeError,
    format_rupiah,
    format_volume,
    parse_amount,
    parse_amount_cell,
    parse_volume,
)
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.domain.tally import ProposalFigures, apply_change, tally_of
from lasem_tui.domain.text import clean_block, clean_text
from lasem_tui.store import attendance, desk, queries
from lasem_tui.store import minutes as store_minutes
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.setup import meeting as setup_meeting

JAVANESE = "ꦱꦼꦥꦸꦠꦂ ꦢꦺꦱ ꦭꦱꦼꦩ꧀"
EMOJI = "🙂🇮🇩👩🏽‍🌾 Bu Kades"
ARABIC = "مسجد الجامع لاسم"
MARKUP = "[bold]Siti[/] [/] <script>alert(1)</script> *miring* `kode` $(rm -rf /)"
VALID_TEXTS = [JAVANESE, EMOJI, ARABIC, MARKUP, "Ngargomulyo–Gowak, RT 03/RW 01 ¾ km"]
CONTROL = "Su\x00di\x07\x1b[31mrman\x7f\x9b"  # NUL, BEL, an ANSI escape, DEL, CSI
SETTINGS = settings(max_examples=150, deadline=None)


def _first_pending(db: Database, meeting_id: int):  # type: ignore[no-untyped-def]
    with db.read() as session:
        state = queries.desk_state(session, meeting_id)
    proposal = queries.first_undecided(state.proposals)
    assert proposal is not None
    return state, proposal


def _decide(db: Database, meeting_id: int, decision: decisions.Decision):  # type: ignore[no-untyped-def]
    state, proposal = _first_pending(db, meeting_id)
    return desk.decide(
        db,
        meeting_id,
        proposal.id,
        decision,
        reviewer_id=state.meeting.current_reviewer_id,
        expected_version=proposal.version,
    )


def _message(exc: Exception) -> str:
    """What the person reads: the i18n text for the error's code."""
    code = getattr(exc, "code", "")
    params = getattr(exc, "params", {}) or {}
    assert i18n.has(code), code
    return i18n.t(code, **params)


# --- reasons and notes -----------------------------------------------------------------------


@pytest.mark.parametrize("reason", VALID_TEXTS)
def test_reasons_are_stored_exactly_as_typed(db: Database, fresh_demo: int, reason: str) -> None:
    row = _decide(db, fresh_demo, decisions.refuse(ProposalStatus.REJECTED, reason))
    assert row.reason == reason
    note_row = _decide(
        db,
        fresh_demo,
        decisions.adjust(1_000_000, None, amount=500_000, new_volume=None, note=reason),
    )
    assert note_row.note == reason


@pytest.mark.parametrize("reason", ["", "   ", "\n\t", "\x00\x07", "\u202e\u2066"])
def test_an_empty_reason_is_refused_with_a_message(reason: str) -> None:
    for status in (ProposalStatus.REJECTED, ProposalStatus.DEFERRED):
        with pytest.raises(DecisionError) as caught:
            decisions.refuse(status, reason)
        assert "wajib" in _message(caught.value)


def test_a_very_long_reason_is_refused_and_one_at_the_limit_kept(
    db: Database, fresh_demo: int
) -> None:
    with pytest.raises(DecisionError) as caught:
        decisions.refuse(ProposalStatus.REJECTED, "ꦗ" * (decisions.MAX_REASON + 1))
    assert "2000" in _message(caught.value)
    longest = "🙂" * decisions.MAX_REASON
    assert _decide(db, fresh_demo, decisions.refuse(ProposalStatus.REJECTED, longest)).reason == (
        longest
    )


def test_control_characters_are_dropped_and_lines_joined(db: Database, fresh_demo: int) -> None:
    row = _decide(
        db,
        fresh_demo,
        decisions.refuse(ProposalStatus.DEFERRED, f"{CONTROL}\r\ntahun\u2028depan\u202e"),
    )
    assert row.reason == "Sudi[31mrman tahun depan"


# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", VALID_TEXTS)
def test_reviewer_names_are_stored_as_typed(db: Database, fresh_demo: int, name: str) -> None:
    reviewer_id = desk.add_reviewer(db, fresh_demo, name, role=name)
    with db.read() as session:
        stored = {r.id: r for r in queries.reviewers(session, fresh_demo)}[reviewer_id]
    assert stored.name == name


@pytest.mark.parametrize(
    ("name", "role", "word"),
    [
        ("", "", "wajib"),
        ("\x00 \t", "", "wajib"),
        ("x" * 201, "", "200"),
        ("Budi", "r" * 201, "200"),
    ],
)
def test_bad_reviewer_names_are_refused(
    db: Database, fresh_demo: int, name: str, role: str, word: str
) -> None:
    with pytest.raises(StoreError) as caught:
        desk.add_reviewer(db, fresh_demo, name, role=role)
    assert word in _message(caught.value)


def test_attendance_fields_keep_unicode_and_refuse_the_too_long(
    db: Database, fresh_demo: int
) -> None:
    row = attendance.add_attendee(
        db, fresh_demo, name=JAVANESE, jabatan=ARABIC, institution=MARKUP, group=EMOJI
    )
    assert (row.name, row.jabatan, row.institution) == (JAVANESE, ARABIC, MARKUP)
    with pytest.raises(StoreError) as caught:
        attendance.add_attendee(db, fresh_demo, name="n" * 201)
    assert "200" in _message(caught.value)


def test_meeting_fields_keep_unicode_and_refuse_what_is_not_valid(
    db: Database, fresh_demo: int
) -> None:
    view = setup_meeting.update_meeting(db, fresh_demo, title=f"Musrenbang {JAVANESE} {EMOJI}")
    assert view.title == f"Musrenbang {JAVANESE} {EMOJI}"
    for field, value in (
        ("title", ""),
        ("title", "t" * 100_000),
        ("ceiling", "-5"),
        ("ceiling", "sepuluh juta"),
        ("ceiling", 10**30),
        ("ceiling", "9" * 5000),
        ("held_on", "31/02/2023"),
        ("held_on", "ꦗ"),
    ):
        with pytest.raises(StoreError) as caught:
            setup_meeting.update_meeting(db, fresh_demo, **{field: value})
        assert _message(caught.value)


# --- the minutes -------------------------------------------------------------------------------


def test_the_minutes_keep_every_line_and_script(db: Database, fresh_demo: int) -> None:
    text = "\n".join([f"# Notulen {JAVANESE}", EMOJI, ARABIC, MARKUP, "", "  indented\tline"])
    reviewer = _first_pending(db, fresh_demo)[0].meeting.current_reviewer_id
    view = store_minutes.save_minutes(db, fresh_demo, text + "\x00\x1b", reviewer_id=reviewer)
    assert view.text == text


# --- amounts, volumes, dates and times ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "amount_empty"),
        ("-1", "amount_negative"),
        ("Rp -5.000", "amount_negative"),
        ("satu juta", "amount_not_number"),
        ("1,5 juta", "amount_not_number"),
        ("²", "amount_not_number"),
        ("١٢٣", "amount_not_number"),
        ("1_000", "amount_not_number"),
        ("9" * 5000, "amount_too_large"),
        ("1.000.000.000.000.000", "amount_too_large"),
        (MARKUP, "amount_not_number"),
        (JAVANESE, "amount_not_number"),
    ],
)
def test_bad_amounts_have_a_message(typed: str, code: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(typed)
    assert caught.value.code == code
    assert i18n.t(code) != code


@SETTINGS
@given(st.text())
def test_any_typed_amount_is_a_bounded_amount_or_refused(typed: str) -> None:
    try:
        amount = parse_amount(typed)
    except AmountError as exc:
        assert i18n.has(exc.code)
        return
    assert 0 <= amount <= MAX_AMOUNT
    assert parse_amount(format_rupiah(amount)) == amount  # what is shown reads back


@SETTINGS
@given(st.one_of(st.integers(), st.floats(allow_nan=True), st.text(), st.none(), st.booleans()))
def test_any_spreadsheet_cell_is_a_bounded_amount_or_refused(value: object) -> None:
    try:
        amount = parse_amount_cell(value)
    except AmountError as exc:
        assert i18n.has(exc.code)
        return
    assert 0 <= amount <= MAX_AMOUNT


@SETTINGS
@given(st.text())
def test_any_typed_volume_is_a_bounded_number_or_refused(typed: str) -> None:
    try:
        volume = parse_volume(typed)
    except VolumeError as exc:
        assert i18n.has(exc.code)
        return
    assert 0 <= volume <= MAX_VOLUME
    assert format_volume(volume)


@SETTINGS
@given(st.text())
def test_any_typed_date_or_time_is_one_or_refused(typed: str) -> None:
    for parse, kind in ((parse_date, date), (parse_time, time)):
        try:
            assert isinstance(parse(typed), kind)
        except DateError as exc:
            assert i18n.has(exc.code)


@SETTINGS
@given(
    st.integers(min_value=1, max_value=MAX_AMOUNT),
    st.one_of(st.none(), st.integers(min_value=-(10**20), max_value=10**20)),
    st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    st.text(max_size=3000),
)
def test_any_adjustment_is_a_valid_decision_or_refused(
    requested: int, amount: int | None, volume: float | None, note: str
) -> None:
    try:
        decision = decisions.adjust(requested, 10.0, amount=amount, new_volume=volume, note=note)
    except DecisionError as exc:
        assert i18n.has(exc.code)
        return
    assert decision.status is ProposalStatus.ADJUSTED
    assert decision.approved is not None and 0 < decision.approved <= MAX_AMOUNT
    assert decision.volume is not None and 0 <= decision.volume <= MAX_VOLUME
    assert decision.note == clean_text(note) and len(decision.note) <= decisions.MAX_REASON


# --- the text rules themselves -----------------------------------------------------------------


@SETTINGS
@given(st.text())
def test_clean_text_leaves_no_control_characters_and_is_stable(typed: str) -> None:
    one_line = clean_text(typed)
    assert clean_text(one_line) == one_line  # storing twice changes nothing
    assert "\n" not in one_line and "\r" not in one_line
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in one_line)
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in one_line)
    block = clean_block(typed)
    assert clean_block(block) == block
    assert not any((ord(c) < 32 and c not in "\n\t") for c in block)


@SETTINGS
@given(st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs"])))
def test_printable_text_survives_clean_text(typed: str) -> None:
    """Scripts, marks, emoji, punctuation: what a keyboard makes is kept (but the blanks
    around it)."""
    assert clean_text(typed) == typed.strip()


# --- the tally ---------------------------------------------------------------------------------

figures = st.builds(
    ProposalFigures,
    st.sampled_from(list(ProposalStatus)),
    st.integers(min_value=0, max_value=MAX_AMOUNT),
    st.one_of(st.none(), st.integers(min_value=0, max_value=MAX_AMOUNT)),
)


@SETTINGS
@given(
    st.lists(figures, max_size=30),
    st.one_of(st.none(), st.integers(0, 10**15)),
    st.data(),
)
def test_one_change_folded_in_equals_the_tally_recomputed(proposals, ceiling, data) -> None:  # type: ignore[no-untyped-def]
    """The desk shows its own decision by folding it into the tally (``apply_change``);
    that always equals recomputing from every proposal, and the approved total is the
    sum over the accepted and adjusted ones."""
    tally = tally_of(proposals, ceiling)
    assert tally.approved == sum(p.approved or 0 for p in proposals if p.status.is_approved)
    assert tally.total == len(proposals)
    if ceiling is not None:
        assert tally.remaining == ceiling - tally.approved
        assert tally.is_over == (tally.approved > ceiling)
    if not proposals:
        return
    index = data.draw(st.integers(0, len(proposals) - 1))
    changed = data.draw(figures)
    changed = ProposalFigures(changed.status, proposals[index].requested, changed.approved)
    after = [*proposals[:index], changed, *proposals[index + 1 :]]
    folded = apply_change(tally, proposals[index], changed)
    recomputed = tally_of(after, ceiling)
    assert folded.approved == recomputed.approved
    assert folded.requested == recomputed.requested
    assert {s: folded.count(s) for s in ProposalStatus} == dict(recomputed.counts)

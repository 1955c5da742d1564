"""The daftar hadir: the template rows, and add, edit, remove, tick, each logged."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from lasem_tui.domain.states import EventKind
from lasem_tui.store import attendance, minutes, queries
from lasem_tui.store.errors import MeetingClosedError, StoreError
from lasem_tui.store.models import Event


def _attendance_events(db, meeting_id: int) -> list[dict]:
    with db.read() as session:
        rows = session.exec(
            select(Event).where(
                Event.meeting_id == meeting_id, Event.kind == EventKind.ATTENDANCE.value
            )
        )
        return [json.loads(e.after) for e in rows]


def test_the_template_has_a_row_per_expected_role(db, fresh_demo):
    rows = attendance.list_attendees(db, fresh_demo)
    jabatan = [r.jabatan for r in rows]
    assert "Kepala Desa Babagan" in jabatan
    assert "Sekretaris Desa Tasiksono" in jabatan
    names = {r.jabatan: r.name for r in rows}
    assert names["Sekretaris Kecamatan"] == "Dwi Susilowati, SE"
    assert names["Kepala Bidang Penelitian dan Pengembangan"].startswith("Triana")
    counts = {c.group: c for c in attendance.group_counts(rows)}
    assert counts["desa"].expected == 60
    assert all(c.present == 0 for c in counts.values())


def test_add_edit_toggle_remove(db, fresh_demo):
    rows = attendance.list_attendees(db, fresh_demo)
    first = rows[0]
    added = attendance.add_attendee(
        db, fresh_demo, name="Siti Aminah", jabatan="Notulis", after_id=first.id
    )
    after = attendance.list_attendees(db, fresh_demo)
    assert after[1].id == added.id
    assert len(after) == len(rows) + 1

    edited = attendance.edit_attendee(db, fresh_demo, first.id, name="Drs. Camat")
    assert edited.name == "Drs. Camat"
    assert edited.jabatan == first.jabatan

    ticked = attendance.toggle_present(db, fresh_demo, first.id)
    assert ticked.present
    assert not attendance.toggle_present(db, fresh_demo, first.id).present

    attendance.remove_attendee(db, fresh_demo, added.id)
    assert added.id not in {r.id for r in attendance.list_attendees(db, fresh_demo)}

    actions = [e["action"] for e in _attendance_events(db, fresh_demo)]
    assert actions == ["add", "edit", "present", "present", "remove"]


def test_bad_rows_change_nothing(db, fresh_demo):
    before = attendance.list_attendees(db, fresh_demo)
    with pytest.raises(StoreError) as empty:
        attendance.add_attendee(db, fresh_demo, name="  ", jabatan="")
    assert empty.value.code == "attendee_empty"
    with pytest.raises(StoreError):
        attendance.edit_attendee(db, fresh_demo, 999_999, name="x")
    assert attendance.list_attendees(db, fresh_demo) == before


def test_a_closed_meeting_keeps_its_list(db, fresh_demo):
    with db.read() as session:
        reviewer = queries.reviewers(session, fresh_demo)[0].id
    row = attendance.list_attendees(db, fresh_demo)[0]
    minutes.finalise(db, fresh_demo, reviewer_id=reviewer)
    with pytest.raises(MeetingClosedError):
        attendance.toggle_present(db, fresh_demo, row.id)

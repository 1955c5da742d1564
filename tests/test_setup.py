"""Meeting setup: each command one transaction with its before/after event, or a
refusal with an i18n code and nothing written."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from lasem_tui import i18n
from lasem_tui.domain.dates import now
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.domain.zones import zone
from lasem_tui.store import desk, queries, setup
from lasem_tui.store.database import Database
from lasem_tui.store.errors import ConflictError, MeetingClosedError, StoreError
from lasem_tui.store.models import (
    Attendee,
    Event,
    Meeting,
    Proposal,
    ProposalIssue,
    StrategicIssue,
    Village,
)

WIB = zone("WIB")


def _events(db: Database, meeting_id: int, kind: str = "update_meeting") -> list[tuple[dict, dict]]:
    with db.read() as session:
        rows = session.exec(
            select(Event)
            .where(Event.meeting_id == meeting_id, Event.kind == kind)
            .order_by(Event.id)
        ).all()
        return [(json.loads(e.before), json.loads(e.after)) for e in rows]


def _count(db: Database, model, *where) -> int:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _refused(code: str, call, *args, **kwargs) -> StoreError:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    assert i18n.has(code), code
    return caught.value


@pytest.fixture
def template(db: Database) -> int:
    return setup.create_from_template(db, reviewers=[("Rina", "BAPPEDA"), ("Budi", "Kecamatan")])


# --- creating and listing ------------------------------------------------------------------


def test_template_meeting(db: Database, template: int) -> None:
    with db.read() as session:
        meeting = queries.get_meeting(session, template)
        villages = queries.villages(session, template)
        reviewers = queries.reviewers(session, template)
    assert meeting.title == "Pra Musrenbang Kecamatan Lasem 2023"
    assert meeting.kind == "pra_musrenbang"
    assert len(villages) == 20 and villages[0].name == "Babagan"
    assert [r.name for r in reviewers] == ["Rina", "Budi"]
    assert _count(db, StrategicIssue, StrategicIssue.meeting_id == template) == 3
    assert _count(db, Attendee, Attendee.meeting_id == template) > 20
    assert [after["title"] for _, after in _events(db, template, "create_meeting")] == [
        meeting.title
    ]


def test_template_for_another_year(db: Database) -> None:
    meeting_id = setup.create_from_template(
        db, title="Pra Musrenbang Kecamatan Lasem 2024", held_on="16/02/2024"
    )
    with db.read() as session:
        meeting = queries.get_meeting(session, meeting_id)
    assert meeting.held_on == date(2024, 2, 16)
    assert meeting.desk_starts_at is not None
    assert meeting.desk_starts_at.astimezone(WIB).date() == date(2024, 2, 16)
    assert meeting.desk_starts_at.astimezone(WIB).time() == time(8, 0)
    # The 2023 SIPD deadline and next meeting would fall before the new day: dropped.
    assert meeting.sipd_deadline is None and meeting.next_meeting_on is None


def test_empty_meeting(db: Database) -> None:
    meeting_id = setup.create_empty(
        db, "Pra Musrenbang Kecamatan Sedan", "2024-02-20", kecamatan="Sedan", ceiling="5.000.000"
    )
    with db.read() as session:
        meeting = queries.get_meeting(session, meeting_id)
        assert queries.villages(session, meeting_id) == ()
    assert (meeting.kecamatan, meeting.ceiling) == ("Sedan", 5_000_000)
    _refused("setup.required", setup.create_empty, db, "  ", date(2024, 1, 1))
    _refused("date_invalid", setup.create_empty, db, "X", "31/02/2024")
    assert len(setup.list_meetings(db)) == 1


def test_list_meetings(db: Database, fresh_demo: int, template: int) -> None:
    empty = setup.create_empty(db, "Rapat lain", date(2024, 3, 1), kind="other")
    listed = setup.list_meetings(db)
    assert [m.id for m in listed] == [empty, template, fresh_demo]
    by_id = {m.id: m for m in listed}
    assert by_id[fresh_demo].is_demo and by_id[fresh_demo].villages == 20
    assert by_id[fresh_demo].proposals > 60
    assert by_id[template].proposals == 0
    assert by_id[empty].kind == "other" and by_id[empty].villages == 0


# --- editing the meeting -------------------------------------------------------------------


def test_update_meeting_from_typed_text(db: Database, template: int) -> None:
    with db.read() as session:
        version = queries.get_meeting(session, template).version
    view = setup.update_meeting(
        db,
        template,
        expected_version=version,
        ceiling="Rp 5.250.000.000",
        hard_ceiling=True,
        desk_starts_at="08.30",
        desk_ends_at="11.15",
        venue="Aula Kecamatan",
        kind="musrenbang_kecamatan",
        sipd_deadline="21/02/2023",
    )
    assert view.ceiling == 5_250_000_000 and view.hard_ceiling
    assert view.desk_starts_at.astimezone(WIB).time() == time(8, 30)  # type: ignore[union-attr]
    assert view.desk_ends_at.astimezone(WIB).date() == date(2023, 2, 17)  # type: ignore[union-attr]
    assert view.version == version + 1
    ((before, after),) = _events(db, template)
    assert after["change"] == "meeting"
    assert after["ceiling"] == 5_250_000_000 and before["ceiling"] is None
    assert before["venue"] == "Pendopo Kecamatan Lasem" and after["venue"] == "Aula Kecamatan"
    assert "sipd_deadline" not in after  # unchanged fields are not logged
    # The same values again: nothing changes, nothing is logged.
    setup.update_meeting(db, template, ceiling=5_250_000_000, venue="Aula Kecamatan")
    assert len(_events(db, template)) == 1


def test_moving_the_day_moves_the_desk(db: Database, template: int) -> None:
    view = setup.update_meeting(db, template, held_on=date(2023, 2, 16))
    assert view.desk_starts_at == datetime(2023, 2, 16, 8, 0, tzinfo=WIB)  # the meeting's zone


def test_the_template_moves_to_next_year_with_its_deadlines(db: Database, template: int) -> None:
    """The 2023 template's SIPD deadline and next meeting follow the day typed in F3."""
    view = setup.update_meeting(db, template, held_on="14/02/2025")
    assert view.held_on == date(2025, 2, 14)
    assert view.sipd_deadline == date(2025, 2, 18)  # four days after, as in 2023
    assert view.next_meeting_on == date(2025, 2, 19)
    before, after = _events(db, template)[-1]
    assert before["sipd_deadline"] == "2023-02-21" and after["sipd_deadline"] == "2025-02-18"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": ""}, "setup.required"),
        ({"title": "x" * 300}, "setup.too_long"),
        ({"kind": "rapat_rt"}, "setup.kind_unknown"),
        ({"ceiling": "-5"}, "amount_negative"),
        ({"ceiling": "lima juta"}, "amount_not_number"),
        ({"held_on": "kemarin"}, "date_invalid"),
        ({"desk_starts_at": "25.99"}, "time_invalid"),
        ({"desk_starts_at": "11.00", "desk_ends_at": "08.00"}, "setup.desk_end_before_start"),
        ({"hard_ceiling": True}, "setup.hard_ceiling_needs_ceiling"),
        ({"hard_ceiling": "mungkin"}, "setup.not_yes_no"),
        ({"sipd_deadline": "16/02/2023"}, "setup.sipd_before_meeting"),
        ({"next_meeting_on": date(2023, 1, 1)}, "setup.next_before_meeting"),
    ],
)
def test_update_meeting_refusals(db: Database, template: int, changes: dict, code: str) -> None:
    with db.read() as session:
        before = queries.get_meeting(session, template)
    error = _refused(code, setup.update_meeting, db, template, **changes)
    assert "field" in error.params or code == "setup.kind_unknown"
    with db.read() as session:
        assert queries.get_meeting(session, template) == before
    assert _events(db, template) == []


def test_update_meeting_conflict_and_closed(db: Database, template: int) -> None:
    setup.update_meeting(db, template, venue="A")
    with pytest.raises(ConflictError):
        setup.update_meeting(db, template, expected_version=0, venue="B")
    with db.write() as session:
        session.get(Meeting, template).closed_at = now()  # type: ignore[union-attr]
    with pytest.raises(MeetingClosedError):
        setup.update_meeting(db, template, venue="C")


# --- villages ------------------------------------------------------------------------------


def test_village_add_rename_ceiling_and_order(db: Database, template: int) -> None:
    new = setup.add_village(db, template, "Desa  Baru", code="33.17.14.2099", ceiling="Rp 1.000")
    with db.read() as session:
        rows = queries.villages(session, template)
    assert rows[-1].id == new and rows[-1].position == 21 and rows[-1].ceiling == 1000
    _refused("setup.village_exists", setup.add_village, db, template, "babagan")
    _refused("setup.village_exists", setup.rename_village, db, template, new, "DASUN")
    row = setup.rename_village(db, template, new, "Lasem Baru")
    assert row.name == "Lasem Baru"
    setup.update_village(db, template, new, ceiling=None, branding="Wisata")
    ids = [v.id for v in rows]
    setup.set_village_ceilings(db, template, {ids[0]: "150.000.000", ids[1]: 2})
    reordered = [new, *ids[:-1]]
    setup.reorder_villages(db, template, reordered)
    with db.read() as session:
        after = queries.villages(session, template)
    assert [v.id for v in after] == reordered
    assert (after[1].ceiling, after[2].ceiling) == (150_000_000, 2)
    _refused("setup.order_mismatch", setup.reorder_villages, db, template, reordered[:-1])
    _refused("setup.order_mismatch", setup.reorder_villages, db, template, [new, *reordered])
    changes = [after["change"] for _, after in _events(db, template)]
    assert changes == [
        "village_add",
        "village_update",
        "village_update",
        "village_ceilings",
        "village_order",
    ]
    before, renamed = _events(db, template)[1]
    assert (before["name"], renamed["name"]) == ("Desa Baru", "Lasem Baru")


def test_remove_village(db: Database, template: int) -> None:
    empty = setup.add_village(db, template, "Sementara")
    assert setup.remove_village(db, template, empty) == 0
    with db.read() as session:
        kajar = next(v for v in queries.villages(session, template) if v.name == "Kajar")
    with db.write() as session:
        for seq in (1, 2):
            session.add(
                Proposal(
                    meeting_id=template, village_id=kajar.id, seq=seq, title=f"U{seq}", requested=5
                )
            )
    error = _refused("setup.village_has_proposals", setup.remove_village, db, template, kajar.id)
    assert error.params == {"name": "Kajar", "count": 2}
    assert _count(db, Village, Village.id == kajar.id) == 1
    assert setup.remove_village(db, template, kajar.id, with_proposals=True) == 2
    assert _count(db, Village, Village.id == kajar.id) == 0
    assert _count(db, Proposal, Proposal.meeting_id == template) == 0
    before, after = _events(db, template)[-1]
    assert after["change"] == "village_remove"
    assert [p["title"] for p in before["proposals"]] == ["U1", "U2"]


def test_a_village_that_was_at_the_desk_stays(db: Database, midway_demo: int) -> None:
    with db.read() as session:
        first = queries.villages(session, midway_demo)[0]
    _refused(
        "setup.village_has_history",
        setup.remove_village,
        db,
        midway_demo,
        first.id,
        with_proposals=True,
    )


# --- strategic issues and reviewers -------------------------------------------------------


def test_issues(db: Database, template: int) -> None:
    issue = setup.add_issue(db, template, "Pengembangan Pariwisata", code="ISU-4")
    _refused("setup.issue_exists", setup.add_issue, db, template, "pengembangan pariwisata")
    setup.rename_issue(db, template, issue, "Pengembangan Pariwisata Budaya")
    with db.write() as session:
        village = session.exec(select(Village).where(Village.meeting_id == template)).first()
        proposal = Proposal(meeting_id=template, village_id=village.id, title="x", requested=1)  # type: ignore[union-attr]
        session.add(proposal)
        session.flush()
        session.add(ProposalIssue(proposal_id=proposal.id, issue_id=issue))  # type: ignore[arg-type]
    _refused("setup.issue_in_use", setup.remove_issue, db, template, issue)
    assert setup.remove_issue(db, template, issue, with_links=True) == 1
    assert _count(db, StrategicIssue, StrategicIssue.id == issue) == 0
    _refused("setup.issue_missing", setup.rename_issue, db, template, issue, "x")
    changes = [(after["change"], after.get("name")) for _, after in _events(db, template)]
    assert changes == [
        ("issue_add", "Pengembangan Pariwisata"),
        ("issue_update", "Pengembangan Pariwisata Budaya"),
        ("issue_remove", None),
    ]
    assert _events(db, template)[-1][0]["proposals"] == [proposal.id]


def test_reviewers(db: Database, template: int) -> None:
    with db.read() as session:
        rina, budi = queries.reviewers(session, template)
    extra = setup.add_reviewer(db, template, "Salah Ketik")
    setup.rename_reviewer(db, template, extra, "Sari", role="Kecamatan", reviewer_id=rina.id)
    _refused("setup.reviewer_exists", setup.rename_reviewer, db, template, extra, "rina")
    setup.remove_reviewer(db, template, extra)
    with db.read() as session:
        assert [r.name for r in queries.reviewers(session, template)] == ["Rina", "Budi"]
    desk.switch_reviewer(db, template, budi.id)
    _refused("setup.reviewer_has_history", setup.remove_reviewer, db, template, budi.id)
    changes = [after["change"] for _, after in _events(db, template)]
    assert changes == ["reviewer_update", "reviewer_remove"]
    with db.read() as session:
        logged = session.exec(
            select(Event.reviewer_id).where(
                Event.meeting_id == template, Event.kind == "update_meeting"
            )
        ).first()
    assert logged == rina.id  # the one who made the change


# --- carrying a Pra Musrenbang over -------------------------------------------------------


def test_start_musrenbang_kecamatan(db: Database, midway_demo: int) -> None:
    with db.read() as session:
        source = session.exec(
            select(Proposal).where(Proposal.meeting_id == midway_demo).order_by(Proposal.id)
        ).all()
        source_issues = {
            (link.proposal_id, link.issue_id) for link in session.exec(select(ProposalIssue)).all()
        }
    approved = [p for p in source if ProposalStatus(p.status).is_approved]
    assert any(p.status == "adjusted" for p in approved)
    assert any(p.status == "accepted" for p in approved)

    carried = setup.start_musrenbang_kecamatan(db, midway_demo)
    assert carried.proposals == len(approved)
    assert carried.requested == sum(p.approved or 0 for p in approved)
    assert carried.villages == 20
    assert carried.left_pending == sum(1 for p in source if p.status == "pending")

    with db.read() as session:
        meeting = queries.get_meeting(session, carried.meeting_id)
        new = session.exec(select(Proposal).where(Proposal.meeting_id == carried.meeting_id)).all()
        villages = queries.villages(session, carried.meeting_id)
        origin = session.get(Meeting, carried.meeting_id).origin_meeting_id  # type: ignore[union-attr]
        new_issue_codes = dict(
            session.exec(
                select(StrategicIssue.id, StrategicIssue.code).where(
                    StrategicIssue.meeting_id == carried.meeting_id
                )
            ).all()
        )
        old_issue_codes = dict(session.exec(select(StrategicIssue.id, StrategicIssue.code)).all())
        new_links = session.exec(
            select(ProposalIssue).where(col(ProposalIssue.proposal_id).in_([p.id for p in new]))
        ).all()
    assert meeting.kind == "musrenbang_kecamatan"
    assert meeting.title == "Musrenbang Kecamatan Lasem"
    assert meeting.held_on == date(2023, 2, 22)
    assert origin == midway_demo
    assert all(v.state.value == "waiting" for v in villages)
    by_origin = {p.origin_proposal_id: p for p in new}
    for old in approved:
        copy = by_origin[old.id]
        assert copy.status == "pending"
        assert copy.requested == old.approved
        assert (copy.title, copy.ref, copy.volume) == (old.title, old.ref, old.volume)
        assert copy.decided_by_id is None and copy.approved is None
    origin_of = {p.id: p.origin_proposal_id for p in new}
    carried_tags = {
        (origin_of[link.proposal_id], new_issue_codes[link.issue_id]) for link in new_links
    }
    expected_tags = {(pid, old_issue_codes[iid]) for pid, iid in source_issues if pid in by_origin}
    assert carried_tags == expected_tags and expected_tags
    # In both logs; and only once.
    assert _events(db, carried.meeting_id, "create_meeting")[0][1]["origin_meeting_id"] == (
        midway_demo
    )
    assert _events(db, midway_demo)[-1][1]["change"] == "carried_over"
    _refused("setup.carry_over_exists", setup.start_musrenbang_kecamatan, db, midway_demo)
    _refused("setup.not_pra_musrenbang", setup.start_musrenbang_kecamatan, db, carried.meeting_id)


def test_carry_over_keeps_a_desk_planned_across_midnight(db: Database, midway_demo: int) -> None:
    """A rehearsal planned at 22.00 for three hours ends at 01.00 the next day: carried
    to the next meeting's day it still lasts three hours, whatever the hour of the run."""
    evening = datetime.combine(date(2023, 2, 17), time(22, 0)).astimezone()
    with db.write() as session:
        meeting = session.get(Meeting, midway_demo)
        assert meeting is not None
        meeting.desk_starts_at = evening
        meeting.desk_ends_at = evening + timedelta(hours=3)
        session.add(meeting)

    carried = setup.start_musrenbang_kecamatan(db, midway_demo)

    with db.read() as session:
        target = session.get(Meeting, carried.meeting_id)
        assert target is not None and target.desk_starts_at and target.desk_ends_at
        assert target.desk_ends_at - target.desk_starts_at == timedelta(hours=3)
        assert target.desk_starts_at.astimezone().time() == time(22, 0)

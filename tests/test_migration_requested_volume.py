"""Revision 0003 gives an adjusted proposal back the volume its village asked for, read
from the event log, and every other proposal its current volume."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import create_engine, text

from lasem_tui.store import schema


def test_requested_volume_comes_back_from_the_log(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:
        command.upgrade(schema.alembic_config(conn), "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO meeting (id, title, kind, kecamatan, kabupaten, held_on, venue, "
                "hard_ceiling, next_meeting_name, office_address, is_demo, projector_message, "
                "created_at, version) VALUES (1, 'Pra', 'pra_musrenbang', 'Lasem', 'Rembang', "
                "'2023-02-17', '', 0, '', '', 0, '', '2023-02-17 01:00:00', 0)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO village (id, meeting_id, code, name, position, state, branding, "
                "desk_seconds) VALUES (1, 1, '', 'Babagan', 1, 'done', '', 0)"
            )
        )
        for pid, status, volume in ((1, "adjusted", 155.0), (2, "accepted", 40.0)):
            conn.execute(
                text(
                    "INSERT INTO proposal (id, meeting_id, village_id, seq, ref, title, problem, "
                    "location, volume, unit, requested, agency, category, status, reason, note, "
                    "version) VALUES (:id, 1, 1, :id, '', 'Jalan', '', '', :v, 'm', 500000000, "
                    "'', '', :s, '', '', 2)"
                ),
                {"id": pid, "v": volume, "s": status},
            )
        # Proposal 1 was adjusted twice: 310 m -> 200 m -> 155 m. The first decision's
        # "before" holds the request.
        for before, after in ((310.0, 200.0), (200.0, 155.0)):
            conn.execute(
                text(
                    "INSERT INTO event (meeting_id, at, kind, proposal_id, village_id, before, "
                    "after) VALUES (1, '2023-02-17 02:00:00', 'decide', 1, 1, :b, :a)"
                ),
                {
                    "b": json.dumps({"status": "pending", "volume": before}),
                    "a": json.dumps({"status": "adjusted", "volume": after}),
                },
            )
    schema.upgrade(engine)
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT id, requested_volume FROM proposal")).all())
        meeting = conn.execute(text("SELECT timezone, doc_number FROM meeting")).one()
    assert rows == {1: 310.0, 2: 40.0}
    assert tuple(meeting) == ("WIB", "")
    engine.dispose()


def test_an_adjustment_keeps_the_request_beside_the_approved_volume(db, midway_demo):
    from lasem_tui.domain import decisions
    from lasem_tui.store import desk, queries

    with db.read() as session:
        proposal = next(
            p
            for _, p in queries.meeting_proposals(session, midway_demo)
            if p.status.value == "pending" and p.volume and p.volume > 2
        )
        meeting = queries.get_meeting(session, midway_demo)
    decision = decisions.adjust(
        proposal.requested,
        proposal.volume,
        amount=proposal.requested // 2,
        new_volume=proposal.volume / 2,
        note="Separuh",
    )
    row = desk.decide(
        db,
        midway_demo,
        proposal.id,
        decision,
        reviewer_id=meeting.current_reviewer_id,
        expected_version=proposal.version,
    )
    assert (row.requested_volume, row.volume) == (proposal.volume, proposal.volume / 2)
    desk.undo(db, midway_demo, reviewer_id=meeting.current_reviewer_id)
    with db.read() as session:
        back = queries.proposal(session, proposal.id)
    assert (back.requested_volume, back.volume) == (proposal.volume, proposal.volume)


def test_0003_goes_down_and_up_again_on_a_database_with_a_meeting(tmp_path):
    from lasem_tui.cli import main
    from lasem_tui.store.engine import database_url, make_engine

    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path), "--stage", "done", "--no-open"]) == 0
    engine = make_engine(database_url(str(path)))
    with engine.begin() as conn:
        command.downgrade(schema.alembic_config(conn), "0002")
    assert schema.current_revision(engine) == "0002"
    schema.upgrade(engine)
    with engine.connect() as conn:
        adjusted = conn.execute(
            text(
                "SELECT COUNT(*) FROM proposal WHERE status = 'adjusted' "
                "AND requested_volume IS NOT NULL AND requested_volume != volume"
            )
        ).scalar_one()
    assert adjusted > 0  # the requests came back from the log
    engine.dispose()

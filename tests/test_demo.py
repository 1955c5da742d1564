"""The embedded demo reads like a real day: what a facilitator shows first."""

from __future__ import annotations

from lasem_tui.domain.states import ProposalStatus
from lasem_tui.store import attendance, demo, queries


def test_the_finished_demo_has_its_door_ticked(db):
    """The finished demo reads like a real day: nearly everyone ticked present."""
    meeting_id = demo.write_demo(db, demo.Stage.DONE)
    rows = attendance.list_attendees(db, meeting_id)
    present = sum(1 for r in rows if r.present)
    assert 0.75 * len(rows) < present < len(rows)


def test_the_demos_redirects_give_reasons_that_match_their_target(db):

    meeting_id = demo.write_demo(db, demo.Stage.DONE)
    with db.read() as session:
        rows = [p for _, p in queries.meeting_proposals(session, meeting_id)]
    redirected = [p for p in rows if p.status is ProposalStatus.REDIRECTED]
    words = {"apbdes": "Dana Desa", "pokir": "DPRD", "csr": "CSR", "apbd_provinsi": "Provinsi"}
    assert redirected
    for p in redirected:
        assert words[p.funding_source.value] in p.reason, (p.funding_source, p.reason)

"""The fit (pagu line) in the domain, and ``lasem plan`` against a hand-computed fit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from lasem_tui import cli
from lasem_tui.domain.fit import FitCandidate, FitOrder, compute_fit, left_after_amount
from lasem_tui.domain.scoring import Criterion, weighted_score
from lasem_tui.store import setup
from lasem_tui.store.database import open_database
from lasem_tui.store.models import AgencyCeiling, Proposal, Village
from lasem_tui.store.setup import scoring


def _c(pid: int, requested: int, *, priority=None, score=None, agency="PU") -> FitCandidate:  # type: ignore[no-untyped-def]
    return FitCandidate(
        id=pid,
        seq=pid,
        priority=priority,
        score=score,
        ref=f"01.{pid:02d}",
        requested=requested,
        agency=agency,
    )


def test_the_line_falls_at_the_first_that_does_not_fit_in_order() -> None:
    rows = [
        _c(1, 50, priority=3),
        _c(2, 30, priority=1),
        _c(3, 40, priority=2),
        _c(4, 5, priority=4),
    ]
    fit = compute_fit(rows, FitOrder.PRIORITY, 75)
    assert [(r.candidate.id, r.cumulative, r.fits) for r in fit.rows] == [
        (2, 30, True),
        (3, 70, True),
        (1, 120, False),
        (4, 125, False),  # small enough alone, but below the line: the room goes in order
    ]
    assert fit.line_after == 2 and fit.above_total == 70 and fit.left_after_above == 5
    assert [r.candidate.id for r in compute_fit(rows, FitOrder.NUMBER, 75).above] == [1]


def test_score_order_puts_the_unscored_last_and_an_opd_ceiling_draws_the_line() -> None:
    rows = [
        _c(1, 10, priority=1, score=40),
        _c(2, 10, priority=2, score=90, agency="Dinkes"),
        _c(3, 10, priority=3),
        _c(4, 10, priority=4, score=60, agency="Dinkes"),
    ]
    fit = compute_fit(rows, FitOrder.SCORE, 1000, {"Dinkes": 15})
    assert [(r.candidate.id, r.fits) for r in fit.rows] == [
        (2, True),
        (4, False),  # Dinkes would reach 20 of its 15
        (1, False),
        (3, False),
    ]
    unbounded = compute_fit(rows, FitOrder.SCORE, None)
    assert all(r.fits for r in unbounded.rows) and not unbounded.has_line


def test_an_adjusted_amount_moves_the_line() -> None:
    rows = [_c(1, 50, priority=1), _c(2, 30, priority=2), _c(3, 40, priority=3)]
    fit = compute_fit(rows, FitOrder.PRIORITY, 80)
    assert fit.line_after == 2
    assert left_after_amount(fit, 1, 10) == (70, 3)


def test_weighted_score_spans_0_to_100() -> None:
    criteria = [Criterion(1, "a", 30), Criterion(2, "b", 10)]
    assert weighted_score(criteria, {1: 1, 2: 1}) == 0
    assert weighted_score(criteria, {1: 5, 2: 5}) == 100
    assert weighted_score(criteria, {1: 3, 2: 5}) == round(100 * (30 * 0.5 + 10) / 40)
    assert weighted_score(criteria, {2: 4}) == 75  # only what was rated counts
    assert weighted_score(criteria, {}) is None


@pytest.fixture
def planned(tmp_path: Path) -> str:
    """Dasun with its own ceiling of 300 juta, 100 juta already approved (so 200 left),
    four pending proposals and DPUPR's ceiling with 20 juta left."""
    url = str(tmp_path / "plan.db")
    db = open_database(url)
    meeting_id = setup.create_from_template(db, reviewers=[("Rina", "BAPPEDA")])
    scoring.set_agency_ceiling(db, meeting_id, "DPUPR", 120_000_000)
    with db.write() as session:
        dasun = session.exec(
            select(Village).where(Village.meeting_id == meeting_id, Village.name == "Dasun")
        ).one()
        dasun.ceiling = 300_000_000
        dasun.state = "at_desk"

        def add(seq: int, title: str, amount: int, priority: int, agency: str, **kw) -> None:  # type: ignore[no-untyped-def]
            session.add(
                Proposal(
                    meeting_id=meeting_id,
                    village_id=dasun.id or 0,
                    seq=seq,
                    ref=f"04.{seq:02d}",
                    title=title,
                    requested=amount,
                    priority=priority,
                    agency=agency,
                    **kw,
                )
            )

        add(1, "Talud sungai", 100_000_000, 4, "DPUPR", status="accepted", approved=100_000_000)
        add(2, "Sumur bor", 80_000_000, 1, "Dinas Perkim", score=70)
        add(3, "Pelatihan batik", 60_000_000, 2, "Disperindag", score=90)
        add(4, "Jalan usaha tani", 50_000_000, 3, "Dinas Pertanian")
        add(5, "Drainase", 10_000_000, 5, "DPUPR", score=10)
    db.dispose()
    return url


def test_plan_json_is_the_hand_computed_fit(
    planned: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--db", planned, "plan", "--json"]) == 0
    # 200 left: 80 (80) fits, +60 (140) fits, +50 (190) fits, +10 (200) fits on the total,
    # and DPUPR has 120 - 100 = 20 left, so the drainase's 10 fits its OPD too.
    assert json.loads(capsys.readouterr().out) == {
        "village": "Dasun",
        "remaining": 200_000_000,
        "order": "priority",
        "rows": [
            {
                "ref": "04.02",
                "title": "Sumur bor",
                "requested": 80_000_000,
                "cumulative": 80_000_000,
                "fits": True,
            },
            {
                "ref": "04.03",
                "title": "Pelatihan batik",
                "requested": 60_000_000,
                "cumulative": 140_000_000,
                "fits": True,
            },
            {
                "ref": "04.04",
                "title": "Jalan usaha tani",
                "requested": 50_000_000,
                "cumulative": 190_000_000,
                "fits": True,
            },
            {
                "ref": "04.05",
                "title": "Drainase",
                "requested": 10_000_000,
                "cumulative": 200_000_000,
                "fits": True,
            },
        ],
    }


def test_plan_by_score_and_a_tight_opd(planned: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(planned)
    with db.write() as session:
        for row in session.exec(select(AgencyCeiling)):
            row.ceiling = 105_000_000  # DPUPR: 5 juta left, the drainase's 10 does not fit
    db.dispose()
    assert cli.main(["--db", planned, "plan", "--village", "dasun", "--by", "score", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    # By score: batik 90, sumur 70, drainase 10, then the unscored jalan.
    assert [(r["ref"], r["cumulative"], r["fits"]) for r in plan["rows"]] == [
        ("04.03", 60_000_000, True),
        ("04.02", 140_000_000, True),
        ("04.05", 150_000_000, False),
        ("04.04", 200_000_000, False),
    ]
    assert cli.main(["--db", planned, "plan"]) == 0
    out = capsys.readouterr().out
    # By priority the drainase comes last and is the one below DPUPR's line.
    assert "garis pagu" in out and "Sisa sesudah yang muat diterima: Rp 10.000.000" in out


def test_plan_names_an_unknown_village(planned: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", planned, "plan", "--village", "Atlantis"]) == 2
    assert "Desa tidak dikenal: Atlantis" in capsys.readouterr().err

"""The import and the fit: ranks from row order, "OPD Tujuan Awal/Akhir", and the CSV's
appended columns read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from lasem_tui import cli
from lasem_tui.store import setup
from lasem_tui.store.database import open_database
from lasem_tui.store.models import Proposal
from tests.importing_helpers import write_csv


@pytest.fixture
def target(db_url: str) -> str:
    db = open_database(db_url)
    setup.create_from_template(db, reviewers=[("Rina", "BAPPEDA")])
    db.dispose()
    return db_url


def _proposals(db_url: str) -> list[Proposal]:
    db = open_database(db_url)
    try:
        with db.read() as session:
            return list(session.exec(select(Proposal).order_by(Proposal.id)).all())
    finally:
        db.dispose()


def test_without_prioritas_rows_are_ranked_in_file_order(target: str, tmp_path: Path) -> None:
    rows = [
        ("Desa", "Usulan", "Anggaran", "OPD Tujuan Awal", "OPD Tujuan Akhir"),
        ("Dasun", "Talud sungai", "100000000", "DPUPR", "DPUPR"),
        ("Dasun", "Sumur bor", "50000000", "Dinas PKPLH", "Dinas Perkim"),
        ("Gedongmulyo", "Jalan usaha tani", "75000000", "Dinas Pertanian", ""),
    ]
    path = write_csv(tmp_path / "rekap.csv", rows)
    assert cli.main(["--db", target, "import", str(path)]) == 0
    imported = _proposals(target)
    assert [p.priority for p in imported] == [1, 2, 1]
    assert [(p.agency_origin, p.agency) for p in imported] == [
        ("DPUPR", "DPUPR"),
        ("Dinas PKPLH", "Dinas Perkim"),
        ("Dinas Pertanian", "Dinas Pertanian"),
    ]


def test_the_csv_appended_columns_are_read_back(target: str, tmp_path: Path) -> None:
    rows = [
        (
            "village",
            "ref",
            "title",
            "volume",
            "unit",
            "requested",
            "status",
            "requested_volume",
            "priority",
            "score",
            "agency_origin",
            "merged_into",
            "agency",
        ),
        (
            "Dasun",
            "01.01",
            "Talud",
            "80",
            "m",
            "100000000",
            "adjusted",
            "120",
            "2",
            "65",
            "DPUPR",
            "",
            "Dinas Perkim",
        ),
        (
            "Dasun",
            "01.02",
            "Sumur",
            "1",
            "unit",
            "50000000",
            "merged",
            "",
            "1",
            "",
            "",
            "01.01",
            "DPUPR",
        ),
    ]
    path = write_csv(tmp_path / "lasem.csv", rows)
    assert cli.main(["--db", target, "import", str(path)]) == 0
    first, second = _proposals(target)
    assert first.volume == 120 and first.priority == 2 and first.score == 65
    assert (first.agency_origin, first.agency) == ("DPUPR", "Dinas Perkim")
    assert second.volume == 1 and second.priority == 1 and second.score is None
    assert second.status == "pending"  # an import is always pending


def test_a_bad_score_is_refused(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [("Desa", "Usulan", "Anggaran", "Skor"), ("Dasun", "Talud", "100000000", "tinggi")]
    path = write_csv(tmp_path / "rekap.csv", rows)
    assert cli.main(["--db", target, "import", str(path)]) == 2
    assert "Skor harus bilangan bulat" in capsys.readouterr().err
    assert _proposals(target) == []

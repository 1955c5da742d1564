"""``lasem import``: exit 2 with the problems as a table and nothing written; a summary
on success; ``--dry-run`` writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from lasem_tui import cli
from lasem_tui.store import setup
from lasem_tui.store.database import open_database
from tests.importing_helpers import snapshot, write_csv, write_xlsx

GOOD = [("Desa", "Usulan", "Anggaran"), ("Dasun", "Talud sungai", "Rp 100.000.000")]
BAD = [
    ("Desa", "Usulan", "Anggaran"),
    ("Sendang Coyo", "Jalan", "100"),
    ("Dasun", "", "-1"),
]


@pytest.fixture(autouse=True)
def _wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich wraps table cells to the terminal; a wide one keeps messages on one line."""
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def target(db_url: str) -> str:
    db = open_database(db_url)
    setup.create_from_template(db, reviewers=[("Rina", "BAPPEDA")])
    db.dispose()
    return db_url


def _snapshot(db_url: str) -> tuple:
    db = open_database(db_url)
    try:
        return snapshot(db)
    finally:
        db.dispose()


def test_good_file(target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "rekap.csv", GOOD)
    assert cli.main(["--db", target, "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 usulan dari rekap.csv diimpor ke 1 desa (Rp 100.000.000)" in out
    assert "Dasun" in out
    assert len(_snapshot(target)[0]) == 1


def test_dry_run_writes_nothing(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "rekap.csv", GOOD)
    before = _snapshot(target)
    assert cli.main(["--db", target, "import", str(path), "--dry-run"]) == 0
    assert "Uji coba" in capsys.readouterr().out
    assert _snapshot(target) == before


def test_bad_file_exits_2_with_a_table_and_changes_nothing(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "rekap.csv", BAD)
    before = _snapshot(target)
    assert cli.main(["--db", target, "import", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err
    assert "Baris" in err and "Kolom" in err and "Masalah" in err
    assert "Sendangcoyo" in err
    assert "Judul usulan kosong" in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("lasem: Impor dibatalkan: 3 masalah di 2 baris")
    assert "Traceback" not in err
    assert _snapshot(target) == before


def test_english_and_sheet_option(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", {"Info": [("x",)], "Data": BAD})
    assert cli.main(["--db", target, "--lang", "en", "import", str(path), "--sheet", "Data"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'Sendangcoyo'" in err
    assert "Import cancelled" in err


def test_unknown_sheet_and_missing_file(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", {"Data": GOOD})
    assert cli.main(["--db", target, "import", str(path), "--sheet", "Nope"]) == 2
    assert "Lembar Nope tidak ada; lembar yang ada: Data" in capsys.readouterr().err
    assert cli.main(["--db", target, "import", str(tmp_path / "nope.csv")]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err


def test_village_and_reviewer_options(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "kajar.csv", [("Usulan", "Anggaran"), ("Embung", "5")])
    args = ["--db", target, "import", str(path), "--village", "kajar", "--reviewer", "rina"]
    assert cli.main(args) == 0
    assert cli.main(["--db", target, "import", str(path), "--reviewer", "Nobody"]) == 2
    assert "Nobody" in capsys.readouterr().err


def test_no_meeting(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_database(db_url).dispose()  # a database, but no meeting in it yet
    path = write_csv(tmp_path / "rekap.csv", GOOD)
    assert cli.main(["--db", db_url, "import", str(path)]) == 2
    assert "Belum ada rapat" in capsys.readouterr().err


def test_a_mistyped_database_path_is_refused_not_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "rekap.csv", GOOD)
    missing = tmp_path / "rapta.db"
    assert cli.main(["--db", str(missing), "import", str(path)]) == 2
    assert capsys.readouterr().err.strip()
    assert not missing.exists()


def test_dry_run_refuses_a_row_without_a_title(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The audit's file: the dry run said one proposal was ready and the other was gone."""
    path = tmp_path / "rekap.csv"
    path.write_text(
        "Desa,Usulan,Permasalahan,Lokasi,Volume,Satuan,Anggaran,OPD\n"
        "Babagan,Talud,,,,,150000000,DPUPR\n"
        "Babagan,,Banjir tiap tahun,RT 03,200,m,,DPUPR\n",
        encoding="utf-8",
    )
    assert cli.main(["--db", target, "import", str(path), "--dry-run"]) == 2
    captured = capsys.readouterr()
    assert "Uji coba" not in captured.out
    assert "Judul usulan kosong" in captured.err
    assert "Anggaran belum diisi" in captured.err
    assert "Impor dibatalkan: 2 masalah di 1 baris" in captured.err


@pytest.mark.parametrize(
    ("rows", "lang", "last"),
    [
        (BAD[:2], "en", "lasem: Import cancelled: 1 problem in 1 row; the database is unchanged"),
        (BAD, "en", "lasem: Import cancelled: 3 problems in 2 rows; the database is unchanged"),
        (
            [("a", "b"), ("1", "2")],
            "en",
            "lasem: Import cancelled: 1 problem; the database is unchanged",
        ),
        (
            [("a", "b"), ("1", "2")],
            "id",
            "lasem: Impor dibatalkan: 1 masalah; basis data tidak diubah",
        ),
    ],
)
def test_the_refusal_counts_read_properly(
    target: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    rows: list[tuple[str, ...]],
    lang: str,
    last: str,
) -> None:
    """Not "1 problems in 0 rows": singular and plural in English, and no row count
    when the problem is the file as a whole."""
    path = write_csv(tmp_path / "rekap.csv", rows)
    assert cli.main(["--db", target, "--lang", lang, "import", str(path)]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == last


def test_the_summary_counts_read_properly_in_english(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = write_csv(tmp_path / "one.csv", GOOD)
    assert cli.main(["--db", target, "--lang", "en", "import", str(one), "--dry-run"]) == 0
    assert (
        "Dry run: 1 proposal from one.csv for 1 village (Rp 100.000.000) ready to import"
        in capsys.readouterr().out
    )
    two = write_csv(tmp_path / "two.csv", [*GOOD, ("Kajar", "Embung", "5")])
    assert cli.main(["--db", target, "--lang", "en", "import", str(two)]) == 0
    assert (
        "2 proposals from two.csv imported into 2 villages (Rp 100.000.005); status: pending"
        in capsys.readouterr().out
    )


def test_a_missing_column_comes_with_the_headings_not_understood(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where the import looked, what it lacks, and which headings it could not read:
    the user sees which heading to rename."""
    path = write_csv(
        tmp_path / "rekap.csv", [("Desa", "Nama Kegiatannya", "Biaya Total"), ("Dasun", "T", "1")]
    )
    assert cli.main(["--db", target, "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Kolom wajib 'usulan' tidak ada" in err
    assert "Kolom wajib 'anggaran' tidak ada" in err
    assert "Nama Kegiatannya (B)" in err and "Biaya Total (C)" in err
    assert "Kolom tidak dikenali" in err
    assert err.strip().splitlines()[-1].startswith("lasem: Impor dibatalkan: 2 masalah di 1 baris")

"""Files made to bring the import down: each is one line (or a table) and exit 2.

A named pipe, a link to /dev/zero, an XLSX that inflates to more than a recap could
hold, a sheet with a cell at XFD1048576, a cell of a hundred thousand characters: each
is refused with its own message, quickly, and the database is not touched. A file with
thousands of problems prints the first hundred and the count; ``--problems`` writes all.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lasem_tui import cli
from lasem_tui.domain.importing.model import ImportFileError
from lasem_tui.exchange.importing import file_limits, words
from lasem_tui.exchange.importing.source import read_source
from lasem_tui.store import setup
from lasem_tui.store.database import open_database
from tests.importing_helpers import snapshot, write_csv, write_xlsx

REPO = Path(__file__).parents[1]
GOOD = [("Desa", "Usulan", "Anggaran"), ("Dasun", "Talud sungai", "Rp 100.000.000")]


@pytest.fixture(autouse=True)
def _wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def target(tmp_path: Path) -> str:
    path = str(tmp_path / "rapat.db")
    db = open_database(path)
    setup.create_from_template(db, reviewers=[("Rina", "BAPPEDA")])
    db.dispose()
    return path


def _snapshot(path: str) -> tuple:
    db = open_database(path)
    try:
        return snapshot(db)
    finally:
        db.dispose()


def _import(target: str, file: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``lasem import`` in its own process: a hang is a failed test, not a stuck run."""
    return subprocess.run(
        [sys.executable, "-m", "lasem_tui", "--db", target, "import", str(file), *extra],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def _refused(target: str, file: Path) -> str:
    before = _snapshot(target)
    done = _import(target, file)
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    assert _snapshot(target) == before
    return " ".join(done.stderr.split())


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(target: str, tmp_path: Path) -> None:
    fifo = tmp_path / "rekap.csv"
    os.mkfifo(fifo)
    assert "bukan berkas biasa" in _refused(target, fifo)


def test_a_link_to_dev_zero_is_refused(target: str, tmp_path: Path) -> None:
    link = tmp_path / "rekap.csv"
    link.symlink_to("/dev/zero")
    message = _refused(target, link)
    assert "tautan ke /dev/zero" in message and "bukan berkas biasa" in message


def test_a_link_to_a_regular_file_is_read(target: str, tmp_path: Path) -> None:
    real = write_csv(tmp_path / "asli.csv", GOOD)
    link = tmp_path / "rekap.csv"
    link.symlink_to(real)
    done = _import(target, link)
    assert done.returncode == 0, done.stderr
    assert "1 usulan dari rekap.csv diimpor" in " ".join(done.stdout.split())


def test_the_size_limit_is_on_what_is_read(tmp_path: Path) -> None:
    big = write_csv(tmp_path / "rekap.csv", GOOD * 50)
    with pytest.raises(ImportFileError) as refused:
        file_limits.read_limited(big, limit=100)
    assert refused.value.code == "file_too_big"
    assert file_limits.read_limited(big, limit=1 << 20) == big.read_bytes()


def _bomb(path: Path, inflated: int) -> Path:
    """A real recap whose sheet XML is padded with spaces to ``inflated`` bytes: tiny
    on disk, far bigger once unpacked."""
    plain = write_xlsx(tmp := path.with_suffix(".plain.xlsx"), {"Rekap": GOOD})
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, data)
                continue
            with out.open(info.filename, "w", force_zip64=True) as part:
                head, tail = data.split(b"<sheetData>", 1)
                part.write(head)
                chunk = b" " * (1 << 20)
                for _ in range(inflated >> 20):
                    part.write(chunk)
                part.write(b"<sheetData>" + tail)
    tmp.unlink()
    return path


def test_an_xlsx_zip_bomb_is_refused_before_it_is_inflated(target: str, tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "rekap.xlsx", file_limits.MAX_PART_BYTES + (8 << 20))
    assert bomb.stat().st_size < 1 << 20
    message = _refused(target, bomb)
    assert "terlalu besar setelah diurai" in message and "xl/worksheets/sheet1.xml" in message


def test_an_xlsx_declaring_or_holding_a_cell_at_xfd1048576(target: str, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rekap"
    for row in GOOD:
        sheet.append(list(row))
    sheet["XFD1048576"] = "x"
    workbook.save(held := tmp_path / "held.xlsx")
    assert "lebih dari 20.000 baris" in _refused(target, held)

    wide = Workbook()
    wide.active.append(list(GOOD[0]))
    wide.active["XFD2"] = "x"
    wide.save(wide_file := tmp_path / "wide.xlsx")
    assert "lebih dari 200 kolom" in _refused(target, wide_file)

    # Declared only (a <dimension> over the whole sheet): not believed, and read.
    declared = tmp_path / "declared.xlsx"
    plain = write_xlsx(tmp_path / "plain.xlsx", {"Rekap": GOOD})
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(declared, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>'
                )
                assert b"XFD1048576" in data
            out.writestr(info, data)
    table = read_source(declared)
    assert [row.cells for row in table.rows] == [
        GOOD[0],
        ("Dasun", "Talud sungai", "Rp 100.000.000"),
    ]


def test_a_cell_too_long_is_refused_with_where_it_is(target: str, tmp_path: Path) -> None:
    long = write_xlsx(
        tmp_path / "rekap.xlsx",
        {"Rekap": [GOOD[0], ("Dasun", "x" * 20_000, "Rp 1.000.000")]},
    )
    message = _refused(target, long)
    assert "Isi sel B2 terlalu panjang" in message and "20.000 karakter" in message


def test_merged_cells_are_still_filled_down_in_streaming_mode(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "rekap.xlsx",
        {"Rekap": [GOOD[0], ("Dasun", "Talud", 1), (None, "Jalan", 2)]},
        merges={"Rekap": ["A2:A3"]},
    )
    table = read_source(path)
    assert table.rows[2].cells[0] == "Dasun"
    assert table.merges and table.merges[0].first_row == 2 and table.merges[0].last_row == 3


def test_thousands_of_problems_print_a_hundred_and_all_go_to_the_csv(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [GOOD[0], *(("Dasun", f"Usulan {n}", "bukan angka") for n in range(2_500))]
    file = write_csv(tmp_path / "rekap.csv", rows)
    problems = tmp_path / "masalah.csv"
    before = _snapshot(target)
    capsys.readouterr()
    assert cli.main(["--db", target, "import", str(file), "--problems", str(problems)]) == 2
    err = capsys.readouterr().err
    assert "dan 2400 masalah lainnya" in err
    assert err.count("bukan angka rupiah") == 100
    assert f"Semua 2500 masalah ditulis ke {problems}" in " ".join(err.split())
    with problems.open(encoding="utf-8-sig", newline="") as written:
        listed = list(csv.reader(written))
    assert listed[0] == ["Baris", "Kolom", "Masalah", "Jenis"]
    assert len(listed) == 2_501 and listed[-1][0] == "2501"
    assert _snapshot(target) == before


def test_the_in_app_preview_says_the_same_and_reads_nothing(target: str, tmp_path: Path) -> None:
    from lasem_tui.exchange.importing.preview import preview
    from lasem_tui.store import meetings

    fifo = tmp_path / "rekap.csv"
    os.mkfifo(fifo)
    db = open_database(target)
    try:
        result = preview(db, meetings.open_meeting(db) or 0, fifo)
    finally:
        db.dispose()
    (problem,) = result.problems
    assert not result.ok and "bukan berkas biasa" in words.message(problem)

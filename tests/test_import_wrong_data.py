"""Imports that used to take the wrong data: a hidden first sheet, an unbalanced quote,
a zero or a float amount, a huge cell, a NUL byte, a file far too big for a kecamatan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from lasem_tui import cli, i18n
from lasem_tui.domain.importing.model import SourceRow, SourceTable
from lasem_tui.exchange.importing import preview as preview_file
from lasem_tui.exchange.importing import preview_bytes, read_bytes, words
from lasem_tui.exchange.importing.headings import find_headings
from lasem_tui.exchange.importing.rows import validate
from lasem_tui.store import setup
from lasem_tui.store.database import open_database
from lasem_tui.store.importing import MeetingContext, VillageRef
from tests.importing_helpers import snapshot, write_csv

CONTEXT = MeetingContext(villages=(VillageRef(1, "Sendangcoyo"), VillageRef(2, "Dasun")))


@pytest.fixture(autouse=True)
def _wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")


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


def _table(*cells: tuple) -> SourceTable:
    rows = [SourceRow(1, ("Desa", "Usulan", "Anggaran"))]
    rows += [SourceRow(n, c) for n, c in enumerate(cells, start=2)]
    return SourceTable(name="t.xlsx", format="xlsx", rows=tuple(rows))


def _validate(table: SourceTable):  # type: ignore[no-untyped-def]
    headings = find_headings(table.rows)
    assert headings is not None
    return validate(table, headings, CONTEXT)


# --- amounts ---------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["0", 0, 0.0, "Rp 0", "0,00"])
def test_a_zero_amount_is_refused_as_the_desk_refuses_it(cell: object) -> None:
    rows, problems, _ = _validate(_table(("Dasun", "Talud", cell)))
    assert rows == ()
    assert [p.code for p in problems] == ["amount_zero"]
    assert "nol" in words.message(problems[0])


def test_an_excel_float_a_hair_off_a_whole_rupiah_is_that_rupiah() -> None:
    rows, problems, _ = _validate(
        _table(("Dasun", "Talud", 1499999.9999999998), ("Dasun", "Jalan", 2500000.004))
    )
    assert [p for p in problems if p.is_error] == []
    assert [r.requested for r in rows] == [1_500_000, 2_500_000]


def test_a_float_with_cents_is_refused_with_its_value() -> None:
    rows, problems, _ = _validate(_table(("Dasun", "Talud", 1500000.5)))
    assert rows == ()
    assert problems[0].code == "amount_fraction"
    assert "1500000.5" in words.message(problems[0])


def test_an_amount_too_large_is_said_in_words_not_as_its_key() -> None:
    rows, problems, _ = _validate(_table(("Dasun", "Talud", "9" * 20)))
    assert rows == ()
    message = words.message(problems[0])
    assert "import.amount_too_large" not in message
    assert "terlalu besar" in message


_SOURCES = Path(__file__).parent.parent / "lasem_tui"
_CODE_PATTERNS = (
    r'AmountError\(\s*"(\w+)"',
    r'ImportFileError\(\s*"(\w+)"',
    r'code="(\w+)"',
    r'\.problem\(\s*"\w*",\s*"(\w+)"',
    r'_problem\(\s*[^,]+,\s*"(\w+)"',
)


def _problem_codes() -> set[str]:
    """Every problem code the import can file, read from its sources (and the amount
    parser's), so that a code added later without words fails here."""
    files = [*(_SOURCES / "exchange" / "importing").glob("*.py"), _SOURCES / "domain/money.py"]
    codes: set[str] = set()
    for file in files:
        text = file.read_text(encoding="utf-8")
        for pattern in _CODE_PATTERNS:
            codes.update(re.findall(pattern, text))
    return codes


def test_every_problem_code_of_the_import_has_words_in_both_languages() -> None:
    codes = _problem_codes()
    # The scan finds the codes it must: a broken pattern would pass everything.
    assert {"amount_too_large", "amount_zero", "file_nul", "csv_field_count"} <= codes
    assert len(codes) > 30
    for lang in i18n.LANGUAGES:
        known = i18n.keys(lang)
        missing = sorted(code for code in codes if f"import.{code}" not in known)
        assert missing == [], (lang, missing)


# --- CSV rows --------------------------------------------------------------------------


UNBALANCED = (
    "Desa,Usulan,Anggaran\r\n"
    '"Dasun","Pipa 3"" air bersih,150000000\r\n'
    "Dasun,Talud sungai,200000000\r\n"
    '"Dasun","Sumur bor" dalam,75000000\r\n'
    "Dasun,Jalan lingkungan,50000000\r\n"
)


def test_an_unbalanced_quote_is_a_problem_on_its_row_and_nothing_is_imported(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rekap.csv"
    path.write_bytes(UNBALANCED.encode())
    before = _snapshot(target)
    assert cli.main(["--db", target, "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "diimpor" not in err
    assert "Tanda kutip" in err and "baris 2" in err and "2 sampai 4" in err
    assert _snapshot(target) == before


def test_legitimate_multiline_cells_in_a_file_that_has_them_are_kept(target: str) -> None:
    data = (
        b"Desa,Usulan,Masalah,Anggaran\r\n"
        b'Dasun,Talud,"Banjir tiap tahun\nrumah terendam",150000000\r\n'
        b'Dasun,Jalan,"Rusak\nberlubang",200000000\r\n'
    )
    db = open_database(target)
    try:
        result = preview_bytes(db, _meeting(db), data, "rekap.csv")
    finally:
        db.dispose()
    assert result.ok, [words.message(p) for p in result.errors]
    assert len(result.rows) == 2


def test_a_row_with_more_fields_than_the_headings_is_named(target: str) -> None:
    data = (
        b"Desa,Usulan,Anggaran\r\n"
        b"Dasun,Talud sungai,150000000\r\n"
        b"Dasun,Pipa 3, air bersih,200000000\r\n"
    )
    db = open_database(target)
    try:
        result = preview_bytes(db, _meeting(db), data, "rekap.csv")
    finally:
        db.dispose()
    assert not result.ok
    assert result.rows == ()
    (problem,) = result.errors
    assert (problem.row, problem.code) == (3, "csv_field_count")
    assert "4 kolom" in words.message(problem) and "judul 3" in words.message(problem)


def _meeting(db) -> int:  # type: ignore[no-untyped-def]
    from lasem_tui.store import queries

    with db.read() as session:
        meeting_id = queries.current_meeting_id(session)
    assert meeting_id is not None
    return meeting_id


def test_a_megabyte_cell_is_refused_in_indonesian_with_its_row() -> None:
    data = b'Desa,Usulan,Anggaran\r\nDasun,Talud,1000\r\nDasun,"' + b"x" * 1_000_000 + b'",5\r\n'
    with pytest.raises(Exception) as caught:
        read_bytes(data, "besar.csv")
    exc = caught.value
    message = i18n.t(f"import.{exc.code}", **exc.params)  # type: ignore[attr-defined]
    assert "field limit" not in message
    assert "baris 3" in message.lower()


@pytest.mark.parametrize("where", [40, 8000])
def test_a_nul_byte_is_one_refusal_with_its_row_wherever_it_is(where: int) -> None:
    lines = [b"Desa,Usulan,Anggaran"] + [b"Dasun,Talud %d,1000" % n for n in range(1, 600)]
    data = b"\r\n".join(lines) + b"\r\n"
    cut = data.index(b"\n", where) + 1  # a NUL at the start of the next line
    row = data[:cut].count(b"\n") + 1
    data = data[:cut] + b"Dasun,Ta\x00lud,1000\r\n" + data[cut:]
    with pytest.raises(Exception) as caught:
        read_bytes(data, "nul.csv")
    exc = caught.value
    assert exc.code == "file_nul"  # type: ignore[attr-defined]
    assert exc.params["row"] == row  # type: ignore[attr-defined]
    assert f"Baris {row}" in i18n.t("import.file_nul", **exc.params)  # type: ignore[attr-defined]


def test_a_nul_in_a_utf16_file_is_the_same_refusal() -> None:
    data = "Desa,Usulan,Anggaran\r\nDasun,Ta\x00lud,1000\r\n".encode("utf-16")
    with pytest.raises(Exception) as caught:
        read_bytes(data, "nul16.csv")
    assert caught.value.code == "file_nul"  # type: ignore[attr-defined]
    assert caught.value.params == {"row": 2}  # type: ignore[attr-defined]


# --- sheets ----------------------------------------------------------------------------


def _workbook_with_a_hidden_first_sheet(path: Path, state: str = "hidden") -> Path:
    workbook = Workbook()
    old = workbook.active
    old.title = "Lama 2022"
    old.append(["Desa", "Usulan", "Anggaran"])
    old.append(["Dasun", "Usulan tahun lalu", 1000])
    new = workbook.create_sheet("Rekap 2023")
    new.append(["Desa", "Usulan", "Anggaran"])
    new.append(["Dasun", "Talud sungai", 150_000_000])
    new.append(["Dasun", "Jalan lingkungan", 50_000_000])
    workbook.create_sheet("Catatan")
    old.sheet_state = state
    workbook.active = 1
    workbook.save(path)
    return path


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_not_read(state: str, tmp_path: Path) -> None:
    path = _workbook_with_a_hidden_first_sheet(tmp_path / "rekap.xlsx", state)
    table = read_bytes(path.read_bytes(), path.name)
    assert table.sheet == "Rekap 2023"
    assert table.hidden_sheets == ("Lama 2022",)
    titles = [row.cells[1] for row in table.rows[1:]]
    assert titles == ["Talud sungai", "Jalan lingkungan"]


def test_a_hidden_sheet_is_read_when_named(tmp_path: Path) -> None:
    path = _workbook_with_a_hidden_first_sheet(tmp_path / "rekap.xlsx")
    table = read_bytes(path.read_bytes(), path.name, sheet="lama 2022")
    assert table.sheet == "Lama 2022"


def test_the_cli_says_which_sheet_was_read_and_which_were_not(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _workbook_with_a_hidden_first_sheet(tmp_path / "rekap.xlsx")
    assert cli.main(["--db", target, "import", str(path), "--dry-run"]) == 0
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Lembar yang dibaca: Rekap 2023" in text
    assert "Lama 2022 (tersembunyi)" in text and "Catatan" in text
    assert "2 usulan" in captured.out


def test_the_preview_names_the_other_sheets(target: str, tmp_path: Path) -> None:
    path = _workbook_with_a_hidden_first_sheet(tmp_path / "rekap.xlsx")
    db = open_database(target)
    try:
        result = preview_file(db, _meeting(db), path)
    finally:
        db.dispose()
    assert result.ok
    notes = [words.message(p) for p in result.warnings if p.code == "sheet_others"]
    assert notes == [
        "Lembar lain tidak dibaca: Lama 2022 (tersembunyi), Catatan (pilih dengan --sheet)"
    ]


# --- scale -----------------------------------------------------------------------------


def test_a_file_past_the_limit_is_refused_before_its_rows_are_kept(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from lasem_tui import settings

    settings.update(import_max_proposals=20)
    rows = [("Desa", "Usulan", "Anggaran")] + [("Dasun", f"Usulan {n}", 1000) for n in range(1000)]
    path = write_csv(tmp_path / "besar.csv", rows)
    kept: list[int] = []
    from lasem_tui.exchange.importing import csv_reader

    original = csv_reader.SourceRow

    def counting(number, cells):  # type: ignore[no-untyped-def]
        kept.append(number)
        return original(number, cells)

    monkeypatch.setattr(csv_reader, "SourceRow", counting)
    assert cli.main(["--db", target, "import", str(path)]) == 2
    assert "lebih dari 20 baris usulan" in capsys.readouterr().err
    assert len(kept) < 500  # the sniffing of the delimiter, and the rows up to the limit


def test_a_village_past_its_limit_is_refused(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lasem_tui import settings

    settings.update(import_max_per_village=3)
    rows = [("Desa", "Usulan", "Anggaran")] + [("Dasun", f"Usulan {n}", 1000) for n in range(4)]
    rows += [("Sendangcoyo", "Talud", 1000)]
    path = write_csv(tmp_path / "desa.csv", rows)
    before = _snapshot(target)
    assert cli.main(["--db", target, "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Desa Dasun akan punya 4 usulan, lebih dari batas 3 per desa" in err
    assert _snapshot(target) == before


def test_the_default_limits() -> None:
    from lasem_tui import settings

    loaded = settings.load()
    assert (loaded.import_max_proposals, loaded.import_max_per_village) == (5000, 500)


def test_a_refused_workbook_still_names_its_sheets(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _workbook_with_a_hidden_first_sheet(tmp_path / "rekap.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Rekap 2023"].append(["Dasun", "Tanpa anggaran", 0])
    book.save(path)
    assert cli.main(["--db", target, "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Lembar yang dibaca: Rekap 2023" in err
    assert "Lama 2022 (tersembunyi)" in err and "nol" in err

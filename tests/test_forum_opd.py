"""``lasem export forum-opd``: per OPD, every accepted and adjusted proposal of every
meeting in the database, with totals per kecamatan; XLSX, DOCX and PDF."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import text

from lasem_tui.cli import main
from lasem_tui.domain.money import format_number
from lasem_tui.exchange.exports import ExportError
from lasem_tui.exchange.forum_opd import export_forum, read_book
from lasem_tui.exchange.forum_opd.xlsx import sheet_names
from lasem_tui.store import demo, queries
from lasem_tui.store.database import Database


@pytest.fixture
def two_kecamatan(db: Database) -> dict[str, int]:
    ids = {}
    for name, stage in (("Sluke", demo.Stage.DONE), ("Lasem", demo.Stage.MIDWAY)):
        meeting_id = demo.write_demo(db, stage)
        with db.write() as session:
            session.execute(
                text("UPDATE meeting SET kecamatan = :name WHERE id = :id"),
                {"name": name, "id": meeting_id},
            )
        ids[name] = meeting_id
    return ids


def _approved_by_agency(db: Database, meeting_ids) -> dict[str, tuple[int, int]]:
    """(count, amount) per OPD, from each meeting's own proposal rows."""
    totals: dict[str, tuple[int, int]] = {}
    with db.read() as session:
        for meeting_id in meeting_ids:
            for _, row in queries.meeting_proposals(session, meeting_id):
                if row.status.is_approved:
                    count, amount = totals.get(row.agency, (0, 0))
                    totals[row.agency] = (count + 1, amount + (row.approved or 0))
    return totals


def test_book_has_every_approved_proposal_by_opd_and_kecamatan(db, two_kecamatan) -> None:
    book = read_book(db)
    expected = _approved_by_agency(db, two_kecamatan.values())
    assert {s.agency: (s.count, s.total) for s in book.agencies} == expected
    for section in book.agencies:
        assert [g.kecamatan for g in section.groups] == sorted(g.kecamatan for g in section.groups)
        assert all(line.status.is_approved for g in section.groups for line in g.lines)
    assert set(book.kecamatan) == {"Lasem", "Sluke"}
    assert book.is_demo and book.year == 2023 and book.kabupaten == "Rembang"


def test_xlsx_has_a_summary_and_one_sheet_per_opd(db, two_kecamatan, tmp_path: Path) -> None:
    path = export_forum(db, tmp_path / "forum.xlsx")
    workbook = openpyxl.load_workbook(path)
    book = read_book(db)
    assert workbook.sheetnames[0] == "Ringkasan"
    assert workbook.sheetnames[1:] == sheet_names([s.agency for s in book.agencies])
    assert all(len(name) <= 31 for name in workbook.sheetnames)
    summary = list(workbook["Ringkasan"].iter_rows(values_only=True))
    total_row = next(row for row in summary if row[1] == "Jumlah")
    assert total_row[-2] == book.total and total_row[-1] == book.count
    expected = _approved_by_agency(db, two_kecamatan.values())
    for name, section in zip(workbook.sheetnames[1:], book.agencies, strict=True):
        rows = list(workbook[name].iter_rows(values_only=True))
        assert rows[0][0] == section.agency
        proposals = [r for r in rows[4:] if isinstance(r[0], int)]
        assert len(proposals) == expected[section.agency][0]
        assert sum(r[7] for r in proposals) == expected[section.agency][1]
        kecamatan_totals = {r[1]: r[7] for r in rows if str(r[1]).startswith("Jumlah Kecamatan")}
        assert sum(kecamatan_totals.values()) == section.total


def test_only_one_opd_and_a_name_that_matches_none(db, two_kecamatan, tmp_path: Path) -> None:
    path = export_forum(db, tmp_path / "pu.xlsx", agency="dinas pekerjaan umum dan penataan ruang")
    assert openpyxl.load_workbook(path).sheetnames == [
        "Ringkasan",
        "Pekerjaan Umum dan Penataan Rua",
    ]
    with pytest.raises(ExportError) as refused:
        export_forum(db, tmp_path / "none.xlsx", agency="Dinas Tidak Ada")
    assert "Dinas Kesehatan" in refused.value.detail
    assert not (tmp_path / "none.xlsx").exists()


def test_docx_and_pdf_carry_every_opd_and_its_totals(db, two_kecamatan, tmp_path: Path) -> None:
    book = read_book(db)
    pdf = export_forum(db, tmp_path / "forum.pdf")
    pages = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    docx = export_forum(db, tmp_path / "forum.docx")
    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    for section in book.agencies:
        for shown in (pages, body):
            assert section.agency.upper() in shown
            assert format_number(section.total) in shown
            for group in section.groups:
                assert f"Jumlah Kecamatan {group.kecamatan}" in shown
    assert "DATA CONTOH" in pages and "DATA CONTOH" in body


def test_cli_writes_refuses_overwriting_and_wrong_suffixes(
    db, two_kecamatan, tmp_path, capsys
) -> None:
    target = tmp_path / "forum.xlsx"
    database = str(db.path)
    assert main(["export", "forum-opd", "--db", database, "-o", str(target)]) == 0
    assert target.exists()
    assert main(["export", "forum-opd", "--db", database, "-o", str(target)]) == 2
    assert main(["export", "forum-opd", "--db", database, "-o", str(tmp_path / "f.csv")]) == 2
    err = capsys.readouterr().err
    assert ".xlsx / .docx / .pdf" in err

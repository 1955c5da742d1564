"""Open what was written and read it as a reader would."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import select

from lasem_tui.cli import main
from lasem_tui.domain.money import amount_in_words, format_rupiah
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.exchange.exports import ExportError, export
from lasem_tui.exchange.record import read_record
from lasem_tui.store import attendance, queries, signing
from lasem_tui.store.models import Proposal

FORMULA = '=HYPERLINK("http://contoh","klik")'


@pytest.fixture
def meeting(db, midway_demo):
    """The midway demo with a formula-like title, typographic quotes and accents,
    a named notulis and a few ticks at the door."""
    with db.write() as session:
        rows = session.exec(
            select(Proposal).where(Proposal.meeting_id == midway_demo).order_by(Proposal.id)
        ).all()
        rows[0].title = FORMULA
        rows[1].title = "Jum’at bersih: café desa & «pasar» Ñ"
        rows[2].location = "+62 RT 01 @balai"
    people = attendance.list_attendees(db, midway_demo)
    attendance.add_attendee(db, midway_demo, name="Siti Aminah, S.Sos.", jabatan="Notulis")
    signing.set_signatory(db, midway_demo, "notulis", name="Siti Aminah, S.Sos.", jabatan="Notulis")
    signing.set_signatory(
        db,
        midway_demo,
        "camat",
        name="Drs. Contoh Camat",
        jabatan="Camat Lasem",
        nip="19700101 199003 1 001",
    )
    for row in people[:5]:
        attendance.toggle_present(db, midway_demo, row.id)
    return midway_demo


def _tally(db, meeting_id):
    with db.read() as session:
        view = queries.get_meeting(session, meeting_id)
        return queries.tally(session, meeting_id, view.ceiling)


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pdf_text(path: Path) -> tuple[str, int]:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_docx_reads_back(db, meeting, tmp_path):
    result = export(db, meeting, "docx", tmp_path / "ba.docx")
    text = _docx_text(result.paths[0])
    tally = _tally(db, meeting)
    record = read_record(db, meeting)
    assert "PEMERINTAH KABUPATEN REMBANG" in text
    assert "KECAMATAN LASEM" in text
    assert "Jl. Sunan Bonang" in text
    assert "BERITA ACARA" in text
    assert "PRA MUSRENBANG KECAMATAN LASEM" in text
    assert "TAHUN 2023" in text
    assert "DATA CONTOH" in text
    for village in record.villages:
        if any(p.status.is_approved for p in record.by_village[village.id]):
            assert village.name in text  # in Lampiran II
    assert format_rupiah(tally.approved).replace(" ", "\u00a0") in text
    assert amount_in_words(tally.approved) in text
    # Signature block: chair, BAPPEDA, notulis, the Camat's "Mengetahui" with a NIP.
    for words in (
        "Pimpinan Rapat",
        "Perwakilan BAPPEDA",
        "Notulis",
        "Siti Aminah, S.Sos.",
        "Mengetahui,",
        "NIP. 19700101 199003 1 001",
    ):
        assert words in text
    assert "Dwi Susilowati, SE" in text
    # Lampiran I lists those ticked present, signatures alternating left and right.
    document = docx.Document(str(result.paths[0]))
    hadir = next(
        t for t in document.tables if t.rows[0].cells[0].text == "No" and len(t.columns) == 6
    )
    assert [c.text for c in hadir.rows[0].cells][:5] == [
        "No",
        "Nama",
        "Jabatan",
        "Instansi/Desa",
        "Tanda Tangan",
    ]
    assert hadir.rows[1].cells[4].text.startswith("1.") and hadir.rows[1].cells[5].text == ""
    assert hadir.rows[2].cells[4].text == "" and hadir.rows[2].cells[5].text.startswith("2.")
    assert len(hadir.rows) == 1 + 5
    # Lampiran II: the total row equals the tally.
    recap = next(
        t
        for t in document.tables
        if len(t.columns) == 8 and t.rows[0].cells[5].text == "Pagu Indikatif (Rp)"
    )
    figures = {row.cells[0].text: row.cells[5].text for row in recap.rows}
    total_label = next(k for k in figures if k.startswith("JUMLAH DISEPAKATI"))
    assert figures[total_label] == format_rupiah(tally.approved).removeprefix("Rp ")
    assert figures["PAGU INDIKATIF KECAMATAN"] == format_rupiah(tally.ceiling).removeprefix("Rp ")
    first = record.proposals[0]
    if first.status.is_approved or first.status.needs_reason:
        assert FORMULA in text  # printed as text
    sections = document.sections
    assert round(sections[0].page_width.mm) == 210 and round(sections[0].page_height.mm) == 297
    assert sections[-1].page_width > sections[-1].page_height  # Lampiran II in landscape


def test_docx_on_f4(db, meeting, tmp_path):
    result = export(db, meeting, "docx", tmp_path / "f4.docx", paper="f4")
    section = docx.Document(str(result.paths[0])).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (215, 330)


def test_pdf_reads_back(db, meeting, tmp_path):
    result = export(db, meeting, "pdf", tmp_path / "ba.pdf")
    text, pages = _pdf_text(result.paths[0])
    tally = _tally(db, meeting)
    record = read_record(db, meeting)
    assert "BERITA ACARA" in text
    assert "PRA MUSRENBANG KECAMATAN LASEM" in text
    for village in record.villages:
        if any(p.status.is_approved for p in record.by_village[village.id]):
            assert village.name in text
    assert format_rupiah(tally.approved).replace(" ", "\u00a0") in text
    assert format_rupiah(tally.approved).removeprefix("Rp ") in text
    for words in ("Pimpinan Rapat", "Notulis", "Siti Aminah, S.Sos.", "NIP.", "Tanda Tangan"):
        assert words in text
    assert f"Halaman 1 dari {pages}" in text
    assert f"Halaman {pages} dari {pages}" in text
    reader = PdfReader(str(result.paths[0]))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert any("LiberationSerif" in str(f.get_object()["/BaseFont"]) for f in fonts.values())


def test_attendance_alone_as_docx_and_pdf(db, meeting, tmp_path):
    result = export(db, meeting, "attendance", tmp_path / "hadir.pdf", paper="f4")
    assert [p.name for p in result.paths] == ["hadir.docx", "hadir.pdf"]
    everyone = attendance.list_attendees(db, meeting)
    word = _docx_text(result.paths[0])
    pdf, _ = _pdf_text(result.paths[1])
    for text in (word, pdf):
        assert "DAFTAR HADIR" in text
        assert "Kepala Desa Tasiksono" in text
        assert "Siti Aminah, S.Sos." in text
        assert f"{len(everyone)}. ........" in text


def test_xlsx_sums_equal_the_tally(db, meeting, tmp_path):
    result = export(db, meeting, "xlsx", tmp_path / "rekap.xlsx")
    tally = _tally(db, meeting)
    wb = load_workbook(result.paths[0])
    assert wb.sheetnames == ["Usulan", "Ringkasan", "Tidak Diterima"]
    sheet = wb["Usulan"]
    header = [c.value for c in sheet[3]]
    assert header[:5] == ["No", "Kode Desa", "Desa", "Kode Usulan", "Usulan"]
    col = {name: index for index, name in enumerate(header)}
    assert sheet.auto_filter.ref.startswith("A3:")
    # Inside the filtered range, one row per proposal and nothing else: a SUM over a
    # column, a sort or a filter gives the figures a reader expects.
    last = sheet.auto_filter.ref.split(":")[1]
    last_row = int("".join(ch for ch in last if ch.isdigit()))
    requested = approved = count = 0
    for row in sheet.iter_rows(min_row=4, max_row=last_row):
        values = [c.value for c in row]
        assert isinstance(values[0], int), values
        count += 1
        requested += values[col["Diminta (Rp)"]]
        approved += values[col["Disetujui (Rp)"]] or 0
        assert row[col["Diminta (Rp)"]].number_format.startswith('"Rp "')
    assert (count, requested, approved) == (tally.total, tally.requested, tally.approved)
    below = [c.value for row in sheet.iter_rows(min_row=last_row + 1) for c in row]
    # The totals under the table follow a filter: SUBTOTAL over the proposal rows.
    approved_letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[col["Disetujui (Rp)"]]
    assert f"=SUBTOTAL(109,{approved_letter}4:{approved_letter}{last_row})" in below
    assert tally.ceiling in below
    # SIPD's columns: priority, jenis, both volumes, OPD.
    for name in ("Prioritas", "Jenis", "Volume Diminta", "Volume Disetujui", "OPD"):
        assert name in col
    # Printing: landscape, one page wide, the header row on every page, room for it.
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.row_dimensions[3].height >= 30
    summary = wb["Ringkasan"]
    totals = [r for r in summary.iter_rows(values_only=True) if r[0] == "Jumlah"]
    assert totals[0][2:4] == (tally.requested, tally.approved)
    refused = wb["Tidak Diterima"]
    statuses = [r[6] for r in refused.iter_rows(min_row=4, values_only=True) if r[0]]
    expected = sum(tally.count(s) for s in ProposalStatus if s.needs_reason)
    assert len(statuses) == expected
    assert set(statuses) <= {"ditolak", "ditunda", "dialihkan"}


def test_formula_like_text_stays_inert(db, meeting, tmp_path):
    xlsx = export(db, meeting, "xlsx", tmp_path / "rekap.xlsx").paths[0]
    sheet = load_workbook(xlsx)["Usulan"]
    cells = [
        c for row in sheet.iter_rows() for c in row if c.value in (FORMULA, "+62 RT 01 @balai")
    ]
    assert len(cells) == 2
    assert all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(xlsx) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                # Only the totals' own formulas; nothing a user typed.
                for formula in re.findall(r"<f>(.*?)</f>", archive.read(name).decode("utf-8")):
                    assert re.fullmatch(
                        r"SUBTOTAL\(109,[A-Z]+\d+:[A-Z]+\d+\)|[A-Z]+\d+-[A-Z]+\d+", formula
                    ), formula
    out = tmp_path / "usulan.csv"
    export(db, meeting, "csv", out, excel=True)
    raw = out.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    titles = [r[2] for r in rows[1:]]
    assert "'" + FORMULA in titles
    assert FORMULA not in titles
    assert "'+62 RT 01 @balai" in [r[3] for r in rows[1:]]


def test_csv_for_excel_writes_decimal_volumes_with_a_comma(db, midway_demo, tmp_path):
    """Excel in an Indonesian locale reads ``2,5`` as two and a half; ``2.5`` it does not.
    The plain CSV keeps the point other tools read."""
    with db.write() as session:
        first = session.exec(
            select(Proposal).where(Proposal.meeting_id == midway_demo).order_by(Proposal.id)
        ).first()
        first.volume = 2.5
        ref = first.ref
    for excel, delimiter, expected in ((True, ";", "2,5"), (False, ",", "2.5")):
        out = tmp_path / f"usulan-{excel}.csv"
        export(db, midway_demo, "csv", out, excel=excel)
        rows = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=delimiter)
        assert {r["ref"]: r["volume"] for r in rows}[ref] == expected


def test_markdown_export_is_the_minutes(db, meeting, tmp_path):
    path = export(db, meeting, "md", tmp_path / "notulen.md").paths[0]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Notulen Pra Musrenbang Kecamatan Lasem Tahun 2023")
    assert "lasem:mulai" not in text
    assert FORMULA in text


def test_existing_files_are_kept_without_force(db, meeting, tmp_path):
    target = tmp_path / "ba.pdf"
    target.write_bytes(b"keep me")
    with pytest.raises(ExportError) as refused:
        export(db, meeting, "pdf", target)
    assert refused.value.code == "export_exists"
    assert target.read_bytes() == b"keep me"
    export(db, meeting, "pdf", target, force=True)
    assert target.read_bytes().startswith(b"%PDF")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_export_errors_are_one_line(db_url, meeting, tmp_path, capsys):
    target = tmp_path / "ba.docx"
    assert main(["export", "docx", "--db", db_url, "-o", str(target)]) == 0
    capsys.readouterr()
    assert main(["export", "docx", "--db", db_url, "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "--force" in err and len(err.strip().splitlines()) == 1
    assert main(["export", "docx", "--db", db_url, "-o", str(target), "--force"]) == 0
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    capsys.readouterr()
    assert main(["export", "pdf", "--db", db_url, "-o", str(blocker / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "x.pdf" in err and len(err.strip().splitlines()) == 1
    assert main(["export", "xlsx", "--db", db_url, "-o", str(tmp_path), "--paper", "f4"]) == 0
    assert any(p.suffix == ".xlsx" for p in tmp_path.iterdir())


HOSTILE = "<script>alert(1)</script> **tebal** [tautan](http://x) `kode` =SUM(A1) ꦱꦼꦥꦸꦠꦂ 🙂"


def test_typed_markup_goes_out_as_text_in_every_format(db, meeting, tmp_path):
    """A reason typed with HTML, Markdown, a formula, Javanese script and an emoji is
    printed as typed everywhere: never a tag, a link, bold text or a formula."""
    from markdown_it import MarkdownIt

    from lasem_tui.domain import decisions
    from lasem_tui.store import desk

    with db.read() as session:
        state = queries.desk_state(session, meeting)
    target = queries.first_undecided(state.proposals)
    desk.decide(
        db,
        meeting,
        target.id,
        decisions.refuse(ProposalStatus.REJECTED, HOSTILE),
        reviewer_id=state.meeting.current_reviewer_id,
        expected_version=target.version,
    )
    latin = HOSTILE.split(" ꦱ")[0]

    md = export(db, meeting, "md", tmp_path / "n.md").paths[0].read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").render(md)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>tebal</strong>" not in html and "**tebal**" in html
    assert 'href="http://x"' not in html and "<code>kode</code>" not in html
    assert "ꦱꦼꦥꦸꦠꦂ 🙂" in md

    assert HOSTILE in _docx_text(export(db, meeting, "docx", tmp_path / "ba.docx").paths[0])

    pdf_text, _ = _pdf_text(export(db, meeting, "pdf", tmp_path / "ba.pdf").paths[0])
    assert latin in pdf_text.replace("\n", " ")

    book = load_workbook(export(db, meeting, "xlsx", tmp_path / "r.xlsx").paths[0])
    cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value == HOSTILE]
    assert cells and all(c.data_type == "s" for c in cells)

    out = tmp_path / "u.csv"
    export(db, meeting, "csv", out, excel=True)
    assert HOSTILE in out.read_text(encoding="utf-8-sig")


def test_markdown_keeps_typed_html_and_script_links_inert(db, meeting, tmp_path):
    from lasem_tui.exchange.md_export import inert

    typed = "<script>alert(1)</script> <img src=x onerror=alert(2)> [k](javascript:alert(3))"
    out = inert(f"**Catatan** {typed} [peta](https://example.org) \\<b\\> &amp;")
    assert re.search(r"(?<!\\)<", out) is None  # every < shows as typed
    assert "javascript:" not in out and "[k] [peta]" in out
    assert "**Catatan**" in out and "[peta](https://example.org)" in out
    assert "\\<b\\>" in out and "\\&amp;" in out  # escaped once, not twice

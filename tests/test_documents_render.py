"""The signing-ready documents read back as a secretary would read them: the clauses,
the signatures, the lampiran headers, both volumes of an adjustment, the meeting's own
clock, the draft mark, and a database that no export touches."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from sqlmodel import select

from lasem_tui.cli import main
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.exchange.exports import export
from lasem_tui.exchange.record import read_record
from lasem_tui.store import minutes as minutes_store
from lasem_tui.store import setup, signing
from lasem_tui.store.database import open_database
from lasem_tui.store.models import Reviewer


@pytest.fixture(scope="module")
def done_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The finished demo in a file of its own (the tests compare its bytes)."""
    path = tmp_path_factory.mktemp("done") / "done.db"
    assert main(["demo", "--db", str(path), "--stage", "done", "--no-open"]) == 0
    return path


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def _pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def _digest(path: Path) -> dict[str, str]:
    """The database and whatever SQLite keeps beside it."""
    out = {}
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        if candidate.exists() and candidate.stat().st_size:
            out[candidate.name] = hashlib.sha256(candidate.read_bytes()).hexdigest()
    return out


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("md", "n.md"),
        ("docx", "ba.docx"),
        ("pdf", "ba.pdf"),
        ("xlsx", "r.xlsx"),
        ("csv", "u.csv"),
        ("attendance", "hadir"),
        ("minutes", "notulen.docx"),
        ("minutes", "notulen.pdf"),
        ("slips", "slip.pdf"),
        ("slips", "slip.docx"),
    ],
)
def test_no_export_changes_the_database(done_file, tmp_path, fmt, name):
    before = _digest(done_file)
    assert main(["export", fmt, "--db", str(done_file), "-o", str(tmp_path / name)]) == 0
    assert _digest(done_file) == before


def test_csv_to_standard_output_changes_nothing_either(done_file, capsys):
    before = _digest(done_file)
    assert main(["export", "csv", "--db", str(done_file)]) == 0
    assert "requested_volume" in capsys.readouterr().out
    assert _digest(done_file) == before


@pytest.fixture
def done(tmp_path, done_file):
    """A copy of the finished demo to change (finalise, set signatories)."""
    copy = tmp_path / "copy.db"
    copy.write_bytes(done_file.read_bytes())
    database = open_database(str(copy))
    yield database
    database.dispose()


def _meeting_id(db) -> int:
    with db.read() as session:
        return session.exec(select(Reviewer.meeting_id)).first()


def _adjusted_with_new_volume(db, meeting_id):
    record = read_record(db, meeting_id)
    for p in record.proposals:
        if p.status is ProposalStatus.ADJUSTED and p.requested_volume != p.volume:
            return p
    raise AssertionError("the finished demo has an adjusted volume")


def _finalise(db, meeting_id):
    with db.read() as session:
        reviewer = session.exec(
            select(Reviewer.id).where(Reviewer.meeting_id == meeting_id)
        ).first()
    minutes_store.finalise(db, meeting_id, reviewer_id=reviewer)


def test_berita_acara_is_an_agreement_in_both_formats(done, tmp_path):
    meeting = _meeting_id(done)
    signing.set_signatory(
        done,
        meeting,
        "camat",
        name="Drs. Camat Contoh",
        jabatan="Camat Lasem",
        nip="19700101 199003 1 001",
    )
    signing.set_signatory(
        done, meeting, "village", name="Kepala Desa Contoh", jabatan="Kepala Desa"
    )
    word = _docx_text(export(done, meeting, "docx", tmp_path / "ba.docx").paths[0])
    pages = _pdf_pages(export(done, meeting, "pdf", tmp_path / "ba.pdf").paths[0])
    pdf = "\n".join(pages)
    adjusted = _adjusted_with_new_volume(done, meeting)
    for text in (word, pdf):
        flat = text.replace("\u00a0", " ")
        assert "Setelah memperhatikan, mendengar dan mempertimbangkan" in flat
        assert "MENYEPAKATI" in flat
        for clause in ("KESATU:", "KEDUA:", "KETIGA:", "KEEMPAT:"):
            assert clause in flat
        assert "Lampiran II" in flat and "Lampiran III" in flat
        assert "bagian yang tidak terpisahkan" in flat
        for number in ("I", "II", "III", "IV"):
            assert f"LAMPIRAN {number}\n" in flat or f"LAMPIRAN {number} " in flat
        assert flat.count("Nomor: ") >= 5 and "Tanggal: Jumat, 17 Februari 2023" in flat
        # Signatures from setup: the Camat's "Mengetahui" with a NIP; no NIP line for
        # who has none.
        for words in (
            "Dwi Susilowati, SE",
            "Triana Khusnul Khotimah, SSTP., M.Si.",
            "Mengetahui,",
            "Drs. Camat Contoh",
            "NIP. 19700101 199003 1 001",
            "Kepala Desa Contoh",
        ):
            assert words in flat, words
        assert flat.count("NIP.") == flat.count("Drs. Camat Contoh")
        # The recorded desk day, in the meeting's zone.
        assert "pukul 08.30 WIB" in flat
        assert "UTC" not in flat
        # Both volumes of an adjustment.
        unit = adjusted.unit
        asked = f"diminta {int(adjusted.requested_volume)} {unit}"
        assert f"{int(adjusted.volume)} {unit} ({asked})" in re.sub(r"\s+", " ", flat)
        # The agreed and the refused lists are lampiran, not the body.
        assert "Dinas Pekerjaan Umum dan Penataan Ruang" in flat
        assert "Dialihkan ke" in flat
        assert "DRAF" in flat
    # The order: clauses, then the closing, then the signatures.
    body = pdf[: pdf.index("LAMPIRAN I")]
    assert body.index("KESATU") < body.index("Demikian Berita Acara") < body.index("Mengetahui")


def test_draft_on_every_page_until_finalised_and_none_after(done, tmp_path):
    meeting = _meeting_id(done)
    for fmt, name in (("pdf", "ba.pdf"), ("minutes", "n.pdf"), ("slips", "s.pdf")):
        pages = _pdf_pages(export(done, meeting, fmt, tmp_path / name).paths[0])
        assert all("DRAF" in page for page in pages), fmt
    word = docx.Document(str(export(done, meeting, "docx", tmp_path / "ba.docx").paths[0]))
    assert all("DRAF" in s.header.paragraphs[0].text for s in word.sections)
    _finalise(done, meeting)
    for fmt, name in (("pdf", "f.pdf"), ("minutes", "fn.pdf"), ("slips", "fs.pdf")):
        pages = _pdf_pages(export(done, meeting, fmt, tmp_path / name).paths[0])
        assert not any("DRAF" in page for page in pages), fmt
    final = _docx_text(export(done, meeting, "docx", tmp_path / "f.docx").paths[0])
    assert "DRAF" not in final
    minutes = _docx_text(export(done, meeting, "minutes", tmp_path / "f-n.docx").paths[0])
    assert "Rapat ditutup pukul" in minutes and "UTC" not in minutes


def test_docx_language_properties_and_footer(done, tmp_path):
    meeting = _meeting_id(done)
    path = export(done, meeting, "docx", tmp_path / "ba.docx").paths[0]
    document = docx.Document(str(path))
    props = document.core_properties
    assert props.title == "Berita Acara Pra Musrenbang Kecamatan Lasem Tahun 2023"
    assert props.author == "Kecamatan Lasem"
    assert props.language == "id-ID"
    styles = document.styles.element.xml
    assert 'w:lang w:val="id-ID"' in styles
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    sizes = set(re.findall(r'<w:sz w:val="(\d+)"/>', footer))
    assert sizes == {"18"}  # "Halaman n dari m" in one size
    assert "Halaman" in footer and "NUMPAGES" in footer


def test_minutes_document_has_its_header_block_and_signatures(done, tmp_path):
    meeting = _meeting_id(done)
    for name in ("n.docx", "n.pdf"):
        path = export(done, meeting, "minutes", tmp_path / name).paths[0]
        text = _docx_text(path) if name.endswith("docx") else "\n".join(_pdf_pages(path))
        for words in ("NOTULEN", "Hari/Tanggal", "Waktu", "Tempat", "Pimpinan Rapat", "Notulis"):
            assert words in text
        assert "pukul 08.30 WIB, selesai pukul 11.00 WIB" in text
        assert "Mengetahui," in text and "Dwi Susilowati, SE" in text


def test_slips_have_one_page_per_village_with_both_volumes(done, tmp_path):
    meeting = _meeting_id(done)
    record = read_record(done, meeting)
    adjusted = _adjusted_with_new_volume(done, meeting)
    village = next(v for v in record.villages if v.id == adjusted.village_id)
    pages = _pdf_pages(export(done, meeting, "slips", tmp_path / "s.pdf").paths[0])
    assert len(pages) >= len(record.villages)
    page = next(p for p in pages if f"DESA {village.name.upper()}" in p)
    assert f"{int(adjusted.requested_volume)} {adjusted.unit}" in page
    assert f"{int(adjusted.volume)} {adjusted.unit}" in page
    assert "pagu desa" in page
    word = _docx_text(export(done, meeting, "slips", tmp_path / "s.docx").paths[0])
    assert "Volume diminta" in word and "Volume disetujui" in word


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def test_no_page_starts_with_a_subtotal_or_ends_with_a_heading(done, tmp_path):
    """The PDF's lampiran tables: a subtotal never opens a page, and a heading (an OPD,
    an outcome group) never closes one."""
    meeting = _meeting_id(done)
    record = read_record(done, meeting)
    headings = {p.agency for p in record.proposals} | {
        "Ditolak",
        "Ditunda ke tahun berikutnya",
    }
    for paper in ("a4", "f4"):
        pages = _pdf_pages(
            export(done, meeting, "pdf", tmp_path / f"{paper}.pdf", paper=paper).paths[0]
        )
        for number, page in enumerate(pages, start=1):
            lines = [x for x in _lines(page) if x != "DRAF"]
            if not any(x.startswith("No Desa") for x in lines):
                continue  # not a page of the lampiran tables
            body = [x for x in lines if not x.startswith(("Halaman ", "No Desa"))]
            if not body:
                continue
            first, last = body[0], body[-1]
            assert not re.match(r"(Jumlah|JUMLAH|PAGU|SISA|MELEBIHI)\b", first), (number, first)
            assert last not in headings and not last.startswith("Dialihkan ke"), (number, last)


JAVANESE = "ꦩꦸꦱꦾꦮꦫꦃ ꦝꦺꦱ"  # "musyawarah desa" in aksara Jawa


def test_pdf_prints_javanese_script_not_empty_boxes(done, tmp_path):
    from lasem_tui.exchange import pdf_export
    from lasem_tui.store.models import Proposal

    meeting = _meeting_id(done)
    with done.write() as session:
        proposal = session.exec(
            select(Proposal).where(Proposal.status == "accepted").order_by(Proposal.id)
        ).first()
        proposal.title = f"Papan nama {JAVANESE} — Ελληνικά, кириллица"
    layout = pdf_export._Layout("a4")
    assert pdf_export.MISSING not in layout.clean(proposal.title)
    path = export(done, meeting, "pdf", tmp_path / "ba.pdf").paths[0]
    reader = PdfReader(str(path))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("NotoSansJavanese" in name for name in fonts), fonts
    assert any("LiberationSerif" in name for name in fonts)


def test_the_minutes_say_what_was_asked_and_what_was_approved(done, tmp_path):
    meeting = _meeting_id(done)
    adjusted = _adjusted_with_new_volume(done, meeting)
    text = export(done, meeting, "md", tmp_path / "n.md").paths[0].read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if adjusted.title in x and "penyesuaian" in x)
    unit = adjusted.unit
    assert f", {int(adjusted.requested_volume)} {unit}, diminta" in line
    assert f"({int(adjusted.volume)} {unit})." in line


def _png() -> bytes:
    """A valid 1x1 grey PNG, made with the standard library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def test_letterhead_from_setup_with_its_logo(done, tmp_path):
    meeting = _meeting_id(done)
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    setup.update_meeting(done, meeting, logo_path=str(logo), phone="(0295) 531001")
    word = docx.Document(str(export(done, meeting, "docx", tmp_path / "ba.docx").paths[0]))
    assert len(word.inline_shapes) == 1, "the logo is in the DOCX"
    text = _docx_text(tmp_path / "ba.docx")
    assert "59271" in text and "Telepon (0295) 531001" in text
    pdf = export(done, meeting, "pdf", tmp_path / "ba.pdf").paths[0]
    first = PdfReader(str(pdf)).pages[0]
    assert "/XObject" in first["/Resources"], "the logo is on the PDF's first page"
    assert "59271" in first.extract_text()

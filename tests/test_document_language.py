"""The official documents speak Indonesian whatever the interface speaks (a Berita Acara
in English is not a Berita Acara), and every word they print is in both catalogs."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from lasem_tui import i18n
from lasem_tui.cli import main
from tools import i18n as catalogs


@pytest.fixture(scope="module")
def done_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
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
        footer = section.footer._element
        parts.append("".join(node.text or "" for node in footer.iter() if node.tag.endswith("}t")))
    return "\n".join(parts)


def _xlsx_text(path: Path) -> str:
    workbook = openpyxl.load_workbook(str(path))
    return "\n".join(
        f"{sheet.title}: " + " | ".join("" if v is None else str(v) for v in row)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def _text(path: Path) -> str:
    if path.suffix == ".docx":
        return _docx_text(path)
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    if path.suffix == ".xlsx":
        return _xlsx_text(path)
    return path.read_text(encoding="utf-8")


def _export(done_file: Path, folder: Path, lang: str, fmt: str, name: str) -> str:
    target = folder / lang / name
    target.parent.mkdir(parents=True, exist_ok=True)
    assert main(["export", fmt, "--db", str(done_file), "--lang", lang, "-o", str(target)]) == 0
    return _text(target)


@pytest.mark.parametrize(
    ("fmt", "name", "words"),
    [
        ("docx", "ba.docx", ("BERITA ACARA", "MENYEPAKATI", "LAMPIRAN II", "Halaman ")),
        ("pdf", "ba.pdf", ("BERITA ACARA", "MENYEPAKATI", "Halaman 1 dari")),
        ("md", "notulen.md", ("## Hasil Desk", "diterima dengan penyesuaian")),
        ("minutes", "notulen.docx", ("NOTULEN", "Hari/Tanggal", "Pimpinan Rapat")),
        ("slips", "slip.pdf", ("HASIL DESK USULAN DESA", "Belum dapat diakomodasi")),
        ("xlsx", "rekap.xlsx", ("Rekap Usulan", "Ringkasan", "Tidak Diterima")),
    ],
)
def test_a_document_exported_while_the_interface_speaks_english_is_indonesian(
    done_file: Path, tmp_path: Path, fmt: str, name: str, words: tuple[str, ...]
) -> None:
    indonesian = _export(done_file, tmp_path, "id", fmt, name)
    from_english_desk = _export(done_file, tmp_path, "en", fmt, name)
    assert from_english_desk == indonesian
    for word in words:
        assert word in from_english_desk
    for english in ("AGREES", "Page 1 of", "Village proposals agreed", "Desk results"):
        assert english not in from_english_desk


def test_document_t_keeps_to_the_document_language_while_t_follows_the_interface() -> None:
    i18n.set_language("en")
    try:
        assert i18n.t("doc.footer.page", page=1, pages=3) == "Page 1 of 3"
        assert i18n.document_t("doc.footer.page", page=1, pages=3) == "Halaman 1 dari 3"
        assert i18n.document_counted("doc.forum.proposals", 2) == "2 usulan"
        assert i18n.counted("doc.forum.proposals", 2) == "2 proposals"
        assert i18n.counted("doc.forum.proposals", 1) == "1 proposal"
    finally:
        i18n.set_language("id")


def _document_keys_in_code() -> set[str]:
    return {key for _, key, _ in catalogs.used_keys() if key.startswith("doc.")}


def test_every_document_key_resolves_in_both_catalogs() -> None:
    """Each ``doc.*`` key the writers use has a text of its own in Indonesian and in
    English, in a ``documents_*`` area; and the catalogs hold no document entry that no
    writer uses any more."""
    used = _document_keys_in_code()
    assert len(used) > 200
    for lang in i18n.LANGUAGES:
        words = i18n.words(lang)
        in_catalog = {key for key in words.all_keys() if key.startswith("doc.")}
        assert in_catalog == used, lang
        for key in used:
            areas = words.texts.get(key) or words.plurals.get(key) or {}
            assert areas, (lang, key)
            assert all(area.startswith("documents_") for area in areas), (lang, key, areas)
            texts = [
                text
                for value in areas.values()
                for text in (value if isinstance(value, list) else [value])
            ]
            assert all(texts) and key not in texts, (lang, key)


def test_the_extractor_finds_the_documents_keys() -> None:
    source = 'a = document_t("doc.one")\nb = document_counted("doc.two", 3)\n'
    assert sorted(key for _, key in catalogs.keys_in(source)) == ["doc.one", "doc.two"]

"""What users type in Lasem beyond Latin comes out of the PDF as typed: aksara Jawa with
its sandhangan and pasangan, pegon joined and read from the right, Hanzi from a CJK
font of the computer; and a computer without one still gets its PDF, with a warning
that names the characters it could not print."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from lasem_tui.cli import main
from lasem_tui.exchange import pdf_fonts, pdf_shaping
from lasem_tui.exchange.exports import export
from lasem_tui.exchange.minutes import editor_text
from lasem_tui.store import minutes as minutes_store
from lasem_tui.store.database import open_database
from lasem_tui.store.models import Proposal, Reviewer

JAVANESE = "ꦱꦼꦩꦫꦁ"  # "Semarang"
CONJUNCT = "ꦥꦤ꧀ꦠꦸ"  # "pantu": na, pangkon, ta -> ta as a pasangan under na
PEGON = "ڤَيمبڠونن"  # "pembangunan"
PEGON_PHRASE = "ڤَيمبڠونن جالن"  # "pembangunan jalan": two words, read from the right
HAN = ("林", "拉森")  # the family name Lim; "Lasem"
TITLE = f"Papan nama {JAVANESE} {CONJUNCT}, {PEGON_PHRASE}, klenteng {HAN[0]} / {HAN[1]}"
NOTES = (
    f"\n\n## Catatan {JAVANESE}\n\n"
    f"Santri menulis pegon: {PEGON_PHRASE}. Aksara Jawa: {JAVANESE} {CONJUNCT}. "
    f"Klenteng marga {HAN[0]} di {HAN[1]}.\n"
)
NO_CJK_REASON = "no CJK font on this computer (Debian: apt-get install fonts-noto-cjk)"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scripts") / "done.db"
    assert main(["demo", "--db", str(path), "--stage", "done", "--no-open"]) == 0
    return path


@pytest.fixture
def typed(tmp_path: Path, demo_file: Path):
    """The finished demo with an agreed proposal and the minutes typed in four scripts."""
    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_file.read_bytes())
    db = open_database(str(copy))
    with db.write() as session:
        meeting_id = session.exec(select(Reviewer.meeting_id)).first()
        proposal = session.exec(
            select(Proposal).where(Proposal.status == "accepted").order_by(Proposal.id)
        ).first()
        proposal.title = TITLE
    text = editor_text(db, meeting_id) + NOTES
    minutes_store.save_minutes(db, meeting_id, text, reviewer_id=None)
    yield db, meeting_id
    db.dispose()


def _squeezed(text: str) -> str:
    """Extracted text without the spaces and stray control codes that glyph positioning
    leaves between characters."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cc")


def _runs_by_font(path: Path) -> dict[str, str]:
    """Per embedded font (its name without the subset prefix), the text drawn in it."""
    runs: dict[str, list[str]] = defaultdict(list)

    def visit(text, _cm, _tm, font, _size) -> None:
        if font is not None and text.strip():
            runs[str(font["/BaseFont"]).split("+", 1)[-1]].append(text)

    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=visit)
    return {name: _squeezed("".join(parts)) for name, parts in runs.items()}


def _to_unicode(path: Path, font_name: str) -> list[tuple[str, str]]:
    """``(glyph code, the text it stands for)`` of one embedded font."""
    pairs: list[tuple[str, str]] = []
    for page in PdfReader(str(path)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if font_name in str(font["/BaseFont"]) and "/ToUnicode" in font:
                cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
                for code, target in re.findall(r"<([0-9A-F]{4})>\s*<([0-9A-F]+)>", cmap):
                    text = "".join(
                        chr(int(target[i : i + 4], 16)) for i in range(0, len(target), 4)
                    )
                    pairs.append((code, text))
    return pairs


def _cjk_font_name() -> str | None:
    """The name fpdf2 embeds the computer's CJK font under ("NotoSerifCJKTC", ...)."""
    face = pdf_fonts.cjk_face()
    if face is None:
        return None
    from fontTools.ttLib import TTFont

    with TTFont(face[0], fontNumber=face[1], lazy=True) as font:
        return re.sub("[ ()]", "", font["name"].getBestFullName())


def _assert_scripts_printed(path: Path) -> None:
    text = _squeezed("".join(page.extract_text() for page in PdfReader(str(path)).pages))
    by_font = _runs_by_font(path)
    # Aksara Jawa from Noto Sans Javanese, with a pasangan: one glyph for pangkon + ta.
    assert JAVANESE in text
    assert JAVANESE in by_font["NotoSansJavanese"], by_font.keys()
    javanese = _to_unicode(path, "NotoSansJavanese")
    assert any(t.startswith("\ua9c0") and len(t) > 1 for _, t in javanese), javanese
    # Pegon from Noto Naskh Arabic: pypdf reads right-to-left text from the right, so
    # the words come back in typed order only if they were drawn from the right ...
    assert PEGON_PHRASE.replace(" ", "") in text
    assert PEGON in by_font["NotoNaskhArabic"]
    # ... and joined: a letter in two shapes (ن initial and final in ڤَيمبڠونن).
    arabic = _to_unicode(path, "NotoNaskhArabic")
    codes: dict[str, set[str]] = defaultdict(set)
    for code, target in arabic:
        codes[target].add(code)
    assert len(codes["\u0646"]) >= 2, arabic
    # Hanzi from the computer's CJK font, when it has one.
    cjk = _cjk_font_name()
    if cjk is None:
        pytest.skip(NO_CJK_REASON)
    for han in HAN:
        assert han in text
        assert han in by_font[cjk], (cjk, by_font.keys())
    # Nothing of the four came out as an empty box.
    assert "\u25a1" not in text


def test_a_proposal_title_in_four_scripts_prints_in_the_berita_acara(typed, tmp_path):
    db, meeting_id = typed
    result = export(db, meeting_id, "pdf", tmp_path / "ba.pdf")
    if pdf_fonts.cjk_face() is not None:
        assert result.unprintable == ""
    _assert_scripts_printed(result.paths[0])


def test_the_minutes_typed_in_four_scripts_print_in_the_notulen(typed, tmp_path):
    db, meeting_id = typed
    result = export(db, meeting_id, "minutes", tmp_path / "notulen.pdf")
    text = "".join(_squeezed(p.extract_text()) for p in PdfReader(str(result.paths[0])).pages)
    assert f"Catatan{JAVANESE}" in text  # the notulis' heading
    _assert_scripts_printed(result.paths[0])


def test_without_a_cjk_font_the_pdf_is_written_and_the_export_names_what_is_missing(
    typed, tmp_path, monkeypatch, capsys
):
    """A laptop with no CJK font: the Berita Acara still comes out, Hanzi as □, and the
    command says which characters it could not print; the other scripts are unharmed."""
    db, meeting_id = typed
    monkeypatch.setattr(pdf_fonts, "cjk_faces", lambda: iter(()))
    result = export(db, meeting_id, "pdf", tmp_path / "ba.pdf")
    assert result.unprintable == "".join(sorted("林拉森"))
    text = _squeezed("".join(p.extract_text() for p in PdfReader(str(result.paths[0])).pages))
    assert "klenteng\u25a1/\u25a1\u25a1" in text
    assert JAVANESE in text and PEGON in text
    database = str(tmp_path / "copy.db")
    assert main(["export", "pdf", "--db", database, "-o", str(tmp_path / "cli.pdf")]) == 0
    said = capsys.readouterr()
    line = next(x for x in (said.err + said.out).splitlines() if "□" in x)
    assert all(han in line for han in "林拉森"), line


def test_a_cjk_collection_loads_the_traditional_chinese_face():
    """Noto CJK comes as one .ttc of five faces (JP, KR, SC, TC, HK): the one read is
    Traditional Chinese, the forms of the klenteng boards."""
    face = pdf_fonts.cjk_face()
    if face is None:
        pytest.skip(NO_CJK_REASON)
    if "NotoS" not in face[0]:
        pytest.skip(f"the CJK font here is {face[0]}, not a Noto CJK collection")
    assert (_cjk_font_name() or "").endswith("TC")


def test_right_to_left_words_swap_places_and_latin_keeps_its_order(typed):
    """The line laid out as "Jalan ڤَيمبڠونن جالن 2023": Latin left to right, the pegon
    phrase one run drawn right to left, the number after it on the right."""
    from lasem_tui.exchange import pdf_export

    layout = pdf_export._Layout("a4")
    layout.new_page(landscape=False)
    (line,) = layout.wrap([(f"Jalan {PEGON_PHRASE} desa 2023", "")], 150, 11.5)
    drawn = layout._complex.visual(line, 11.5)
    texts = [(text, rtl) for _, text, _, rtl in drawn]
    assert texts[0] == ("Jalan", False)
    assert (PEGON_PHRASE, True) in texts
    assert texts[-1][0].endswith("2023") and not texts[-1][1]
    xs = [x for x, *_ in drawn]
    assert xs == sorted(xs)


def test_plain_latin_lines_never_reach_the_shaper():
    """The 18,000 Latin proposals of a regency are drawn glyph by glyph, as before."""
    assert not pdf_shaping.is_complex(
        [(0.0, "Rehabilitasi jalan", ""), (40.0, "Rp\u00a01.500", "")]
    )
    assert not pdf_shaping.needs_shaping("Jum’at bersih: café desa & «pasar» Ñ — Ελληνικά")
    assert pdf_shaping.needs_shaping(JAVANESE) and pdf_shaping.has_rtl(PEGON)


def test_the_forum_opd_pdf_names_what_it_could_not_print(typed, tmp_path, monkeypatch, capsys):
    """The Forum OPD book is written by the same layout: the same warning."""
    monkeypatch.setattr(pdf_fonts, "cjk_faces", lambda: iter(()))
    database = str(tmp_path / "copy.db")
    target = tmp_path / "forum.pdf"
    assert main(["export", "forum-opd", "--db", database, "-o", str(target)]) == 0
    said = capsys.readouterr()
    line = next(x for x in (said.err + said.out).splitlines() if "□" in x)
    assert all(han in line for han in "林拉森"), line
    text = _squeezed("".join(p.extract_text() for p in PdfReader(str(target)).pages))
    assert JAVANESE in text and PEGON in text

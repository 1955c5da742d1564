"""Where the PDF writer finds fonts for what Liberation Serif cannot print, and which
characters no font on this computer could print.

What users type in Lasem goes beyond Latin: aksara Jawa, pegon (Arabic letters for
Javanese, written in the pesantren) and Hanzi (klenteng and family names of the
Chinese-Indonesian community). Javanese and Arabic come with the app (Noto Sans
Javanese, Noto Naskh Arabic: about 300 KB together). A CJK font is ~16 MB per weight, ten
times the rest of the package, so it is not shipped: it is taken from the computer, where
one nearly always is (Windows has Microsoft YaHei and SimSun, macOS Songti and PingFang,
a Linux desktop Noto CJK through fontconfig). A computer without one still gets its PDF:
the characters print as □ and the export names them (:func:`noting_missing`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from importlib.resources import files
from pathlib import Path

#: ``(file, face index)``: the index picks one font out of a .ttc collection.
FontFace = tuple[str, int]

#: Fonts for what Liberation Serif lacks, tried in order, loaded only when a document
#: needs them: the two shipped with the app, then Debian's Noto and DejaVu (Greek,
#: Cyrillic, symbols) where they are installed.
FALLBACK_FILES: tuple[str, ...] = (
    "NotoSansJavanese-Regular.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)

#: CJK fonts by file name, best first, with the face of a collection to take. Serif
#: faces first, to sit beside Liberation Serif; Traditional Chinese first, the forms of
#: the klenteng boards and of the older generation's names (the Simplified fonts have
#: the common traditional characters too).
CJK_FILES: tuple[tuple[str, str], ...] = (
    # Debian and Ubuntu: fonts-noto-cjk.
    ("opentype/noto/NotoSerifCJK-Regular.ttc", "TC"),
    ("opentype/noto/NotoSansCJK-Regular.ttc", "TC"),
    ("opentype/noto-cjk/NotoSerifCJK-Regular.ttc", "TC"),
    ("opentype/noto-cjk/NotoSansCJK-Regular.ttc", "TC"),
    # Fedora and Arch: google-noto-cjk / noto-fonts-cjk.
    ("google-noto-serif-cjk-vf-fonts/NotoSerifCJK-VF.ttc", "TC"),
    ("google-noto-sans-cjk-vf-fonts/NotoSansCJK-VF.ttc", "TC"),
    ("noto-cjk/NotoSerifCJK-Regular.ttc", "TC"),
    ("noto-cjk/NotoSansCJK-Regular.ttc", "TC"),
    # Windows (%WINDIR%\Fonts): SimSun and Microsoft YaHei / JhengHei are in every
    # edition since Windows 10; MingLiU with the Traditional Chinese fonts.
    ("mingliu.ttc", "PMingLiU"),
    ("simsun.ttc", "SimSun"),
    ("msjh.ttc", "JhengHei"),
    ("msyh.ttc", "YaHei"),
    ("malgun.ttf", ""),
    ("YuGothM.ttc", ""),
    # macOS.
    ("Supplemental/Songti.ttc", "TC"),
    ("Songti.ttc", "TC"),
    ("PingFang.ttc", "TC"),
    ("STHeiti Light.ttc", "TC"),
    ("Hiragino Sans GB.ttc", ""),
    ("Supplemental/Arial Unicode.ttf", ""),
    ("Arial Unicode.ttf", ""),
)

#: Font file kinds fpdf2 reads (fontconfig also offers bitmap and Type 1 fonts).
_READABLE = (".ttf", ".otf", ".ttc", ".otc")
#: A character every CJK font has: 林, the commonest Chinese-Indonesian family name.
_HAN_PROBE = 0x6797

_CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK and Kangxi radicals
    (0x2FF0, 0x303F),  # ideographic description, CJK symbols and punctuation
    (0x3040, 0x31FF),  # Kana, Bopomofo, Hangul compatibility Jamo, Kanbun
    (0x3200, 0x4DBF),  # enclosed and compatibility CJK, extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA960, 0xA97F),  # Hangul Jamo extended A
    (0xAC00, 0xD7FF),  # Hangul syllables, Jamo extended B
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half- and full-width forms
    (0x20000, 0x3FFFF),  # extensions B and beyond
)


def bundled(name: str) -> str:
    """A font file shipped in ``lasem_tui/fonts``, or ``name`` itself if it is a path."""
    if os.path.isabs(name):
        return name
    return str(files("lasem_tui") / "fonts" / name)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def font_dirs() -> list[Path]:
    """The folders this computer keeps fonts in, system-wide and the user's own."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows")
        local = os.environ.get("LOCALAPPDATA")
        found = [windir / "Fonts"]
        if local:
            found.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return found
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        data_home / "fonts",
        home / ".fonts",
    ]


@functools.cache
def face_index(path: str, prefer: str) -> int:
    """The face of a collection whose name has ``prefer`` in it ("TC", "SimSun"), or
    the first. Only the name tables are read, not the 20 MB of outlines."""
    if not path.lower().endswith((".ttc", ".otc")) or not prefer:
        return 0
    from fontTools.ttLib import TTCollection

    try:
        with TTCollection(path, lazy=True) as collection:
            for index, font in enumerate(collection.fonts):
                name = font["name"].getDebugName(4) or font["name"].getDebugName(1) or ""
                if prefer.lower() in name.lower():
                    return index
    except Exception:  # an unreadable collection: its first face, or the caller skips it
        return 0
    return 0


def _has(face: FontFace, code: int) -> bool:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(face[0], fontNumber=face[1], lazy=True) as font:
            return code in (font.getBestCmap() or {})
    except Exception:  # not a font fpdf2 could read either
        return False


def _fontconfig(pattern: str) -> FontFace | None:
    """fontconfig's best match for ``pattern`` (``:lang=zh-tw``, ``:charset=6797``),
    when fontconfig is installed and the match is a kind of file fpdf2 reads."""
    if shutil.which("fc-match") is None:
        return None
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}", pattern],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, index = found.partition("|")
    if not path.lower().endswith(_READABLE):
        return None
    return path, int(index) if index.isdigit() else 0


def cjk_faces() -> Iterator[FontFace]:
    """Fonts with Han characters (and Kana and Hangul, which the same fonts carry) on
    this computer, best first: the known files, else whatever fontconfig has for
    Chinese. More than one, in case the first is a kind fpdf2 cannot read; each
    collection's names are read only when it is reached."""
    candidates = _cjk_candidates()
    for path, prefer in candidates:
        yield path, face_index(path, prefer)
    if not candidates:
        yield from _cjk_by_fontconfig()


@functools.cache
def _cjk_candidates() -> tuple[tuple[str, str], ...]:
    return tuple(
        (str(folder / name), prefer)
        for folder in font_dirs()
        for name, prefer in CJK_FILES
        if (folder / name).is_file()
    )


@functools.cache
def _cjk_by_fontconfig() -> tuple[FontFace, ...]:
    found: list[FontFace] = []
    for lang in ("zh-tw", "zh-cn", "ja", "ko"):
        face = _fontconfig(f":lang={lang}")
        if face is not None and face not in found and _has(face, _HAN_PROBE):
            found.append(face)
    return tuple(found)


def cjk_face() -> FontFace | None:
    """The CJK font a document's Hanzi come from, when the computer has one."""
    return next(cjk_faces(), None)


def faces_for(char: str) -> Iterator[FontFace]:
    """Fonts on this computer that may print ``char``, best first (the caller checks)."""
    if is_cjk(char):
        # The files are looked for once per process; fontconfig was asked there already.
        yield from cjk_faces()
        return
    face = _fontconfig(f":charset={ord(char):x}")
    if face is not None:
        yield face


# --- what could not be printed ----------------------------------------------------------

_missing: ContextVar[set[str] | None] = ContextVar("lasem_pdf_missing", default=None)


@contextlib.contextmanager
def noting_missing() -> Iterator[set[str]]:
    """Collects, while open, the characters a PDF printed as □ because no font had them.

    A context variable rather than a return value: the writers are called through
    several layers (``exports`` -> ``take_home_export`` -> ``pdf_export``) that need not
    know, and each export thread sees only its own."""
    found: set[str] = set()
    token = _missing.set(found)
    try:
        yield found
    finally:
        _missing.reset(token)


def note_missing(chars: Iterable[str]) -> None:
    """Adds the printable ones of ``chars`` (not a stray control character)."""
    found = _missing.get()
    if found is not None:
        found.update(c for c in chars if unicodedata.category(c)[0] in "LMNPS")

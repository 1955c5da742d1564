"""The message catalogs' chores: ``extract`` the keys the code uses into
``lasem_tui/locale/lasem.pot``, ``compile`` every ``.po`` into its ``.mo`` (the app reads
only the ``.mo``), ``check`` that both languages agree.

    python tools/i18n.py extract | compile | check

The ``.po`` files are the source: edit them (or hand them to a translator), then
``compile``. A test runs the same checks as ``check``.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PACKAGE = ROOT / "lasem_tui"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("id", "en")


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "lasem.po"


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain="lasem")


def compiled(lang: str) -> bytes:
    from io import BytesIO

    out = BytesIO()
    write_mo(out, read(lang), use_fuzzy=False)
    return out.getvalue()


def _entries(mo: bytes) -> dict[object, str]:
    """A compiled catalog's messages, header aside: what the app reads, compared
    whatever Babel version wrote the bytes."""
    import gettext
    from io import BytesIO

    catalog: dict[object, str] = gettext.GNUTranslations(BytesIO(mo))._catalog  # type: ignore[attr-defined]
    return {key: text for key, text in catalog.items() if key != ""}


def compile_all() -> None:
    """Refuses a catalog with a key defined twice: gettext would silently keep one."""
    for lang in LANGUAGES:
        raw = po_path(lang).read_text(encoding="utf-8")
        keys = [(m["context"], m["key"]) for m in ENTRY.finditer(raw)]
        twice = sorted({key for key in keys if keys.count(key) > 1})
        if twice:
            raise SystemExit(f"{lang}: defined twice: {twice}")
    for lang in LANGUAGES:
        po_path(lang).with_suffix(".mo").write_bytes(compiled(lang))
        print(f"compiled {po_path(lang).with_suffix('.mo').relative_to(ROOT)}")


def literal_keys(node: ast.expr) -> Iterator[str]:
    """The keys an argument can be: a literal, or either branch of ``a if c else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from literal_keys(node.body)
        yield from literal_keys(node.orelse)


#: The functions whose first argument is a message key: the interface's and the
#: documents' (``document_t`` words them in Indonesian whatever the interface speaks).
MESSAGE_CALLS = frozenset({"t", "counted", "document_t", "document_counted"})


def keys_in(source: str) -> Iterator[tuple[int, str]]:
    """(line, key) for every literal key passed to ``t``/``counted`` (and their document
    twins ``document_t``/``document_counted``), and the footer and
    help keys a ``key(keys, action, name)`` binding shows (``keys.NAME``, ``.help``)."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in MESSAGE_CALLS and node.args:
            for key in literal_keys(node.args[0]):
                yield node.lineno, key
        elif name == "key" and len(node.args) >= 3:
            for key in literal_keys(node.args[2]):
                yield node.lineno, f"keys.{key}"
                yield node.lineno, f"keys.{key}.help"


def extract_keys(fileobj, keywords, comment_tags, options):  # type: ignore[no-untyped-def]
    """A Babel extraction method (``method_map=[("**.py", extract_keys)]``) for our
    key-based messages: Babel's own Python extractor joins ``t("a" if c else "b")``
    into one string "ab"."""
    for lineno, key in keys_in(fileobj.read().decode("utf-8")):
        yield lineno, "t", key, []


def used_keys() -> Iterator[tuple[str, str, int]]:
    """Every literal key the code uses (file, key, line)."""
    for filename, lineno, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", extract_keys)], keywords={"t": None}, comment_tags=()
    ):
        yield filename, str(message), lineno


def extract() -> None:
    template = Catalog(domain="lasem", project="Lasem desk", fuzzy=False)
    for filename, key, lineno in used_keys():
        template.add(key, locations=[(filename, lineno)])
    out = LOCALE / "lasem.pot"
    with out.open("wb") as handle:
        write_po(handle, template, width=0, sort_output=True)
    print(f"extracted {len(template)} keys into {out.relative_to(ROOT)}")


ENTRY = re.compile(r'^msgctxt "(?P<context>[^"]*)"\nmsgid "(?P<key>[^"]*)"', re.M)


def problems() -> list[str]:
    """What would show a user a raw key or a wrong word: see the module docstring."""
    from lasem_tui.i18n import placeholders

    found: list[str] = []
    entries: dict[str, dict[tuple[str, str], Catalog]] = {}
    for lang in LANGUAGES:
        raw = po_path(lang).read_text(encoding="utf-8")
        seen: set[str] = set()
        for match in ENTRY.finditer(raw):
            key = match["key"]
            if key in seen:
                found.append(f"{lang}: {key} is defined twice")
            seen.add(key)
        catalog = read(lang)
        entries[lang] = {
            (
                message.context or "",
                message.id if isinstance(message.id, str) else message.id[0],
            ): message
            for message in catalog
            if message.id
        }
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or _entries(mo.read_bytes()) != _entries(compiled(lang)):
            found.append(f"{lang}: {mo.name} is not compiled from its .po (tools/i18n.py compile)")
    ids, ens = entries["id"], entries["en"]
    for missing in sorted(set(ids) ^ set(ens)):
        lang = "en" if missing in ids else "id"
        found.append(f"{lang}: {missing[1]} ({missing[0]}) is missing")
    for pair in sorted(set(ids) & set(ens)):
        texts = {
            lang: [s for s in (m.string if isinstance(m.string, tuple | list) else (m.string,))]
            for lang, m in (("id", ids[pair]), ("en", ens[pair]))
        }
        for lang, forms in texts.items():
            if not all(forms):
                found.append(f"{lang}: {pair[1]} has an empty text")
        wanted = {frozenset(placeholders(s)) for forms in texts.values() for s in forms if s}
        if len(wanted) > 1:
            found.append(f"{pair[1]}: the languages fill in different placeholders {wanted}")
    known = {key for _, key in ids}
    for filename, key, lineno in used_keys():
        if key not in known:
            found.append(f"{filename}:{lineno}: {key} is in no catalog")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "compile":
        compile_all()
    elif command == "extract":
        extract()
    elif command == "check":
        for line in problems():
            print(line)
        return 1 if problems() else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

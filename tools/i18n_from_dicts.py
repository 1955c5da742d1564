"""Turn the old per-area message dicts (``lasem_tui/i18n/<area>.py`` with ``ID``/``EN``)
into the gettext catalogs ``lasem_tui/locale/<lang>/LC_MESSAGES/lasem.po``.

Used once per branch that still adds words the old way: each module's words become
entries whose context (``msgctxt``) is the module's area and whose ``msgid`` is the key.
A count written ``{count:one|many}`` becomes a plural entry (gettext's rules choose the
form from ``count``); any other inflected count is refused, it needs a rewording.
Entries already in the catalogs are kept; a key defined in two areas is refused.
"""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "lasem_tui" / "i18n"
LOCALE = ROOT / "lasem_tui" / "locale"
COUNTED = re.compile(r"\{(\w+):([^{}|]*)\|([^{}]*)\}")


def dicts(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The module's ``ID`` and ``EN`` as they are once it has run (some modules add to
    them with ``update``)."""
    found = runpy.run_path(str(path))
    return dict(found.get("ID", {})), dict(found.get("EN", {}))


PROBLEMS: list[str] = []


def forms(text: str, lang: str, key: str) -> str | tuple[str, ...]:
    counted = COUNTED.findall(text)
    if not counted:
        return text
    if len(counted) > 1 or counted[0][0] != "count":
        PROBLEMS.append(f"{key} ({lang}): only one inflected {{count}} is allowed: {text}")
    one = COUNTED.sub(lambda m: f"{{count}} {m.group(2)}", text)
    many = COUNTED.sub(lambda m: f"{{count}} {m.group(3)}", text)
    return (one, many) if lang == "en" else (one,)


def load(lang: str) -> Catalog:
    path = LOCALE / lang / "LC_MESSAGES" / "lasem.po"
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle, locale=lang)
    return Catalog(
        locale=lang,
        domain="lasem",
        project="Lasem desk",
        version="0.1.0",
        copyright_holder="the Lasem desk developers",
        msgid_bugs_address="",
        last_translator="the Lasem desk developers",
        language_team="Indonesian" if lang == "id" else "English",
        header_comment=(
            "# The words of Lasem desk's interface. msgctxt: the area of the app that shows\n"
            "# the message; msgid: its key; msgstr: the text. Edit, then run\n"
            "# `python tools/i18n.py compile`."
        ),
        fuzzy=False,
    )


def main() -> int:
    catalogs = {lang: load(lang) for lang in ("id", "en")}
    owner = {
        message.id if isinstance(message.id, str) else message.id[0]: message.context
        for message in catalogs["id"]
        if message.id
    }
    converted = []
    for path in sorted(I18N.glob("*.py")):
        if path.name == "__init__.py":
            continue
        area = path.stem
        words = dict(zip(("id", "en"), dicts(path), strict=True))
        if not words["id"] and not words["en"]:
            continue
        for key in sorted(set(words["id"]) | set(words["en"])):
            if owner.get(key, area) != area:
                PROBLEMS.append(f"{key}: defined in {owner[key]} and in {area}")
                continue
            owner[key] = area
            plural = any(COUNTED.search(words[lang].get(key, "")) for lang in words)
            for lang, catalog in catalogs.items():
                text = words[lang].get(key) or words["id"].get(key, "")
                msgid: str | tuple[str, str] = (key, key) if plural else key
                value = forms(text, lang, key)
                if plural and isinstance(value, str):
                    value = (value, value) if lang == "en" else (value,)
                catalog.add(msgid, value, context=area)
        converted.append(path)
    if PROBLEMS:
        print("\n".join(PROBLEMS), file=sys.stderr)
        return 1
    for lang, catalog in catalogs.items():
        out = LOCALE / lang / "LC_MESSAGES" / "lasem.po"
        out.parent.mkdir(parents=True, exist_ok=True)
        catalog.plural_forms  # noqa: B018 - Babel fills the header from the locale
        with out.open("wb") as handle:
            write_po(handle, catalog, width=0, sort_output=False, omit_header=False)
    for path in converted:
        path.unlink()
        print(f"converted and removed {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

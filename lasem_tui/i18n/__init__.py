"""The UI's words in Indonesian (the default) and English.

Each module in this package holds one area's messages as two dicts, ``ID`` and ``EN``,
keyed alike; they are merged on first use, so adding an area is adding a file.
A missing English text falls back to Indonesian, and a missing key shows itself.

A count that a language inflects is written ``{count:problem|problems}``: "1 problem",
"2 problems". Indonesian does not inflect, so its texts keep plain ``{count} masalah``.
"""

from __future__ import annotations

import errno
import importlib
import pkgutil
import string
from typing import Any

LANGUAGES = ("id", "en")
_language = "id"
_catalogs: dict[str, dict[str, str]] | None = None


class CatalogError(RuntimeError):
    """Two modules define one key: the later would silently win on every screen (the
    projector's "Tutup tampilan proyektor" once showed as the attendance list's Esc)."""


def catalog_modules() -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """Every module of this package with its ``ID`` and ``EN`` dicts, by module name."""
    found: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found[info.name] = (getattr(module, "ID", {}), getattr(module, "EN", {}))
    return found


def merge_catalogs(
    modules: dict[str, tuple[dict[str, str], dict[str, str]]],
) -> dict[str, dict[str, str]]:
    """The modules' words in one dict per language; a key that two modules define is
    refused (``CatalogError`` naming the key and both modules)."""
    merged: dict[str, dict[str, str]] = {"id": {}, "en": {}}
    owner: dict[str, dict[str, str]] = {"id": {}, "en": {}}
    for name, (id_words, en_words) in modules.items():
        for lang, words in (("id", id_words), ("en", en_words)):
            for word_key, text in words.items():
                if word_key in owner[lang]:
                    raise CatalogError(
                        f"i18n key {word_key!r} is defined in both "
                        f"{owner[lang][word_key]} and {name}"
                    )
                owner[lang][word_key] = name
                merged[lang][word_key] = text
    return merged


def _load() -> dict[str, dict[str, str]]:
    global _catalogs
    if _catalogs is None:
        _catalogs = merge_catalogs(catalog_modules())
    return _catalogs


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(lang)
    global _language
    _language = lang


def get_language() -> str:
    return _language


class _Counting(string.Formatter):
    """``str.format`` plus ``{count:one|many}``, the count followed by its noun."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" not in format_spec:
            plain: str = super().format_field(value, format_spec)
            return plain
        one, many = format_spec.split("|", 1)
        return f"{value} {one if str(value) == '1' else many}"


_COUNTING = _Counting()


def t(key: str, /, **params: Any) -> str:
    """The message ``key`` in the current language, with ``{params}`` filled in."""
    catalogs = _load()
    text = catalogs[_language].get(key) or catalogs["id"].get(key) or key
    if not params:
        return text
    # The plain str.format unless the text has a count to inflect: t() runs on every
    # screen refresh.
    return _COUNTING.format(text, **params) if "|" in text else text.format(**params)


def has(key: str) -> bool:
    return key in _load()["id"]


def keys(lang: str) -> set[str]:
    return set(_load()[lang])


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in the user's language where the reason is a
    common one (a full disk, a name too long); otherwise the system's own words."""
    name = errno.errorcode.get(exc.errno or 0, "")
    key = f"os.{name}"
    if name and has(key):
        return t(key)
    return exc.strerror or str(exc)

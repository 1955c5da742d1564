"""The UI's words in Indonesian (the default) and English.

Each module in this package holds one area's messages as two dicts, ``ID`` and ``EN``,
keyed alike; they are merged on first use, so adding an area is adding a file.
A missing English text falls back to Indonesian, and a missing key shows itself.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

LANGUAGES = ("id", "en")
_language = "id"
_catalogs: dict[str, dict[str, str]] | None = None


def _load() -> dict[str, dict[str, str]]:
    global _catalogs
    if _catalogs is None:
        merged: dict[str, dict[str, str]] = {"id": {}, "en": {}}
        for info in pkgutil.iter_modules(__path__):
            module = importlib.import_module(f"{__name__}.{info.name}")
            merged["id"].update(getattr(module, "ID", {}))
            merged["en"].update(getattr(module, "EN", {}))
        _catalogs = merged
    return _catalogs


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(lang)
    global _language
    _language = lang


def get_language() -> str:
    return _language


def t(key: str, /, **params: Any) -> str:
    """The message ``key`` in the current language, with ``{params}`` filled in."""
    catalogs = _load()
    text = catalogs[_language].get(key) or catalogs["id"].get(key) or key
    return text.format(**params) if params else text


def has(key: str) -> bool:
    return key in _load()["id"]


def keys(lang: str) -> set[str]:
    return set(_load()[lang])

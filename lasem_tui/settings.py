"""User settings (language, projector theme) in a small JSON file in the config dir.

A broken or unwritable file never stops the app: it falls back to the defaults.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from lasem_tui.store.locations import config_path


@dataclass(frozen=True)
class Settings:
    lang: str = "id"
    projector_theme: str = "dark"
    #: An import refuses a file with more proposals than this, and one that would give a
    #: village more than the second: limits no kecamatan reaches and a mistake (a whole
    #: regency's recap, a row copied down to the sheet's end) does.
    import_max_proposals: int = 5000
    import_max_per_village: int = 500


def _path() -> Path:
    override = os.environ.get("LASEM_SETTINGS")
    return Path(override) if override else config_path()


#: The values each setting may take; anything else in the file (hand-edited, from a
#: newer version) falls back to the default rather than stopping every command.
ALLOWED = {"lang": ("id", "en"), "projector_theme": ("dark", "light")}
#: The settings that are counts: any whole number from 1 up.
COUNTS = ("import_max_proposals", "import_max_per_village")


def _allowed(name: str, value: object) -> bool:
    if name in COUNTS:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 1
    return name in ALLOWED and value in ALLOWED[name]


def load() -> Settings:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {k: v for k, v in data.items() if _allowed(k, v)}
    return Settings(**known)


def save(settings: Settings) -> None:
    path = _path()
    try:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def update(**changes: Any) -> Settings:
    settings = replace(load(), **changes)
    save(settings)
    return settings

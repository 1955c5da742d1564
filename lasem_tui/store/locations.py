"""Where Lasem desk keeps its files, all through platformdirs so each OS gets its usual place.

In the store because the store is what opens the default database and writes the backups;
the settings file and the documents folder are here too, so that every place is in one
module."""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs(appname="lasem-desk", appauthor=False)


def data_dir() -> Path:
    """The user data directory; created on first use, readable by its owner only (it
    holds the meeting's names and NIP numbers)."""
    from lasem_tui.store.file_modes import private_folder

    return private_folder(Path(_DIRS.user_data_dir))


def default_database_path() -> Path:
    return data_dir() / "lasem.db"


def config_path() -> Path:
    path = Path(_DIRS.user_config_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path / "settings.json"


def backups_dir() -> Path:
    """The backups folder (700), its files tightened to 600 if an older version made them."""
    from lasem_tui.store.file_modes import private_folder, tighten_folder_files

    path = private_folder(data_dir() / "backups")
    tighten_folder_files(path)
    return path


def documents_dir() -> Path:
    """Default folder for exported documents."""
    return Path(_DIRS.user_documents_dir)

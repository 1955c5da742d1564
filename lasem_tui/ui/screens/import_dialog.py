"""Import, step one: which file (typed, or picked in the folder tree) and which sheet.

Enter in the path field never skips the village choice: a file without a village column
(one village's own recap) with no village chosen yet stops here, with the village list
focused and a line saying to pick it, instead of failing in the preview on a missing
column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, Select, Static

from lasem_tui.exchange.importing import ImportFileError, read_source
from lasem_tui.exchange.importing.headings import find_headings
from lasem_tui.i18n import t
from lasem_tui.ui.widgets.dialog_body import DialogBody
from lasem_tui.ui.widgets.text_input import TextInput

RECAP_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".txt")


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    sheet: str | None = None
    #: The village a recap without a village column belongs to (one village's own file).
    village_id: int | None = None


class RecapTree(DirectoryTree):
    """Folders, and only the files an import can read."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            p
            for p in paths
            if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in RECAP_SUFFIXES)
        ]


def _has_village_column(path: Path, sheet: str | None) -> bool:
    """Whether the file's heading row names a village column; a file that cannot be
    read, or has no heading row, counts as having one: the preview says what is wrong
    with it."""
    try:
        table = read_source(path, sheet=sheet)
    except (ImportFileError, OSError, ValueError):
        return True
    headings = find_headings(table.rows, table.merges)
    return headings is None or headings.column("village") is not None


class ImportDialog(ModalScreen[ImportRequest | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Esc", show=False),
        # q goes back on every screen but the desk (a typed q stays in the path).
        Binding("q", "cancel", "q", show=False),
    ]

    #: The last file asked for, offered again next time (the folder of recaps).
    last_path: str = ""

    def __init__(self, start: Path | None = None, villages: Sequence[tuple[str, int]] = ()) -> None:
        """``villages``: the meeting's (name, id), offered for a recap that has no
        village column, as a village sends its own."""
        super().__init__()
        self.start = start
        self.villages = tuple(villages)

    def _folder(self) -> Path:
        if self.start is not None:
            return self.start
        if ImportDialog.last_path:
            parent = Path(ImportDialog.last_path).expanduser().parent
            if parent.is_dir():
                return parent
        return Path.cwd()

    def compose(self) -> ComposeResult:
        folder = self._folder()
        with DialogBody(classes="dialog import"):
            yield Static(t("import_ui.title"), classes="dialog-title")
            yield Static(t("import_ui.help"), classes="dialog-subject")
            yield Label(t("import_ui.path"))
            yield TextInput(
                ImportDialog.last_path or f"{folder}{'/' if str(folder) != '/' else ''}",
                placeholder=t("import_ui.path_placeholder"),
                id="path",
            )
            yield Label("", id="path-error", classes="dialog-error")
            with Horizontal(id="import-options"):
                with Vertical():
                    yield Label(t("import_ui.sheet"))
                    yield TextInput(
                        placeholder=t("import_ui.sheet_placeholder"), id="sheet", max_length=100
                    )
                with Vertical():
                    yield Label(t("import_ui.village"))
                    yield Select(
                        self.villages,
                        prompt=t("import_ui.village_from_file"),
                        id="village",
                    )
            yield Label(t("import_ui.browse", folder=str(folder)), id="browse-label")
            yield RecapTree(folder, id="tree")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("import_ui.preview"), variant="primary", id="preview")
                yield Button(t("cancel"), id="cancel")

    def on_mount(self) -> None:
        path = self.query_one("#path", Input)
        path.focus()
        path.cursor_position = len(path.value)

    @on(DirectoryTree.FileSelected)
    def _file_picked(self, event: DirectoryTree.FileSelected) -> None:
        path = self.query_one("#path", Input)
        path.value = str(event.path)
        path.focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#preview")
    def _submit(self) -> None:
        text = self.query_one("#path", Input).value.strip().strip('"').strip("'")
        error = self.query_one("#path-error", Label)
        path = Path(text).expanduser() if text else None
        problem = ""
        if path is None:
            problem = t("import_ui.path_required")
        elif not path.exists():
            problem = t("import.file_missing", name=str(path))
        elif path.is_dir():
            problem = t("import.file_is_folder", name=path.name or str(path))
        if problem:
            error.update(problem)
            error.set_class(True, "-shown")
            self.query_one("#path", Input).focus()
            return
        assert path is not None
        ImportDialog.last_path = str(path)
        sheet = self.query_one("#sheet", Input).value.strip() or None
        village_select = self.query_one("#village", Select)
        village = village_select.value
        village_id = village if isinstance(village, int) else None
        if village_id is None and self.villages and not _has_village_column(path, sheet):
            error.update(t("import_ui.pick_village"))
            error.set_class(True, "-shown")
            village_select.focus()
            return
        self.dismiss(ImportRequest(path, sheet, village_id))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

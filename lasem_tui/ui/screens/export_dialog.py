"""Export the documents from the app: choose a format, a place, and watch it being written.

The writing runs in a worker thread with a progress bar; the dialog says where the
files went. An existing file is only replaced after the user ticks "overwrite", or
answers the refusal (a sentence naming the file and its folder) with its Overwrite
button. The CSV comes in both variants, named: commas for other programs (as
``lasem export csv`` writes) and semicolons for Excel in an Indonesian locale.

Compact fields, the formats and the paper side by side: the dialog and its buttons fit
at 120x36 and at 80x24.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    ProgressBar,
    RadioButton,
    RadioSet,
    Static,
)

from lasem_tui.exchange.exports import ExportError, ExportResult, default_name, export
from lasem_tui.exchange.record import read_record
from lasem_tui.i18n import t
from lasem_tui.store.locations import documents_dir
from lasem_tui.ui.widgets.dialog_body import DialogBody
from lasem_tui.ui.widgets.text_input import TextInput

if TYPE_CHECKING:
    from lasem_tui.ui.context import DeskContext

#: The choices in the dialog; ``csv_excel`` is the CSV for Excel (``--excel``).
FORMATS = (
    "docx",
    "pdf",
    "xlsx",
    "md",
    "csv",
    "csv_excel",
    "attendance",
    "minutes",
    "slips",
    "sipd",
    "geojson",
)


def _export_format(choice: str) -> tuple[str, bool]:
    """The export format of a choice, and whether it is the Excel variant."""
    return ("csv", True) if choice == "csv_excel" else (choice, False)


class ExportDialog(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Esc", show=True),
        # q goes back on every screen but the desk.
        Binding("q", "close", "q", show=False),
    ]

    class Progressed(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Finished(Message):
        def __init__(
            self, result: ExportResult | None, error: str = "", *, exists: bool = False
        ) -> None:
            super().__init__()
            self.result = result
            self.error = error
            #: The refusal was "already exists": offer to overwrite.
            self.exists = exists

    def __init__(self, context: DeskContext) -> None:
        """``context``: the database, the meeting and this desk's reviewer seat."""
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        with DialogBody(classes="dialog export"):
            yield Static(t("export.title"), classes="dialog-title")
            with Horizontal(id="export-choices"):
                with RadioSet(id="format", compact=True):
                    for index, fmt in enumerate(FORMATS):
                        yield RadioButton(
                            t(f"export.format.{fmt}"), value=index == 0, id=f"fmt-{fmt}"
                        )
                with Vertical(id="export-paper"):
                    yield Label(t("export.paper"))
                    with RadioSet(id="paper", compact=True):
                        yield RadioButton("A4", value=True, id="paper-a4")
                        yield RadioButton("F4 (215 × 330 mm)", id="paper-f4")
            yield Label(t("export.folder"))
            yield TextInput(str(documents_dir()), id="folder", compact=True)
            yield Label(t("export.file"))
            yield TextInput(id="filename", compact=True)
            yield Checkbox(t("export.overwrite"), id="force", compact=True)
            yield ProgressBar(total=100, show_eta=False, id="export-progress")
            yield Label("", id="dialog-error", classes="dialog-error")
            yield Static("", id="export-done")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("export.go"), variant="primary", id="go", compact=True)
                yield Button(
                    t("export.overwrite_now"), variant="warning", id="overwrite", compact=True
                )
                yield Button(t("export.close"), id="close", compact=True)

    def on_mount(self) -> None:
        self._record = read_record(self.context.db, self.context.meeting_id)
        self._suggest_name()
        self.query_one("#export-progress", ProgressBar).display = False
        self.query_one("#overwrite", Button).display = False

    def _format(self) -> str:
        pressed = self.query_one("#format", RadioSet).pressed_button
        return (pressed.id or "fmt-docx").removeprefix("fmt-") if pressed else "docx"

    def _paper(self) -> str:
        pressed = self.query_one("#paper", RadioSet).pressed_button
        return "f4" if pressed is not None and pressed.id == "paper-f4" else "a4"

    def _suggest_name(self) -> None:
        choice = self._format()
        fmt, excel = _export_format(choice)
        name = default_name(self._record, fmt)
        if excel:
            name = name.removesuffix(".csv") + "-excel.csv"
        self.query_one("#filename", Input).value = name

    @on(RadioSet.Changed, "#format")
    def _format_changed(self) -> None:
        self._suggest_name()

    def _error(self, message: str) -> None:
        label = self.query_one("#dialog-error", Label)
        label.update(message)
        label.set_class(bool(message), "-shown")

    @on(Button.Pressed, "#overwrite")
    def _overwrite(self) -> None:
        """The answer to "already exists": write over it, this once."""
        self._go(force=True)

    @on(Button.Pressed, "#go")
    @on(Input.Submitted)
    def _go_pressed(self) -> None:
        self._go()

    def _go(self, *, force: bool = False) -> None:
        self.query_one("#overwrite", Button).display = False
        folder = self.query_one("#folder", Input).value.strip()
        name = self.query_one("#filename", Input).value.strip()
        if not folder or not name:
            self._error(t("export.need_path"))
            return
        self._error("")
        self.query_one("#export-done", Static).update("")
        bar = self.query_one("#export-progress", ProgressBar)
        bar.display = True
        bar.update(total=100, progress=0)
        self.query_one("#go", Button).disabled = True
        self._write(
            self._format(),
            Path(folder).expanduser() / name,
            self._paper(),
            force or self.query_one("#force", Checkbox).value,
        )

    @work(thread=True, exclusive=True, group="export")
    def _write(self, choice: str, path: Path, paper: str, force: bool) -> None:
        """Write in a thread; talk to the dialog only through messages."""
        fmt, excel = _export_format(choice)

        def progressed(done: int, total: int) -> None:
            self.post_message(self.Progressed(done, total))

        try:
            result = export(
                self.context.db,
                self.context.meeting_id,
                fmt,
                path,
                paper=paper,
                force=force,
                excel=excel,
                progress=progressed,
            )
        except ExportError as exc:
            if exc.code == "export_exists":
                where = Path(exc.path) if exc.path else path
                sentence = t("export.exists_sentence", name=where.name, folder=str(where.parent))
                self.post_message(self.Finished(None, sentence, exists=True))
                return
            self.post_message(
                self.Finished(None, t(exc.code, path=str(exc.path), detail=exc.detail))
            )
            return
        except OSError as exc:
            self.post_message(self.Finished(None, f"{path}: {exc.strerror or exc}"))
            return
        except ValueError as exc:  # a path the system cannot even name (an embedded NUL)
            self.post_message(self.Finished(None, f"{path!r}: {exc}"))
            return
        self.post_message(self.Finished(result))

    @on(Progressed)
    def _progressed(self, message: Progressed) -> None:
        self.query_one("#export-progress", ProgressBar).update(
            total=message.total, progress=message.done
        )

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        self.query_one("#go", Button).disabled = False
        if message.result is None:
            self.query_one("#export-progress", ProgressBar).display = False
            self._error(message.error)
            if message.exists:
                overwrite = self.query_one("#overwrite", Button)
                overwrite.display = True
                overwrite.focus()
            return
        paths = "\n".join(str(p) for p in message.result.paths)
        self.query_one("#export-done", Static).update(f"{t('export.done')}\n{paths}")
        self.notify(t("export.written_short", count=len(message.result.paths)), markup=False)
        missing = message.result.unprintable
        if missing:
            self.notify(
                t("export.unprintable", count=len(missing), chars=missing),
                severity="warning",
                markup=False,
            )

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)

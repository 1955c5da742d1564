"""The setup screen's kamus usulan tab: the meeting's kamus, read-only.

The kamus comes from SIPD's catalogue as a file; it is replaced with ``lasem kamus
import FILE`` (all or nothing), not edited entry by entry, so this lists it only.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from lasem_tui.domain.money import format_rupiah
from lasem_tui.i18n import t
from lasem_tui.store import kamus
from lasem_tui.store.database import Database


class KamusSection(Vertical):
    def __init__(
        self, db: Database, meeting_id: int, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.db = db
        self.meeting_id = meeting_id
        with db.read() as session:
            self.entries = kamus.entries(session, meeting_id)

    def compose(self) -> ComposeResult:
        hint = t("kamus.title", count=len(self.entries)) if self.entries else t("kamus.empty")
        yield Static(Text(f"{hint}. {t('kamus.setup_hint')}"), classes="pane-help")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="kamus-table")

    def on_mount(self) -> None:
        table = self.query_one("#kamus-table", DataTable)
        table.add_column(t("kamus.col_code"), key="code")
        table.add_column(t("kamus.col_name"), width=40, key="name")
        table.add_column(t("kamus.col_unit"), key="unit")
        table.add_column(t("kamus.col_price"), key="price")
        table.add_column(t("kamus.col_agency"), width=24, key="agency")
        table.add_column(t("kamus.col_kind"), key="kind")
        for entry in self.entries:
            table.add_row(
                Text(entry.code),
                Text(entry.name),
                Text(entry.unit),
                Text(format_rupiah(entry.unit_price), justify="right"),
                Text(entry.agency),
                Text(entry.kind),
                key=str(entry.id),
            )

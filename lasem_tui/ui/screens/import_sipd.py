"""The import preview's SIPD part: what a re-import skips and would change, the kamus
matches, and the two switches that say what confirming does with them.

Both switches start off: confirming the import then adds the new rows only, and the
preview says so; ticking "Terapkan perubahan SIPD" writes the changed rows over their
undecided proposals, ticking "Tautkan ke kamus" links each new row to its closest entry.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Static

from lasem_tui.exchange.importing import ImportPreview
from lasem_tui.i18n import t


class SipdImportOptions(Vertical):
    """Hidden for a plain recap; shown when the file is an SIPD export or has matches."""

    def compose(self) -> ComposeResult:
        yield Static("", id="sipd-summary")
        with Horizontal(id="sipd-switches"):
            yield Checkbox(t("sipd.apply_changes", count=0), id="sipd-apply")
            yield Checkbox(t("sipd.link_kamus", count=0), id="sipd-link")

    def on_mount(self) -> None:
        self.display = False

    def show(self, checked: ImportPreview) -> None:
        outcome = checked.sipd
        relevant = outcome.is_sipd or bool(outcome.kamus)
        self.display = relevant
        if not relevant:
            return
        self.query_one("#sipd-summary", Static).update(
            Text(
                t(
                    "sipd.preview_summary",
                    unchanged=len(outcome.unchanged),
                    changed=len(outcome.changes),
                    kamus=len(outcome.kamus),
                )
            )
        )
        apply = self.query_one("#sipd-apply", Checkbox)
        apply.label = t("sipd.apply_changes", count=len(outcome.applicable_changes))
        apply.display = bool(outcome.applicable_changes)
        link = self.query_one("#sipd-link", Checkbox)
        link.label = t("sipd.link_kamus", count=len(outcome.kamus))
        link.display = bool(outcome.kamus)

    @property
    def apply_changes(self) -> bool:
        box = self.query_one("#sipd-apply", Checkbox)
        return bool(box.display and box.value)

    @property
    def link_kamus(self) -> bool:
        box = self.query_one("#sipd-link", Checkbox)
        return bool(box.display and box.value)

"""What `lasem import` says of a SIPD re-import and of the kamus suggestions.

Printed before anything is written, so that the user sees which changes confirming
would apply (only with ``--apply-changes``) and which kamus links it would make (only
with ``--link-kamus``); and after, what was done.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from lasem_tui import i18n
from lasem_tui.domain.importing.extras import SipdChange
from lasem_tui.domain.importing.model import ImportPreview, ImportResult
from lasem_tui.domain.money import format_rupiah


def shown(value: object) -> str:
    """A stored or read value as a change lists it."""
    if value is None or value == "":
        return "-"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def field_label(name: str) -> str:
    return i18n.t(f"sipd.field.{name}")


def changes_table(changes: tuple[SipdChange, ...]) -> Table:
    table = Table(title=i18n.t("sipd.changes_title"), title_justify="left")
    table.add_column(i18n.t("import.col_row"), justify="right", no_wrap=True)
    table.add_column("ID", no_wrap=True)
    table.add_column(i18n.t("sipd.col_proposal"), overflow="fold")
    table.add_column(i18n.t("sipd.col_field"), no_wrap=True)
    table.add_column(i18n.t("sipd.col_old"), overflow="fold")
    table.add_column(i18n.t("sipd.col_new"), overflow="fold")
    for change in changes:
        for index, item in enumerate(change.changes):
            first = index == 0
            label = f"{change.ref} {change.title}" if first else ""
            if first and change.decided:
                label += f" ({i18n.t('sipd.decided_kept')})"
            table.add_row(
                str(change.row) if first else "",
                change.sipd_id if first else "",
                label,
                field_label(item.field),
                shown(item.old),
                shown(item.new),
            )
    return table


def kamus_table(result: ImportPreview) -> Table:
    table = Table(title=i18n.t("sipd.kamus_title"), title_justify="left")
    table.add_column(i18n.t("import.col_row"), justify="right", no_wrap=True)
    table.add_column(i18n.t("sipd.col_proposal"), overflow="fold")
    table.add_column(i18n.t("kamus.col_entry"), overflow="fold")
    table.add_column(i18n.t("kamus.col_price"), justify="right", no_wrap=True)
    titles = {row.row: row.title for row in result.rows}
    for suggestion in result.sipd.kamus:
        table.add_row(
            str(suggestion.row),
            titles.get(suggestion.row, ""),
            f"{suggestion.code} {suggestion.name} ({suggestion.unit})".strip(),
            format_rupiah(suggestion.unit_price),
        )
    return table


def print_preview(
    out: Console, result: ImportPreview, *, apply_changes: bool, link_kamus: bool
) -> None:
    outcome = result.sipd
    if outcome.unchanged:
        out.print(i18n.t("sipd.unchanged_skipped", count=len(outcome.unchanged)))
    if outcome.changes:
        out.print(changes_table(outcome.changes))
        key = "sipd.changes_will_apply" if apply_changes else "sipd.changes_not_applied"
        out.print(
            i18n.t(key, count=len(outcome.changes), applicable=len(outcome.applicable_changes))
        )
    if outcome.kamus:
        out.print(kamus_table(result))
        key = "sipd.kamus_will_link" if link_kamus else "sipd.kamus_not_linked"
        out.print(i18n.t(key, count=len(outcome.kamus)))


def print_done(out: Console, done: ImportResult) -> None:
    if done.changed_ids:
        out.print(i18n.t("sipd.changes_applied", count=len(done.changed_ids)))
    if done.kamus_linked:
        out.print(i18n.t("sipd.kamus_linked", count=done.kamus_linked))

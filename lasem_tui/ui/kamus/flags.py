"""The words the desk's table and detail panel show for the kamus flag and the point.

Pure (no widgets): the desk reads the kamus's prices once per village
(``store.kamus.prices``); the review table shows ``short_mark`` of a proposal's flag
after its title and the detail panel ``kamus_fact`` and ``point_fact``.
"""

from __future__ import annotations

from rich.text import Text

from lasem_tui.domain import geo
from lasem_tui.domain.kamus import KamusFlag, amount_for
from lasem_tui.domain.money import format_rupiah
from lasem_tui.i18n import t
from lasem_tui.store import kamus as kamus_store
from lasem_tui.store.kamus import KamusView
from lasem_tui.store.views import ProposalRow


def flag_text(flag: KamusFlag) -> str:
    """ "tidak sesuai kamus", "di luar kamus", or nothing."""
    if flag is KamusFlag.MISMATCH:
        return t("kamus.flag_mismatch")
    if flag is KamusFlag.OUTSIDE:
        return t("kamus.flag_outside")
    return ""


def point_text(latitude: float | None, longitude: float | None) -> str:
    """The detail panel's "Koordinat: -6.69210, 111.44720" line, empty without a point."""
    if latitude is None or longitude is None:
        return ""
    return f"{t('geo.location')}: {geo.format_point(latitude, longitude)}"


#: How a flag reads in the review table: the mismatch warns, the outside is only said.
MARK_STYLE = {KamusFlag.MISMATCH: "bold yellow", KamusFlag.OUTSIDE: "dim"}


def short_mark(flag: KamusFlag) -> Text:
    """The review table's mark after the title ("≠K", "∉K"), empty when nothing to say;
    short because the table must stay readable at 80 columns."""
    if flag is KamusFlag.MISMATCH:
        return Text(t("kamus_desk.mark_mismatch"), style=MARK_STYLE[flag])
    if flag is KamusFlag.OUTSIDE:
        return Text(t("kamus_desk.mark_outside"), style=MARK_STYLE[flag])
    return Text()


def kamus_fact(row: ProposalRow, prices: dict[int, KamusView]) -> tuple[str, Text] | None:
    """The detail panel's kamus line (label, value): the linked entry with its unit
    price, and the flag (with what volume x unit price comes to when it differs); None
    when the meeting has no kamus."""
    flag = kamus_store.flag_for(row, prices)
    entry = prices.get(row.kamus_entry_id) if row.kamus_entry_id is not None else None
    if entry is None:
        if flag is KamusFlag.OUTSIDE:
            return t("kamus.col_entry"), Text(flag_text(flag), style=MARK_STYLE[flag])
        return None
    value = Text(
        t(
            "kamus_desk.entry_price",
            entry=f"{entry.code} {entry.name}".strip(),
            price=format_rupiah(entry.unit_price),
            unit=entry.unit or row.unit or "-",
        )
    )
    if flag is KamusFlag.MISMATCH:
        value.append(f"\n{flag_text(flag)}", style=MARK_STYLE[flag])
        expected = amount_for(row.volume, entry.unit_price)
        if expected is not None:
            value.append(
                f" ({t('kamus_desk.expected', amount=format_rupiah(expected))})", style="dim"
            )
    return t("kamus.col_entry"), value


def point_fact(row: ProposalRow) -> tuple[str, Text] | None:
    """The detail panel's coordinates line (label, value), None without a point."""
    if row.latitude is None or row.longitude is None:
        return None
    return t("geo.location"), Text(geo.format_point(row.latitude, row.longitude))

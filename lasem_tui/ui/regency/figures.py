"""What the regency overview draws: rich renderables from the store's plain figures.

Kept apart from the screen so that the lines are built (and tested) without an app.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from lasem_tui import i18n
from lasem_tui.domain.money import format_rupiah, format_rupiah_short
from lasem_tui.i18n import t
from lasem_tui.store.regency import MeetingState, MeetingSummary, RegencyOverview, Share

#: Styles only (no colours): the overview is read under the desk's and the projector's
#: themes alike.
STATE_STYLES = {
    MeetingState.NOT_STARTED: "dim",
    MeetingState.AT_DESK: "bold",
    MeetingState.DONE: "",
    MeetingState.CLOSED: "italic",
}

#: "Rp 99.999.999.999": a regency's total fits.
AMOUNT_WIDTH = 17

#: How many lines each breakdown shows (the rest are summed on one line).
BREAKDOWN_LINES = 12


def kind_label(kind: str) -> str:
    key = f"kind.{kind}"
    return t(key) if i18n.has(key) else kind


#: The meetings table's columns, wide and at 80 columns.
COLUMNS = ("kecamatan", "kind", "date", "state", "decided", "approved", "ceiling", "share")
NARROW_COLUMNS = ("kecamatan", "state", "decided", "approved", "ceiling")


def meeting_cells(meeting: MeetingSummary, *, narrow: bool = False) -> tuple[Text, ...]:
    """One row of the meetings table: kecamatan, kind, date, state, approved, ceiling;
    at 80 columns without the kind, the date and the share, amounts in short."""
    money = format_rupiah_short if narrow else format_rupiah
    state = Text(t(f"regency.state.{meeting.state.value}"), style=STATE_STYLES[meeting.state])
    kecamatan = meeting.kecamatan or meeting.title
    if meeting.is_demo:
        kecamatan = f"{kecamatan} ({t('demo_data')})"
    share = f"{meeting.approved * 100 // meeting.ceiling} %" if meeting.ceiling else "-"
    cells = {
        "kecamatan": Text(kecamatan),
        "kind": Text(kind_label(meeting.kind)),
        "date": Text(f"{meeting.held_on:%d/%m/%Y}"),
        "state": state,
        "decided": Text(f"{meeting.decided}/{meeting.proposals}", justify="right"),
        "approved": Text(
            money(meeting.approved),
            justify="right",
            style="bold reverse" if meeting.over else "",
        ),
        "ceiling": Text(money(meeting.ceiling), justify="right"),
        "share": Text(share, justify="right"),
    }
    return tuple(cells[name] for name in (NARROW_COLUMNS if narrow else COLUMNS))


def totals_line(overview: RegencyOverview) -> Text:
    """The regency's approved total against the sum of the ceilings."""
    ceiling = overview.ceiling
    line = Text.assemble(
        (t("regency.total_approved"), "bold"),
        " ",
        (format_rupiah(overview.approved), "bold"),
        "  ·  ",
        t("regency.total_ceiling"),
        " ",
        format_rupiah(ceiling),
        "  ·  ",
        t("regency.meetings_count", count=len(overview.meetings)),
    )
    if ceiling is not None and overview.approved > ceiling:
        line.append("  ")
        line.append(
            f" {t('regency.over', amount=format_rupiah(overview.approved - ceiling))} ",
            style="bold reverse",
        )
    return line


def breakdown(
    shares: Sequence[Share], *, empty: str, amount_heading: str, narrow: bool = False
) -> Table | Text:
    """A name / count / amount table, the largest first, the tail summed on one line;
    at 80 columns the amounts in short and no count."""
    money = format_rupiah_short if narrow else format_rupiah
    if not shares:
        return Text(empty, style="italic")
    table = Table(box=None, expand=True, pad_edge=False, show_edge=False)
    table.add_column(
        t("regency.col.name"), ratio=1, min_width=12, overflow="ellipsis", no_wrap=True
    )
    if not narrow:
        table.add_column(t("regency.col.count"), justify="right", no_wrap=True, width=6)
    table.add_column(
        amount_heading, justify="right", no_wrap=True, width=10 if narrow else AMOUNT_WIDTH
    )
    shown = list(shares[:BREAKDOWN_LINES])
    rest = shares[BREAKDOWN_LINES:]
    lines = [
        (Text(_name(s.name, narrow) or t("regency.unnamed")), s.count, s.amount) for s in shown
    ]
    if rest:
        lines.append(
            (
                Text(t("regency.others", count=len(rest)), style="italic"),
                sum(s.count for s in rest),
                sum(s.amount for s in rest),
            )
        )
    for name, count, amount in lines:
        table.add_row(name, money(amount)) if narrow else table.add_row(
            name, str(count), money(amount)
        )
    return table


def _name(name: str, narrow: bool) -> str:
    """At 80 columns "Dinas Pertanian dan Pangan" is "Pertanian dan Pangan": every OPD
    starting alike, the first word tells them apart least."""
    if narrow and name.startswith("Dinas ") and len(name) > len("Dinas "):
        return name.removeprefix("Dinas ")
    return name


def funding_shares(shares: Sequence[Share]) -> list[Share]:
    """The funding sources by their names on screen."""
    named = []
    for share in shares:
        key = f"source.{share.name}"
        named.append(Share(t(key) if i18n.has(key) else share.name, share.count, share.amount))
    return named

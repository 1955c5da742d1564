"""The projector's parts: big figures for money and time, and the lines the room reads.

Text colours come from the projector themes' variables (``$pj-*``), never from fixed
colour names, so both themes keep their 7:1 contrast. The line builders return
``Content`` so that names typed by users are never read as markup.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from pyfiglet import Figlet
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from lasem_tui.domain.clock import DeskClock
from lasem_tui.domain.dates import format_clock, format_duration, local
from lasem_tui.domain.fit import Fit, FitOrder, ordered
from lasem_tui.domain.money import format_number, format_rupiah, format_volume
from lasem_tui.domain.states import ProposalStatus, VillageState
from lasem_tui.domain.tally import Tally
from lasem_tui.i18n import t
from lasem_tui.store.views import DeskState, ProposalRow, VillageRow
from lasem_tui.ui.fit.rows import line_label
from lasem_tui.ui.widgets.big_digits import BigDigits

#: Text colour of each state on the projector (theme variables, 7:1 on the panels).
STATUS_COLOUR = {
    ProposalStatus.PENDING: "$pj-muted",
    ProposalStatus.ACCEPTED: "$pj-good",
    ProposalStatus.ADJUSTED: "$pj-blue",
    ProposalStatus.REJECTED: "$pj-bad",
    ProposalStatus.DEFERRED: "$pj-amber",
    ProposalStatus.REDIRECTED: "$pj-purple",
    ProposalStatus.MERGED: "$pj-muted",
}


def juta(amount: int) -> str:
    """An amount in millions of rupiah for the big digits: ``16.635``, ``2,5``, ``0,35``."""
    value = amount / 1_000_000
    if abs(value) >= 10 or value == round(value):
        return format_number(round(value))
    decimals = 1 if abs(value) >= 1 else 2
    text = f"{value:.{decimals}f}".replace(".", ",")
    return "0" if text.strip("-0,") == "" else text


class MoneyFigure(Vertical):
    """A label, an amount in big digits (millions), and the exact amount under it."""

    def compose(self) -> ComposeResult:
        yield BigDigits("", classes="figure")
        yield Static("", classes="exact")

    def show(self, title: str, amount: int | None, *, loud: bool = False) -> None:
        self.border_title = title
        self.border_subtitle = t("projector.unit")
        self.set_class(loud, "-over")
        digits = self.query_one(BigDigits)
        exact = self.query_one(".exact", Static)
        if amount is None:
            digits.update("-")
            exact.update(t("projector.no_ceiling"))
            return
        digits.update(juta(amount))
        exact.update(format_rupiah(amount))


class TimerFigure(Vertical):
    """The village's time: what is left of its share in big digits, negative once over."""

    def compose(self) -> ComposeResult:
        yield BigDigits("", classes="figure")
        yield Static("", classes="exact")

    def show(self, clock: DeskClock | None, village: VillageRow | None) -> None:
        digits = self.query_one(BigDigits)
        line = self.query_one(".exact", Static)
        level = clock.level if clock is not None and village is not None else "ok"
        for name in ("ok", "warn", "over"):
            self.set_class(level == name, f"-{name}")
        if clock is None or village is None:
            self.border_title = t("projector.time_at_desk")
            digits.update("-:--")
            line.update("")
            return
        left = clock.left_seconds
        if left is None:
            self.border_title = t("projector.time_at_desk")
            digits.update(format_duration(clock.at_desk_seconds))
            line.update("")
            return
        if clock.paused:
            self.border_title = t("room_desk.paused")
        else:
            self.border_title = t("projector.time_over" if left < 0 else "projector.time_left")
        digits.update(format_duration(left))
        line.update(
            t(
                "projector.spent_share",
                spent=format_duration(clock.at_desk_seconds),
                share=format_duration(clock.planned_seconds or 0),
            )
        )

    def show_total(self, seconds: float, villages: int) -> None:
        """The end of the meeting: how long the desk took over all its villages."""
        for name in ("ok", "warn", "over"):
            self.set_class(name == "ok", f"-{name}")
        self.border_title = t("projector.time_total")
        self.query_one(BigDigits).update(format_duration(seconds))
        self.query_one(".exact", Static).update(t("projector.time_total_line", villages=villages))


class StateCounts(Widget):
    """Items in as many columns as the width allows, filled column by column."""

    GAP = 3

    items: reactive[tuple[Content, ...]] = reactive((), layout=True)

    def _layout(self, width: int) -> tuple[int, list[int]]:
        """Rows, and the width of each column, for the most columns that fit."""
        items = self.items
        for columns in range(len(items), 0, -1):
            rows = -(-len(items) // columns)
            widths = [
                max(item.cell_length for item in items[start : start + rows])
                for start in range(0, len(items), rows)
            ]
            if sum(widths) + self.GAP * (len(widths) - 1) <= width or columns == 1:
                return rows, widths
        return len(items), [0]

    def render(self) -> Content:
        items = self.items
        if not items:
            return Content("")
        rows, widths = self._layout(self.size.width)
        lines = []
        for row in range(rows):
            cells = []
            for column, width in enumerate(widths):
                index = column * rows + row
                if index >= len(items):
                    break
                item = items[index]
                last = column == len(widths) - 1 or index + rows >= len(items)
                cells.append(item if last else item.pad_right(width + self.GAP - item.cell_length))
            lines.append(Content("").join(cells))
        return Content("\n").join(lines)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._layout(width)[0] if self.items else 1


def village_lines(village: VillageRow | None, tally: Tally | None) -> Content:
    """The village at the desk and its own figures."""
    if village is None:
        return Content.styled(t("projector.nobody"), "italic")
    decided = t(
        "projector.decided", done=village.proposals - village.pending, total=village.proposals
    )
    parts: list[Content | tuple[str, str] | str] = [
        (f"Desa {village.name}", "bold"),
        ("  ·  ", "$pj-muted"),
        (decided, "$pj-muted"),
        "\n",
        t(
            "projector.village_figures",
            approved=format_rupiah(village.approved),
            requested=format_rupiah(village.requested),
        ),
    ]
    if tally is not None and tally.ceiling is not None:
        parts.append(("  ·  ", "$pj-muted"))
        if tally.is_over:
            parts.append(
                (
                    f" {t('projector.village_over', over=format_rupiah(tally.over))} ",
                    "bold $pj-alert-fg on $pj-alert-bg",
                )
            )
        else:
            parts.append(
                (t("projector.village_ceiling", ceiling=format_rupiah(tally.ceiling)), "$pj-muted")
            )
    return Content.assemble(*parts)


def discussion_lines(proposal: ProposalRow | None) -> Content:
    """The proposal under discussion: what it is, what was asked, where it stands."""
    if proposal is None:
        return Content.styled(t("projector.no_discussion"), "$pj-muted italic")
    volume = f"{format_volume(proposal.volume)} {proposal.unit}".strip() if proposal.volume else ""
    parts: list[Content | tuple[str, str] | str] = [
        (f"{t('projector.discussing')}: ", "$pj-muted"),
        (f"{proposal.ref}  " if proposal.ref else "", "bold"),
        (proposal.title, "bold"),
        "\n",
        (f"{t('projector.requested')} ", "$pj-muted"),
        (format_rupiah(proposal.requested), "bold"),
    ]
    if volume:
        parts.append((f" · {volume}", "$pj-muted"))
    parts.extend(
        [
            "  ",
            (
                f"{t(f'status.{proposal.status.value}').upper()}",
                f"bold {STATUS_COLOUR[proposal.status]}",
            ),
        ]
    )
    if proposal.status is ProposalStatus.MERGED and proposal.merged_into_ref:
        parts.append((f"  {t('merge.into', ref=proposal.merged_into_ref)}", "$pj-muted"))
    if proposal.status.is_approved and proposal.approved is not None:
        parts.extend(
            [
                (f"  {t('projector.approved_amount')} ", "$pj-muted"),
                (format_rupiah(proposal.approved), f"bold {STATUS_COLOUR[proposal.status]}"),
            ]
        )
    return Content.assemble(*parts)


def proposal_list(
    proposals: Sequence[ProposalRow],
    current_id: int | None,
    *,
    scoring: bool = False,
    fit: Fit | None = None,
) -> Content:
    """Every proposal of the village at the desk, as a table in the village's priority
    order: the one under discussion marked; rank (and score when the meeting scores),
    state and amount before the title, so a narrow panel cuts only the title. With a
    ``fit``, the "garis pagu" is drawn before the first pending proposal below it."""
    if not proposals:
        return Content("")
    proposals = ordered(proposals, FitOrder.PRIORITY)
    # A score column only once something is scored: the title gets the width.
    scoring = scoring and any(row.score is not None for row in proposals)
    below = {row.candidate.id for row in fit.rows if not row.fits} if fit is not None else set()
    rank_width = max(len(str(row.priority or "")) for row in proposals)
    ref_width = max(len(row.ref or str(row.seq)) for row in proposals)
    state_width = max(len(t(f"status_short.{row.status.value}")) for row in proposals)
    amounts = [
        row.approved if row.status.is_approved and row.approved is not None else row.requested
        for row in proposals
    ]
    amount_width = max(len(format_rupiah(a)) for a in amounts)
    lines = []
    drawn = False
    for row, amount in zip(proposals, amounts, strict=True):
        here = row.id == current_id
        if row.id in below and not drawn and fit is not None:
            drawn = True
            lines.append(Content.styled(f"  ━━━ {line_label(fit)} ━━━", "bold $pj-bad"))
        muted = row.id in below
        parts: list[tuple[str, str]] = [
            ("▶ " if here else "  ", "bold"),
            (f"{row.priority or '':>{rank_width}} ", "$pj-muted"),
        ]
        if scoring:
            parts.append((f"{'' if row.score is None else row.score:>3} ", "$pj-muted"))
        parts += [
            (f"{(row.ref or str(row.seq)):<{ref_width}} ", "bold" if here else "$pj-muted"),
            (
                f"{t(f'status_short.{row.status.value}'):<{state_width}} ",
                f"bold {STATUS_COLOUR[row.status]}",
            ),
            (f"{format_rupiah(amount):>{amount_width}}  ", "bold" if here else ""),
            (row.title, "bold" if here else ("$pj-muted" if muted else "")),
        ]
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


def next_villages(villages: Sequence[VillageRow], limit: int) -> Content:
    """The next villages in the queue (the waiting first, then the absent ones)."""
    waiting = [v for v in villages if v.state is VillageState.WAITING]
    absent = [v for v in villages if v.state is VillageState.ABSENT]
    if not waiting and not absent:
        return Content.styled(t("projector.queue_empty"), "$pj-muted italic")
    lines = [
        Content.assemble((f"{n}. ", "$pj-muted"), (v.name, "bold"))
        for n, v in enumerate(waiting[:limit], start=1)
    ]
    if absent and len(lines) < limit:
        names = ", ".join(v.name for v in absent)
        lines.append(Content.styled(f"{t('projector.absent')}: {names}", "$pj-muted italic"))
    return Content("\n").join(lines)


def state_counts(tally: Tally, villages: Sequence[VillageRow]) -> tuple[Content, ...]:
    """The count per state and the villages done, one item each (laid out in a grid)."""
    number_width = max(len(str(tally.total)), len(str(len(villages))))
    items = [
        Content.assemble(
            (f"{tally.count(status):>{number_width}} ", f"bold {STATUS_COLOUR[status]}"),
            (t(f"status_short.{status.value}"), STATUS_COLOUR[status]),
        )
        for status in ProposalStatus
    ]
    done = sum(1 for v in villages if v.state is VillageState.DONE)
    items.append(
        Content.assemble(
            (f"{done:>{number_width}} ", "bold"),
            f"/ {len(villages)} {t('projector.villages_done')}",
        )
    )
    return tuple(items)


def meeting_over(state: DeskState) -> bool:
    """Every village done and none at the desk: the end of the meeting, not its start."""
    return (
        state.village is None
        and bool(state.villages)
        and all(v.state is VillageState.DONE for v in state.villages)
    )


def end_lines(state: DeskState) -> Content:
    """What the room reads when the last village is done: that the meeting is over (or
    closed, and when), the totals, and what comes next."""
    meeting = state.meeting
    tally = state.tally
    if meeting.closed_at is not None:
        headline = t("projector.closed_at", time=format_clock(local(meeting.closed_at)))
    else:
        headline = t("projector.meeting_over")
    parts: list[Content | tuple[str, str] | str] = [
        (headline, "bold $pj-good"),
        ("  ·  ", "$pj-muted"),
        (
            t("projector.all_done", done=len(state.villages), proposals=tally.decided),
            "$pj-muted",
        ),
        "\n",
        t(
            "projector.village_figures",
            approved=format_rupiah(tally.approved),
            requested=format_rupiah(tally.requested),
        ),
    ]
    if tally.ceiling is not None:
        parts.append(("  ·  ", "$pj-muted"))
        if tally.is_over:
            parts.append(
                (
                    f" {t('projector.over')} {format_rupiah(tally.over)} ",
                    "bold $pj-alert-fg on $pj-alert-bg",
                )
            )
        else:
            parts.append(
                (t("projector.remaining_total", remaining=format_rupiah(tally.remaining)), "")
            )
    if meeting.closed_at is None:
        parts.extend(["\n", (t("projector.what_next"), "$pj-muted italic")])
    return Content.assemble(*parts)


def village_results(villages: Sequence[VillageRow]) -> Content:
    """Each village's approved total against its request, for the end of the meeting."""
    if not villages:
        return Content("")
    name_width = max(len(v.name) for v in villages)
    approved_width = max(len(format_rupiah(v.approved)) for v in villages)
    lines = [
        Content.assemble(
            (f"{v.name:<{name_width}}  ", "bold"),
            (f"{format_rupiah(v.approved):>{approved_width}}", "bold $pj-good"),
            (f"  {t('projector.of_requested', requested=format_rupiah(v.requested))}", "$pj-muted"),
        )
        for v in villages
    ]
    return Content("\n").join(lines)


#: The big-letter font of the projector message: the box-drawing strokes of Textual's
#: own digits, three rows a line, so "Istirahat 10 menit" reads from the back.
MESSAGE_FONT = "future"
#: More lines of big letters than this and the message is shown in plain bold text.
MESSAGE_MAX_LINES = 3


#: Typographic marks typed or pasted into a message, as the font's plain ones.
_PLAIN_MARKS = str.maketrans({"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'"})


def _plain(text: str) -> str:
    """``text`` with its dashes and quotes plain and its accents dropped (é as e)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN_MARKS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("…", "...")


@lru_cache(maxsize=32)
def big_letters(text: str, width: int) -> str | None:
    """``text`` in big letters wrapped to ``width``, or None when it does not fit in
    ``MESSAGE_MAX_LINES`` lines or has a letter the font lacks (an emoji)."""
    text = _plain(text)
    if not text or width < 8:
        return None
    figlet = Figlet(font=MESSAGE_FONT, width=width, justify="left")
    if any(ord(c) not in figlet.Font.chars for c in text):
        return None
    # Each line of big letters is centred by the widget's text-align.
    lines = [line.rstrip() for line in figlet.renderText(text).rstrip("\n").split("\n")]
    if len(lines) > 3 * MESSAGE_MAX_LINES or max(len(line) for line in lines) > width:
        return None
    return "\n".join(lines)


class BigMessage(Widget):
    """The one-line message over the projector, in big letters when they fit."""

    text: reactive[str] = reactive("", layout=True)

    def render(self) -> Content:
        big = big_letters(self.text, self.content_size.width)
        return Content(big if big is not None else self.text)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        big = big_letters(self.text, width)
        if big is not None:
            return big.count("\n") + 1
        return max(1, -(-len(self.text) // max(1, width)))

"""The tally: approved against the ceiling, loud when over, and the count per state."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static

from lasem_tui.domain.money import format_rupiah, format_rupiah_short
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.domain.tally import Tally
from lasem_tui.i18n import t
from lasem_tui.store.fit_queries import AgencyFigures
from lasem_tui.store.views import DeskState
from lasem_tui.ui.widgets.labels import STATUS_STYLE


def tally_lines(tally: Tally, *, label: str) -> Text:
    """Approved / ceiling and what remains (or how much over), as the room reads it."""
    text = Text()
    text.append(f"{label}\n", style="bold")
    text.append(f"{t('tally.approved')}: ", style="dim")
    text.append(format_rupiah(tally.approved), style="bold")
    if tally.ceiling is not None:
        text.append(f"\n{t('tally.ceiling')}: ", style="dim")
        text.append(format_rupiah(tally.ceiling))
        if tally.is_over:
            text.append(
                f"\n{t('over_ceiling').upper()}: {format_rupiah(tally.over)}",
                style="bold white on red",
            )
        else:
            text.append(f"\n{t('tally.remaining')}: ", style="dim")
            text.append(format_rupiah(tally.remaining), style="bold green")
    return text


def state_counts(tally: Tally) -> Text:
    """Every state's count, two to a line so that all six fit under the figures."""
    counts = Text()
    for index, status in enumerate(ProposalStatus):
        if index:
            counts.append("\n" if index % 2 == 0 else "  ·  ")
        counts.append(f"{t(f'status_short.{status.value}')} ", style="dim")
        counts.append(f"{tally.count(status)}", style=STATUS_STYLE[status])
    return counts


#: OPD lines beyond those over their ceiling (the panel is 13 lines inside at 120x36,
#: and the figures above take them): the one closest to its ceiling.
AGENCY_LINES = 1


def _agency_name(agency: str) -> str:
    return agency.removeprefix("Dinas ")


#: The panel's width inside its border and padding: an OPD line never wraps.
LINE_WIDTH = 40


def _short_amount(amount: int) -> str:
    return format_rupiah_short(amount).removeprefix("Rp ")


def agency_lines(agencies: tuple[AgencyFigures, ...]) -> Text:
    """One line per OPD with a ceiling ("PUPR 830 jt/100 jt MELEBIHI PAGU"): the over
    ones always, the others while there is room (the nearest to their ceiling first)."""
    if not agencies:
        return Text()
    over = [a for a in agencies if a.is_over]
    others = sorted(
        (a for a in agencies if not a.is_over), key=lambda a: a.remaining / max(a.ceiling, 1)
    )
    shown = over + others[: max(0, AGENCY_LINES - len(over))]
    text = Text()
    for a in shown:
        if text:
            text.append("\n")
        text.append(f"{_agency_name(a.agency)[:12]:<12} ", style="dim")
        text.append(f"{_short_amount(a.approved)}/{_short_amount(a.ceiling)}")
        if a.is_over:
            text.append(f" {t('over_ceiling').upper()}", style="bold white on red")
    hidden = len(agencies) - len(shown)
    more = f" {t('tally.agencies_more', count=hidden)}"
    if hidden and len(text.plain.rsplit("\n", 1)[-1]) + len(more) <= LINE_WIDTH:
        text.append(more, style="dim")
    return text


def _show(target: Static, content: Text | str) -> None:
    """Update a line block only if it changed, and without a layout pass of the whole
    screen when it keeps its height (a decision changes figures, not line counts)."""
    plain = content.plain if isinstance(content, Text) else content
    shown = getattr(target, "_lasem_shown", None)
    if shown == plain:
        return
    same_height = shown is not None and shown.count("\n") == plain.count("\n")
    # A marker of our own on Textual's widget (read back with getattr above).
    target._lasem_shown = plain  # type: ignore[attr-defined]
    target.update(content, layout=not same_height)


class TallyPanel(Vertical):
    # repaint=False: the watchers update the cells and lines that changed, which repaint
    # themselves; a repaint of the whole widget would render every one of them again.
    state: reactive[DeskState | None] = reactive(None, repaint=False)
    tally: reactive[Tally | None] = reactive(None, repaint=False)
    village_tally: reactive[Tally | None] = reactive(None, repaint=False)
    village_name: reactive[str] = reactive("", repaint=False)
    #: Each OPD with a ceiling: approved against it.
    agencies: reactive[tuple[AgencyFigures, ...]] = reactive((), repaint=False)

    def compose(self) -> ComposeResult:
        yield Static(id="tally-meeting")
        yield ProgressBar(total=100, show_eta=False, show_percentage=True, id="tally-bar")
        yield Static(id="tally-village")
        yield Static(id="tally-agencies")
        yield Static(id="tally-counts")

    def watch_agencies(self, agencies: tuple[AgencyFigures, ...]) -> None:
        target = self.query_one("#tally-agencies", Static)
        _show(target, agency_lines(agencies))
        target.display = bool(agencies)  # no OPD ceilings: not even an empty line
        target.set_class(any(a.is_over for a in agencies), "-over")

    def on_mount(self) -> None:
        self.border_title = t("tally.title")

    #: A state waits to be shown (``watch_state``).
    _state_due = False

    def watch_state(self, _state: DeskState | None) -> None:
        # The figures follow a frame later, as the big clock does: the frame that answers
        # a decision key is the changed row's (issue 13). Several states within one frame
        # are shown once, the last.
        if not self._state_due:
            self._state_due = True
            self.call_after_refresh(self._show_state)

    def _show_state(self) -> None:
        self._state_due = False
        state = self.state
        if state is None:
            return
        village = state.village
        self.tally = state.tally
        self.village_name = village.name if village else ""
        self.village_tally = state.village_tally if village and village.ceiling else None

    def watch_tally(self, tally: Tally | None) -> None:
        if tally is None:
            return
        _show(
            self.query_one("#tally-meeting", Static), tally_lines(tally, label=t("tally.meeting"))
        )
        bar = self.query_one("#tally-bar", ProgressBar)
        progress = min(100.0, tally.ratio * 100)
        if bar.progress != progress:  # a rejection moves no money; its total is 100
            bar.progress = progress
        self.set_class(tally.is_over, "-over")
        _show(self.query_one("#tally-counts", Static), state_counts(tally))

    def watch_village_tally(self, tally: Tally | None) -> None:
        self._show_village()

    def watch_village_name(self, _name: str) -> None:
        self._show_village()

    def _show_village(self) -> None:
        target = self.query_one("#tally-village", Static)
        tally = self.village_tally
        if tally is None:
            _show(target, "")
            return
        _show(target, tally_lines(tally, label=f"Desa {self.village_name}"))
        target.set_class(tally.is_over, "-over")

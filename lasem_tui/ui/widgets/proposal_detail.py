"""The detail panel: what the highlighted proposal is about and who decided what, when."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from lasem_tui.domain.dates import format_clock, local
from lasem_tui.domain.money import format_rupiah, format_volume
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.i18n import t
from lasem_tui.store.kamus import KamusView
from lasem_tui.store.views import ProposalDetail, ProposalRow
from lasem_tui.ui.desk.history import history_section
from lasem_tui.ui.kamus.flags import kamus_fact, point_fact
from lasem_tui.ui.widgets.labels import STATUS_STYLE


def _volume(p: ProposalRow) -> Text:
    """The volume and the request; an adjusted volume shows both, asked and approved."""
    volume = f"{format_volume(p.volume)} {p.unit}".strip()
    asked = p.requested_volume
    if asked is not None and p.volume is not None and asked != p.volume:
        volume = t(
            "detail.volume_both",
            requested=f"{format_volume(asked)} {p.unit}".strip(),
            approved=volume,
        )
    return Text(f"{volume}  ·  {t('detail.requested')} {format_rupiah(p.requested)}")


def _ranking(p: ProposalRow) -> str:
    """The village's priority and the score, when there are any."""
    parts = []
    if p.priority is not None:
        parts.append(t("detail.priority", rank=p.priority))
    if p.score is not None:
        parts.append(t("detail.score", score=p.score))
    return "  ·  ".join(parts)


class ProposalDetailPanel(VerticalScroll):
    # repaint=False: the watchers update the cells and lines that changed, which repaint
    # themselves; a repaint of the whole widget would render every one of them again.
    detail: reactive[ProposalDetail | None] = reactive(None, repaint=False)
    #: The meeting's kamus by entry id (the desk's, read once per village).
    kamus: reactive[dict[int, KamusView]] = reactive(dict, repaint=False)

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def on_mount(self) -> None:
        self.border_title = t("detail.title")

    def watch_detail(self, detail: ProposalDetail | None) -> None:
        self.query_one("#detail-body", Static).update(self._body(detail))

    def watch_kamus(self) -> None:
        self.watch_detail(self.detail)

    def _body(self, detail: ProposalDetail | None) -> Group | Text:
        if detail is None:
            return Text(t("detail.none"), style="italic dim")
        p = detail.proposal
        # Every typed value goes in as Text: a plain str cell would be read as Rich
        # markup, and a reason like "[/]" would stop the app.
        facts = Table.grid(padding=(0, 1))
        facts.add_column(style="dim", no_wrap=True)
        facts.add_column()
        facts.add_row(t("detail.proposal"), Text(f"{p.ref}  {p.title}", style="bold"))
        # The decision first (what the room asks about a decided proposal), with who
        # made it and when (the newest event); the full history follows at the end.
        if p.status is not ProposalStatus.PENDING:
            status = Text(t(f"status.{p.status.value}"), style=STATUS_STYLE[p.status])
            if detail.history:
                last = detail.history[0]  # newest first
                status.append(
                    f"  ·  {format_clock(local(last.at))} {last.reviewer or '-'}", style="dim"
                )
            facts.add_row(t("detail.status"), status)
        if p.merged_into_ref:
            facts.add_row(t("detail.merge"), Text(t("merge.into", ref=p.merged_into_ref)))
        if detail.merged_from:
            refs = ", ".join(detail.merged_from)
            facts.add_row(t("detail.merge"), Text(t("merge.from", refs=refs)))
        if p.approved is not None:
            facts.add_row(t("detail.approved"), format_rupiah(p.approved))
        if p.reason:
            facts.add_row(t("detail.reason"), Text(p.reason))
        if p.funding_source:
            facts.add_row(t("detail.funding"), t(f"source.{p.funding_source.value}"))
        if p.note:
            facts.add_row(t("detail.note"), Text(p.note))
        facts.add_row(t("detail.problem"), Text(p.problem or "-"))
        facts.add_row(t("detail.location"), Text(p.location or "-"))
        if point := point_fact(p):
            facts.add_row(*point)
        facts.add_row(t("detail.volume"), _volume(p))
        if kamus_line := kamus_fact(p, self.kamus):
            facts.add_row(*kamus_line)
        facts.add_row(t("detail.agency"), Text(p.agency or "-"))
        if p.rerouted:
            facts.add_row(t("detail.agency_origin"), Text(p.agency_origin))
        ranking = _ranking(p)
        if ranking:
            facts.add_row(t("detail.ranking"), Text(ranking))
        facts.add_row(t("detail.issues"), Text("; ".join(detail.issues) or "-"))
        facts.add_row(t("detail.branding"), Text(detail.branding or "-"))
        # The history is its own section (ui/desk/history.py), newest first.
        history = history_section(detail)
        return Group(facts, history)

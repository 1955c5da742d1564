"""The fit as table rows, for the desk's review table, the fit view and the projector:
the pending proposals in order with a running total, and one "garis pagu" row after the
last that fits. Plain values, no Textual: any table can draw them."""

from __future__ import annotations

from dataclasses import dataclass

from lasem_tui.domain.fit import Fit
from lasem_tui.domain.money import format_number, format_rupiah
from lasem_tui.i18n import t

#: The row key of the line in a DataTable (proposal rows are keyed by their id).
LINE_KEY = "garis-pagu"


@dataclass(frozen=True)
class FitTableRow:
    """One row: a proposal (``proposal_id``), or the line itself (``is_line``)."""

    key: str
    proposal_id: int | None
    rank: str
    score: str
    ref: str
    title: str
    requested: str
    cumulative: str
    below: bool = False
    is_line: bool = False


def line_label(fit: Fit) -> str:
    """The line's words: "garis pagu: sisa Rp 20.000.000" (what is left above it)."""
    left = fit.left_after_above
    if left is None:
        return t("fit.line")
    return t("fit.line_detail", left=format_rupiah(left))


def fit_table_rows(fit: Fit, *, scoring: bool) -> list[FitTableRow]:
    """The rows in order; the line row comes after the last proposal that fits (first
    when none does), and only when some proposal falls below it."""
    rows: list[FitTableRow] = []
    for row in fit.rows:
        if not row.fits and not any(r.is_line for r in rows):
            rows.append(
                FitTableRow(
                    key=LINE_KEY,
                    proposal_id=None,
                    rank="",
                    score="",
                    ref="",
                    title=line_label(fit),
                    requested="",
                    cumulative="",
                    is_line=True,
                )
            )
        c = row.candidate
        rows.append(
            FitTableRow(
                key=str(c.id),
                proposal_id=c.id,
                rank="" if c.priority is None else str(c.priority),
                score="" if not scoring or c.score is None else str(c.score),
                ref=c.ref,
                title=c.title,
                requested=format_number(c.requested),
                cumulative=format_number(row.cumulative),
                below=not row.fits,
            )
        )
    return rows


def summary(fit: Fit) -> str:
    """The line above the table: the order and what is left."""
    order = t("fit.order_label", order=t(f"fit.order.{fit.order.value}"))
    if fit.remaining is None:
        return f"{order}  ·  {t('fit.no_ceiling')}"
    return f"{order}  ·  {t('fit.remaining', amount=format_rupiah(fit.remaining))}"

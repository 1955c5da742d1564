"""Amounts as the room says them in a narrow column: "186 jt", "1,1 M".

The queue once showed bare millions ("186/1.095"), which nobody reads as rupiah; a unit
after each figure says it, in the interface's language (jt/M, m/bn).
"""

from __future__ import annotations

from babel.numbers import format_decimal

from lasem_tui.i18n import get_language, t


def compact(amount: int) -> str:
    """``186 jt``, ``1,1 M``, ``0``: three significant figures at most, with its unit."""
    locale = "id" if get_language() == "id" else "en"
    value = abs(amount)
    sign = "-" if amount < 0 else ""
    if value >= 1_000_000_000:
        figure = round(value / 1_000_000_000, 2 if value < 10_000_000_000 else 1)
        return f"{sign}{format_decimal(figure, locale=locale)} {t('room_desk.unit_billion')}"
    if value >= 1_000_000:
        figure = round(value / 1_000_000, 1 if value < 10_000_000 else 0)
        return f"{sign}{format_decimal(figure, locale=locale)} {t('room_desk.unit_million')}"
    if value == 0:
        return "0"
    return f"{sign}{format_decimal(value, locale=locale)}"


def over_ceiling(approved: int, ceiling: int | None) -> bool:
    """A village whose approved total passes its own ceiling."""
    return ceiling is not None and approved > ceiling

"""What the setup screen's tables share: a column spec is an i18n key and a width
(``None`` takes the rest), translated when the table is built so that it follows the
language; a cell too long for its column ends in an ellipsis."""

from __future__ import annotations

from lasem_tui.i18n import t

ColumnSpec = tuple[tuple[str, int | None], ...]


def columns(spec: ColumnSpec) -> list[tuple[str, int | None]]:
    return [(t(label), width) for label, width in spec]


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

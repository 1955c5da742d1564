"""A store refusal as the user reads it, and the form field it is about."""

from __future__ import annotations

from lasem_tui.domain.money import format_rupiah
from lasem_tui.i18n import t
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError


def refusal_text(exc: Exception) -> str:
    """Why a command was refused, in the current language."""
    if isinstance(exc, DatabaseError):
        return t(exc.code, detail=exc.detail)
    if isinstance(exc, StoreError):
        params = dict(exc.params)
        over = params.get("over")
        if isinstance(over, int):
            params["over"] = format_rupiah(over)
        return t(exc.code, **params)
    code = getattr(exc, "code", "")
    return t(code) if code else str(exc)


def refusal_field(exc: Exception) -> str | None:
    """The field a refusal names (``ceiling`` for ``ceiling:Dasun``), if any."""
    params = getattr(exc, "params", None) or {}
    field = params.get("field")
    return str(field).split(":", 1)[0] if field else None

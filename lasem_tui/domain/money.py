"""Rupiah the Indonesian way: parsing what people type, showing and spelling amounts.

Amounts are whole rupiah (``int``) everywhere; formatting goes through Babel so that
grouping follows the ``id`` locale rather than a hand-made rule.
"""

from __future__ import annotations

import re

from babel.numbers import format_decimal, get_group_symbol

from lasem_tui.domain.spelled import in_words

_CURRENCY_PREFIX = re.compile(r"^\s*(rp\.?|idr)\s*", re.IGNORECASE)
_TRAILING_CENTS = re.compile(r",0{1,2}$|,-$")
# ASCII digits only: "²" passes str.isdigit() but not int(), and other scripts' digits
# would be read silently as a different-looking number.
_PLAIN = re.compile(r"^[0-9]+$")
_GROUPED = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
_GROUPED_SPACES = re.compile(r"^[0-9]{1,3}( [0-9]{3})+$")

#: The largest amount the desk takes: Rp 999 triliun, far above any proposal and well
#: inside a 64-bit column (and clear of Python's limit on very long digit strings).
MAX_AMOUNT = 999_999_999_999_999
#: How far a spreadsheet's float may be from a whole rupiah and still be that rupiah.
FLOAT_TOLERANCE = 0.01
#: The largest volume (metres, units, ...) the desk takes.
MAX_VOLUME = 1e12


class AmountError(ValueError):
    """A typed or imported amount that is not a whole, non-negative number of rupiah.

    ``code`` is an i18n key so that the UI and the CLI can say what is wrong in the
    user's language.
    """

    def __init__(self, code: str, text: str) -> None:
        super().__init__(f"{code}: {text!r}")
        self.code = code
        self.text = text


def parse_amount(text: str) -> int:
    """Read ``1500000``, ``1.500.000``, ``Rp 1.500.000`` or ``Rp1.500.000,00`` as 1500000."""
    raw = (text or "").strip()
    if not raw:
        raise AmountError("amount_empty", text)
    if raw.startswith("-"):
        raise AmountError("amount_negative", text)
    body = _CURRENCY_PREFIX.sub("", raw).strip()
    if body.startswith("-"):
        raise AmountError("amount_negative", text)
    body = _TRAILING_CENTS.sub("", body)
    if _PLAIN.match(body):
        digits = body
    elif _GROUPED.match(body):
        digits = body.replace(".", "")
    elif _GROUPED_SPACES.match(body):
        digits = body.replace(" ", "")
    else:
        raise AmountError("amount_not_number", text)
    return _bounded(int(digits.lstrip("0") or "0") if len(digits.lstrip("0")) <= 18 else -1, text)


def _bounded(amount: int, text: str) -> int:
    """``amount`` if it is within ``MAX_AMOUNT`` (-1 stands for "far too many digits")."""
    if amount < 0 or amount > MAX_AMOUNT:
        raise AmountError("amount_too_large", text)
    return amount


def parse_amount_cell(value: object) -> int:
    """An amount from a spreadsheet cell: numbers as they are, text through ``parse_amount``."""
    if isinstance(value, bool):
        raise AmountError("amount_not_number", str(value))
    if isinstance(value, int):
        if value < 0:
            raise AmountError("amount_negative", str(value))
        return _bounded(value, str(value))
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise AmountError("amount_not_number", str(value))
        if value < 0:
            raise AmountError("amount_negative", str(value))
        if value > MAX_AMOUNT:
            return _bounded(-1, str(value))
        # Excel keeps amounts as binary floats: a sum or a formula gives
        # 1499999.9999999998 for Rp 1.500.000. Within a cent of a whole rupiah it is that
        # rupiah; anything further off has cents, which no proposal has.
        nearest = round(value)
        if abs(value - nearest) > FLOAT_TOLERANCE:
            raise AmountError("amount_fraction", str(value))
        return _bounded(int(nearest), str(value))
    return parse_amount(str(value) if value is not None else "")


_GROUP = get_group_symbol("id")


def format_number(value: int | float) -> str:
    """Group digits the Indonesian way: 1.250.000 and 2,5.

    Whole numbers (every amount) take a fast path with Babel's group symbol for ``id``:
    the desk formats a few thousand of them when a regency's queue is drawn.
    """
    if isinstance(value, int):
        return f"{value:,}".replace(",", _GROUP)
    return format_decimal(value, locale="id")


def format_rupiah(amount: int | None) -> str:
    """``Rp 1.250.000.000``; a dash when there is no amount yet."""
    if amount is None:
        return "-"
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {format_number(abs(amount))}"


def format_rupiah_short(amount: int | None) -> str:
    """Compact form for narrow columns: ``Rp 1,25 M``, ``Rp 150 jt``."""
    if amount is None:
        return "-"
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if value >= 1_000_000_000:
        text = f"{format_decimal(round(value / 1_000_000_000, 2), locale='id')} M"
    elif value >= 1_000_000:
        text = f"{format_decimal(round(value / 1_000_000, 1), locale='id')} jt"
    else:
        text = format_decimal(value, locale="id")
    return f"{sign}Rp {text}"


def amount_in_words(amount: int) -> str:
    """``seratus lima puluh juta rupiah``, as official documents write it out."""
    if amount < 0:
        return f"minus {amount_in_words(-amount)}"
    return f"{in_words(amount)} rupiah"


class VolumeError(ValueError):
    """A volume that is not a positive decimal number (or is beyond ``MAX_VOLUME``)."""

    def __init__(self, text: str, code: str = "volume_invalid") -> None:
        super().__init__(f"{code}: {text!r}")
        self.code = code
        self.text = text


def parse_volume(text: str) -> float:
    """Read ``1.250,5`` or ``2,5`` or ``2.5`` (a decimal comma is the Indonesian way)."""
    raw = (text or "").strip()
    if not raw or not raw.isascii() or "_" in raw:
        raise VolumeError(text)
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", raw):
        raw = raw.replace(".", "")
    try:
        value = float(raw)
    except ValueError as exc:
        raise VolumeError(text) from exc
    if value < 0 or value != value or value in (float("inf"),):
        raise VolumeError(text)
    if value > MAX_VOLUME:
        raise VolumeError(text, "volume_too_large")
    return value


def format_volume(value: float | None) -> str:
    """``2,5`` and ``120``: integral volumes without decimals."""
    if value is None:
        return "-"
    if float(value).is_integer():
        return format_decimal(int(value), locale="id")
    return format_decimal(value, locale="id")

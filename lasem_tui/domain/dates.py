"""Indonesian dates: the long form on screen and the spelled-out form of official records."""

from __future__ import annotations

from datetime import date, datetime, time

from babel.dates import format_date as babel_format_date

from lasem_tui.domain.spelled import in_words

_BABEL_LOCALE = {"id": "id", "en": "en"}


_frozen: datetime | None = None


def now() -> datetime:
    """The current local time, timezone-aware, so it compares with stored times."""
    if _frozen is not None:
        return _frozen
    return datetime.now().astimezone()


def freeze_clock(moment: datetime | None) -> None:
    """Stop the clock at ``moment`` (None restarts it): for screenshots and snapshots,
    whose pictures must not change with the minute they were taken."""
    global _frozen
    _frozen = moment


def local(value: datetime) -> datetime:
    """A stored (UTC) time in the laptop's local zone, for display."""
    return value.astimezone()


def format_date_long(value: date, lang: str = "id") -> str:
    """``Jumat, 17 Februari 2023`` (or ``Friday, 17 February 2023``)."""
    return babel_format_date(value, "EEEE, d MMMM y", locale=_BABEL_LOCALE.get(lang, "id"))


def format_date_plain(value: date, lang: str = "id") -> str:
    """``17 Februari 2023``."""
    return babel_format_date(value, "d MMMM y", locale=_BABEL_LOCALE.get(lang, "id"))


def weekday_name(value: date) -> str:
    """``Jumat``: the Indonesian day name."""
    return babel_format_date(value, "EEEE", locale="id")


def month_name(value: date) -> str:
    """``Februari``."""
    return babel_format_date(value, "MMMM", locale="id")


def date_in_words(value: date) -> str:
    """``hari Jumat tanggal tujuh belas bulan Februari tahun dua ribu dua puluh tiga``.

    The phrase an official record uses after "Pada"; callers add their own opening.
    """
    day_words = in_words(value.day)
    year_words = in_words(value.year)
    return (
        f"hari {weekday_name(value)} tanggal {day_words} bulan {month_name(value)} "
        f"tahun {year_words}"
    )


def format_clock(value: datetime | time) -> str:
    """``09.42``: Indonesian writes the time with a dot."""
    return f"{value.hour:02d}.{value.minute:02d}"


def format_duration(seconds: float) -> str:
    """``12:05`` or ``-3:10`` for minutes and seconds; ``1:02:05`` past an hour."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


class DateError(ValueError):
    """A typed date or time that cannot be read."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(f"{code}: {text!r}")
        self.code = code
        self.text = text


def parse_date(text: str) -> date:
    """Read ``2023-02-17`` or ``17/02/2023`` or ``17-02-2023``."""
    raw = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise DateError("date_invalid", text)


def parse_time(text: str) -> time:
    """Read ``08.00``, ``8:00`` or ``0800``."""
    raw = (text or "").strip().replace(".", ":")
    for fmt in ("%H:%M", "%H%M"):
        try:
            return datetime.strptime(raw, fmt).time()
        except ValueError:
            continue
    raise DateError("time_invalid", text)

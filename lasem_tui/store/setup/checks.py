"""Checking what a setup form hands over, and the pieces every setup command shares.

Values may come typed (``int``, ``date``, ``time``) or as a person typed them into a
form (``"Rp 1.500.000.000"``, ``"17/02/2023"``, ``"08.00"``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlmodel import Session

from lasem_tui.domain.dates import DateError, parse_date, parse_time
from lasem_tui.domain.meeting_kinds import MeetingKind
from lasem_tui.domain.money import MAX_AMOUNT, AmountError, parse_amount
from lasem_tui.domain.states import EventKind
from lasem_tui.domain.text import clean_text
from lasem_tui.store import events
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import (
    Event,
    Meeting,
)

NAME_LIMIT = 200

#: The meeting fields the setup screen edits.
MEETING_FIELDS = (
    "title",
    "kind",
    "kecamatan",
    "kabupaten",
    "held_on",
    "venue",
    "desk_starts_at",
    "desk_ends_at",
    "ceiling",
    "hard_ceiling",
    "sipd_deadline",
    "next_meeting_on",
    "next_meeting_name",
    "office_address",
    "postal_code",
    "phone",
    "email",
    "logo_path",
    "doc_number",
    "rkpd_year",
    "timezone",
)
TEXT_FIELDS = (
    "kecamatan",
    "kabupaten",
    "venue",
    "next_meeting_name",
    "office_address",
    "postal_code",
    "phone",
    "doc_number",
)
ZONES = ("WIB", "WITA", "WIT")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
OPTIONAL_DATES = ("sipd_deadline", "next_meeting_on")
DESK_TIMES = ("desk_starts_at", "desk_ends_at")
VILLAGE_FIELDS = ("name", "code", "ceiling", "branding")


def text_value(value: Any, field: str, *, required: bool = False, limit: int = NAME_LIMIT) -> str:
    text = clean_text("" if value is None else str(value))
    if required and not text:
        raise StoreError("setup.required", field=field)
    if len(text) > limit:
        raise StoreError("setup.too_long", field=field, limit=limit)
    return text


def amount_value(value: Any, field: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise StoreError("amount_not_number", field=field)
    if isinstance(value, int):
        if value < 0:
            raise StoreError("amount_negative", field=field)
        if value > MAX_AMOUNT:  # would not fit the 64-bit column
            raise StoreError("amount_too_large", field=field)
        return value
    try:
        return parse_amount(str(value))
    except AmountError as exc:
        raise StoreError(exc.code, field=field) from exc


def date_value(value: Any, field: str, *, required: bool = False) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise StoreError("setup.required", field=field)
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except DateError as exc:
        raise StoreError(exc.code, field=field) from exc


def desk_time(value: Any, field: str, day: date, zone_name: str = "WIB") -> datetime | None:
    """A desk time: a datetime as given, or a time of day on the meeting's day in the
    meeting's own zone (08.00 typed at a WIB meeting is 08.00 WIB, whatever the laptop's
    clock is set to)."""
    from lasem_tui.domain.zones import zone

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone(zone_name))
    if not isinstance(value, time):
        try:
            value = parse_time(str(value))
        except DateError as exc:
            raise StoreError(exc.code, field=field) from exc
    return datetime.combine(day, value, tzinfo=zone(zone_name))


def zone_value(value: Any) -> str:
    text = str(value or "").strip().upper()
    if text not in ZONES:
        raise StoreError("setup.timezone_invalid", field="timezone")
    return text


def email_value(value: Any) -> str:
    text = text_value(value, "email")
    if text and not _EMAIL.fullmatch(text):
        raise StoreError("setup.email_invalid", field="email")
    return text


def logo_value(value: Any) -> str:
    """A logo image file for the letterhead; it must exist when named."""
    text = text_value(value, "logo_path", limit=1000)
    if text and not Path(text).expanduser().is_file():
        raise StoreError("setup.logo_missing", field="logo_path")
    return str(Path(text).expanduser()) if text else ""


def year_value(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if not (text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100):
        raise StoreError("setup.rkpd_year_invalid", field="rkpd_year")
    return int(text)


def kind_value(value: Any) -> str:
    try:
        return MeetingKind(str(value)).value
    except ValueError as exc:
        raise StoreError("setup.kind_unknown", value=str(value)) from exc


def yes_no(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in ("1", "ya", "yes", "true", "on"):
        return True
    if text in ("0", "tidak", "no", "false", "off", ""):
        return False
    raise StoreError("setup.not_yes_no", field=field)


def meeting_values(
    changes: Mapping[str, Any], current_day: date, current_zone: str = "WIB"
) -> dict[str, Any]:
    """Check and convert the given meeting fields (desk times on the given day, in the
    meeting's zone)."""
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"not meeting fields: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    if "held_on" in changes:
        values["held_on"] = date_value(changes["held_on"], "held_on", required=True)
    day = values.get("held_on", current_day)
    if "timezone" in changes:
        values["timezone"] = zone_value(changes["timezone"])
    zone_name = values.get("timezone", current_zone)
    for name, value in changes.items():
        if name == "title":
            values[name] = text_value(value, name, required=True)
        elif name == "kind":
            values[name] = kind_value(value)
        elif name in TEXT_FIELDS:
            values[name] = text_value(value, name)
        elif name in OPTIONAL_DATES:
            values[name] = date_value(value, name)
        elif name in DESK_TIMES:
            values[name] = desk_time(value, name, day, zone_name)
        elif name == "email":
            values[name] = email_value(value)
        elif name == "logo_path":
            values[name] = logo_value(value)
        elif name == "rkpd_year":
            values[name] = year_value(value)
        elif name == "ceiling":
            values[name] = amount_value(value, name)
        elif name == "hard_ceiling":
            values[name] = yes_no(value, name)
    return values


def check_meeting(meeting: Meeting) -> None:
    """The rules between fields, on the meeting as it would be written."""
    starts, ends = meeting.desk_starts_at, meeting.desk_ends_at
    if starts is not None and ends is not None and ends <= starts:
        raise StoreError("setup.desk_end_before_start", field="desk_ends_at")
    if meeting.hard_ceiling and meeting.ceiling is None:
        raise StoreError("setup.hard_ceiling_needs_ceiling", field="hard_ceiling")
    if meeting.sipd_deadline is not None and meeting.sipd_deadline < meeting.held_on:
        raise StoreError("setup.sipd_before_meeting", field="sipd_deadline")
    if meeting.next_meeting_on is not None and meeting.next_meeting_on < meeting.held_on:
        raise StoreError("setup.next_before_meeting", field="next_meeting_on")


def log_change(
    session: Session,
    meeting_id: int,
    reviewer_id: int | None,
    change: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    kind: EventKind = EventKind.UPDATE_MEETING,
) -> Event:
    """One setup event; ``change`` says what kind of edit it was."""
    return events.record(
        session,
        meeting_id,
        kind,
        reviewer_id,
        before={"change": change, **(before or {})},
        after={"change": change, **(after or {})},
    )

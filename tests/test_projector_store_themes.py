"""The projector's store command and change marker, and its themes' contrast."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lasem_tui.domain.states import EventKind
from lasem_tui.store import desk as commands
from lasem_tui.store import projector as projector_store
from lasem_tui.store import queries
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import Event
from lasem_tui.ui import themes
from lasem_tui.ui.widgets.projector import juta


def last_event(db: Database, meeting_id: int) -> Event:
    with db.read() as session:
        newest = queries.last_event_id(session, meeting_id)
        row = session.get(Event, newest)
        assert row is not None
        return row


def test_message_is_one_clean_line_logged_as_a_meeting_update(
    db: Database, midway_demo: int
) -> None:
    stored = projector_store.set_message(
        db, midway_demo, "  Istirahat\n10 menit\x07 ", reviewer_id=None
    )
    assert stored == "Istirahat 10 menit"
    logged = last_event(db, midway_demo)
    assert logged.kind == EventKind.UPDATE_MEETING.value
    assert "Istirahat 10 menit" in logged.after
    # The same message again writes nothing new.
    projector_store.set_message(db, midway_demo, "Istirahat 10 menit", reviewer_id=None)
    assert last_event(db, midway_demo).id == logged.id
    assert projector_store.set_message(db, midway_demo, "", reviewer_id=None) == ""
    with db.read() as session:
        assert queries.get_meeting(session, midway_demo).projector_message == ""


def test_too_long_a_message_is_refused_and_changes_nothing(db: Database, midway_demo: int) -> None:
    with pytest.raises(StoreError) as refused:
        projector_store.set_message(db, midway_demo, "x" * 121, reviewer_id=None)
    assert refused.value.code == "text_too_long"
    with db.read() as session:
        assert queries.get_meeting(session, midway_demo).projector_message == ""


def test_change_marker_moves_with_events_and_with_the_highlight(
    db: Database, midway_demo: int
) -> None:
    with db.read() as session:
        first = projector_store.change_marker(session, midway_demo)
        proposal = queries.desk_state(session, midway_demo).proposals[-1]
    commands.save_cursor(db, midway_demo, proposal.id)
    with db.read() as session:
        moved = projector_store.change_marker(session, midway_demo)
    assert moved == (first[0], first[1], proposal.id)
    projector_store.set_message(db, midway_demo, "Desa Dasun dipanggil ke meja", reviewer_id=None)
    with db.read() as session:
        assert projector_store.change_marker(session, midway_demo)[0] > first[0]


def test_an_event_committed_out_of_id_order_still_moves_the_markers(
    db: Database, midway_demo: int
) -> None:
    """On PostgreSQL a transaction can commit an event whose id is below the newest one
    a desk or the projector has already seen; they must still notice it."""
    with db.read() as session:
        desk_seen = queries.change_marker(session, midway_demo)
        projector_seen = projector_store.change_marker(session, midway_demo)
    with db.write() as session:  # the late commit: an id below every id seen
        session.add(Event(id=-1, meeting_id=midway_demo, kind=EventKind.DECIDE.value))
    with db.read() as session:
        assert queries.change_marker(session, midway_demo) != desk_seen
        assert projector_store.change_marker(session, midway_demo) != projector_seen
        assert queries.change_marker(session, midway_demo)[0] == desk_seen[0]


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (16_635_000_000, "16.635"),
        (215_000_000, "215"),
        (2_500_000, "2,5"),
        (350_000, "0,35"),
        (0, "0"),
        (1_000, "0"),
    ],
)
def test_big_digits_show_millions(amount: int, shown: str) -> None:
    assert juta(amount) == shown


# --- contrast ---------------------------------------------------------------------------


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a ``#rrggbb`` colour."""
    h = colour.lstrip("#")
    r, g, b = (_channel(int(h[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("setting", sorted(themes.PALETTES))
@pytest.mark.parametrize(("text", "ground"), themes.TEXT_PAIRS)
def test_every_text_colour_reads_at_7_to_1(setting: str, text: str, ground: str) -> None:
    palette = themes.PALETTES[setting]
    ratio = contrast_ratio(getattr(palette, text), getattr(palette, ground))
    assert ratio >= 7.0, f"{setting}: {text} on {ground} is {ratio:.2f}:1"


@pytest.mark.parametrize("setting", sorted(themes.PALETTES))
def test_registered_themes_carry_the_palette(setting: str) -> None:
    palette = themes.PALETTES[setting]
    theme = next(t for t in themes.PROJECTOR_THEMES if t.name == themes.theme_name(setting))
    assert theme.foreground == palette.foreground
    assert theme.background == palette.background
    assert theme.surface == palette.surface
    assert theme.variables["pj-alert-fg"] == palette.alert_fg
    assert theme.variables["footer-description-foreground"] == palette.foreground


def test_projector_styles_colour_text_only_with_checked_colours() -> None:
    """Every ``color:`` in the projector's stylesheet is one of the checked text colours."""
    checked = {"foreground", *themes.NON_TEXT} | {
        f"pj-{name.replace('_', '-')}" for pair in themes.TEXT_PAIRS for name in pair
    }
    tcss = Path(themes.__file__).parent / "screens" / "projector.tcss"
    used = re.findall(r"(?<![-\w])color:\s*\$([\w-]+)", tcss.read_text())
    assert used
    assert set(used) <= checked, set(used) - checked


def test_projector_markup_uses_only_checked_colours() -> None:
    checked = {f"pj-{name.replace('_', '-')}" for pair in themes.TEXT_PAIRS for name in pair}
    sources = [
        Path(themes.__file__).parent / "widgets" / "projector.py",
        Path(themes.__file__).parent / "screens" / "projector.py",
    ]
    used = {name for path in sources for name in re.findall(r"\$(pj-[\w-]+)", path.read_text())}
    assert used and used <= checked, used - checked

"""Row rules on plain tables (no database): amounts and volumes the Indonesian way."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lasem_tui.domain.importing.model import SourceRow, SourceTable
from lasem_tui.domain.money import format_number
from lasem_tui.exchange.importing.headings import find_headings
from lasem_tui.exchange.importing.rows import closest, validate
from lasem_tui.store.importing import MeetingContext, VillageRef

CONTEXT = MeetingContext(villages=(VillageRef(1, "Sendangcoyo"), VillageRef(2, "Dasun")))


def _rows(*cells: tuple) -> SourceTable:
    rows = [SourceRow(1, ("Desa", "Usulan", "Volume", "Anggaran"))]
    rows += [SourceRow(n, c) for n, c in enumerate(cells, start=2)]
    return SourceTable(name="t.csv", format="csv", rows=tuple(rows))


def _validate(table: SourceTable):  # type: ignore[no-untyped-def]
    headings = find_headings(table.rows)
    assert headings is not None
    return validate(table, headings, CONTEXT)


@settings(max_examples=60, deadline=None)
@given(
    amount=st.integers(min_value=1, max_value=10**13),
    style=st.sampled_from(["plain", "dots", "rp", "rp_cents", "cell_int", "cell_float"]),
)
def test_every_amount_style_reads_the_same(amount: int, style: str) -> None:
    grouped = format_number(amount)
    cell = {
        "plain": str(amount),
        "dots": grouped,
        "rp": f"Rp {grouped}",
        "rp_cents": f"Rp{grouped},00",
        "cell_int": amount,
        "cell_float": float(amount),
    }[style]
    rows, problems, _ = _validate(_rows(("Dasun", "Talud", "", cell)))
    assert [p for p in problems if p.is_error] == []
    assert rows[0].requested == amount


@settings(max_examples=40, deadline=None)
@given(whole=st.integers(min_value=0, max_value=99_999), tenths=st.integers(0, 9))
def test_volume_with_a_decimal_comma(whole: int, tenths: int) -> None:
    text = f"{format_number(whole)},{tenths}"
    rows, problems, _ = _validate(_rows(("Dasun", "Talud", text, "1")))
    assert not [p for p in problems if p.is_error]
    assert rows[0].volume == float(f"{whole}.{tenths}")


def test_closest_village_names() -> None:
    names = ["Sendangcoyo", "Sendangasri", "Dasun", "Sumbergirang"]
    assert closest("Sendang Coyo", names) == "Sendangcoyo"
    assert closest("sendang asri", names) == "Sendangasri"
    assert closest("Sumber Girang", names) == "Sumbergirang"
    assert closest("Dasoen", names) == "Dasun"
    assert closest("Jakarta", names) is None


def test_village_names_match_case_and_prefix_but_not_spacing() -> None:
    rows, problems, _ = _validate(
        _rows(
            ("desa  SENDANGCOYO", "A", "", "1"),
            (" Dasun ", "B", "", "1"),
            ("Sendang Coyo", "C", "", "1"),
        )
    )
    assert [r.village for r in rows] == ["Sendangcoyo", "Dasun"]
    assert [(p.row, p.code) for p in problems] == [(4, "village_unknown_suggest")]

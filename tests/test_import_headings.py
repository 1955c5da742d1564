"""Heading recognition: the variants villages write, and where the heading row is."""

from __future__ import annotations

import pytest

from lasem_tui.domain.importing.model import Merge, SourceRow
from lasem_tui.exchange.importing.headings import field_of, find_headings


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Desa", "village"),
        ("KELURAHAN", "village"),
        ("Desa/Kelurahan", "village"),
        ("Nama Desa", "village"),
        ("village", "village"),
        ("Usulan", "title"),
        ("Kegiatan", "title"),
        ("Judul", "title"),
        ("Nama  Kegiatan", "title"),
        ("title", "title"),
        ("Permasalahan", "problem"),
        ("masalah", "problem"),
        ("Problem", "problem"),
        ("Lokasi (RT/RW, Dusun)", "location"),
        ("Alamat", "location"),
        ("location", "location"),
        ("Volume", "volume"),
        ("Satuan", "unit"),
        ("unit", "unit"),
        ("Anggaran (Rp)", "requested"),
        ("Biaya", "requested"),
        ("Perkiraan Biaya", "requested"),
        ("PERKIRAAN BIAYA (Rp.)", "requested"),
        ("Pagu", "requested"),
        ("requested", "requested"),
        ("OPD", "agency"),
        ("Perangkat Daerah", "agency"),
        ("OPD/Perangkat Daerah", "agency"),
        ("agency", "agency"),
        ("Prioritas", "priority"),
        ("rank", "priority"),
        ("Jenis (Fisik/Non Fisik)", "category"),
        ("Isu Strategis", "issues"),
        ("ref", "ref"),
        ("No.", "_number"),
        ("approved", "_approved"),
        ("Nama Usulan Kegiatan", "title"),
        ("Usulan Desa", "title"),
        ("Title of activity", "title"),
        ("Estimasi Biaya", "requested"),
        ("Rencana Biaya (Rp)", "requested"),
        ("Kebutuhan Anggaran", "requested"),
        ("Requested amount", "requested"),
        ("Skala Prioritas", "priority"),
        ("Nama OPD", "agency"),
        ("Tanda tangan", None),
        ("Jumlah", None),  # a total, or a volume's sub-heading: never alone a column
        ("", None),
        (None, None),
    ],
)
def test_heading_variants(heading: str | None, field: str | None) -> None:
    assert field_of(heading) == field


def test_heading_row_below_a_title_block() -> None:
    rows = [
        SourceRow(1, ("REKAPITULASI USULAN MUSRENBANG DESA",)),
        SourceRow(2, ("Desa Babagan, Kecamatan Lasem",)),
        SourceRow(3, ()),
        SourceRow(4, ("No", "Desa", "Usulan Kegiatan", "Volume", "Satuan", "Anggaran (Rp)")),
        SourceRow(5, ("1", "Babagan", "Jalan", "100", "m", "150000000")),
    ]
    found = find_headings(rows)
    assert found is not None
    assert found.row == 4
    assert found.position == 3
    assert [c.field for c in found.columns] == [
        "_number",
        "village",
        "title",
        "volume",
        "unit",
        "requested",
    ]
    assert found.column("requested").letter == "F"


def _fields(found) -> list[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    return [(c.letter, c.heading, c.field) for c in found.columns]


def test_sub_headings_under_a_heading_merged_across() -> None:
    """XLSX: "Volume" merged over D:E, the other headings merged down (and so filled
    down by the reader); the data starts below the sub-headings."""
    rows = [
        SourceRow(1, ("No", "Desa", "Usulan", "Volume", None, "Anggaran")),
        SourceRow(2, ("No", "Desa", "Usulan", "Jml", "Sat", "Anggaran")),
        SourceRow(3, (1, "Dasun", "Talud", 2, "m", 100)),
    ]
    merges = [Merge(1, 1, 3, 4), *(Merge(1, 2, c, c) for c in (0, 1, 2, 5))]
    found = find_headings(rows, merges)
    assert found is not None
    assert (found.row, found.depth, found.data_position) == (1, 2, 2)
    assert _fields(found) == [
        ("A", "No", "_number"),
        ("B", "Desa", "village"),
        ("C", "Usulan", "title"),
        ("D", "Volume / Jml", "volume"),
        ("E", "Volume / Sat", "unit"),
        ("F", "Anggaran", "requested"),
    ]


def test_sub_headings_that_name_more_fields_than_the_row_above() -> None:
    """A CSV: each heading written once. The lower row names more fields, and is read
    with the row above it."""
    rows = [
        SourceRow(1, ("Desa", "Usulan", "Rincian", "", "Biaya", "")),
        SourceRow(2, ("", "", "Volume", "Satuan", "Usulan", "Prioritas")),
        SourceRow(3, ("Dasun", "Talud", "2", "m", "100", "1")),
    ]
    found = find_headings(rows)
    assert found is not None and (found.row, found.depth) == (1, 2)
    assert _fields(found) == [
        ("A", "Desa", "village"),
        ("B", "Usulan", "title"),
        ("C", "Rincian / Volume", "volume"),
        ("D", "Satuan", "unit"),
        # read as one: "Biaya Usulan", the amount asked for, not a second title
        ("E", "Biaya / Usulan", "requested"),
        ("F", "Prioritas", "priority"),
    ]


@pytest.mark.parametrize(
    "first_row",
    [
        ("Dasun", "Talud", "Dusun", "unit", "100"),  # heading words, and a title
        ("Dasun", "", "Dusun", "unit", ""),  # heading words only, but a village
        ("", "", "", "2", "m"),  # under "Volume" merged across: but a number
        ("1", "", "", "2", "", "100"),  # only numbers, but not counting the columns
        ("1", "2", "3"),  # counting, but a row of data all the same
    ],
)
def test_a_first_row_of_data_is_not_taken_for_sub_headings(first_row: tuple) -> None:
    rows = [
        SourceRow(1, ("Desa", "Usulan", "Lokasi", "Volume", "", "Anggaran")),
        SourceRow(2, first_row),
    ]
    found = find_headings(rows, [Merge(1, 1, 3, 4)])
    assert found is not None and (found.depth, found.data_position) == (1, 1)


def test_no_heading_row() -> None:
    rows = [SourceRow(1, ("a", "b")), SourceRow(2, ("1", "2"))]
    assert find_headings(rows) is None


def test_column_letters() -> None:
    from lasem_tui.exchange.importing.headings import column_letter

    assert [column_letter(i) for i in (0, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]

"""Heading recognition: the variants villages write, and where the heading row is."""

from __future__ import annotations

import pytest

from lasem_tui.exchange.importing.headings import field_of, find_headings
from lasem_tui.exchange.importing.model import SourceRow


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

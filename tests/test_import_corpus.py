"""The import corpus: good files in every format and encoding, bad files of every kind.

A good file's rows are stored as pending proposals of their villages; a bad file names
the row and column of each problem and leaves the database exactly as it was.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlmodel import select

from lasem_tui import i18n
from lasem_tui.exchange import importing
from lasem_tui.exchange.csv_export import write_csv as export_csv
from lasem_tui.exchange.importing import words
from lasem_tui.store import desk, queries, setup
from lasem_tui.store.database import Database
from lasem_tui.store.models import Event, Proposal, ProposalIssue, StrategicIssue, Village
from tests.importing_helpers import snapshot, write_csv, write_xlsx

HEADER = (
    "No",
    "Desa",
    "Usulan Kegiatan",
    "Permasalahan",
    "Lokasi (RT/RW, Dusun)",
    "Volume",
    "Satuan",
    "Anggaran (Rp)",
    "OPD",
    "Prioritas",
    "Jenis (Fisik/Non Fisik)",
    "Isu Strategis",
)
GOOD_ROWS = (
    (
        "1",
        "Sendangcoyo",
        "Pembangunan jalan usaha tani",
        "Jalan tanah licin saat hujan",
        "RT 02 / RW 01, Dusun Krajan",
        "1,5",
        "km",
        "150000000",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "1",
        "Fisik",
        "ISU-1",
    ),
    (
        "2",
        "Sendangcoyo",
        "Pembangunan embung desa",
        "Sawah tadah hujan",
        "Dusun Ngablak",
        "1",
        "unit",
        "Rp 250.000.000",
        "Dinas Pertanian dan Pangan",
        "2",
        "fisik",
        "1; 2",
    ),
    (
        "3",
        "Babagan",
        "Pelatihan membatik tulis Lasem",
        "Pemuda belum terampil",
        "Balai Desa Babagan",
        "30",
        "orang",
        "Rp75.000.000,00",
        "Dinas Perindustrian, Perdagangan, Koperasi dan UKM",
        "1",
        "Non Fisik",
        "Mengurangi Angka Kemiskinan",
    ),
    (
        "4",
        "Desa Babagan",
        "Rehabilitasi jalan lingkungan",
        "",
        "RT 01 / RW 03",
        "1.250,5",
        "m2",
        "150.000.000",
        "",
        "",
        "",
        "",
    ),
)


@pytest.fixture
def meeting(db: Database) -> int:
    """The Lasem template with one reviewer at the keyboard and no proposals yet."""
    meeting_id = setup.create_from_template(db, reviewers=[("Rina (BAPPEDA)", "BAPPEDA")])
    with db.read() as session:
        reviewer = queries.reviewers(session, meeting_id)[0]
    desk.switch_reviewer(db, meeting_id, reviewer.id)
    return meeting_id


def _stored(db: Database, meeting_id: int) -> list[tuple]:
    with db.read() as session:
        rows = session.exec(
            select(Village.name, Proposal)
            .join(Village, Village.id == Proposal.village_id)
            .where(Proposal.meeting_id == meeting_id)
            .order_by(Proposal.id)
        ).all()
        return [
            (
                name,
                p.title,
                p.location,
                p.volume,
                p.unit,
                p.requested,
                p.agency,
                p.priority,
                p.category,
                p.status,
            )
            for name, p in rows
        ]


EXPECTED = [
    (
        "Sendangcoyo",
        "Pembangunan jalan usaha tani",
        "RT 02 / RW 01, Dusun Krajan",
        1.5,
        "km",
        150_000_000,
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        1,
        "fisik",
        "pending",
    ),
    (
        "Sendangcoyo",
        "Pembangunan embung desa",
        "Dusun Ngablak",
        1.0,
        "unit",
        250_000_000,
        "Dinas Pertanian dan Pangan",
        2,
        "fisik",
        "pending",
    ),
    (
        "Babagan",
        "Pelatihan membatik tulis Lasem",
        "Balai Desa Babagan",
        30.0,
        "orang",
        75_000_000,
        "Dinas Perindustrian, Perdagangan, Koperasi dan UKM",
        1,
        "non fisik",
        "pending",
    ),
    (
        "Babagan",
        "Rehabilitasi jalan lingkungan",
        "RT 01 / RW 03",
        1250.5,
        "m2",
        150_000_000,
        "",
        # No prioritas on this row: ranked after the village's others, in row order.
        2,
        "",
        "pending",
    ),
]


def _import(db: Database, meeting_id: int, path: Path, **kwargs) -> importing.ImportResult:
    result = importing.preview(db, meeting_id, path, **kwargs)
    assert result.ok, [(p.row, p.column, words.message(p)) for p in result.errors]
    return importing.commit(db, result)


# --- good files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [
        (",", "utf-8"),
        (";", "utf-8"),
        (";", "utf-8-sig"),
        (",", "utf-8-sig"),
        ("\t", "utf-16"),
    ],
)
def test_csv_delimiters_and_encodings(
    db: Database, meeting: int, tmp_path: Path, delimiter: str, encoding: str
) -> None:
    path = write_csv(
        tmp_path / "rekap.csv", [HEADER, *GOOD_ROWS], delimiter=delimiter, encoding=encoding
    )
    result = _import(db, meeting, path)
    assert result.count == 4
    assert _stored(db, meeting) == EXPECTED


def test_windows_1252_fallback(db: Database, meeting: int, tmp_path: Path) -> None:
    rows = [HEADER, (*GOOD_ROWS[0][:4], "Dusun Krajan – RT 02 (café)", *GOOD_ROWS[0][5:])]
    path = write_csv(tmp_path / "rekap.csv", rows, delimiter=";", encoding="cp1252")
    preview = importing.preview(db, meeting, path)
    assert preview.source.encoding == "cp1252"
    importing.commit(db, preview)
    assert _stored(db, meeting)[0][2] == "Dusun Krajan – RT 02 (café)"


def test_issues_are_linked(db: Database, meeting: int, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "rekap.csv", [HEADER, *GOOD_ROWS])
    result = _import(db, meeting, path)
    with db.read() as session:
        codes = {
            pid: sorted(
                session.exec(
                    select(StrategicIssue.code)
                    .join(ProposalIssue, ProposalIssue.issue_id == StrategicIssue.id)
                    .where(ProposalIssue.proposal_id == pid)
                ).all()
            )
            for pid in result.proposal_ids
        }
    assert list(codes.values()) == [["ISU-1"], ["ISU-1", "ISU-2"], ["ISU-2"], []]


def test_xlsx_title_block_merged_cells_and_named_sheet(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    title_block = [
        ("REKAPITULASI USULAN MUSRENBANG DESA TAHUN 2023",),
        ("KECAMATAN LASEM",),
        (),
    ]
    data = [
        HEADER,
        *[
            (int(r[0]), *r[1:5], r[5], r[6], r[7], *r[8:])  # as typed, text amounts
            for r in GOOD_ROWS
        ],
    ]
    path = write_xlsx(
        tmp_path / "rekap.xlsx",
        {"Petunjuk": [("Isi lembar Rekap",)], "Rekap": title_block + data},
        merges={"Rekap": ["A1:L1", "A2:L2"]},
    )
    result = importing.preview(db, meeting, path)
    # The first sheet holds no table: a clear message, nothing else.
    assert [p.code for p in result.errors] == ["no_headings"]
    result = importing.preview(db, meeting, path, sheet="rekap")
    assert result.ok
    assert result.headings is not None and result.headings.row == 4
    assert result.source.sheet == "Rekap"
    importing.commit(db, result)
    assert _stored(db, meeting) == EXPECTED


def test_xlsx_numbers_and_village_merged_down(db: Database, meeting: int, tmp_path: Path) -> None:
    rows = [
        ("Desa", "Kegiatan", "Volume", "Satuan", "Biaya"),
        ("Dasun", "Penanaman mangrove", 2.5, "ha", 120_000_000),
        (None, "Rehabilitasi tambak garam rakyat", 4, "ha", 300000000.0),
        ("Kajar", "Pembangunan embung desa", 1, "unit", "Rp 200.000.000"),
    ]
    path = write_xlsx(tmp_path / "r.xlsx", {"Sheet1": rows}, merges={"Sheet1": ["A2:A3"]})
    result = _import(db, meeting, path)
    assert [(v.name, v.rows, v.requested) for v in result.villages] == [
        ("Dasun", 2, 420_000_000),
        ("Kajar", 1, 200_000_000),
    ]
    stored = _stored(db, meeting)
    assert [(s[0], s[3], s[5]) for s in stored] == [
        ("Dasun", 2.5, 120_000_000),
        ("Dasun", 4.0, 300_000_000),
        ("Kajar", 1.0, 200_000_000),
    ]


def _two_row_heading_workbook(path: Path) -> Path:
    """The recap layout with "Volume" merged across "Jumlah | Satuan" below it, and
    every other heading merged down over both rows, under a merged title."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rekap"
    sheet.append(["REKAPITULASI USULAN MUSRENBANG DESA TAHUN 2023"])
    sheet.append([])
    sheet.append(["No", "Desa", "Usulan Kegiatan", "Volume", None, "Perkiraan Biaya (Rp)", "OPD"])
    sheet.append([None, None, None, "Jumlah", "Satuan", None, None])
    sheet.append([1, "Dasun", "Penanaman mangrove", 2.5, "ha", 120_000_000, "DLH"])
    sheet.append([2, "Dasun", "Talud sungai", 150, "m", "Rp 80.000.000", "DPUPR"])
    sheet.merge_cells("A1:G1")
    for column in "ABCFG":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("D3:E3")
    workbook.save(path)
    return path


def test_xlsx_two_row_headings_with_merged_cells(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    path = _two_row_heading_workbook(tmp_path / "rekap.xlsx")
    result = importing.preview(db, meeting, path)
    assert [(p.row, p.column, p.code) for p in result.problems] == []
    assert result.rows_read == 2
    importing.commit(db, result)
    assert [(s[0], s[1], s[3], s[4], s[5], s[6]) for s in _stored(db, meeting)] == [
        ("Dasun", "Penanaman mangrove", 2.5, "ha", 120_000_000, "DLH"),
        ("Dasun", "Talud sungai", 150.0, "m", 80_000_000, "DPUPR"),
    ]


def test_csv_two_row_headings(db: Database, meeting: int, tmp_path: Path) -> None:
    """The same recap saved as CSV: no merges, each heading written once."""
    rows = [
        ("No", "Desa", "Usulan Kegiatan", "Volume", "", "Perkiraan Biaya (Rp)", "OPD"),
        ("", "", "", "Jumlah", "Satuan", "", ""),
        ("1", "Dasun", "Penanaman mangrove", "2,5", "ha", "120.000.000", "DLH"),
    ]
    path = write_csv(tmp_path / "rekap.csv", rows, delimiter=";")
    result = importing.preview(db, meeting, path)
    assert [(p.row, p.column, p.code) for p in result.problems] == []
    importing.commit(db, result)
    assert [(s[0], s[3], s[4], s[5]) for s in _stored(db, meeting)] == [
        ("Dasun", 2.5, "ha", 120_000_000)
    ]


@pytest.mark.parametrize("style", ["{}", "({})"])
def test_a_row_numbering_the_columns_under_the_headings(
    db: Database, meeting: int, tmp_path: Path, style: str
) -> None:
    """Government tables number their columns under the headings: 1 2 3 ... or (1) (2)."""
    header = ("No", "Desa", "Usulan", "Volume", "Satuan", "Anggaran")
    rows = [
        header,
        tuple(style.format(n) for n in range(1, len(header) + 1)),
        ("1", "Dasun", "Talud sungai", "150", "m", "80.000.000"),
    ]
    result = importing.preview(db, meeting, write_csv(tmp_path / "rekap.csv", rows))
    assert [(p.row, p.column, p.code) for p in result.problems] == []
    importing.commit(db, result)
    assert [(s[0], s[1], s[3], s[5]) for s in _stored(db, meeting)] == [
        ("Dasun", "Talud sungai", 150.0, 80_000_000)
    ]


def test_xlsx_two_row_headings_and_their_column_numbers(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    path = _two_row_heading_workbook(tmp_path / "rekap.xlsx")
    workbook = load_workbook(path)
    workbook.active.insert_rows(5)
    for column in range(1, 8):
        workbook.active.cell(5, column, column)
    workbook.save(path)
    result = importing.preview(db, meeting, path)
    assert [(p.row, p.column, p.code) for p in result.problems] == []
    assert [r.row for r in result.rows] == [6, 7]


def test_english_headings_case_and_spacing(db: Database, meeting: int, tmp_path: Path) -> None:
    rows = [
        ("  VILLAGE ", "Title", "PROBLEM", "location", "volume", "UNIT", "Requested", "Agency"),
        ("gowak", "Farm road", "Mud", "Dusun Gowak", "2,5", "km", "Rp 100.000.000", "PU"),
    ]
    path = write_csv(tmp_path / "english.csv", rows)
    _import(db, meeting, path)
    assert _stored(db, meeting)[0][:6] == (
        "Gowak",
        "Farm road",
        "Dusun Gowak",
        2.5,
        "km",
        100_000_000,
    )


def test_headings_the_way_other_recaps_word_them(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    rows = [
        (
            "Nama Desa",
            "Nama Usulan Kegiatan",
            "Estimasi Biaya",
            "Skala Prioritas",
            "Nama OPD",
        ),
        ("Dasun", "Penanaman mangrove", "Rp 120.000.000", "1", "DLH"),
    ]
    _import(db, meeting, write_csv(tmp_path / "a.csv", rows))
    english = [
        ("Village", "Title of activity", "Requested amount", "Agency"),
        ("Kajar", "Farm road", "90.000.000", "PU"),
    ]
    _import(db, meeting, write_csv(tmp_path / "b.csv", english))
    for heading in ("Usulan Desa", "Rencana Biaya", "Kebutuhan Anggaran"):
        rows = [("Desa", heading), ("Gowak", "x")]
        found = importing.preview(db, meeting, write_csv(tmp_path / "c.csv", rows))
        assert found.headings is not None, heading
    assert [(s[0], s[1], s[5], s[6], s[7]) for s in _stored(db, meeting)] == [
        ("Dasun", "Penanaman mangrove", 120_000_000, "DLH", 1),
        ("Kajar", "Farm road", 90_000_000, "PU", 1),  # ranked by row order
    ]


def test_total_and_signature_rows_are_skipped_with_a_note(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    rows = [
        ("Desa", "Usulan", "Anggaran"),
        ("Dasun", "Talud sungai", "100.000.000"),
        ("Dasun", "Tambatan perahu", "50.000.000"),
        ("", "JUMLAH", "150.000.000"),
        (),
        ("Mengetahui,", "", ""),
        ("Kepala Desa Dasun", "", ""),
    ]
    path = write_csv(tmp_path / "rekap.csv", rows)
    result = importing.preview(db, meeting, path)
    assert result.ok
    assert result.rows_read == 2
    assert [(w.row, w.code) for w in result.warnings] == [
        (4, "total_row_skipped"),
        (6, "row_skipped"),
        (7, "row_skipped"),
    ]
    assert result.total_requested == 150_000_000


def test_one_village_recap_without_a_village_column(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "kajar.csv", [("Usulan", "Anggaran"), ("Embung", "90000000")])
    with db.read() as session:
        kajar = next(v for v in queries.villages(session, meeting) if v.name == "Kajar")
    refused = importing.preview(db, meeting, path)
    assert [(p.code, p.column) for p in refused.errors] == [("column_missing", "desa")]
    _import(db, meeting, path, village_id=kajar.id)
    assert _stored(db, meeting)[0][:2] == ("Kajar", "Embung")


def test_seq_continues_and_refs_are_kept_or_made(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    first = write_csv(
        tmp_path / "a.csv",
        [("Desa", "Usulan", "Anggaran", "Ref"), ("Kajar", "Embung", "1", "K-7")],
    )
    second = write_csv(
        tmp_path / "b.csv",
        [("Desa", "Usulan", "Anggaran"), ("Kajar", "Sumur bor", "2"), ("Kajar", "Talud", "3")],
    )
    _import(db, meeting, first)
    _import(db, meeting, second)
    with db.read() as session:
        rows = session.exec(select(Proposal.seq, Proposal.ref).order_by(Proposal.id)).all()
    # Kajar is 33.17.14.2014: generated refs follow the demo's "14.02" pattern.
    assert rows == [(1, "K-7"), (2, "14.02"), (3, "14.03")]


def test_import_is_logged_with_file_rows_and_reviewer(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "rekap-lasem.csv", [HEADER, *GOOD_ROWS])
    result = _import(db, meeting, path)
    with db.read() as session:
        event = session.get(Event, result.event_id)
        reviewer = queries.reviewers(session, meeting)[0]
    assert event is not None and event.kind == "import"
    assert event.reviewer_id == reviewer.id
    after = json.loads(event.after)
    assert after["file"] == "rekap-lasem.csv"
    assert after["rows"] == 4
    assert after["reviewer"] == "Rina (BAPPEDA)"
    assert after["villages"] == {"Sendangcoyo": 2, "Babagan": 2}
    assert after["proposal_ids"] == list(result.proposal_ids)


def test_preview_counts_per_village(db: Database, meeting: int, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "rekap.csv", [HEADER, *GOOD_ROWS])
    result = importing.preview(db, meeting, path)
    assert result.rows_read == 4
    assert [(v.name, v.rows, v.requested) for v in result.villages] == [
        ("Sendangcoyo", 2, 400_000_000),
        ("Babagan", 2, 225_000_000),
    ]
    assert result.total_requested == 625_000_000
    assert snapshot(db)[0] == ()  # a preview writes nothing


# --- the round trip -----------------------------------------------------------------------


@pytest.mark.parametrize("excel", [False, True])
def test_round_trip_of_our_own_export(
    db: Database, fresh_demo: int, meeting: int, tmp_path: Path, excel: bool
) -> None:
    exported = io.StringIO()
    export_csv(db, fresh_demo, exported, excel=excel)
    path = tmp_path / "export.csv"
    path.write_text(exported.getvalue(), encoding="utf-8", newline="")
    result = _import(db, meeting, path)
    assert result.count == len(exported.getvalue().splitlines()) - 1
    again = io.StringIO()
    export_csv(db, meeting, again, excel=excel)
    assert again.getvalue() == exported.getvalue()
    # Not only the same file: what the CSV carries of each proposal came back too.
    with db.read() as session:
        before = [p for _, p in queries.meeting_proposals(session, fresh_demo)]
        after = [p for _, p in queries.meeting_proposals(session, meeting)]
    kept = (
        "ref",
        "title",
        "location",
        "volume",
        "unit",
        "requested",
        "agency",
        "requested_volume",
        "priority",
    )
    assert [[getattr(p, f) for f in kept] for p in after] == [
        [getattr(p, f) for f in kept] for p in before
    ]


@pytest.mark.parametrize("excel", [False, True])
def test_round_trip_keeps_formula_like_text_and_three_decimal_volumes(
    db: Database, meeting: int, tmp_path: Path, excel: bool
) -> None:
    source = write_csv(
        tmp_path / "src.csv",
        [
            ("Desa", "Usulan", "Lokasi", "Volume", "Anggaran"),
            ("Dasun", "=Talud+", "-RT 01", "2,125", "5"),
        ],
    )
    _import(db, meeting, source)
    first = io.StringIO()
    export_csv(db, meeting, first, excel=excel)
    # Excel in an Indonesian locale reads a decimal comma; other tools a point.
    assert ("2,125" if excel else "2.125") in first.getvalue()
    target = setup.create_from_template(db)
    path = tmp_path / "export.csv"
    path.write_text(first.getvalue(), encoding="utf-8", newline="")
    _import(db, target, path)
    second = io.StringIO()
    export_csv(db, target, second, excel=excel)
    assert second.getvalue() == first.getvalue()
    assert _stored(db, target)[0][1:4] == ("=Talud+", "-RT 01", 2.125)


def test_export_with_decisions_imports_as_pending(
    db: Database, midway_demo: int, meeting: int, tmp_path: Path
) -> None:
    exported = io.StringIO()
    export_csv(db, midway_demo, exported)
    path = tmp_path / "export.csv"
    path.write_text(exported.getvalue(), encoding="utf-8")
    result = importing.preview(db, meeting, path)
    assert result.ok
    assert "decisions_not_imported" in [w.code for w in result.warnings]
    importing.commit(db, result)
    assert {row[-1] for row in _stored(db, meeting)} == {"pending"}


# --- bad files ----------------------------------------------------------------------------


def _refused(db: Database, meeting: int, path: Path, **kwargs) -> list[tuple]:
    """Preview a bad file, check that commit refuses it and nothing changed; return
    (row, column, code) of each error."""
    before = snapshot(db)
    result = importing.preview(db, meeting, path, **kwargs)
    assert not result.ok
    with pytest.raises(importing.ImportRefusedError):
        importing.commit(db, result)
    assert snapshot(db) == before
    for problem in result.problems:
        assert words.message(problem) and not words.message(problem).startswith("import.")
    return [(p.row, p.column, p.code) for p in result.errors]


def test_missing_required_column(db: Database, meeting: int, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [("Desa", "Usulan", "Volume"), ("Dasun", "Talud", "1")])
    assert _refused(db, meeting, path) == [(1, "anggaran", "column_missing")]


def test_empty_title(db: Database, meeting: int, tmp_path: Path) -> None:
    rows = [("Desa", "Usulan", "Anggaran"), ("Dasun", "Talud", "1"), ("Dasun", "", "5")]
    path = write_csv(tmp_path / "x.csv", rows)
    assert _refused(db, meeting, path) == [(3, "Usulan", "title_empty")]


UNTITLED_HEADER = (
    "Desa",
    "Usulan",
    "Permasalahan",
    "Lokasi",
    "Volume",
    "Satuan",
    "Anggaran",
    "OPD",
)


def test_a_row_with_data_but_no_title_is_an_error(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    """A village's name and the rest of a proposal, its title and amount left out: not a
    group heading to skip in silence."""
    rows = [
        UNTITLED_HEADER,
        ("Babagan", "Talud", "", "", "", "", "1", ""),
        ("Babagan", "", "Banjir tiap tahun", "RT 03", "200", "m", "", "DPUPR"),
    ]
    path = write_csv(tmp_path / "x.csv", rows)
    assert _refused(db, meeting, path) == [
        (3, "Usulan", "title_empty"),
        (3, "Anggaran", "amount_empty"),
    ]


def test_a_row_with_data_but_neither_title_nor_village_is_an_error(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    rows = [UNTITLED_HEADER, ("", "", "Banjir tiap tahun", "RT 03", "200", "m", "", "DPUPR")]
    path = write_csv(tmp_path / "x.csv", rows)
    assert _refused(db, meeting, path) == [
        (2, "Desa", "village_empty"),
        (2, "Usulan", "title_empty"),
        (2, "Anggaran", "amount_empty"),
    ]


def test_village_group_headings_and_notes_are_still_skipped(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    """A village's name alone (its group number beside it) heads its rows; a row of one
    cell is a note, said and skipped."""
    rows = [
        ("No", *UNTITLED_HEADER),
        ("A", "Desa Dasun", "", "", "", "", "", "", ""),
        ("1", "", "Talud", "", "", "", "", "100", ""),
        ("", "", "", "", "", "", "", "", "Usulan ini mendesak"),
    ]
    path = write_csv(tmp_path / "x.csv", rows)
    result = importing.preview(db, meeting, path)
    assert result.ok
    assert [(r.row, r.village, r.title) for r in result.rows] == [(3, "Dasun", "Talud")]
    assert [(w.row, w.code) for w in result.warnings] == [(4, "row_skipped")]


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        ("seratus juta", "amount_not_number"),
        ("150.000.00", "amount_not_number"),
        ("-150000000", "amount_negative"),
        ("Rp -5.000", "amount_negative"),
        ("", "amount_empty"),
    ],
)
def test_bad_amounts(db: Database, meeting: int, tmp_path: Path, amount: str, code: str) -> None:
    rows = [("Desa", "Usulan", "Anggaran (Rp)"), ("Dasun", "Talud", amount)]
    path = write_csv(tmp_path / "x.csv", rows, delimiter=";")
    assert _refused(db, meeting, path) == [(2, "Anggaran (Rp)", code)]


def test_village_not_in_meeting_suggests_the_closest(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    rows = [("Desa", "Usulan", "Anggaran"), ("Sendang Coyo", "Talud", "1"), ("Atlantis", "X", "1")]
    path = write_csv(tmp_path / "x.csv", rows)
    before = snapshot(db)
    result = importing.preview(db, meeting, path)
    assert [(p.row, p.column, p.code) for p in result.errors] == [
        (2, "Desa", "village_unknown_suggest"),
        (3, "Desa", "village_unknown"),
    ]
    assert result.errors[0].params["suggestion"] == "Sendangcoyo"
    assert "Sendangcoyo" in words.message(result.errors[0])
    assert words.where(result.errors[0]) == "baris 2, kolom Desa (A)"
    i18n.set_language("en")
    assert "did you mean 'Sendangcoyo'" in words.message(result.errors[0])
    assert snapshot(db) == before


def test_duplicate_of_a_proposal_already_in_the_meeting(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "rekap.csv", [HEADER, *GOOD_ROWS])
    _import(db, meeting, path)
    errors = _refused(db, meeting, path)
    assert errors == [(row, "Usulan Kegiatan", "duplicate_existing") for row in (2, 3, 4, 5)]


def test_duplicate_within_the_file(db: Database, meeting: int, tmp_path: Path) -> None:
    rows = [
        ("Desa", "Usulan", "Lokasi", "Anggaran"),
        ("Dasun", "Talud", "RT 1", "1"),
        ("Dasun", "Talud", "RT 2", "1"),  # another place: not a duplicate
        ("dasun", " talud ", "RT 1", "2"),
    ]
    path = write_csv(tmp_path / "x.csv", rows)
    assert _refused(db, meeting, path) == [(4, "Usulan", "duplicate_in_file")]


def test_bad_volume_priority_and_issue(db: Database, meeting: int, tmp_path: Path) -> None:
    rows = [
        ("Desa", "Usulan", "Volume", "Anggaran", "Prioritas", "Isu Strategis"),
        ("Dasun", "Talud", "dua", "1", "pertama", "Kemiskinan"),
        ("Dasun", "Jalan", "1", "1", "2", "Mengurangi Angka Kemiskinn"),
    ]
    path = write_csv(tmp_path / "x.csv", rows)
    assert _refused(db, meeting, path) == [
        (2, "Volume", "volume_invalid"),
        (2, "Prioritas", "priority_invalid"),
        (3, "Isu Strategis", "issue_unknown_suggest"),
    ]


def test_every_problem_of_a_file_at_once(db: Database, meeting: int, tmp_path: Path) -> None:
    rows = [
        ("Desa", "Usulan", "Anggaran"),
        ("Dasun", "", "x"),
        ("Sendang Coyo", "Jalan", "-1"),
        ("Dasun", "Talud", "1"),
    ]
    path = write_csv(tmp_path / "x.csv", rows)
    assert _refused(db, meeting, path) == [
        (2, "Usulan", "title_empty"),
        (2, "Anggaran", "amount_not_number"),
        (3, "Desa", "village_unknown_suggest"),
        (3, "Anggaran", "amount_negative"),
    ]


def test_a_heading_row_with_one_known_heading_names_the_missing_columns(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    """Not just "no heading row found": the row taken for the headings, what it lacks,
    and which of its headings were not understood."""
    rows = [
        ("REKAP USULAN DESA DASUN",),
        ("Desa", "Nama Kegiatannya", "Biaya Total"),
        ("Dasun", "Talud", "100000000"),
    ]
    path = write_csv(tmp_path / "x.csv", rows)
    assert _refused(db, meeting, path) == [
        (2, "usulan", "column_missing"),
        (2, "anggaran", "column_missing"),
    ]
    result = importing.preview(db, meeting, path)
    assert [(w.row, w.column, w.letter, w.code) for w in result.warnings] == [
        (2, "Nama Kegiatannya", "B", "column_ignored"),
        (2, "Biaya Total", "C", "column_ignored"),
    ]
    assert words.where(result.errors[0]) == "baris 2, kolom usulan"
    assert words.message(result.errors[0]) == "Kolom wajib 'usulan' tidak ada"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("kosong.csv", b"", "file_empty"),
        ("tanpa-judul.csv", b"a,b\n1,2\n", "no_headings"),
        ("judul-saja.csv", b"Desa,Usulan,Anggaran\n", "no_rows"),
        ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "file_xls_old"),
        ("rusak.xlsx", b"not a zip at all", "file_xlsx_broken"),
        ("zip.xlsx", b"PK\x03\x04garbage", "file_xlsx_broken"),
        (
            "gambar.csv",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "file_nul",
        ),  # one refusal for a NUL, wherever it is
    ],
)
def test_unreadable_files(
    db: Database, meeting: int, tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert _refused(db, meeting, path) == [(None, "", code)]


def test_missing_file_and_missing_sheet(db: Database, meeting: int, tmp_path: Path) -> None:
    assert _refused(db, meeting, tmp_path / "tidak-ada.csv") == [(None, "", "file_missing")]
    path = write_xlsx(tmp_path / "r.xlsx", {"Rekap": [("Desa", "Usulan", "Anggaran")]})
    result = importing.preview(db, meeting, path, sheet="Lembar9")
    assert [p.code for p in result.errors] == ["sheet_missing"]
    assert "Rekap" in words.message(result.errors[0])


def test_commit_checks_again_inside_its_transaction(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    """Another desk imports the same rows between this desk's preview and its commit."""
    path = write_csv(tmp_path / "rekap.csv", [HEADER, *GOOD_ROWS])
    mine = importing.preview(db, meeting, path)
    theirs = importing.preview(db, meeting, path)
    importing.commit(db, theirs)
    before = snapshot(db)
    with pytest.raises(importing.ImportRefusedError) as refused:
        importing.commit(db, mine)
    assert {p.code for p in refused.value.problems if p.is_error} == {"duplicate_existing"}
    assert snapshot(db) == before


def test_closed_meeting_refuses_an_import(db: Database, meeting: int, tmp_path: Path) -> None:
    from lasem_tui.domain.dates import now
    from lasem_tui.store.errors import MeetingClosedError
    from lasem_tui.store.models import Meeting

    path = write_csv(tmp_path / "rekap.csv", [HEADER, *GOOD_ROWS])
    result = importing.preview(db, meeting, path)
    with db.write() as session:
        session.get(Meeting, meeting).closed_at = now()  # type: ignore[union-attr]
    before = snapshot(db)
    with pytest.raises(MeetingClosedError):
        importing.commit(db, result)
    assert snapshot(db) == before


def test_village_written_once_over_its_rows(db: Database, meeting: int, tmp_path: Path) -> None:
    rows = [
        ("Desa", "Usulan", "Anggaran", "Keterangan"),
        ("DESA DASUN", "", "", ""),
        ("", "Talud sungai", "100.000.000", "mendesak"),
        ("", "Tambatan perahu", "50.000.000", ""),
        ("Kajar", "Embung", "70.000.000", ""),
        ("", "Sumur bor", "30.000.000", ""),
    ]
    path = write_csv(tmp_path / "rekap.csv", rows)
    result = importing.preview(db, meeting, path)
    assert result.ok
    assert [(v.name, v.rows) for v in result.villages] == [("Dasun", 2), ("Kajar", 2)]
    # A column the import does not know is named, so nothing is dropped unawares.
    assert [(w.row, w.column, w.code) for w in result.warnings] == [
        (1, "Keterangan", "column_ignored")
    ]


def test_rows_under_an_unknown_village_heading_do_not_join_the_village_above(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    """A misspelt village over its group: its rows are refused under that name, not
    imported into the previous group's village."""
    rows = [
        ("Desa", "Usulan", "Anggaran"),
        ("DESA DASUN", "", ""),
        ("", "Talud sungai", "100.000.000"),
        ("Sendang Coyo", "", ""),
        ("", "Embung", "70.000.000"),
    ]
    path = write_csv(tmp_path / "rekap.csv", rows)
    assert _refused(db, meeting, path) == [(5, "Desa", "village_unknown_suggest")]
    result = importing.preview(db, meeting, path)
    assert result.errors[0].params == {"value": "Sendang Coyo", "suggestion": "Sendangcoyo"}


def test_the_app_import_texts_count_in_english() -> None:
    """What the import preview and the desk say, with one of each and with several."""
    i18n.set_language("en")
    counted = i18n.counted
    assert (
        i18n.t(
            "import_ui.problems",
            errors=counted("count.errors", 1),
            warnings=counted("count.notes", 0),
        )
        == "Problems: 1 error, 0 notes"
    )
    assert i18n.t("import_ui.blocked", count=1, rows=counted("count.rows", 1)).startswith(
        "Cannot be imported: 1 error in 1 row."
    )
    assert i18n.t("import_ui.blocked", count=3, rows=counted("count.rows", 2)).startswith(
        "Cannot be imported: 3 errors in 2 rows."
    )
    assert i18n.t(
        "import_ui.ready", count=1, villages=counted("count.villages", 1), amount="Rp 5"
    ).startswith("Ready: 1 proposal for 1 village (Rp 5)")
    assert i18n.t("import_ui.confirm_count", count="1") == "Import 1 proposal"
    assert i18n.t("import_ui.writing", count="1.250") == "Saving 1.250 proposals…"
    assert i18n.t(
        "import_ui.done",
        count=2,
        file="r.csv",
        villages=counted("count.villages", 1),
        amount="Rp 5",
    ) == ("2 proposals from r.csv imported into 1 village (Rp 5)")
    i18n.set_language("id")
    assert (
        i18n.t(
            "import_ui.problems",
            errors=counted("count.errors", 1),
            warnings=counted("count.notes", 2),
        )
        == "Masalah: 1 kesalahan, 2 catatan"
    )

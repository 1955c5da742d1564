"""Out to SIPD and to a map: the SIPD workbook read back with openpyxl against the stored
decisions, the GeoJSON checked as GeoJSON, both from the command line and the export
function the dialog calls."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from lasem_tui import cli
from lasem_tui.domain.decisions import accept, adjust, refuse
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.exchange import importing
from lasem_tui.exchange.exports import export
from lasem_tui.exchange.importing import words
from lasem_tui.exchange.sipd_export import HEADER, KECAMATAN_HEADER
from lasem_tui.store import desk, queries, setup
from lasem_tui.store.database import Database
from lasem_tui.store.models import Meeting, Proposal
from tests.importing_helpers import write_csv
from tests.sipd_corpus import DPU, sipd_rows, write_sipd_csv

pytestmark = pytest.mark.both_backends  # the store and the import on SQLite and PostgreSQL


@pytest.fixture
def decided(db: Database, tmp_path: Path) -> int:
    """The SIPD corpus imported, three of it decided, and one proposal not from SIPD."""
    meeting = setup.create_from_template(db, reviewers=[("Rina (BAPPEDA)", "BAPPEDA")])
    with db.read() as session:
        reviewer = queries.reviewers(session, meeting)[0].id
    desk.switch_reviewer(db, meeting, reviewer)
    importing.commit(
        db, importing.preview(db, meeting, write_sipd_csv(tmp_path / "s.csv", sipd_rows()))
    )
    recap = write_csv(
        tmp_path / "r.csv",
        [
            ("Desa", "Usulan", "Anggaran", "Lintang", "Bujur"),
            ("Karasgede", "Gapura", "9000000", "", ""),
        ],
    )
    importing.commit(db, importing.preview(db, meeting, recap))
    with db.read() as session:
        by_id = {
            p.sipd_id: p
            for p in session.exec(select(Proposal).where(Proposal.meeting_id == meeting)).all()
        }

    def decide(sipd_id: str, decision) -> None:  # type: ignore[no-untyped-def]
        p = by_id[sipd_id]
        desk.decide(db, meeting, p.id, decision, reviewer_id=reviewer, expected_version=p.version)

    road, embung = by_id["3317050001"], by_id["3317050002"]
    decide("3317050001", accept(road.requested, road.volume))
    decide(
        "3317050002",
        adjust(
            embung.requested, embung.volume, amount=200_000_000, new_volume=0.8, note="Dikurangi"
        ),
    )
    decide("3317050003", refuse(ProposalStatus.REJECTED, "Sudah dianggarkan APBDes"))
    return meeting


def _sheet_rows(path: Path, title: str) -> list[dict[str, object]]:
    wb = load_workbook(path)
    ws = wb[title]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def test_sipd_workbook_matches_the_stored_decisions(
    db: Database, decided: int, tmp_path: Path
) -> None:
    target = tmp_path / "sipd.xlsx"
    assert cli.main(["--db", str(db.path or db.url), "export", "sipd", "-o", str(target)]) == 0
    wb = load_workbook(target)
    assert wb.sheetnames == ["Usulan SIPD", "Entri Manual"]
    header = [c.value for c in wb["Usulan SIPD"][1]]
    assert header[: len(HEADER)] == list(HEADER)
    assert header[0] == "ID Usulan"
    assert header[len(HEADER) : len(HEADER) + 3] == list(KECAMATAN_HEADER)
    rows = _sheet_rows(target, "Usulan SIPD")
    # Grouped by village in the queue's order (Babagan 05, Dasun 08, Sendangcoyo 12).
    assert [r["Kelurahan/Desa"] for r in rows] == ["Babagan", "Dasun", "Sendangcoyo", "Sendangcoyo"]
    by_id = {r["ID Usulan"]: r for r in rows}
    with db.read() as session:
        stored = {
            p.sipd_id: p
            for p in session.exec(select(Proposal).where(Proposal.meeting_id == decided)).all()
        }
    for sipd_id, row in by_id.items():
        p = stored[sipd_id]
        assert row["Usulan"] == p.title
        assert row["OPD Tujuan Akhir"] == p.agency
        assert row["OPD Tujuan Awal"] == p.agency_origin
        if p.status == "pending":
            assert row["Rekomendasi Kecamatan"] == "Belum dibahas"
            assert row["Koefisien"] is None and row["Anggaran"] is None
        elif p.status in ("accepted", "adjusted"):
            assert row["Anggaran"] == p.approved
            assert row["Koefisien"] == p.volume
        else:
            assert (row["Koefisien"], row["Anggaran"]) == (0, 0)
    road = by_id["3317050001"]
    assert road["Rekomendasi Kecamatan"] == "Disetujui"
    assert (road["Koefisien"], road["Anggaran"]) == (1.5, 150_000_000)
    assert isinstance(road["Anggaran"], int) and isinstance(road["Koefisien"], float)
    assert road["OPD Tujuan Akhir"] == DPU
    assert (road["Lintang"], road["Bujur"]) == (-6.6921, 111.4472)
    assert road["Tanggal Usul"].date() == date(2022, 12, 5)  # type: ignore[union-attr]
    assert road["Status"] == "Diverifikasi Kecamatan"
    assert road["Rekomendasi Desa/Kelurahan"].startswith("Diusulkan")  # type: ignore[union-attr]
    embung = by_id["3317050002"]
    assert embung["Rekomendasi Kecamatan"] == "Disetujui dengan penyesuaian: Dikurangi"
    assert (embung["Koefisien"], embung["Anggaran"]) == (0.8, 200_000_000)
    assert by_id["3317050003"]["Rekomendasi Kecamatan"] == "Ditolak: Sudah dianggarkan APBDes"
    manual = _sheet_rows(target, "Entri Manual")
    assert [(m["ID Usulan"], m["Usulan"], m["Kelurahan/Desa"]) for m in manual] == [
        (None, "Gapura", "Karasgede")
    ]


def test_geojson_is_points_of_longitude_latitude(
    db: Database, decided: int, tmp_path: Path
) -> None:
    target = tmp_path / "lokasi.geojson"
    result = export(db, decided, "geojson", target)
    assert result.paths == (target,)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 2  # the road and the mangroves have coordinates
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert 110 < lon < 112 and -7 < lat < -6  # Lasem: east, south
        assert set(feature["properties"]) >= {"village", "title", "requested", "decision"}
    road = next(f for f in data["features"] if f["properties"]["sipd_id"] == "3317050001")
    assert road["geometry"]["coordinates"] == [111.4472, -6.6921]
    assert road["properties"]["decision"] == "diterima"
    assert road["properties"]["approved"] == 150_000_000


def test_geojson_validates_with_a_geojson_library(db: Database, decided: int, tmp_path: Path):
    geojson = pytest.importorskip("geojson")
    target = tmp_path / "lokasi.geojson"
    export(db, decided, "geojson", target)
    loaded = geojson.loads(target.read_text(encoding="utf-8"))
    assert loaded.is_valid, loaded.errors()


def test_carried_over_keeps_each_levels_recommendation(
    db: Database, decided: int, tmp_path: Path
) -> None:
    with db.write() as session:
        meeting = session.get(Meeting, decided)
        meeting.desk_starts_at = meeting.desk_ends_at = None  # type: ignore[union-attr]
        session.add(meeting)
    carried = setup.start_musrenbang_kecamatan(db, decided)
    with db.read() as session:
        copies = {
            p.sipd_id: p
            for p in session.exec(
                select(Proposal).where(Proposal.meeting_id == carried.meeting_id)
            ).all()
        }
    assert set(copies) == {"3317050001", "3317050002"}
    embung = copies["3317050002"]
    assert embung.status == "pending" and embung.requested == 200_000_000
    assert embung.agency_origin and embung.spending_kind == "Belanja Modal"
    prior = json.loads(embung.prior_recommendation)
    assert prior["status"] == "adjusted" and prior["approved"] == 200_000_000
    target = tmp_path / "mk.xlsx"
    export(db, carried.meeting_id, "sipd", target)
    rows = {r["ID Usulan"]: r for r in _sheet_rows(target, "Usulan SIPD")}
    row = rows["3317050002"]
    assert row["Rekomendasi Pra Musrenbang"] == "Disetujui dengan penyesuaian: Dikurangi"
    assert row["Anggaran Pra Musrenbang"] == 200_000_000
    assert row["Rekomendasi Kecamatan"] == "Belum dibahas"  # this meeting's: not yet


def test_xlsx_recap_has_latitude_and_longitude(db: Database, decided: int, tmp_path: Path):
    target = tmp_path / "rekap.xlsx"
    export(db, decided, "xlsx", target)
    ws = load_workbook(target)["Usulan"]
    rows = list(ws.iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "No")
    header = rows[header_at]
    lat, lon, title = header.index("Lintang"), header.index("Bujur"), header.index("Usulan")
    points = {row[title]: (row[lat], row[lon]) for row in rows[header_at + 1 :] if row[0]}
    assert points["Pembangunan jalan usaha tani"] == (-6.6921, 111.4472)
    assert points["Gapura"] == (None, None)


@pytest.mark.parametrize("excel", [False, True])
def test_csv_carries_both_opds_and_the_point_and_imports_back(
    db: Database, decided: int, tmp_path: Path, excel: bool
) -> None:
    import csv
    import io

    out = tmp_path / "usulan.csv"
    export(db, decided, "csv", out, excel=excel)
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if excel else ","))
    road = next(r for r in rows if r["sipd_id"] == "3317050001")
    assert road["agency"] == DPU and road["agency_origin"] == "Dinas Pertanian dan Pangan"
    assert road["latitude"] == ("-6,6921" if excel else "-6.6921")
    other = setup.create_from_template(db, title="Salinan")
    checked = importing.preview(db, other, out)
    assert checked.ok, [words.message(p) for p in checked.errors]
    importing.commit(db, checked)
    with db.read() as session:
        copy = session.exec(
            select(Proposal).where(Proposal.meeting_id == other, Proposal.sipd_id == "3317050001")
        ).one()
    assert (copy.agency, copy.agency_origin) == (DPU, "Dinas Pertanian dan Pangan")
    assert (copy.latitude, copy.longitude) == (-6.6921, 111.4472)


def test_a_merged_proposal_is_written_as_merged(
    db: Database, midway_demo: int, tmp_path: Path
) -> None:
    """The demo merges one duplicate: the SIPD workbook says so instead of failing."""
    target = tmp_path / "usulan-sipd.xlsx"
    export(db, midway_demo, "sipd", target)
    sheet = load_workbook(target)["Entri Manual"]
    texts = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert any(text.startswith("Digabung dengan usulan lain") for text in texts)

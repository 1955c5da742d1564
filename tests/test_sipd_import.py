"""An SIPD usulan export in (CSV and XLSX): nothing of it dropped, another kecamatan's row
refused, a re-import recognised by SIPD id (unchanged skipped, changes listed and applied
only when asked)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from lasem_tui.domain.decisions import accept
from lasem_tui.exchange import importing
from lasem_tui.exchange.importing import words
from lasem_tui.store import desk, queries, setup
from lasem_tui.store.database import Database
from lasem_tui.store.models import Event, Proposal
from tests.importing_helpers import snapshot
from tests.sipd_corpus import (
    DINPER,
    DPU,
    SIPD_HEADER,
    other_kecamatan_row,
    sipd_rows,
    write_sipd_csv,
    write_sipd_xlsx,
)

#: Another order: the regency's XLSX puts the money before the text columns.
REORDERED = (
    "Kelurahan/Desa",
    "ID Usulan",
    "Usulan",
    "Volume/Koefisien",
    "Satuan",
    "Anggaran",
    "OPD Tujuan Akhir",
    "OPD Tujuan Awal",
    "Rekomendasi Kecamatan",
    "Rekomendasi Desa/Kelurahan",
    "Masalah",
    "Alamat",
    "Kecamatan",
    "Kabupaten",
    "Tanggal Usul",
    "Pengusul",
    "Profil",
    "Usulan Ke",
    "Status",
    "Catatan",
    "Jenis Belanja",
    "Sub Kegiatan",
)

pytestmark = pytest.mark.both_backends  # the store and the import on SQLite and PostgreSQL


@pytest.fixture
def meeting(db: Database) -> int:
    meeting_id = setup.create_from_template(db, reviewers=[("Rina (BAPPEDA)", "BAPPEDA")])
    with db.read() as session:
        reviewer = queries.reviewers(session, meeting_id)[0]
    desk.switch_reviewer(db, meeting_id, reviewer.id)
    return meeting_id


def _proposals(db: Database, meeting_id: int) -> dict[str, Proposal]:
    with db.read() as session:
        rows = session.exec(select(Proposal).where(Proposal.meeting_id == meeting_id)).all()
        return {p.sipd_id: p for p in rows}


@pytest.mark.parametrize(
    "write",
    [
        lambda p: write_sipd_csv(p.with_suffix(".csv"), sipd_rows()),
        lambda p: write_sipd_csv(p.with_suffix(".csv"), sipd_rows(), delimiter=";"),
        lambda p: write_sipd_xlsx(p.with_suffix(".xlsx"), sipd_rows()),
        lambda p: write_sipd_xlsx(p.with_suffix(".xlsx"), sipd_rows(), REORDERED),
    ],
    ids=["csv", "csv-semicolon", "xlsx", "xlsx-reordered"],
)
def test_sipd_export_is_read_whole(db: Database, meeting: int, tmp_path: Path, write) -> None:
    path = write(tmp_path / "sipd")
    checked = importing.preview(db, meeting, path)
    assert checked.ok, [words.message(p) for p in checked.errors]
    assert checked.sipd.is_sipd
    # Every SIPD column is read: none is reported as ignored.
    assert not [p for p in checked.problems if p.code == "column_ignored"]
    importing.commit(db, checked)
    stored = _proposals(db, meeting)
    assert set(stored) == {"3317050001", "3317050002", "3317050003", "3317050004"}
    road = stored["3317050001"]
    assert road.title == "Pembangunan jalan usaha tani"
    assert road.agency == DPU  # OPD Tujuan Akhir: the one finally responsible
    assert road.agency_origin == DINPER  # OPD Tujuan Awal
    assert road.spending_kind == "Belanja Modal"
    assert road.sub_activity == "Pembangunan Jalan"
    assert road.proposer == "Pemerintah Desa Sendangcoyo"
    assert road.proposer_profile == "Desa"
    assert road.proposed_on == date(2022, 12, 5)
    assert road.usulan_ke == "1"
    assert (road.latitude, road.longitude) == (-6.6921, 111.4472)
    assert road.location == "Dusun Krajan RT 02, -6.6921, 111.4472"
    assert road.volume == 1.5 and road.requested == 150_000_000
    assert road.ref == "12.01"  # the desk's own number; SIPD's id kept apart
    data = json.loads(road.sipd_data)
    assert data["status"] == "Diverifikasi Kecamatan"
    assert data["note"] == "Prioritas desa"
    assert data["recommendations"] == [
        {
            "level": "Desa/Kelurahan",
            "text": "Diusulkan\nKoefisien : 1,5 km\nAnggaran : 150.000.000",
            "koefisien": 1.5,
            "anggaran": 150_000_000,
        }
    ]
    assert stored["3317050003"].proposed_on == date(2022, 12, 5)
    # Decimal commas in the address, split by a semicolon.
    assert (stored["3317050004"].latitude, stored["3317050004"].longitude) == (-6.6712, 111.459)
    assert stored["3317050003"].latitude is None


def test_another_kecamatan_is_an_error_and_nothing_is_written(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    path = write_sipd_csv(tmp_path / "sipd.csv", [*sipd_rows(), other_kecamatan_row()])
    before = snapshot(db)
    checked = importing.preview(db, meeting, path)
    assert not checked.ok
    [error] = checked.errors
    assert (error.row, error.column, error.code) == (6, "Kecamatan", "sipd_other_kecamatan")
    assert "Pancur" in words.message(error) and "Lasem" in words.message(error)
    with pytest.raises(importing.ImportRefusedError):
        importing.commit(db, checked)
    assert snapshot(db) == before


def test_bad_coordinates_and_dates_are_row_errors(db: Database, meeting: int, tmp_path: Path):
    rows = sipd_rows()
    rows[1]["Tanggal Usul"] = "kemarin"
    header = (*SIPD_HEADER, "Lintang", "Bujur")
    rows[2].update({"Lintang": "-6,70", "Bujur": "utara"})
    rows[3].update({"Lintang": "-6.65", "Bujur": "111.41"})
    checked = importing.preview(
        db, meeting, write_sipd_csv(tmp_path / "s.csv", rows, header=header)
    )
    codes = sorted((p.row, p.code) for p in checked.errors)
    assert codes == [(3, "sipd_date_invalid"), (4, "sipd_coordinate_invalid")]
    del rows[1], rows[1]
    checked = importing.preview(
        db, meeting, write_sipd_csv(tmp_path / "t.csv", rows, header=header)
    )
    assert checked.ok
    importing.commit(db, checked)
    dasun = _proposals(db, meeting)["3317050004"]
    # The recap's own columns come before a pair in the address.
    assert (dasun.latitude, dasun.longitude) == (-6.65, 111.41)


def test_recap_koordinat_column(db: Database, meeting: int, tmp_path: Path) -> None:
    from tests.importing_helpers import write_csv

    path = write_csv(
        tmp_path / "r.csv",
        [
            ("Desa", "Usulan", "Anggaran", "Koordinat"),
            ("Dasun", "Talud pantai", "10000000", "-6.6712, 111.4590"),
        ],
    )
    checked = importing.preview(db, meeting, path)
    assert checked.ok and not checked.sipd.is_sipd
    importing.commit(db, checked)
    with db.read() as session:
        row = session.exec(select(Proposal).where(Proposal.meeting_id == meeting)).one()
    assert (row.latitude, row.longitude, row.sipd_id) == (-6.6712, 111.459, "")


def test_reimport_skips_unchanged_lists_changes_and_adds_new(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    first = write_sipd_xlsx(tmp_path / "first.xlsx", sipd_rows()[:3])
    importing.commit(db, importing.preview(db, meeting, first))
    stored = _proposals(db, meeting)
    # The embung is decided at the desk before the second file comes.
    with db.read() as session:
        reviewer = queries.reviewers(session, meeting)[0].id
    embung = stored["3317050002"]
    desk.decide(
        db,
        meeting,
        embung.id,
        accept(embung.requested, embung.volume),
        reviewer_id=reviewer,
        expected_version=embung.version,
    )
    rows = sipd_rows()
    rows[0]["Anggaran"] = "175.000.000"  # changed, undecided
    rows[0]["Rekomendasi Kecamatan"] = "Disetujui"
    rows[1]["Satuan"] = "paket"  # changed, but decided
    second = write_sipd_xlsx(tmp_path / "second.xlsx", rows)  # row 3 unchanged, row 4 new
    checked = importing.preview(db, meeting, second)
    assert checked.ok
    assert [r.extras.sipd_id for r in checked.rows if r.extras] == ["3317050004"]
    assert [u[1] for u in checked.sipd.unchanged] == ["3317050003"]
    by_id = {c.sipd_id: c for c in checked.sipd.changes}
    assert set(by_id) == {"3317050001", "3317050002"}
    road = by_id["3317050001"]
    assert {c.field for c in road.changes} == {"requested", "sipd_data"}
    assert next(c for c in road.changes if c.field == "requested").old == 150_000_000
    assert by_id["3317050002"].decided
    messages = {p.code for p in checked.warnings}
    assert {"sipd_unchanged", "sipd_changed", "sipd_changed_decided"} <= messages

    # Confirming without asking for the changes adds the new row and changes nothing.
    done = importing.commit(db, checked)
    assert done.count == 1 and done.changed_ids == () and done.unchanged == 1
    after = _proposals(db, meeting)
    assert after["3317050001"].requested == 150_000_000
    assert "3317050004" in after

    # Asked for: the undecided one is updated, the decided one keeps its values.
    checked = importing.preview(db, meeting, second)
    assert checked.rows == ()
    done = importing.commit(db, checked, apply_changes=True)
    assert done.changed_ids == (after["3317050001"].id,)
    final = _proposals(db, meeting)
    assert final["3317050001"].requested == 175_000_000
    assert final["3317050001"].version == after["3317050001"].version + 1
    assert final["3317050002"].unit == "unit"
    with db.read() as session:
        event = session.exec(select(Event).order_by(Event.id.desc())).first()  # type: ignore[union-attr]
    logged = json.loads(event.after)
    assert logged["sipd_changes"][0]["before"]["requested"] == 150_000_000
    assert logged["sipd_changes"][0]["after"]["requested"] == 175_000_000
    # And now nothing is left to change.
    again = importing.preview(db, meeting, second)
    assert [c.sipd_id for c in again.sipd.changes] == ["3317050002"]
    assert len(again.sipd.unchanged) == 3

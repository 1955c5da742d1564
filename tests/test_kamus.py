"""The kamus usulan: a file in (all or nothing), listed, carried over, matched on import
(offered, applied only when confirmed), linked and unlinked as a logged command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from lasem_tui import cli
from lasem_tui.domain.kamus import KamusFlag, amount_for, implied_volume, kamus_flag
from lasem_tui.domain.states import EventKind
from lasem_tui.exchange import importing
from lasem_tui.exchange.kamus_file import read_kamus
from lasem_tui.store import desk, kamus, queries, setup
from lasem_tui.store.database import Database
from lasem_tui.store.models import Event, KamusEntry, Meeting, Proposal
from tests.importing_helpers import snapshot, write_csv, write_xlsx
from tests.sipd_corpus import sipd_rows, write_sipd_csv

KAMUS_HEADER = ("Kode", "Nama Kegiatan/Pekerjaan", "Satuan", "Harga Satuan", "OPD", "Jenis")
KAMUS_ROWS = (
    ("1.03.10", "Pembangunan Jalan Usaha Tani", "km", "100.000.000", "DPUPR", "Fisik"),
    ("2.09.03", "Pembangunan Embung Desa", "unit", "250000000", "Dinas Pertanian", "fisik"),
    ("3.31.02", "Pelatihan Membatik", "orang", "Rp 2.500.000", "Dinperindagkop", "Non Fisik"),
)

pytestmark = pytest.mark.both_backends  # the store and the import on SQLite and PostgreSQL


@pytest.fixture
def meeting(db: Database) -> int:
    meeting_id = setup.create_from_template(db, reviewers=[("Rina (BAPPEDA)", "BAPPEDA")])
    with db.read() as session:
        reviewer = queries.reviewers(session, meeting_id)[0]
    desk.switch_reviewer(db, meeting_id, reviewer.id)
    return meeting_id


def _kamus_file(tmp_path: Path, kind: str = "xlsx") -> Path:
    rows = [("KAMUS USULAN KABUPATEN REMBANG 2024",), (), KAMUS_HEADER, *KAMUS_ROWS]
    if kind == "csv":
        return write_csv(tmp_path / "kamus.csv", rows[2:])
    return write_xlsx(tmp_path / "kamus.xlsx", {"Kamus": rows})


def _cli(db: Database, *args: str) -> int:
    return cli.main(["--db", str(db.path or db.url), *args])


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_kamus_import_and_list(
    db: Database, meeting: int, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(db, "kamus", "import", str(_kamus_file(tmp_path, kind))) == 0
    assert "3 kegiatan kamus usulan" in capsys.readouterr().out
    with db.read() as session:
        stored = kamus.entries(session, meeting)
    assert [(e.code, e.unit, e.unit_price, e.kind) for e in stored] == [
        ("1.03.10", "km", 100_000_000, "fisik"),
        ("2.09.03", "unit", 250_000_000, "fisik"),
        ("3.31.02", "orang", 2_500_000, "non fisik"),
    ]
    assert _cli(db, "kamus", "list", "--search", "embung") == 0
    out = capsys.readouterr().out
    assert "Kamus usulan: 1 kegiatan" in out
    assert "2.09.03" in out and "Embung" in out and "3.31.02" not in out
    assert "250.000.000" in out


def test_a_bad_kamus_names_every_problem_and_writes_nothing(
    db: Database, meeting: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write_csv(
        tmp_path / "bad.csv",
        [
            KAMUS_HEADER,
            KAMUS_ROWS[0],
            ("1.03.11", "", "m", "5000", "DPUPR", "Fisik"),
            ("1.03.12", "Talud", "m", "lima ribu", "DPUPR", "Fisik"),
            ("1.03.10", "Jalan lagi", "km", "1", "DPUPR", "campuran"),
        ],
    )
    before = snapshot(db)
    read = read_kamus(bad)
    codes = sorted((p.row, p.code) for p in read.problems)
    assert codes == [
        (3, "kamus_name_empty"),
        (4, "kamus_price_invalid"),
        (5, "kamus_code_duplicate"),
        (5, "kamus_kind_invalid"),
    ]
    assert _cli(db, "kamus", "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert "Kamus tidak diimpor: 4 masalah" in err
    assert snapshot(db) == before
    with db.read() as session:
        assert kamus.entries(session, meeting) == ()
    missing = write_csv(tmp_path / "m.csv", [("Kode", "Nama Kegiatan"), ("1", "Jalan")])
    assert {p.code for p in read_kamus(missing).problems} == {"kamus_column_missing"}


def test_import_offers_the_closest_entry_and_links_only_when_confirmed(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    read = read_kamus(_kamus_file(tmp_path))
    kamus.replace_kamus(
        db,
        meeting,
        [kamus.NewEntry(r.code, r.name, r.unit, r.unit_price, r.agency, r.kind) for r in read.rows],
        file_name=read.name,
    )
    path = write_sipd_csv(tmp_path / "s.csv", sipd_rows())
    checked = importing.preview(db, meeting, path)
    offered = {s.row: (s.code, s.unit) for s in checked.sipd.kamus}
    # Road (km), embung (unit), batik (orang); the mangroves have no entry.
    assert offered == {2: ("1.03.10", "km"), 3: ("2.09.03", "unit"), 4: ("3.31.02", "orang")}
    done = importing.commit(db, checked)
    assert done.kamus_linked == 0
    with db.read() as session:
        linked = session.exec(
            select(Proposal.kamus_entry_id).where(Proposal.meeting_id == meeting)
        ).all()
    assert set(linked) == {None}


def test_link_unlink_logged_and_flags(db: Database, meeting: int, tmp_path: Path) -> None:
    read = read_kamus(_kamus_file(tmp_path))
    kamus.replace_kamus(
        db,
        meeting,
        [kamus.NewEntry(r.code, r.name, r.unit, r.unit_price, r.agency, r.kind) for r in read.rows],
        file_name=read.name,
    )
    path = write_sipd_csv(tmp_path / "s.csv", sipd_rows())
    done = importing.commit(db, importing.preview(db, meeting, path), link_kamus=True)
    assert done.kamus_linked == 3
    with db.read() as session:
        rows = {
            p.sipd_id: queries.proposal_row(p, {})
            for p in session.exec(select(Proposal).where(Proposal.meeting_id == meeting))
        }
        prices = kamus.prices(session, meeting)
        reviewer = queries.reviewers(session, meeting)[0].id
    # 1.5 km x Rp 100 juta = Rp 150 juta: as requested. 1 unit embung: as in the kamus.
    assert kamus.flag_for(rows["3317050001"], prices) is KamusFlag.MATCHES
    assert kamus.flag_for(rows["3317050002"], prices) is KamusFlag.MATCHES
    # 30 orang x Rp 2,5 juta = Rp 75 juta: matches; the mangroves are outside.
    assert kamus.flag_for(rows["3317050003"], prices) is KamusFlag.MATCHES
    assert kamus.flag_for(rows["3317050004"], prices) is KamusFlag.OUTSIDE
    mangrove = rows["3317050004"]
    entry = next(e for e in prices.values() if e.code == "3.31.02")
    assert kamus.link(db, meeting, mangrove.id, entry.id, reviewer_id=reviewer) is None
    with db.read() as session:
        row = queries.proposal(session, mangrove.id)
        event = session.exec(select(Event).order_by(Event.id.desc())).first()  # type: ignore[union-attr]
    assert row.kamus_entry_id == entry.id
    # 5000 batang at Rp 2,5 juta is not Rp 50 juta.
    assert kamus.flag_for(row, prices) is KamusFlag.MISMATCH
    assert event.kind == EventKind.KAMUS_LINK and event.reviewer_id == reviewer
    assert json.loads(event.after)["code"] == "3.31.02"
    assert kamus.link(db, meeting, mangrove.id, None, reviewer_id=reviewer) == entry.id
    with db.read() as session:
        assert queries.proposal(session, mangrove.id).kamus_entry_id is None


def test_kamus_is_carried_over(db: Database, meeting: int, tmp_path: Path) -> None:
    read = read_kamus(_kamus_file(tmp_path))
    kamus.replace_kamus(
        db,
        meeting,
        [kamus.NewEntry(r.code, r.name, r.unit, r.unit_price, r.agency, r.kind) for r in read.rows],
        file_name=read.name,
    )
    with db.write() as session:
        m = session.get(Meeting, meeting)
        m.desk_starts_at = m.desk_ends_at = None  # type: ignore[union-attr]
        session.add(m)
    carried = setup.start_musrenbang_kecamatan(db, meeting)
    with db.read() as session:
        copied = session.exec(
            select(KamusEntry).where(KamusEntry.meeting_id == carried.meeting_id)
        ).all()
    assert [e.code for e in copied] == ["1.03.10", "2.09.03", "3.31.02"]


def test_arithmetic() -> None:
    assert amount_for(1.5, 100_000_000) == 150_000_000
    assert implied_volume(175_000_000, 100_000_000) == 1.75
    assert amount_for(None, 5) is None and implied_volume(5, 0) is None
    flag = kamus_flag(has_kamus=True, unit_price=1000, volume=2, amount=2001)
    assert flag is KamusFlag.MATCHES  # a rupiah of rounding is no difference
    assert kamus_flag(has_kamus=True, unit_price=1000, volume=2, amount=2500) is KamusFlag.MISMATCH
    assert kamus_flag(has_kamus=False, unit_price=None, volume=2, amount=1) is KamusFlag.NO_KAMUS

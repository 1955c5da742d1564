"""The Lasem demo: the real 2023 meeting's facts with made-up proposals ("data contoh").

Proposals are drawn from catalogues that fit each village (coast, hill, batik and
tourism villages); the random generator is seeded so every demo is the same.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from enum import StrEnum

from sqlmodel import col, select

from lasem_tui.domain import decisions, lasem
from lasem_tui.domain.dates import now
from lasem_tui.domain.states import FundingSource, ProposalStatus, VillageState
from lasem_tui.store import desk, meetings
from lasem_tui.store.database import Database
from lasem_tui.store.models import (
    Attendee,
    Meeting,
    Proposal,
    ProposalIssue,
    StrategicIssue,
    Village,
)

JUTA = 1_000_000
WIB = timezone(timedelta(hours=7), "WIB")
DONE_START = time(8, 30)
DONE_END = time(11, 0)


class Stage(StrEnum):
    FRESH = "fresh"
    MIDWAY = "midway"
    DONE = "done"


@dataclass(frozen=True)
class Idea:
    title: str
    unit: str
    volume: tuple[int, int]
    amount: tuple[int, int]  # in juta
    agency: str
    category: str
    issues: tuple[int, ...]
    problem: str


PU = "Dinas Pekerjaan Umum dan Penataan Ruang"
PERKIM = "Dinas Perumahan dan Kawasan Permukiman"
DINKES = "Dinas Kesehatan"
DINDIK = "Dinas Pendidikan, Pemuda dan Olahraga"
DKP = "Dinas Kelautan dan Perikanan"
DINTAN = "Dinas Pertanian dan Pangan"
DINBUDPAR = "Dinas Kebudayaan dan Pariwisata"
DINDAGKOP = "Dinas Perindustrian, Perdagangan, Koperasi dan UKM"
DLH = "Dinas Lingkungan Hidup"
DINSOS = "Dinas Sosial, Pemberdayaan Perempuan dan Keluarga Berencana"

COMMON = (
    Idea(
        "Rehabilitasi jalan lingkungan",
        "m",
        (200, 900),
        (150, 600),
        PU,
        "fisik",
        (0,),
        "Jalan lingkungan rusak berlubang, sulit dilalui saat hujan",
    ),
    Idea(
        "Pembangunan saluran drainase",
        "m",
        (150, 600),
        (80, 350),
        PU,
        "fisik",
        (0,),
        "Genangan air di permukiman setiap musim hujan",
    ),
    Idea(
        "Pembangunan talud penahan tanah",
        "m",
        (50, 250),
        (100, 450),
        PU,
        "fisik",
        (0,),
        "Tebing di tepi jalan desa longsor",
    ),
    Idea(
        "Rehabilitasi rumah tidak layak huni (RTLH)",
        "unit",
        (5, 25),
        (100, 500),
        PERKIM,
        "fisik",
        (1,),
        "Masih banyak keluarga miskin tinggal di rumah tidak layak huni",
    ),
    Idea(
        "Peningkatan sarana posyandu",
        "paket",
        (1, 4),
        (25, 90),
        DINKES,
        "fisik",
        (0, 1),
        "Posyandu belum memiliki alat timbang dan ruang layanan yang layak",
    ),
    Idea(
        "Pemberian makanan tambahan balita stunting",
        "paket",
        (1, 3),
        (25, 80),
        DINKES,
        "non fisik",
        (1,),
        "Angka stunting balita di desa masih tinggi",
    ),
    Idea(
        "Pelatihan keterampilan usaha bagi perempuan",
        "orang",
        (20, 60),
        (25, 75),
        DINSOS,
        "non fisik",
        (2,),
        "Perempuan kepala keluarga belum memiliki penghasilan tetap",
    ),
    Idea(
        "Pembangunan jamban sehat keluarga",
        "unit",
        (10, 40),
        (50, 200),
        PERKIM,
        "fisik",
        (1,),
        "Sebagian keluarga masih buang air besar sembarangan",
    ),
)

COAST = (
    Idea(
        "Penanaman dan pemeliharaan mangrove",
        "batang",
        (2000, 10000),
        (40, 150),
        DLH,
        "fisik",
        (0,),
        "Abrasi pantai mengancam tambak dan permukiman",
    ),
    Idea(
        "Rehabilitasi tambak garam rakyat",
        "ha",
        (5, 30),
        (100, 500),
        DKP,
        "fisik",
        (0, 2),
        "Produksi garam rakyat turun karena tambak rusak",
    ),
    Idea(
        "Bantuan sarana tangkap nelayan kecil",
        "paket",
        (10, 40),
        (75, 300),
        DKP,
        "fisik",
        (1, 2),
        "Nelayan kecil memakai perahu dan alat tangkap yang sudah rusak",
    ),
    Idea(
        "Pembangunan tambatan perahu",
        "m",
        (30, 120),
        (200, 750),
        DKP,
        "fisik",
        (0,),
        "Perahu nelayan tidak memiliki tempat tambat yang aman",
    ),
    Idea(
        "Pelatihan pengolahan terasi dan ikan asin",
        "orang",
        (20, 50),
        (25, 60),
        DINDAGKOP,
        "non fisik",
        (2,),
        "Hasil olahan ikan belum bernilai jual tinggi",
    ),
)

HILL = (
    Idea(
        "Pembangunan jalan usaha tani",
        "m",
        (300, 1200),
        (150, 700),
        DINTAN,
        "fisik",
        (0, 2),
        "Hasil panen mangga dan jambu sulit diangkut dari kebun",
    ),
    Idea(
        "Pembangunan sumur bor dan jaringan air bersih",
        "unit",
        (1, 3),
        (100, 450),
        PERKIM,
        "fisik",
        (1,),
        "Warga di lereng Gunung Lasem kekurangan air bersih saat kemarau",
    ),
    Idea(
        "Pembangunan embung desa",
        "unit",
        (1, 2),
        (200, 750),
        DINTAN,
        "fisik",
        (0,),
        "Sawah tadah hujan tidak terairi pada musim kemarau",
    ),
    Idea(
        "Bantuan bibit mangga dan jambu unggul",
        "batang",
        (500, 3000),
        (25, 120),
        DINTAN,
        "fisik",
        (2,),
        "Produktivitas kebun mangga dan jambu menurun",
    ),
)

BATIK = (
    Idea(
        "Pelatihan membatik tulis Lasem bagi pemuda",
        "orang",
        (20, 60),
        (30, 100),
        DINDAGKOP,
        "non fisik",
        (2,),
        "Regenerasi pembatik tulis Lasem berjalan lambat",
    ),
    Idea(
        "Promosi dan pameran batik tulis Lasem",
        "kegiatan",
        (1, 3),
        (50, 200),
        DINDAGKOP,
        "non fisik",
        (0, 2),
        "Pemasaran batik masih bergantung pada tengkulak",
    ),
    Idea(
        "Pengolahan limbah cair batik (IPAL komunal)",
        "unit",
        (1, 2),
        (250, 750),
        DLH,
        "fisik",
        (0,),
        "Limbah pewarna batik mencemari saluran warga",
    ),
)

TOURISM = (
    Idea(
        "Penataan kawasan wisata desa",
        "paket",
        (1, 2),
        (150, 600),
        DINBUDPAR,
        "fisik",
        (0, 2),
        "Kawasan wisata belum tertata dan kurang fasilitas pengunjung",
    ),
    Idea(
        "Pelatihan pemandu wisata dan pokdarwis",
        "orang",
        (20, 40),
        (25, 60),
        DINBUDPAR,
        "non fisik",
        (2,),
        "Kelompok sadar wisata belum terlatih melayani tamu",
    ),
    Idea(
        "Pembangunan toilet dan musala di lokasi wisata",
        "unit",
        (1, 3),
        (75, 250),
        DINBUDPAR,
        "fisik",
        (0,),
        "Pengunjung wisata tidak memiliki fasilitas umum yang layak",
    ),
)

SCHOOL = (
    Idea(
        "Rehabilitasi gedung PAUD desa",
        "unit",
        (1, 2),
        (80, 300),
        DINDIK,
        "fisik",
        (0,),
        "Gedung PAUD rusak dan atap bocor",
    ),
    Idea(
        "Pembangunan lapangan olahraga desa",
        "unit",
        (1, 1),
        (100, 400),
        DINDIK,
        "fisik",
        (0,),
        "Pemuda desa tidak memiliki sarana olahraga",
    ),
)

_REASONS = {
    ProposalStatus.REJECTED: (
        "Bukan kewenangan kabupaten; lokasi berada di jalan provinsi",
        "Usulan sama dengan kegiatan yang sudah dianggarkan tahun berjalan",
        "Belum ada kesiapan lahan dan dokumen pendukung",
    ),
    ProposalStatus.DEFERRED: (
        "Ditunda ke tahun anggaran berikutnya karena pagu tidak mencukupi",
        "Menunggu hasil kajian teknis OPD",
    ),
    ProposalStatus.REDIRECTED: (
        "Dapat didanai melalui Dana Desa",
        "Diusulkan melalui pokok pikiran DPRD",
        "Ditawarkan kepada program CSR perusahaan",
    ),
}

_REDIRECT_TARGETS = (
    FundingSource.APBDES,
    FundingSource.POKIR,
    FundingSource.CSR,
    FundingSource.APBD_PROVINSI,
)

#: The reason a redirect gives matches where it goes.
_REDIRECT_REASON = {
    FundingSource.APBDES: "Dapat didanai melalui Dana Desa",
    FundingSource.POKIR: "Diusulkan melalui pokok pikiran DPRD",
    FundingSource.CSR: "Ditawarkan kepada program CSR perusahaan",
    FundingSource.APBD_PROVINSI: "Kewenangan provinsi; diusulkan melalui APBD Provinsi",
}

REVIEWERS = [
    ("Triana Khusnul Khotimah, SSTP., M.Si.", "BAPPEDA"),
    ("Dwi Susilowati, SE", "Kecamatan"),
    ("Staf Perencanaan BAPPEDA", "BAPPEDA"),
]

#: How many villages the midway stage has finished.
MIDWAY_DONE = 7


def _ideas_for(fact: lasem.VillageFact) -> list[Idea]:
    pool = list(COMMON) + list(SCHOOL)
    if fact.terrain == "coast":
        pool += list(COAST) * 2
    if fact.terrain == "hill":
        pool += list(HILL) * 2
    if "batik" in fact.branding.lower() or fact.name in ("Babagan", "Karasgede", "Karangturi"):
        pool += list(BATIK) * 2
    if fact.branding:
        pool += list(TOURISM)
    return pool


def _round_to(value: int, step: int) -> int:
    return max(step, (value // step) * step)


def _proposals_for(rng: random.Random, fact: lasem.VillageFact) -> list[tuple[Idea, int, int]]:
    pool = _ideas_for(fact)
    count = rng.randint(3, 8)
    chosen: list[Idea] = []
    while len(chosen) < count:
        idea = rng.choice(pool)
        if idea not in chosen:
            chosen.append(idea)
    result = []
    for idea in chosen:
        volume = rng.randint(*idea.volume)
        if volume > 100:
            volume = _round_to(volume, 10)
        amount = _round_to(rng.randint(idea.amount[0], idea.amount[1]) * JUTA, 5 * JUTA)
        result.append((idea, volume, min(max(amount, 25 * JUTA), 750 * JUTA)))
    return result


def title_apart(db: Database) -> str:
    """The demo's title, numbered when the database already holds a meeting by that
    name (``lasem demo --db FILE`` run twice): "… 2023 (contoh 2)"."""
    base = meetings.lasem_meeting(is_demo=True).title
    with db.read() as session:
        taken = set(session.exec(select(Meeting.title)).all())
    if base not in taken:
        return base
    number = 2
    while f"{base} (contoh {number})" in taken:
        number += 1
    return f"{base} (contoh {number})"


def write_demo(db: Database, stage: Stage = Stage.FRESH, *, title: str | None = None) -> int:
    """Write the demo meeting at the given stage (under ``title`` when given); returns
    its id."""
    rng = random.Random(2023)
    moment = now().replace(second=0, microsecond=0)
    elapsed = {
        Stage.FRESH: timedelta(0),
        Stage.MIDWAY: timedelta(minutes=85),
        Stage.DONE: timedelta(hours=3),
    }
    desk_start = moment - elapsed[stage]
    spec = meetings.lasem_meeting(is_demo=True)
    spec = type(spec)(
        **{
            **spec.__dict__,
            "desk_starts_at": desk_start,
            "desk_ends_at": desk_start + timedelta(hours=3),
            **({"title": title} if title else {}),
        }
    )
    with db.write() as session:
        meeting = meetings.create_meeting(session, spec)
        meeting_id = meeting.id or 0
        reviewer_ids = meetings.add_reviewers(session, meeting_id, REVIEWERS)
        meeting.current_reviewer_id = reviewer_ids[0]
        issues = session.exec(
            select(StrategicIssue)
            .where(StrategicIssue.meeting_id == meeting_id)
            .order_by(col(StrategicIssue.position))
        ).all()
        villages = session.exec(
            select(Village).where(Village.meeting_id == meeting_id).order_by(col(Village.position))
        ).all()
        total = 0
        village_requests: dict[int, int] = {}
        for village, fact in zip(villages, lasem.VILLAGES, strict=True):
            for seq, (idea, volume, amount) in enumerate(_proposals_for(rng, fact), start=1):
                proposal = Proposal(
                    meeting_id=meeting_id,
                    village_id=village.id or 0,
                    seq=seq,
                    ref=f"{fact.code[-2:]}.{seq:02d}",
                    title=idea.title,
                    problem=idea.problem,
                    location=f"RT {rng.randint(1, 6):02d} / RW {rng.randint(1, 4):02d}, Desa {fact.name}",
                    volume=float(volume),
                    requested_volume=float(volume),
                    unit=idea.unit,
                    requested=amount,
                    agency=idea.agency,
                    agency_origin=idea.agency,
                    priority=seq,
                    category=idea.category,
                )
                session.add(proposal)
                session.flush()
                for index in idea.issues:
                    session.add(
                        ProposalIssue(proposal_id=proposal.id or 0, issue_id=issues[index].id or 0)
                    )
                total += amount
                village_requests[village.id or 0] = (
                    village_requests.get(village.id or 0, 0) + amount
                )
        # The requests exceed the ceiling by about 40%: the desk has to cut.
        meeting.ceiling = _round_to(int(total / 1.4), 5 * JUTA)
        for village in villages:
            village.ceiling = _round_to(
                int(village_requests.get(village.id or 0, 0) / 1.4), 5 * JUTA
            )
    _play_stage(db, meeting_id, stage, reviewer_ids, rng)
    if stage is Stage.DONE:
        _tick_the_door(db, meeting_id, rng)
    return meeting_id


def _tick_the_door(db: Database, meeting_id: int, rng: random.Random) -> None:
    """A finished day has its daftar hadir ticked: nearly everyone came (a few seats of
    the OPDs and BPDs stay empty), so that the finished demo's Berita Acara and
    attendance list read like a real day's, not '0 of 79 present'."""
    with db.write() as session:
        people = session.exec(
            select(Attendee).where(Attendee.meeting_id == meeting_id).order_by(col(Attendee.id))
        ).all()
        for person in people:
            person.present = rng.random() < 0.9
        # Who came signed in by name: made-up names (the demo is marked DATA CONTOH on
        # every document), so that Lampiran I reads as a list of people, not a form.
        names = _made_up_names(random.Random(17))
        for person in people:
            if not person.name:
                person.name = next(names)


_GIVEN = (
    "Sri",
    "Agus",
    "Budi",
    "Siti",
    "Eko",
    "Dwi",
    "Tri",
    "Wahyu",
    "Joko",
    "Nur",
    "Rini",
    "Slamet",
    "Sugeng",
    "Yuli",
    "Endang",
    "Bambang",
    "Suparno",
    "Ahmad",
    "Mustofa",
    "Lilik",
)
_FAMILY = (
    "Wahyuni",
    "Santoso",
    "Rahayu",
    "Prasetyo",
    "Lestari",
    "Hidayat",
    "Susanti",
    "Mulyono",
    "Handayani",
    "Setiawan",
    "Purwanti",
    "Haryanto",
    "Fauzi",
    "Kurniawan",
    "Wibowo",
)


def _made_up_names(rng: random.Random) -> Iterator[str]:
    seen: set[str] = set()
    while True:
        name = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
        if name not in seen:
            seen.add(name)
            yield name


def _play_stage(
    db: Database, meeting_id: int, stage: Stage, reviewer_ids: list[int], rng: random.Random
) -> None:
    """Walk the desk through the stage with the real commands, so the log is genuine."""
    desk.call_next(db, meeting_id, reviewer_id=reviewer_ids[0])
    if stage is Stage.FRESH:
        return
    with db.read() as session:
        villages = session.exec(
            select(Village).where(Village.meeting_id == meeting_id).order_by(col(Village.position))
        ).all()
    finish = MIDWAY_DONE if stage is Stage.MIDWAY else len(villages)
    kinds = [
        ProposalStatus.ACCEPTED,
        ProposalStatus.ADJUSTED,
        ProposalStatus.REJECTED,
        ProposalStatus.DEFERRED,
        ProposalStatus.REDIRECTED,
        ProposalStatus.ACCEPTED,
    ]
    turn = 0
    for index, village in enumerate(villages[: finish + (1 if stage is Stage.MIDWAY else 0)]):
        with db.read() as session:
            proposals = session.exec(
                select(Proposal)
                .where(Proposal.village_id == village.id)
                .order_by(col(Proposal.seq))
            ).all()
        partial = stage is Stage.MIDWAY and index == finish
        for number, proposal in enumerate(proposals[: 2 if partial else None]):
            reviewer = reviewer_ids[(index // 3) % len(reviewer_ids)]
            status = kinds[(index + number) % len(kinds)]
            decision = _demo_decision(rng, status, proposal)
            desk.decide(
                db, meeting_id, proposal.id or 0, decision, reviewer_id=reviewer, expected_version=0
            )
            turn += 1
        if not partial:
            desk.call_next(db, meeting_id, reviewer_id=reviewer_ids[0])
    _merge_a_duplicate(db, meeting_id, villages, reviewer_ids[0])
    _spread_desk_times(db, meeting_id, stage)


def _merge_a_duplicate(
    db: Database, meeting_id: int, villages: Sequence[Village], reviewer_id: int
) -> None:
    """The second village's last proposal repeats one of the first village's: digabung,
    as the desk does with a duplicate across a village boundary."""
    from lasem_tui.store import fit

    with db.read() as session:
        first = session.exec(
            select(Proposal)
            .where(Proposal.village_id == villages[0].id)
            .order_by(col(Proposal.seq))
        ).first()
        duplicate = session.exec(
            select(Proposal)
            .where(Proposal.village_id == villages[1].id)
            .order_by(col(Proposal.seq).desc())
        ).first()
    if first is None or duplicate is None:
        return
    fit.merge(
        db,
        meeting_id,
        duplicate.id or 0,
        first.id or 0,
        f"Sama lokasi dan sasarannya dengan usulan {first.ref}",
        reviewer_id=reviewer_id,
        expected_version=duplicate.version,
    )


def _demo_decision(
    rng: random.Random, status: ProposalStatus, proposal: Proposal
) -> decisions.Decision:
    if status is ProposalStatus.ACCEPTED:
        return decisions.accept(proposal.requested, proposal.volume)
    if status is ProposalStatus.ADJUSTED:
        cut = _round_to(int(proposal.requested * rng.choice((0.5, 0.6, 0.7, 0.8))), 5 * JUTA)
        return decisions.adjust(
            proposal.requested,
            proposal.volume,
            amount=cut,
            new_volume=float(max(1, round((proposal.volume or 1) * cut / proposal.requested))),
            note="Disesuaikan dengan pagu indikatif kecamatan",
        )
    reason = rng.choice(_REASONS[status])
    source = rng.choice(_REDIRECT_TARGETS) if status is ProposalStatus.REDIRECTED else None
    if source is not None:
        # (Both draws stay as they were, so the rest of the demo is unchanged.)
        reason = _REDIRECT_REASON[source]
    return decisions.refuse(status, reason, source)


def _spread_desk_times(db: Database, meeting_id: int, stage: Stage) -> None:
    """Give finished villages plausible desk times (the commands ran in a blink).

    Villages took 7 to 9 minutes each, a little ahead of the 9-minute share that three
    hours give twenty villages, and the village at the desk sat down 4 minutes ago.
    """
    if stage is Stage.FRESH:
        return
    with db.write() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        villages = session.exec(
            select(Village).where(Village.meeting_id == meeting_id).order_by(col(Village.position))
        ).all()
        done = [v for v in villages if v.state == VillageState.DONE.value]
        minutes = [7 + (index % 3) for index in range(len(done))]
        moment = now().replace(microsecond=0)
        at_desk_for = timedelta(minutes=4) if stage is Stage.MIDWAY else timedelta(0)
        start = moment - timedelta(minutes=sum(minutes)) - at_desk_for
        meeting.desk_starts_at = start
        meeting.desk_ends_at = start + timedelta(hours=3)
        if stage is Stage.DONE:
            # The finished day is the seed's: 17 February 2023, 08.30 to 11.00 WIB,
            # twenty villages at seven or eight minutes each.
            start = datetime.combine(lasem.MEETING_DATE, DONE_START, tzinfo=WIB)
            minutes = [7 + (index % 2) for index in range(len(done))]
            meeting.desk_starts_at = start
            meeting.desk_ends_at = datetime.combine(lasem.MEETING_DATE, DONE_END, tzinfo=WIB)
        cursor = start
        for village, spent in zip(done, minutes, strict=True):
            village.desk_seconds = spent * 60.0
            cursor += timedelta(minutes=spent)
            village.finished_at = cursor
            if stage is Stage.DONE:
                for proposal in session.exec(
                    select(Proposal).where(Proposal.village_id == village.id)
                ):
                    if proposal.decided_at is not None:
                        proposal.decided_at = cursor - timedelta(minutes=1)
        for village in villages:
            if village.state == VillageState.AT_DESK.value:
                village.desk_started_at = cursor

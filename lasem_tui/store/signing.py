"""Who signs a meeting's documents, and who goes on as its delegates (Lampiran IV).

Setup (F3) edits them; every change is one transaction with its event, like the rest of
the setup. The exporters read them through ``read_signing``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from lasem_tui.domain import lasem
from lasem_tui.domain.states import EventKind
from lasem_tui.store import events
from lasem_tui.store.database import Database
from lasem_tui.store.errors import StoreError
from lasem_tui.store.models import Delegate, Signatory

#: The signature block's roles, in the order the block lays them out.
ROLES = ("chair", "bappeda", "notulis", "camat", "village")
#: What each role is called on the page above its jabatan.
ROLE_WORDS = {
    "chair": "Pimpinan Rapat",
    "bappeda": "Perwakilan BAPPEDA",
    "notulis": "Notulis",
    "camat": "Mengetahui",
    "village": "Perwakilan Desa",
}
#: A NIP is 18 digits; spaces as printed ("19700101 199003 2 001") are allowed.
NIP_DIGITS = 18


@dataclass(frozen=True)
class SignatoryRow:
    role: str
    name: str
    jabatan: str
    nip: str


@dataclass(frozen=True)
class DelegateRow:
    id: int
    position: int
    name: str
    jabatan: str
    institution: str


def check_nip(nip: str) -> str:
    """The NIP as typed, trimmed; refused unless empty or 18 digits."""
    text = " ".join(nip.split())
    digits = text.replace(" ", "")
    if digits and (not digits.isdigit() or len(digits) != NIP_DIGITS):
        raise StoreError("signing.nip_invalid", field="nip")
    return text


def signatories(session: Session, meeting_id: int) -> dict[str, SignatoryRow]:
    rows = session.exec(select(Signatory).where(Signatory.meeting_id == meeting_id))
    return {r.role: SignatoryRow(r.role, r.name, r.jabatan, r.nip) for r in rows}


def delegates(session: Session, meeting_id: int) -> tuple[DelegateRow, ...]:
    rows = session.exec(
        select(Delegate)
        .where(Delegate.meeting_id == meeting_id)
        .order_by(col(Delegate.position), col(Delegate.id))
    )
    return tuple(DelegateRow(r.id or 0, r.position, r.name, r.jabatan, r.institution) for r in rows)


def read_signing(
    db: Database, meeting_id: int
) -> tuple[dict[str, SignatoryRow], tuple[DelegateRow, ...]]:
    with db.read() as session:
        return signatories(session, meeting_id), delegates(session, meeting_id)


def put_signatory(
    session: Session,
    meeting_id: int,
    role: str,
    *,
    name: str,
    jabatan: str,
    nip: str,
    reviewer_id: int | None = None,
) -> None:
    """Insert or change one role's signatory in the caller's transaction, logged."""
    if role not in ROLES:
        raise StoreError("signing.role_unknown", field="role")
    nip = check_nip(nip)
    row = session.exec(
        select(Signatory).where(Signatory.meeting_id == meeting_id, Signatory.role == role)
    ).first()
    before = {"name": row.name, "jabatan": row.jabatan, "nip": row.nip} if row else {}
    if row is None:
        row = Signatory(meeting_id=meeting_id, role=role)
        session.add(row)
    row.name, row.jabatan, row.nip = name.strip(), jabatan.strip(), nip
    events.record(
        session,
        meeting_id,
        EventKind.UPDATE_MEETING,
        reviewer_id,
        before={"signatory": role, **before},
        after={"signatory": role, "name": row.name, "jabatan": row.jabatan, "nip": row.nip},
    )


def set_signatory(
    db: Database,
    meeting_id: int,
    role: str,
    *,
    name: str,
    jabatan: str,
    nip: str = "",
    reviewer_id: int | None = None,
) -> None:
    with db.write() as session:
        put_signatory(
            session, meeting_id, role, name=name, jabatan=jabatan, nip=nip, reviewer_id=reviewer_id
        )


def add_delegate(
    db: Database,
    meeting_id: int,
    *,
    name: str,
    jabatan: str = "",
    institution: str = "",
    reviewer_id: int | None = None,
) -> int:
    if not name.strip():
        raise StoreError("signing.delegate_name_missing", field="name")
    with db.write() as session:
        last = session.exec(
            select(Delegate.position)
            .where(Delegate.meeting_id == meeting_id)
            .order_by(col(Delegate.position).desc())
        ).first()
        row = Delegate(
            meeting_id=meeting_id,
            position=(last or 0) + 1,
            name=name.strip(),
            jabatan=jabatan.strip(),
            institution=institution.strip(),
        )
        session.add(row)
        session.flush()
        events.record(
            session,
            meeting_id,
            EventKind.UPDATE_MEETING,
            reviewer_id,
            after={"delegate": row.id, "name": row.name, "jabatan": row.jabatan},
        )
        return row.id or 0


def update_delegate(
    db: Database,
    meeting_id: int,
    delegate_id: int,
    *,
    name: str,
    jabatan: str = "",
    institution: str = "",
    reviewer_id: int | None = None,
) -> None:
    if not name.strip():
        raise StoreError("signing.delegate_name_missing", field="name")
    with db.write() as session:
        row = session.get(Delegate, delegate_id)
        if row is None or row.meeting_id != meeting_id:
            raise StoreError("signing.delegate_missing")
        before = {"delegate": delegate_id, "name": row.name, "jabatan": row.jabatan}
        row.name, row.jabatan, row.institution = name.strip(), jabatan.strip(), institution.strip()
        events.record(
            session,
            meeting_id,
            EventKind.UPDATE_MEETING,
            reviewer_id,
            before=before,
            after={"delegate": delegate_id, "name": row.name, "jabatan": row.jabatan},
        )


def remove_delegate(
    db: Database, meeting_id: int, delegate_id: int, *, reviewer_id: int | None = None
) -> None:
    with db.write() as session:
        row = session.get(Delegate, delegate_id)
        if row is None or row.meeting_id != meeting_id:
            raise StoreError("signing.delegate_missing")
        events.record(
            session,
            meeting_id,
            EventKind.UPDATE_MEETING,
            reviewer_id,
            before={"delegate": delegate_id, "name": row.name},
        )
        session.delete(row)


def add_lasem_signatories(session: Session, meeting_id: int, *, is_demo: bool) -> None:
    """The 2023 meeting's signatories as far as the seed names them; the demo marks the
    names it has to make up as examples."""
    example = " (contoh)" if is_demo else ""
    people = {
        "chair": (lasem.SEKCAM[0], lasem.SEKCAM[1], ""),
        "bappeda": (lasem.BAPPEDA_KABID[0], f"{lasem.BAPPEDA_KABID[1]} BAPPEDA", ""),
        "notulis": (f"Nama Notulis{example}" if is_demo else "", "Notulis", ""),
        "camat": (f"Nama Camat{example}" if is_demo else "", f"Camat {lasem.KECAMATAN}", ""),
    }
    for role, (name, jabatan, nip) in people.items():
        session.add(
            Signatory(meeting_id=meeting_id, role=role, name=name, jabatan=jabatan, nip=nip)
        )
    if is_demo:
        for position, (name, jabatan, institution) in enumerate(
            (
                (f"Kepala Desa Soditan{example}", "Kepala Desa", "Desa Soditan"),
                (f"Ketua BPD Babagan{example}", "Ketua BPD", "Desa Babagan"),
                (f"Perwakilan Perempuan{example}", "Perwakilan Perempuan", "Kecamatan Lasem"),
            ),
            start=1,
        ):
            session.add(
                Delegate(
                    meeting_id=meeting_id,
                    position=position,
                    name=name,
                    jabatan=jabatan,
                    institution=institution,
                )
            )

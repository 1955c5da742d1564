"""The kecamatan's result for SIPD entry: SIPD's headings in SIPD's order, id first.

The sekretaris desa enters the kecamatan's recommendation in SIPD before the deadline;
this workbook gives her each of her village's usulan as SIPD shows it, with the
recommendation in the form she types it: "Rekomendasi Kecamatan" as text (the decision
and its reason or note), "Koefisien" and "Anggaran" as numbers, and the OPD Tujuan
Akhir. A carried-over proposal also has the Pra Musrenbang's recommendation, in its own
columns. Proposals that did not come from SIPD go on a second sheet, for manual entry.
Rows are grouped by village, in the queue's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lasem_tui.domain.states import ProposalStatus
from lasem_tui.exchange.record import SOURCE_WORDS, ProgressCallback, no_progress
from lasem_tui.exchange.xlsx_export import ColumnCell, clean_text
from lasem_tui.i18n import document_t
from lasem_tui.store import sipd as sipd_store
from lasem_tui.store.database import Database
from lasem_tui.store.sipd import SipdMeeting, SipdProposal

# SIPD's fixed format, not our words: the headings below, the decision words and the
# "Ditolak: ..." recommendation built from them are what SIPD itself shows and what the
# operator types into it, so they stay constants here and not entries of the message
# catalogs (a translated or reworded heading would no longer match SIPD's screen). Only
# the desk's own column and the sheet names are ours, read from the catalogs.

#: SIPD's usulan headings, in SIPD's order; then the recommendations to enter.
HEADER = (
    "ID Usulan",
    "Tanggal Usul",
    "Pengusul",
    "Profil",
    "Usulan",
    "Masalah",
    "Alamat",
    "Lintang",
    "Bujur",
    "Kabupaten",
    "Kecamatan",
    "Kelurahan/Desa",
    "Usulan Ke",
    "OPD Tujuan Awal",
    "OPD Tujuan Akhir",
    "Status",
    "Catatan",
    "Volume/Koefisien",
    "Satuan",
    "Anggaran",
    "Jenis Belanja",
    "Sub Kegiatan",
    "Rekomendasi Desa/Kelurahan",
)
PRIOR_HEADER = (
    "Rekomendasi Pra Musrenbang",
    "Koefisien Pra Musrenbang",
    "Anggaran Pra Musrenbang",
)
KECAMATAN_HEADER = ("Rekomendasi Kecamatan", "Koefisien", "Anggaran")
#: The desk's own number, after SIPD's columns: where the row is in our minutes.
OWN_HEADER = (document_t("doc.sipd.desk_number"),)

#: The decision as the operator writes it in SIPD (SIPD is in Indonesian).
DECISION_WORDS = {
    ProposalStatus.PENDING: "Belum dibahas",
    ProposalStatus.ACCEPTED: "Disetujui",
    ProposalStatus.ADJUSTED: "Disetujui dengan penyesuaian",
    ProposalStatus.REJECTED: "Ditolak",
    ProposalStatus.DEFERRED: "Ditunda",
    ProposalStatus.REDIRECTED: "Dialihkan",
    ProposalStatus.MERGED: "Digabung dengan usulan lain",
}
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP = Alignment(wrap_text=True, vertical="top")
_FORMULA_START = ("=", "+", "-", "@")
MONEY = "#,##0"


def recommendation_text(
    status: ProposalStatus, reason: str, note: str, funding: str | None = None
) -> str:
    """ "Ditolak: sudah dianggarkan APBDes 2023", "Disetujui", ..."""
    word = DECISION_WORDS[status]
    if status is ProposalStatus.REDIRECTED and funding:
        word += f" ke {funding}"
    detail = reason if status.needs_reason else note
    return f"{word}: {detail}" if detail else word


def recommended(
    status: ProposalStatus, volume: float | None, requested: int, approved: int | None
) -> tuple[float | None, int | None]:
    """The Koefisien and Anggaran of a recommendation: the approved figures, 0 for a
    refusal, nothing while undecided."""
    if status is ProposalStatus.PENDING:
        return None, None
    if not status.is_approved:
        return 0, 0
    return volume, approved if approved is not None else requested


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


class _Writer:
    def __init__(self, wb: Workbook, title: str) -> None:
        self.ws = wb.create_sheet(title)
        self.rows = 0
        # One reused cell per styled column (see ``ColumnCell``).
        self.proposed_on = ColumnCell(self.ws, "dd/mm/yyyy")
        self.requested = ColumnCell(self.ws, MONEY)
        self.prior_amount = ColumnCell(self.ws, MONEY)
        self.amount = ColumnCell(self.ws, MONEY)

    def text(self, value: str) -> Any:
        value = clean_text(value)
        if not value:
            # An empty string would still cost a cell; read back, both are no value.
            return None
        if not value.startswith(_FORMULA_START):
            return value
        cell = WriteOnlyCell(self.ws, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell

    def header(self, names: Sequence[str]) -> None:
        cells = []
        for name in names:
            cell = WriteOnlyCell(self.ws, value=name)
            cell.font = _BOLD
            cell.fill = _HEAD_FILL
            cell.alignment = _WRAP
            cells.append(cell)
        self.append(cells)

    def append(self, row: Sequence[Any]) -> None:
        self.ws.append(list(row))
        self.rows += 1


def _village_level(data: dict[str, Any]) -> str:
    for item in data.get("recommendations", ()):
        if str(item.get("level", "")).casefold().startswith(("desa", "kelurahan")):
            return str(item.get("text", ""))
    return ""


def _row(w: _Writer, meeting: SipdMeeting, p: SipdProposal, with_prior: bool) -> list[Any]:
    data = p.sipd_data
    funding = SOURCE_WORDS[p.funding_source] if p.funding_source else None
    koefisien, anggaran = recommended(p.status, p.volume, p.requested, p.approved)
    row: list[Any] = [
        w.text(p.sipd_id),
        w.proposed_on(p.proposed_on),
        w.text(p.proposer),
        w.text(p.proposer_profile),
        w.text(p.title),
        w.text(p.problem),
        w.text(p.location),
        p.latitude,
        p.longitude,
        w.text(str(data.get("kabupaten") or meeting.kabupaten)),
        w.text(str(data.get("kecamatan") or meeting.kecamatan)),
        w.text(p.village),
        w.text(p.usulan_ke),
        w.text(p.agency_origin),
        w.text(p.agency),
        w.text(str(data.get("status", ""))),
        w.text(str(data.get("note", ""))),
        _number(p.volume if p.status is not ProposalStatus.ADJUSTED else _requested_volume(p)),
        w.text(p.unit),
        w.requested(p.requested),
        w.text(p.spending_kind),
        w.text(p.sub_activity),
        w.text(_village_level(data)),
    ]
    if with_prior:
        prior = p.prior
        if prior:
            status = ProposalStatus(prior.get("status", "pending"))
            prior_volume, prior_amount = recommended(
                status, prior.get("volume"), int(prior.get("requested") or 0), prior.get("approved")
            )
            row += [
                w.text(recommendation_text(status, prior.get("reason", ""), prior.get("note", ""))),
                _number(prior_volume),
                w.prior_amount(prior_amount),
            ]
        else:
            row += [None, None, None]
    row += [
        w.text(recommendation_text(p.status, p.reason, p.note, funding)),
        _number(koefisien),
        w.amount(anggaran),
        w.text(p.ref),
    ]
    return row


def _requested_volume(p: SipdProposal) -> float | None:
    """An adjusted proposal's volume column is the adjusted one (the desk keeps only
    that); SIPD's own volume is in its recommendation by the village, when there is one."""
    for item in p.sipd_data.get("recommendations", ()):
        if item.get("koefisien") is not None and str(item.get("level", "")).casefold().startswith(
            ("desa", "kelurahan")
        ):
            return float(item["koefisien"])
    return p.volume


def _sheet(
    wb: Workbook, title: str, meeting: SipdMeeting, rows: Sequence[SipdProposal], with_prior: bool
) -> None:
    w = _Writer(wb, title)
    header = [*HEADER, *(PRIOR_HEADER if with_prior else ()), *KECAMATAN_HEADER, *OWN_HEADER]
    for index, name in enumerate(header, start=1):
        wide = name in ("Usulan", "Masalah", "Alamat") or name.startswith("Rekomendasi")
        w.ws.column_dimensions[get_column_letter(index)].width = 36 if wide else 16
    w.ws.freeze_panes = "B2"
    w.header(header)
    for p in rows:
        w.append(_row(w, meeting, p, with_prior))
    w.ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(w.rows, 1)}"


def build_workbook(meeting: SipdMeeting) -> tuple[Workbook, int, int]:
    """The workbook, and how many rows each sheet has (SIPD's, manual entry's)."""
    wb = Workbook(write_only=True)
    from_sipd = [p for p in meeting.proposals if p.sipd_id]
    manual = [p for p in meeting.proposals if not p.sipd_id]
    with_prior = any(p.prior for p in meeting.proposals)
    _sheet(wb, document_t("doc.sipd.sheet_sipd"), meeting, from_sipd, with_prior)
    _sheet(wb, document_t("doc.sipd.sheet_manual"), meeting, manual, with_prior)
    return wb, len(from_sipd), len(manual)


def write_sipd_xlsx(
    db: Database, meeting_id: int, path: Path, progress: ProgressCallback = no_progress
) -> tuple[int, int]:
    """Write the workbook to ``path``; returns (rows from SIPD, rows for manual entry)."""
    with db.read() as session:
        meeting = sipd_store.sipd_meeting(session, meeting_id)
    progress(1, 3)
    wb, sipd_rows, manual_rows = build_workbook(meeting)
    progress(2, 3)
    wb.save(path)
    progress(3, 3)
    return sipd_rows, manual_rows

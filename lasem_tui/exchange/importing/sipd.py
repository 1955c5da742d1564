"""The SIPD usulan export, and the columns past a recap's: read, checked, compared.

SIPD (the regional planning information system) exports the villages' usulan with its
own headings: ID Usulan, Tanggal Usul, Pengusul, Profil, Usulan, Masalah, Alamat,
Kabupaten, Kecamatan, Kelurahan/Desa, Usulan Ke, OPD Tujuan Awal, OPD Tujuan Akhir,
Status, Catatan, Volume/Koefisien, Satuan, Anggaran, Jenis Belanja, Sub Kegiatan and one
"Rekomendasi ..." column per level. The recap rules (``rows``) read the columns any
recap has; this pass, run after them on the rows they accepted, reads the rest so that
nothing of SIPD's is dropped:

- SIPD's own fields (stored on the proposal), its Status, Catatan and recommendations
  (kept as JSON), a Kecamatan column that names another kecamatan (an error);
- coordinates: ``lintang`` / ``bujur`` or ``koordinat`` columns, or a pair written in
  the address;
- a re-import: a row whose SIPD id is already stored is skipped when nothing changed
  and listed as a change otherwise (applied only when the user asks);
- the kamus entry closest to each new row (linked only when the user asks).

Pure: what the pass compares against is read by ``store.importing.sipd_context``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from lasem_tui.domain import geo
from lasem_tui.domain.dates import DateError, parse_date
from lasem_tui.domain.importing.extras import (
    COMPARED,
    FieldChange,
    KamusSuggestion,
    ProposalExtras,
    SipdChange,
    SipdOutcome,
)
from lasem_tui.domain.importing.model import Headings, ImportRow, Problem, Severity, SourceTable
from lasem_tui.domain.kamus import Candidate, closest_entry
from lasem_tui.domain.sipd import level_of, parse_recommendation
from lasem_tui.exchange.importing.headings import key
from lasem_tui.exchange.importing.rows import text_of
from lasem_tui.store.importing import ExistingProposal, MeetingContext, SipdContext, StoredSipd

#: Heading (as ``headings.key`` folds it) -> what this pass reads from it.
HEADINGS: dict[str, str] = {
    "idusulan": "sipd_id",
    "sipdid": "sipd_id",  # our own CSV export
    "agencyorigin": "agency_origin",
    "tanggalusul": "proposed_on",
    "tglusul": "proposed_on",
    "tanggalusulan": "proposed_on",
    "pengusul": "proposer",
    "profil": "proposer_profile",
    "profilpengusul": "proposer_profile",
    "usulanke": "usulan_ke",
    "opdtujuanawal": "agency_origin",
    "opdtujuanakhir": "agency_final",
    "status": "sipd_status",
    "statususulan": "sipd_status",
    "catatan": "note",
    "kabupaten": "kabupaten",
    "kabupaten/kota": "kabupaten",
    "kecamatan": "kecamatan",
    "jenisbelanja": "spending_kind",
    "subkegiatan": "sub_activity",
    "lintang": "latitude",
    "latitude": "latitude",
    "lat": "latitude",
    "bujur": "longitude",
    "longitude": "longitude",
    "lon": "longitude",
    "lng": "longitude",
    "koordinat": "coordinates",
    "titikkoordinat": "coordinates",
    "coordinates": "coordinates",
}
#: Columns only SIPD's export has: three of them make a file an SIPD export.
SIPD_ONLY = frozenset(
    {
        "sipd_id",
        "proposed_on",
        "proposer",
        "usulan_ke",
        "agency_origin",
        "agency_final",
        "spending_kind",
        "sub_activity",
    }
)
_REGION_PREFIX = re.compile(r"^(kecamatan|kec\.?|kabupaten|kab\.?|kota)\s+", re.IGNORECASE)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb", "pebruari"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "aug", "agt"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}


@dataclass(frozen=True)
class ExtraColumns:
    """Which column holds what this pass reads: field -> (index, heading, letter)."""

    fields: MappingProxyType[str, tuple[int, str, str]]
    #: (level, index, heading, letter) of each "Rekomendasi ..." column.
    recommendations: tuple[tuple[str, int, str, str], ...]

    @property
    def is_sipd(self) -> bool:
        return len(SIPD_ONLY & set(self.fields)) >= 3

    @property
    def indexes(self) -> frozenset[int]:
        return frozenset(
            [i for i, _, _ in self.fields.values()] + [r[1] for r in self.recommendations]
        )

    def __bool__(self) -> bool:
        return bool(self.fields or self.recommendations)


def recognise(headings: Headings) -> ExtraColumns:
    """The columns of the heading row this pass reads (SIPD's, coordinates)."""
    fields: dict[str, tuple[int, str, str]] = {}
    recommendations = []
    for column in headings.columns:
        level = level_of(column.heading)
        if level is not None:
            recommendations.append((level, column.index, column.heading, column.letter))
            continue
        name = HEADINGS.get(key(column.heading))
        if name and name not in fields:
            fields[name] = (column.index, column.heading, column.letter)
    return ExtraColumns(MappingProxyType(fields), tuple(recommendations))


def narrowed(context: MeetingContext, sipd: SipdContext) -> MeetingContext:
    """The recap rules' context for an SIPD export: proposals that have a SIPD id are
    recognised by it here, not taken for duplicates by title and place there."""
    keep = {(s.village_id, s.title, s.location) for s in sipd.stored.values()}
    existing = tuple(
        e
        for e in context.existing
        if (e.village_id, e.title, e.location) not in keep or not isinstance(e, ExistingProposal)
    )
    return replace(context, existing=existing)


# --- reading one row ---------------------------------------------------------------------


def _region_key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", _REGION_PREFIX.sub("", " ".join(text.split())).casefold())


def parse_sipd_date(cell: object) -> date | None:
    """SIPD's Tanggal Usul: a spreadsheet date, ``2022-12-05 10:11:12``, ``05/12/2022``
    or ``5 Desember 2022``; None when empty. Raises ``DateError`` otherwise."""
    if cell is None:
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = str(cell).strip()
    if not text:
        return None
    head = text.split()[0] if re.match(r"\d{4}-\d\d-\d\d[ T]", text) else text
    head = head.split("T")[0]
    try:
        return parse_date(head)
    except DateError:
        pass
    match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text)
    if match and match.group(2).casefold() in _MONTHS:
        try:
            return date(
                int(match.group(3)), _MONTHS[match.group(2).casefold()], int(match.group(1))
            )
        except ValueError:
            pass
    raise DateError("date_invalid", text)


class _Reader:
    def __init__(self, cells: Sequence[Any], number: int, columns: ExtraColumns) -> None:
        self.cells = cells
        self.number = number
        self.columns = columns
        self.problems: list[Problem] = []

    def cell(self, name: str) -> Any:
        where = self.columns.fields.get(name)
        if where is None or where[0] >= len(self.cells):
            return None
        return self.cells[where[0]]

    def text(self, name: str, *, multiline: bool = False) -> str:
        return text_of(self.cell(name), multiline=multiline)

    def problem(
        self, name: str, code: str, severity: Severity = Severity.ERROR, **params: Any
    ) -> None:
        _, heading, letter = self.columns.fields.get(name, (0, name, ""))
        self.problems.append(
            Problem(
                row=self.number,
                column=heading,
                code=code,
                params=MappingProxyType(params),
                severity=severity,
                letter=letter,
            )
        )

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)


def _coordinates(reader: _Reader, location: str) -> tuple[float | None, float | None]:
    fields = reader.columns.fields
    if "latitude" in fields or "longitude" in fields:
        lat, lon = reader.text("latitude"), reader.text("longitude")
        if lat or lon:
            try:
                return geo.parse_pair(reader.cell("latitude"), reader.cell("longitude"))
            except geo.CoordinateError:
                name = "latitude" if "latitude" in fields else "longitude"
                reader.problem(name, "sipd_coordinate_invalid", value=f"{lat}, {lon}")
                return None, None
    if "coordinates" in fields and reader.text("coordinates"):
        try:
            return geo.parse_koordinat(reader.text("coordinates"))
        except geo.CoordinateError:
            reader.problem(
                "coordinates", "sipd_coordinate_invalid", value=reader.text("coordinates")
            )
            return None, None
    found = geo.find_in_text(location)
    return found if found else (None, None)


def read_extras(
    cells: Sequence[Any], number: int, row: ImportRow, columns: ExtraColumns, ctx: SipdContext
) -> tuple[ProposalExtras, list[Problem]]:
    """A row's fields past the recap's, and its problems (an error refuses the row)."""
    reader = _Reader(cells, number, columns)
    kecamatan = reader.text("kecamatan")
    if kecamatan and ctx.kecamatan and _region_key(kecamatan) != _region_key(ctx.kecamatan):
        reader.problem(
            "kecamatan", "sipd_other_kecamatan", value=kecamatan, kecamatan=ctx.kecamatan
        )
    kabupaten = reader.text("kabupaten")
    if kabupaten and ctx.kabupaten and _region_key(kabupaten) != _region_key(ctx.kabupaten):
        reader.problem(
            "kabupaten",
            "sipd_other_kabupaten",
            Severity.WARNING,
            value=kabupaten,
            kabupaten=ctx.kabupaten,
        )
    try:
        proposed_on = parse_sipd_date(reader.cell("proposed_on"))
    except DateError:
        proposed_on = None
        reader.problem("proposed_on", "sipd_date_invalid", value=reader.text("proposed_on"))
    latitude, longitude = _coordinates(reader, row.location)
    data: dict[str, Any] = {}
    for name in ("sipd_status", "note", "kabupaten", "kecamatan"):
        value = reader.text(name, multiline=True)
        if value:
            data[name.removeprefix("sipd_")] = value
    recommendations = []
    for level, index, _heading, _letter in columns.recommendations:
        text = text_of(cells[index], multiline=True) if index < len(cells) else ""
        if text:
            recommendations.append(parse_recommendation(level, text).as_json())
    if recommendations:
        data["recommendations"] = recommendations
    extras = ProposalExtras(
        sipd_id=reader.text("sipd_id") if "sipd_id" in columns.fields else "",
        agency_origin=reader.text("agency_origin"),
        spending_kind=reader.text("spending_kind"),
        sub_activity=reader.text("sub_activity"),
        proposer=reader.text("proposer"),
        proposer_profile=reader.text("proposer_profile"),
        proposed_on=proposed_on,
        usulan_ke=reader.text("usulan_ke"),
        latitude=latitude,
        longitude=longitude,
        sipd_data=json.dumps(data, ensure_ascii=False, sort_keys=True) if data else "{}",
    )
    return extras, reader.problems


# --- the pass ----------------------------------------------------------------------------


def _same(name: str, old: Any, new: Any) -> bool:
    if name == "sipd_data":
        return bool(json.loads(old or "{}") == json.loads(new or "{}"))
    if isinstance(old, float) or isinstance(new, float):
        if old is None or new is None:
            return old is new
        return abs(float(old) - float(new)) < 1e-9
    return (
        (old or None) == (new or None)
        if isinstance(old, str) or isinstance(new, str)
        else old == new
    )


def _compare(row: ImportRow, stored: StoredSipd) -> SipdChange | None:
    assert row.extras is not None
    new = {
        "title": row.title,
        "problem": row.problem,
        "location": row.location,
        "volume": row.volume,
        "unit": row.unit,
        "requested": row.requested,
        "agency": row.agency,
        **{k: v for k, v in row.extras.columns().items() if k != "sipd_id"},
    }
    changes = tuple(
        FieldChange(name, stored.values.get(name), new[name])
        for name in COMPARED
        if not _same(name, stored.values.get(name), new[name])
    )
    if not changes:
        return None
    return SipdChange(
        row=row.row,
        proposal_id=stored.proposal_id,
        sipd_id=row.extras.sipd_id,
        ref=stored.ref,
        title=stored.title,
        village=row.village,
        changes=changes,
        decided=stored.decided,
        values=tuple((c.field, c.new) for c in changes),
    )


def _suggest(row: ImportRow, ctx: SipdContext) -> KamusSuggestion | None:
    if not ctx.kamus:
        return None
    by_id = {entry.id: entry for entry in ctx.kamus}
    candidates = [Candidate(entry.id or 0, entry.name, entry.unit) for entry in ctx.kamus]
    found = closest_entry(row.title, row.unit, candidates)
    if found is None:
        return None
    entry = by_id[found[0].id]
    return KamusSuggestion(
        row=row.row,
        entry_id=entry.id or 0,
        code=entry.code,
        name=entry.name,
        unit=entry.unit,
        unit_price=entry.unit_price,
        likeness=round(found[1], 2),
    )


def apply(
    table: SourceTable,
    headings: Headings,
    rows: Sequence[ImportRow],
    problems: Sequence[Problem],
    ctx: SipdContext,
) -> tuple[tuple[ImportRow, ...], tuple[Problem, ...], SipdOutcome]:
    """The rows to add (with their extras), every problem, and the SIPD outcome."""
    columns = recognise(headings)
    is_sipd = columns.is_sipd
    kept = list(problems)
    if columns:
        read = columns.indexes
        kept = [
            p
            for p in kept
            if not (
                p.code == "column_ignored"
                and p.row == headings.row
                and any(c.heading == p.column and c.index in read for c in headings.columns)
            )
            # SIPD's Status is SIPD's own (verified, sent on): said in the stored data.
            and not (is_sipd and p.code == "decisions_not_imported")
        ]
    by_number = {source.number: source.cells for source in table.rows}
    added: list[ImportRow] = []
    unchanged: list[tuple[int, str, str]] = []
    changes: list[SipdChange] = []
    suggestions: list[KamusSuggestion] = []
    for row in rows:
        if columns:
            extras, found = read_extras(by_number.get(row.row, ()), row.row, row, columns, ctx)
        else:
            extras = ProposalExtras(**_coordinates_only(row.location))
            found = []
        kept.extend(found)
        if any(p.is_error for p in found):
            continue
        final = text_of(_cell(by_number.get(row.row, ()), columns, "agency_final"))
        row = replace(
            row,
            extras=extras,
            agency=final or row.agency,
            ref="" if is_sipd else row.ref,
        )
        stored = ctx.stored.get(extras.sipd_id) if extras.sipd_id else None
        if stored is not None:
            change = _compare(row, stored)
            if change is None:
                unchanged.append((row.row, extras.sipd_id, row.title))
            else:
                changes.append(change)
            continue
        suggestion = _suggest(row, ctx)
        if suggestion is not None:
            suggestions.append(suggestion)
        added.append(row)
    if unchanged:
        kept.append(
            Problem(
                row=None,
                column="",
                code="sipd_unchanged",
                params=MappingProxyType({"count": len(unchanged)}),
                severity=Severity.WARNING,
            )
        )
    for change in changes:
        kept.append(
            Problem(
                row=change.row,
                column="",
                code="sipd_changed_decided" if change.decided else "sipd_changed",
                params=MappingProxyType(
                    {
                        "ref": change.ref,
                        "fields": ", ".join(c.field for c in change.changes),
                    }
                ),
                severity=Severity.WARNING,
            )
        )
    outcome = SipdOutcome(
        is_sipd=is_sipd,
        unchanged=tuple(unchanged),
        changes=tuple(changes),
        kamus=tuple(suggestions),
    )
    return tuple(added), tuple(kept), outcome


def _coordinates_only(location: str) -> dict[str, Any]:
    found = geo.find_in_text(location)
    return {"latitude": found[0], "longitude": found[1]} if found else {}


def _cell(cells: Sequence[Any], columns: ExtraColumns, name: str) -> Any:
    where = columns.fields.get(name)
    if where is None or where[0] >= len(cells):
        return None
    return cells[where[0]]

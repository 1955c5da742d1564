"""Copy one meeting from one database into another, all of it or only what changed.

The target is written in ONE transaction: a connection lost half-way (or a process
killed) leaves it as it was, and running the copy again completes it. The source is
only read, in one snapshot. What decides whether a copy may go ahead is the event
log, which every change writes to and nothing ever rewrites:

- the target has every event of the source: nothing to do, nothing written;
- the target has events the source does not (a desk worked on the target's copy):
  refused, with what differs on both sides, and nothing written;
- otherwise the source's new events, and every row that differs, are written.

The tables are those of ``plan.meeting_tables()``; see there for what a new table
needs to be carried.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from lasem_tui.store.database import Database
from lasem_tui.store.engine import writer
from lasem_tui.store.models import (
    Event,
    Meeting,
    Proposal,
    Reviewer,
    SyncInstance,
    SyncKey,
    Village,
    table_of,
)
from lasem_tui.store.sync.plan import ROOT, TablePlan, json_id_names, meeting_tables, plan_of
from lasem_tui.store.sync.plan import rows_of_meeting as _rows_of_meeting

#: progress(kind, done, total): rows looked at so far, of all tables.
Progress = Callable[[str, int, int], None]
_KEYS = table_of(SyncKey)


@dataclass
class KindCount:
    """What a copy does to one table."""

    new: int = 0
    changed: int = 0
    removed: int = 0

    @property
    def total(self) -> int:
        return self.new + self.changed + self.removed


@dataclass(frozen=True)
class EventLine:
    """One event, as the refusal of a conflicting copy lists it."""

    uuid: str
    at: datetime
    kind: str
    reviewer: str
    village: str
    proposal: str


@dataclass
class SyncResult:
    title: str
    uuid: str
    #: Counts per table name, in copy order; only tables something happened to.
    counts: dict[str, KindCount] = field(default_factory=dict)
    #: The target already had all of it: nothing was written.
    unchanged: bool = False
    #: The meeting did not exist on the target before.
    created: bool = False
    dry_run: bool = False

    @property
    def events_sent(self) -> int:
        return self.counts.get("event", KindCount()).new


class SyncConflict(Exception):
    """The target's copy changed since the last copy: refused, nothing written."""

    def __init__(
        self, title: str, only_source: list[EventLine], only_target: list[EventLine]
    ) -> None:
        super().__init__(f"{title}: {len(only_source)} / {len(only_target)} events differ")
        self.title = title
        self.only_source = only_source
        self.only_target = only_target


class MeetingNotFound(LookupError):
    """No meeting with that title or UUID (or several with that title)."""

    def __init__(self, wanted: str, candidates: list[str]) -> None:
        super().__init__(wanted)
        self.wanted = wanted
        self.candidates = candidates


# --- finding the meeting ---------------------------------------------------------------


def find_meeting(db: Database, wanted: str | None) -> tuple[int, str, str]:
    """The meeting named by ``--meeting`` (its UUID or its exact title; without it the
    one opened last): its id, uuid and title."""
    table = table_of(Meeting)
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(table.c.id, table.c.uuid, table.c.title).order_by(
                table.c.last_opened_at.desc().nulls_last(), table.c.id.desc()
            )
        ).all()
    if not rows:
        raise MeetingNotFound(wanted or "", [])
    if wanted is None:
        return int(rows[0][0]), rows[0][1], rows[0][2]
    needle = wanted.strip()
    by_uuid = [r for r in rows if r[1] == needle.lower()]
    by_title = [r for r in rows if r[2].strip().casefold() == needle.casefold()]
    by_id = [r for r in rows if needle.isdigit() and r[0] == int(needle)]
    for found in (by_uuid, by_title if len(by_title) == 1 else [], by_id):
        if found:
            return int(found[0][0]), found[0][1], found[0][2]
    raise MeetingNotFound(wanted, [f"{r[2]} ({r[1]})" for r in (by_title or rows)])


def instance_of(db: Database) -> str:
    """This database's own identity. The schema makes it (migration 0007); a database
    that lost the row gets a new one in a short transaction of its own (two copies
    starting at once on the server agree on one)."""
    table = table_of(SyncInstance)
    with db.engine.connect() as conn:
        found = conn.execute(select(table.c.uuid).where(table.c.id == 1)).scalar()
    if found:
        return str(found)
    try:
        with db.write() as session:
            session.add(SyncInstance())
    except IntegrityError:
        pass  # another copy made it first
    with db.engine.connect() as conn:
        return str(conn.execute(select(table.c.uuid).where(table.c.id == 1)).scalar_one())


# --- the copy ----------------------------------------------------------------------------


def copy_meeting(
    source: Database,
    target: Database,
    meeting_uuid: str,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> SyncResult:
    """Copy the meeting from ``source`` into ``target`` (see the module's docstring).

    Raises ``SyncConflict`` when the target's copy has events the source lacks.
    """
    source_instance = instance_of(source)
    target_instance = instance_of(target)
    with source.engine.connect() as raw_src:
        src = raw_src
        if raw_src.dialect.name == "postgresql":
            src = raw_src.execution_options(isolation_level="REPEATABLE READ")
        with src.begin():
            dst = writer(target.engine).connect()
            try:
                transaction = dst.begin()
                copy = _Copy(src, dst, source_instance, target_instance, progress)
                result = copy.run(meeting_uuid)
                result.dry_run = dry_run
                if dry_run or result.unchanged:
                    transaction.rollback()
                else:
                    transaction.commit()
                return result
            finally:
                dst.close()


class _Copy:
    """One copy's state: the id translations built table by table."""

    def __init__(
        self,
        src: Connection,
        dst: Connection,
        src_instance: str,
        dst_instance: str,
        progress: Progress | None,
    ) -> None:
        self.src = src
        self.dst = dst
        self.src_instance = src_instance
        self.dst_instance = dst_instance
        self.progress = progress
        #: table -> source id -> target id
        self.ids: dict[str, dict[int, int]] = {}
        #: table -> target ids of the rows updated (for the count of changed rows)
        self.updated: dict[str, set[int]] = {}
        self.json_names = json_id_names()

    # --- the outline ---------------------------------------------------------------

    def run(self, meeting_uuid: str) -> SyncResult:
        meeting = table_of(Meeting)
        found = self.src.execute(
            select(meeting.c.id, meeting.c.title).where(meeting.c.uuid == meeting_uuid)
        ).first()
        if found is None:
            raise MeetingNotFound(meeting_uuid, [])
        src_id, title = int(found[0]), str(found[1])
        if self.dst.dialect.name == "postgresql":
            # Two copies of the same meeting at once queue here; different ones do not.
            self.dst.execute(
                text("SELECT pg_advisory_xact_lock(:key)"),
                {"key": int(meeting_uuid.replace("-", "")[:15], 16)},
            )
        dst_id = self.dst.execute(
            select(meeting.c.id).where(meeting.c.uuid == meeting_uuid)
        ).scalar()
        result = SyncResult(title=title, uuid=meeting_uuid, created=dst_id is None)
        if dst_id is not None:
            self._check_events(src_id, int(dst_id), title, result)
            if result.unchanged:
                return result
        self._copy_rows(src_id, int(dst_id) if dst_id is not None else None, result)
        return result

    def _check_events(self, src_id: int, dst_id: int, title: str, result: SyncResult) -> None:
        src_events = _event_uuids(self.src, src_id)
        dst_events = _event_uuids(self.dst, dst_id)
        only_dst = dst_events - src_events
        if only_dst:
            raise SyncConflict(
                title,
                describe_events(self.src, src_id, src_events - dst_events),
                describe_events(self.dst, dst_id, only_dst),
            )
        result.unchanged = src_events == dst_events

    def _copy_rows(self, src_id: int, dst_id: int | None, result: SyncResult) -> None:
        plans = meeting_tables()
        src_rows = {p.name: self._read(self.src, p, src_id) for p in plans}
        dst_rows = {p.name: self._read(self.dst, p, dst_id) if dst_id else [] for p in plans}
        src_keys = {p.name: self._keys(self.src, p, src_id) for p in plans if _keyed(p)}
        dst_keys = {p.name: self._keys(self.dst, p, dst_id) for p in plans if _keyed(p) and dst_id}
        total = sum(len(rows) for rows in src_rows.values())
        done = 0
        removed: list[tuple[TablePlan, list[Mapping[str, Any]]]] = []
        written: dict[str, list[tuple[Mapping[str, Any], int | None, Mapping[str, Any] | None]]]
        written = {}
        for plan in plans:
            count = KindCount()
            written[plan.name], gone = self._copy_table(
                plan,
                src_rows[plan.name],
                dst_rows[plan.name],
                src_keys.get(plan.name, {}),
                dst_keys.get(plan.name, {}),
                count,
            )
            if gone:
                removed.append((plan, gone))
                count.removed = len(gone)
            if count.total:
                result.counts[plan.name] = count
            done += len(src_rows[plan.name])
            if self.progress is not None:
                self.progress(plan.name, done, total)
        for plan in plans:
            if plan.deferred:
                self._set_deferred(plan, written[plan.name], result)
        for plan, gone in reversed(removed):
            self._remove(plan, gone)

    # --- reading -----------------------------------------------------------------------

    @staticmethod
    def _read(conn: Connection, plan: TablePlan, meeting_id: int) -> list[Mapping[str, Any]]:
        order = [plan.table.c[c] for c in (plan.id_column,) if c] or list(
            plan.table.primary_key.columns
        )
        query = _rows_of_meeting(plan, meeting_id).order_by(*order)
        # Rows are read by column name only: RowMapping's key type also admits Column.
        return cast("list[Mapping[str, Any]]", list(conn.execute(query).mappings()))

    @staticmethod
    def _keys(conn: Connection, plan: TablePlan, meeting_id: int) -> dict[int, str]:
        """The keys of the rows copied into this database: row id -> key."""
        own = _rows_of_meeting(plan, meeting_id).with_only_columns(
            plan.table.c[plan.id_column or "id"]
        )
        rows = conn.execute(
            select(_KEYS.c.row_id, _KEYS.c.row_key).where(
                _KEYS.c.table_name == plan.name, _KEYS.c.row_id.in_(own)
            )
        ).all()
        return {int(row_id): key for row_id, key in rows}

    # --- one table ---------------------------------------------------------------------

    def _copy_table(
        self,
        plan: TablePlan,
        src_rows: list[Mapping[str, Any]],
        dst_rows: list[Mapping[str, Any]],
        src_keys: dict[int, str],
        dst_keys: dict[int, str],
        count: KindCount,
    ) -> tuple[
        list[tuple[Mapping[str, Any], int | None, Mapping[str, Any] | None]],
        list[Mapping[str, Any]],
    ]:
        """Insert and update the table's rows; returns (source row, target id, target
        row before) for each source row, and the target rows the source no longer has."""
        ids = self.ids.setdefault(plan.name, {})
        existing = {
            self._identity(plan, row, dst_keys, self.dst_instance, False): row for row in dst_rows
        }
        inserts: list[tuple[Mapping[str, Any], dict[str, Any], Any]] = []
        updates: list[dict[str, Any]] = []
        written: list[tuple[Mapping[str, Any], int | None, Mapping[str, Any] | None]] = []
        plain = [c for c in plan.data_columns if c not in plan.refs and c not in plan.json_columns]
        translated = [c for c in plan.data_columns if c in plan.refs or c in plan.json_columns]
        for row in src_rows:
            values = {c: row[c] for c in plain}
            for c in translated:
                values[c] = self._value(plan, c, row[c])
            identity = self._identity(plan, row, src_keys, self.src_instance, True)
            before = existing.pop(identity, None)
            if before is None:
                inserts.append((row, values, identity))
                continue
            target_id = before[plan.id_column] if plan.id_column else None
            if plan.id_column:
                ids[row[plan.id_column]] = before[plan.id_column]
            written.append((row, target_id, before))
            if any(before[c] != values[c] for c in plan.data_columns):
                updates.append({**_pk_params(plan, before), **_prefixed(values)})
                if target_id is not None:
                    self.updated.setdefault(plan.name, set()).add(target_id)
        if updates:
            statement = update(plan.table).values(
                {c: bindparam(f"v_{c}") for c in plan.data_columns}
            )
            for column in plan.table.primary_key.columns:
                statement = statement.where(column == bindparam(f"pk_{column.name}"))
            self.dst.execute(statement, updates)
            count.changed = len(updates)
        if inserts:
            written.extend(self._insert(plan, inserts, ids))
            count.new = len(inserts)
        return written, list(existing.values())

    def _insert(
        self,
        plan: TablePlan,
        inserts: list[tuple[Mapping[str, Any], dict[str, Any], Any]],
        ids: dict[int, int],
    ) -> list[tuple[Mapping[str, Any], int | None, Mapping[str, Any] | None]]:
        rows = [values for _, values, _ in inserts]
        if not plan.id_column:
            self.dst.execute(insert(plan.table), rows)
            return [(row, None, None) for row, _, _ in inserts]
        # Ids are handed out first and written with the rows: an INSERT ... RETURNING
        # in parameter order costs one statement per row on SQLite.
        new_ids = self._allocate(plan, len(rows))
        for values, new_id in zip(rows, new_ids, strict=True):
            values[plan.id_column] = new_id
        self.dst.execute(insert(plan.table), rows)
        keys = []
        written: list[tuple[Mapping[str, Any], int | None, Mapping[str, Any] | None]] = []
        for (row, _, identity), new_id in zip(inserts, new_ids, strict=True):
            ids[row[plan.id_column]] = new_id
            written.append((row, new_id, None))
            if not plan.uuid_column:
                keys.append({"table_name": plan.name, "row_id": new_id, "row_key": identity})
        if keys:
            self.dst.execute(insert(_KEYS), keys)
        return written

    def _allocate(self, plan: TablePlan, count: int) -> list[int]:
        """``count`` new ids for the table on the target: from its sequence on
        PostgreSQL (safe beside other pushes and desks), after the largest one on SQLite
        (where this transaction holds the write lock)."""
        name = plan.table.name
        column = plan.id_column or "id"
        if self.dst.dialect.name == "postgresql":
            return list(
                self.dst.execute(
                    text(
                        "SELECT nextval(pg_get_serial_sequence(:table, :column)) "
                        "FROM generate_series(1, :count)"
                    ),
                    {"table": f'"{name}"', "column": column, "count": count},
                ).scalars()
            )
        largest = self.dst.execute(select(func.max(plan.table.c[column]))).scalar() or 0
        return list(range(int(largest) + 1, int(largest) + 1 + count))

    def _set_deferred(
        self,
        plan: TablePlan,
        written: list[tuple[Mapping[str, Any], int | None, Mapping[str, Any] | None]],
        result: SyncResult,
    ) -> None:
        """References set once every row exists (cycles, self references, rows of other
        meetings); a row whose only change is one of these counts as changed."""
        updates = []
        new_ids = set()
        for row, target_id, before in written:
            if target_id is None:
                continue
            values = {c: self._translate(t, row[c]) for c, t in plan.deferred.items()}
            current = {c: before[c] if before is not None else None for c in plan.deferred}
            if values != current:
                updates.append({"pk_id": target_id, **_prefixed(values)})
                if before is None:
                    new_ids.add(target_id)
        if not updates:
            return
        id_column = plan.table.c[plan.id_column or "id"]
        self.dst.execute(
            update(plan.table)
            .where(id_column == bindparam("pk_id"))
            .values({c: bindparam(f"v_{c}") for c in plan.deferred}),
            updates,
        )
        count = result.counts.setdefault(plan.name, KindCount())
        # A row already counted as changed by its other columns is not counted twice.
        updated = self.updated.setdefault(plan.name, set())
        updated |= {u["pk_id"] for u in updates} - new_ids
        count.changed = max(count.changed, len(updated))

    def _remove(self, plan: TablePlan, rows: list[Mapping[str, Any]]) -> None:
        statement = delete(plan.table)
        for column in plan.table.primary_key.columns:
            statement = statement.where(column == bindparam(f"pk_{column.name}"))
        self.dst.execute(statement, [_pk_params(plan, row) for row in rows])
        if plan.id_column and not plan.uuid_column:
            self.dst.execute(
                delete(_KEYS).where(
                    _KEYS.c.table_name == plan.name, _KEYS.c.row_id == bindparam("gone")
                ),
                [{"gone": row[plan.id_column]} for row in rows],
            )

    # --- identities and translation ----------------------------------------------------

    def _identity(
        self,
        plan: TablePlan,
        row: Mapping[str, Any],
        keys: dict[int, str],
        instance: str,
        from_source: bool,
    ) -> Any:
        if plan.uuid_column:
            return row[plan.uuid_column]
        if plan.id_column:
            row_id = int(row[plan.id_column])
            return keys.get(row_id) or f"{instance}:{row_id}"
        if from_source:
            return tuple(self._value(plan, c, row[c]) for c in plan.key_columns)
        return tuple(row[c] for c in plan.key_columns)

    def _value(self, plan: TablePlan, column: str, value: Any) -> Any:
        if value is None:
            return None
        if column in plan.refs:
            return self._translate(plan.refs[column], value)
        if column in plan.json_columns:
            return self._translate_json(value)
        return value

    def _translate(self, table: str, value: Any) -> Any:
        """A source id of ``table`` as the target's id (None when the target has no copy
        of that row, e.g. a carry-over's origin in a meeting never copied there)."""
        if value is None:
            return None
        known = self.ids.get(table, {}).get(int(value))
        if known is not None:
            return known
        return self._find_elsewhere(table, int(value))

    def _find_elsewhere(self, table: str, src_id: int) -> int | None:
        """A row outside this meeting (another meeting's proposal, say), by its identity."""
        try:
            plan = plan_of(table)
        except KeyError:
            return None
        id_column = plan.table.c[plan.id_column or "id"]
        if plan.uuid_column:
            found = self.src.execute(
                select(plan.table.c[plan.uuid_column]).where(id_column == src_id)
            ).scalar()
            if found is None:
                return None
            target = self.dst.execute(
                select(id_column).where(plan.table.c[plan.uuid_column] == found)
            ).scalar()
        else:
            key = (
                self.src.execute(
                    select(_KEYS.c.row_key).where(
                        _KEYS.c.table_name == table, _KEYS.c.row_id == src_id
                    )
                ).scalar()
                or f"{self.src_instance}:{src_id}"
            )
            if key.startswith(f"{self.dst_instance}:"):
                target = int(key.split(":", 1)[1])
                exists = self.dst.execute(select(id_column).where(id_column == target)).scalar()
                target = exists
            else:
                target = self.dst.execute(
                    select(_KEYS.c.row_id).where(
                        _KEYS.c.table_name == table, _KEYS.c.row_key == key
                    )
                ).scalar()
        if target is not None:
            self.ids.setdefault(table, {})[src_id] = int(target)
        return int(target) if target is not None else None

    def _translate_json(self, value: str) -> str:
        if "_id" not in value:
            return value  # most of the log: nothing to translate, nothing to parse
        try:
            data = json.loads(value)
        except (TypeError, ValueError):
            return value
        if not isinstance(data, dict):
            return value
        changed = False
        for name, item in list(data.items()):
            single = name[:-1] if name.endswith("_ids") else name
            table = self.json_names.get(single)
            if table is None or item is None:
                continue
            if isinstance(item, int) and not isinstance(item, bool):
                data[name] = self._translate(table, item)
                changed = True
            elif isinstance(item, list) and all(isinstance(i, int) for i in item):
                data[name] = [self._translate(table, i) for i in item]
                changed = True
        return json.dumps(data, ensure_ascii=False) if changed else value


def _keyed(plan: TablePlan) -> bool:
    return bool(plan.id_column) and not plan.uuid_column


def _pk_params(plan: TablePlan, row: Mapping[str, Any]) -> dict[str, Any]:
    return {f"pk_{c.name}": row[c.name] for c in plan.table.primary_key.columns}


def _prefixed(values: Mapping[str, Any]) -> dict[str, Any]:
    return {f"v_{name}": value for name, value in values.items()}


# --- the event log ----------------------------------------------------------------------


def _event_uuids(conn: Connection, meeting_id: int) -> set[str]:
    table = table_of(Event)
    return set(conn.execute(select(table.c.uuid).where(table.c.meeting_id == meeting_id)).scalars())


def describe_events(conn: Connection, meeting_id: int, uuids: Iterable[str]) -> list[EventLine]:
    """The events, oldest first, with who made them and what they were about."""
    wanted = set(uuids)
    if not wanted:
        return []
    event = table_of(Event)
    reviewer = table_of(Reviewer)
    village = table_of(Village)
    proposal = table_of(Proposal)
    rows = conn.execute(
        select(
            event.c.uuid,
            event.c.at,
            event.c.kind,
            func.coalesce(reviewer.c.name, ""),
            func.coalesce(village.c.name, ""),
            func.coalesce(proposal.c.title, ""),
        )
        .select_from(
            event.outerjoin(reviewer, reviewer.c.id == event.c.reviewer_id)
            .outerjoin(village, village.c.id == event.c.village_id)
            .outerjoin(proposal, proposal.c.id == event.c.proposal_id)
        )
        .where(event.c.meeting_id == meeting_id)
        .order_by(event.c.id)
    ).all()
    return [EventLine(*row) for row in rows if row[0] in wanted]


__all__ = [
    "ROOT",
    "EventLine",
    "KindCount",
    "MeetingNotFound",
    "SyncConflict",
    "SyncResult",
    "copy_meeting",
    "find_meeting",
    "instance_of",
]

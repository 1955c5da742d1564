"""Which tables make up a meeting, read off the SQLModel metadata, and how each is copied.

Nothing here names a table except ``meeting``: a table is part of a meeting when a
NOT NULL foreign key leads from it to ``meeting`` (directly, or through another table
that is part of it), so a table added later is carried by ``lasem push``/``pull``
without a change here. How its rows are told apart across databases:

- a ``uuid`` column (meeting, event): by that;
- else a single integer primary key that is not a foreign key: by a key kept in
  ``synckey`` (or, for a row made in this database, ``<instance>:<id>``);
- else (a primary key made of foreign keys, e.g. a link table): by that primary key,
  translated.

Foreign keys are translated from the source's ids to the target's. A column that
holds an id without a foreign key declares it with ``info={"refers_to": "table"}``;
such columns, and foreign keys to the table itself, are set after all rows exist, so
cycles (a meeting's current reviewer) need no ordering. A text column with
``info={"json_ids": True}`` holds JSON whose ``*_id`` keys are translated too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from sqlalchemy import Column, ColumnElement, Table, select
from sqlalchemy.sql import Select
from sqlmodel import SQLModel

from lasem_tui.store import models  # noqa: F401  (registers the tables)

ROOT = "meeting"
#: The bookkeeping of the copy itself: never part of a meeting.
BOOKKEEPING = ("synckey", "syncinstance")


@dataclass(frozen=True)
class TablePlan:
    """How one table of a meeting is read, told apart and translated."""

    table: Table
    #: The column through which a row belongs to the meeting, and the parent table.
    owner: tuple[str, str] | None
    #: The table's own integer id, when it has one (not part of a foreign key).
    id_column: str | None
    #: A column holding a global identity (meeting, event).
    uuid_column: str | None
    #: Foreign keys translated as the row is written: column -> referenced table.
    refs: dict[str, str] = field(default_factory=dict)
    #: References set once every row exists: column -> referenced table.
    deferred: dict[str, str] = field(default_factory=dict)
    #: Text columns holding JSON with ``*_id`` keys.
    json_columns: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.table.name

    @cached_property
    def key_columns(self) -> tuple[str, ...]:
        """The translated primary key, for a table with neither an id nor a uuid."""
        return tuple(c.name for c in self.table.primary_key.columns)

    @cached_property
    def data_columns(self) -> tuple[str, ...]:
        """What is compared and written (not the id, not what is set afterwards)."""
        skip = {self.id_column, *self.deferred}
        return tuple(c.name for c in self.table.columns if c.name not in skip)


def _referenced(column: Column[Any]) -> str | None:
    for fk in column.foreign_keys:
        return fk.column.table.name
    target = column.info.get("refers_to")
    return str(target) if target else None


def _own_id(table: Table) -> str | None:
    primary = list(table.primary_key.columns)
    if len(primary) == 1 and not primary[0].foreign_keys:
        return primary[0].name
    return None


@cache
def meeting_tables() -> tuple[TablePlan, ...]:
    """Every table of a meeting, parents before children (``meeting`` first)."""
    owned: dict[str, TablePlan] = {}
    for table in SQLModel.metadata.sorted_tables:
        if table.name in BOOKKEEPING:
            continue
        owner = _owner(table, owned)
        if table.name != ROOT and owner is None:
            continue  # not part of a meeting (a catalogue shared by all, say)
        refs: dict[str, str] = {}
        deferred: dict[str, str] = {}
        for column in table.columns:
            target = _referenced(column)
            if target is None:
                continue
            if (column.foreign_keys and target != table.name) or column.primary_key:
                refs[column.name] = target
            else:
                deferred[column.name] = target
        owned[table.name] = TablePlan(
            table=table,
            owner=owner,
            id_column=_own_id(table),
            uuid_column="uuid" if "uuid" in table.columns else None,
            refs=refs,
            deferred=deferred,
            json_columns=tuple(c.name for c in table.columns if c.info.get("json_ids")),
        )
    return tuple(owned.values())


def _owner(table: Table, owned: dict[str, TablePlan]) -> tuple[str, str] | None:
    candidates = []
    for column in table.columns:
        if column.nullable and not column.primary_key:
            continue
        for fk in column.foreign_keys:
            parent = fk.column.table.name
            if parent == ROOT or (parent in owned and parent != table.name):
                candidates.append((parent != ROOT, column.name, parent))
    if not candidates:
        return None
    _, column_name, parent = min(candidates)  # straight to the meeting when it can
    return column_name, parent


def plan_of(name: str) -> TablePlan:
    for plan in meeting_tables():
        if plan.name == name:
            return plan
    raise KeyError(name)


def rows_of_meeting(plan: TablePlan, meeting_id: int) -> Select[Any]:
    """SELECT of the table's rows that belong to the meeting."""
    return select(plan.table).where(_belongs(plan, meeting_id))


def _belongs(plan: TablePlan, meeting_id: int) -> ColumnElement[bool]:
    if plan.owner is None:
        return plan.table.c[plan.id_column or "id"] == meeting_id
    column, parent_name = plan.owner
    parent = plan_of(parent_name)
    if parent.owner is None:
        return plan.table.c[column] == meeting_id
    parent_id = parent.table.c[parent.id_column or "id"]
    return plan.table.c[column].in_(select(parent_id).where(_belongs(parent, meeting_id)))


def json_id_names() -> dict[str, str]:
    """``*_id`` names that mean one table wherever they appear (``decided_by_id`` is
    always a reviewer): what the JSON of the event log is translated by."""
    names: dict[str, set[str]] = {}
    for plan in meeting_tables():
        for column, target in {**plan.refs, **plan.deferred}.items():
            names.setdefault(column, set()).add(target)
    return {name: next(iter(t)) for name, t in names.items() if len(t) == 1}

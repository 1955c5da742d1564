"""SIPD's fields on a proposal, and the kamus usulan

The SIPD usulan export carries an id, two OPDs, the kind of spending, a sub-activity,
the proposer, a date, coordinates and a recommendation per level; the kamus usulan is
SIPD's catalogue of activities, one per meeting.

Revision ID: 0005
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


_TEXT_COLUMNS = (
    "sipd_id",
    "spending_kind",
    "sub_activity",
    "proposer",
    "proposer_profile",
    "usulan_ke",
)
_OTHER_COLUMNS = ("proposed_on", "latitude", "longitude", "sipd_data", "prior_recommendation")


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    op.create_table(
        "kamusentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", _TEXT(), nullable=False),
        sa.Column("name", _TEXT(), nullable=False),
        sa.Column("unit", _TEXT(), nullable=False),
        sa.Column("unit_price", sa.BigInteger(), nullable=False),
        sa.Column("agency", _TEXT(), nullable=False),
        sa.Column("kind", _TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_kamusentry_meeting_position", "kamusentry", ["meeting_id", "position"], unique=False
    )
    # Plain ADD COLUMNs, never a table rebuild: on SQLite a rebuild of ``proposal`` would
    # drop the table the event log's foreign keys point at, with the meeting's rows in it.
    for name in _TEXT_COLUMNS:
        op.add_column("proposal", sa.Column(name, _TEXT(), nullable=False, server_default=""))
    op.add_column("proposal", sa.Column("proposed_on", sa.Date(), nullable=True))
    op.add_column("proposal", sa.Column("latitude", sa.Float(), nullable=True))
    op.add_column("proposal", sa.Column("longitude", sa.Float(), nullable=True))
    for name in ("sipd_data", "prior_recommendation"):
        op.add_column("proposal", sa.Column(name, sa.Text(), nullable=False, server_default="{}"))
    if _sqlite():
        # No REFERENCES clause on SQLite: it could then never be dropped again without a
        # rebuild (see ``downgrade``). The store keeps the link within the meeting's
        # kamus itself (``store.kamus.link``, ``replace_kamus`` unlinks what it removes).
        op.add_column("proposal", sa.Column("kamus_entry_id", sa.Integer(), nullable=True))
    else:
        op.add_column("proposal", sa.Column("kamus_entry_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_proposal_kamus_entry", "proposal", "kamusentry", ["kamus_entry_id"], ["id"]
        )


def downgrade() -> None:
    if _sqlite():
        # SQLite's own DROP COLUMN (3.35+), not a rebuild: rebuilding ``proposal`` would
        # drop the table the event log's foreign keys point at.
        for name in (*_TEXT_COLUMNS, *_OTHER_COLUMNS, "kamus_entry_id"):
            op.execute(f"ALTER TABLE proposal DROP COLUMN {name}")
    else:
        op.drop_constraint("fk_proposal_kamus_entry", "proposal", type_="foreignkey")
        for name in (*_TEXT_COLUMNS, *_OTHER_COLUMNS, "kamus_entry_id"):
            op.drop_column("proposal", name)
    op.drop_index("ix_kamusentry_meeting_position", table_name="kamusentry")
    op.drop_table("kamusentry")

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
down_revision = "0002"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


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
    with op.batch_alter_table("kamusentry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_kamusentry_meeting_position", ["meeting_id", "position"], unique=False
        )
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        for name in (
            "sipd_id",
            "agency_origin",
            "spending_kind",
            "sub_activity",
            "proposer",
            "proposer_profile",
            "usulan_ke",
        ):
            batch_op.add_column(sa.Column(name, _TEXT(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("proposed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("kamus_entry_id", sa.Integer(), nullable=True))
        for name in ("sipd_data", "prior_recommendation"):
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default="{}"))
        batch_op.create_foreign_key(
            "fk_proposal_kamus_entry", "kamusentry", ["kamus_entry_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_constraint("fk_proposal_kamus_entry", type_="foreignkey")
        for name in (
            "sipd_id",
            "agency_origin",
            "spending_kind",
            "sub_activity",
            "proposer",
            "proposer_profile",
            "usulan_ke",
            "proposed_on",
            "latitude",
            "longitude",
            "kamus_entry_id",
            "sipd_data",
            "prior_recommendation",
        ):
            batch_op.drop_column(name)
    with op.batch_alter_table("kamusentry", schema=None) as batch_op:
        batch_op.drop_index("ix_kamusentry_meeting_position")
    op.drop_table("kamusentry")

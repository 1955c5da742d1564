"""fitting to the pagu: scores, criteria, OPD ceilings, merges, grouped steps

Revision ID: 0004
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite has it; a batch copy would drop the proposal table,
    # which the event log and the issue tags reference).
    op.add_column("proposal", sa.Column("score", sa.Integer(), nullable=True))
    op.add_column("proposal", sa.Column("merged_into_id", sa.Integer(), nullable=True))
    op.add_column(
        "proposal",
        sa.Column(
            "agency_origin", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
        ),
    )
    op.add_column("event", sa.Column("step_id", sa.Integer(), nullable=True))
    op.create_index("ix_event_step", "event", ["step_id"])
    op.create_table(
        "scoringcriterion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("labels", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_scoringcriterion_meeting_id", "scoringcriterion", ["meeting_id"])
    op.create_table(
        "proposallevel",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposal.id"]),
        sa.ForeignKeyConstraint(["criterion_id"], ["scoringcriterion.id"]),
        sa.PrimaryKeyConstraint("proposal_id", "criterion_id"),
    )
    op.create_index("ix_proposallevel_criterion_id", "proposallevel", ["criterion_id"])
    op.create_table(
        "agencyceiling",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agency", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ceiling", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_agencyceiling_meeting_agency", "agencyceiling", ["meeting_id", "agency"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ix_agencyceiling_meeting_agency", table_name="agencyceiling")
    op.drop_table("agencyceiling")
    op.drop_index("ix_proposallevel_criterion_id", table_name="proposallevel")
    op.drop_table("proposallevel")
    op.drop_index("ix_scoringcriterion_meeting_id", table_name="scoringcriterion")
    op.drop_table("scoringcriterion")
    op.drop_index("ix_event_step", table_name="event")
    # DROP COLUMN directly (SQLite 3.35+), for the same reason as above.
    for table, column in (
        ("event", "step_id"),
        ("proposal", "agency_origin"),
        ("proposal", "merged_into_id"),
        ("proposal", "score"),
    ):
        op.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')

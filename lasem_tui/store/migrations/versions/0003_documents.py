"""documents ready to sign: requested volume, letterhead, time zone, signatories, delegates

An adjustment used to overwrite ``proposal.volume``; the village's request survived only
in the event log. ``requested_volume`` keeps it: every proposal starts with its current
volume, and an adjusted one gets back the volume its first decision found (the
``before`` of its earliest decide event), which is what the village asked for.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import json

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString()

MEETING_TEXT = ("postal_code", "phone", "email", "logo_path", "doc_number")


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for name in MEETING_TEXT:
            batch_op.add_column(sa.Column(name, _TEXT, nullable=False, server_default=""))
        batch_op.add_column(sa.Column("rkpd_year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("timezone", _TEXT, nullable=False, server_default="WIB"))
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("requested_volume", sa.Float(), nullable=True))
    op.create_table(
        "signatory",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("role", _TEXT, nullable=False),
        sa.Column("name", _TEXT, nullable=False),
        sa.Column("jabatan", _TEXT, nullable=False),
        sa.Column("nip", _TEXT, nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_signatory_meeting_role", "signatory", ["meeting_id", "role"], unique=True)
    op.create_table(
        "delegate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", _TEXT, nullable=False),
        sa.Column("jabatan", _TEXT, nullable=False),
        sa.Column("institution", _TEXT, nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_delegate_meeting_id", "delegate", ["meeting_id"])
    _restore_requested_volumes()


def _restore_requested_volumes() -> None:
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE proposal SET requested_volume = volume"))
    adjusted = bind.execute(
        sa.text(
            "SELECT e.proposal_id, e.before FROM event e "
            "JOIN proposal p ON p.id = e.proposal_id "
            "WHERE p.status = 'adjusted' AND e.kind = 'decide' ORDER BY e.id"
        )
    ).all()
    restored: dict[int, float | None] = {}
    for proposal_id, before in adjusted:
        if proposal_id in restored:
            continue  # the earliest decision saw the request as the village made it
        try:
            state = json.loads(before or "{}")
        except ValueError:
            continue
        if "volume" in state:
            restored[proposal_id] = state["volume"]
    for proposal_id, volume in restored.items():
        bind.execute(
            sa.text("UPDATE proposal SET requested_volume = :v WHERE id = :id"),
            {"v": volume, "id": proposal_id},
        )


def downgrade() -> None:
    op.drop_index("ix_delegate_meeting_id", table_name="delegate")
    op.drop_table("delegate")
    op.drop_index("ix_signatory_meeting_role", table_name="signatory")
    op.drop_table("signatory")
    _drop_column("proposal", "requested_volume")
    for name in (*MEETING_TEXT, "rkpd_year", "timezone"):
        _drop_column("meeting", name)


def _drop_column(table: str, column: str) -> None:
    """SQLite (3.35 and later) drops a plain column in place; a batch copy of the table
    would have to drop the table, which the other tables' foreign keys refuse."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
    else:
        op.drop_column(table, column)

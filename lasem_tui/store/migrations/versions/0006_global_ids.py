"""global identities for meetings and events, and the keys of copied rows

``lasem push`` and ``lasem pull`` copy a meeting between a laptop's SQLite file and the
regency's PostgreSQL. The same meeting, and the same event of its log, must be
recognised in both, so each gets a UUID; existing ones get theirs here. ``synckey``
remembers which row elsewhere a copied row stands for; ``syncinstance`` holds this
database's own identity (written by the first push or pull).

Revision ID: 0006
Revises: 0002
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UUID_TABLES = ("meeting", "event")


def upgrade() -> None:
    bind = op.get_bind()
    for table in UUID_TABLES:
        # A plain ADD COLUMN: a batch rebuild of "meeting" on SQLite would drop the table
        # every other one refers to.
        op.add_column(table, sa.Column("uuid", sa.String(length=36), nullable=True))
        ids = [row[0] for row in bind.execute(sa.text(f'SELECT id FROM "{table}"'))]
        if ids:
            bind.execute(
                sa.text(f'UPDATE "{table}" SET uuid = :uuid WHERE id = :id'),
                [{"uuid": str(uuid.uuid4()), "id": row_id} for row_id in ids],
            )
        if bind.dialect.name != "sqlite":
            # (SQLite cannot add NOT NULL to a column in place; the model's default and
            # the unique index keep it filled and distinct there.)
            op.alter_column(table, "uuid", existing_type=sa.String(length=36), nullable=False)
        op.create_index(f"ix_{table}_uuid", table, ["uuid"], unique=True)
    op.create_table(
        "synckey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("row_key", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("table_name", "row_key", name="uq_synckey_key"),
    )
    op.create_index("ix_synckey_row", "synckey", ["table_name", "row_id"], unique=True)
    op.create_table(
        "syncinstance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("syncinstance")
    op.drop_index("ix_synckey_row", table_name="synckey")
    op.drop_table("synckey")
    for table in UUID_TABLES:
        op.drop_index(f"ix_{table}_uuid", table_name=table)
        op.drop_column(table, "uuid")

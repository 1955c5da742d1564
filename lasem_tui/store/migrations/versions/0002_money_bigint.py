"""money columns as 64-bit integers

A kecamatan's ceiling (Lasem's requests alone come to some Rp 16 milyar) does not fit in
PostgreSQL's 32-bit ``integer``. SQLite's INTEGER is already 64-bit, so there the
revision changes nothing but the stamp.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MONEY = (
    ("meeting", "ceiling", True),
    ("village", "ceiling", True),
    ("proposal", "requested", False),
    ("proposal", "approved", True),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, nullable in MONEY:
        op.alter_column(
            table,
            column,
            existing_type=sa.Integer(),
            type_=sa.BigInteger(),
            existing_nullable=nullable,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, nullable in MONEY:
        op.alter_column(
            table,
            column,
            existing_type=sa.BigInteger(),
            type_=sa.Integer(),
            existing_nullable=nullable,
        )

"""every database knows its own identity from the start

``syncinstance`` holds the identity that prefixes the keys of rows made in a database
(``lasem push`` and ``pull`` use it). Revision 0006 left it to the first push to write,
so a laptop file that became read-only (a write-protected stick, a copy on a CD) before
its first push could not be pushed at all: pushing only reads the laptop, yet it had to
write this one row. Made here, with the schema, a push never writes to its source.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    found = bind.execute(sa.text("SELECT uuid FROM syncinstance WHERE id = 1")).first()
    if found is None:
        bind.execute(
            sa.text("INSERT INTO syncinstance (id, uuid) VALUES (1, :uuid)"),
            {"uuid": str(uuid.uuid4())},
        )


def downgrade() -> None:
    # The identity stays: 0006's tables are where it lives, and a push may already have
    # keyed rows elsewhere by it.
    pass

"""Alembic migrations, applied on open; the schema has been migrated from its first version."""

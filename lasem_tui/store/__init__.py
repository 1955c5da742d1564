"""Storage: SQLModel tables, the engine, migrations, and the commands and queries the UI calls.

Every command is one transaction that writes its event; nothing here imports Textual.
"""

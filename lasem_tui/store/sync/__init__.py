"""A meeting copied between two databases (a laptop and the regency's server), all or
nothing; ``lasem push`` and ``lasem pull`` (``cli/sync.py``) print around it."""

"""``lasem push`` / ``lasem pull``: a meeting copied between a laptop and the server."""

"""The regency overview (F5, ``lasem projector --regency``): every meeting at once."""

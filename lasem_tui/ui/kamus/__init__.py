"""The kamus usulan at the desk: the link picker (``K``)."""

from lasem_tui.ui.kamus.picker import KamusPicked, KamusPicker

__all__ = ["KamusPicked", "KamusPicker"]

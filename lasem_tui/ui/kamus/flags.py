"""The words the desk's table and detail panel show for the kamus flag and the point.

Pure (no widgets): the desk gets a proposal's flag from ``store.kamus.flag_for`` and
shows ``flag_text`` of it next to the amount.
"""

from __future__ import annotations

from lasem_tui.domain import geo
from lasem_tui.domain.kamus import KamusFlag
from lasem_tui.i18n import t


def flag_text(flag: KamusFlag) -> str:
    """ "tidak sesuai kamus", "di luar kamus", or nothing."""
    if flag is KamusFlag.MISMATCH:
        return t("kamus.flag_mismatch")
    if flag is KamusFlag.OUTSIDE:
        return t("kamus.flag_outside")
    return ""


def point_text(latitude: float | None, longitude: float | None) -> str:
    """The detail panel's "Koordinat: -6.69210, 111.44720" line, empty without a point."""
    if latitude is None or longitude is None:
        return ""
    return f"{t('geo.location')}: {geo.format_point(latitude, longitude)}"

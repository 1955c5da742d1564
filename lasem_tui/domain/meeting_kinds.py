"""The kinds of meeting a desk runs, in the order the planning year runs them."""

from __future__ import annotations

from enum import StrEnum


class MeetingKind(StrEnum):
    PRA_MUSRENBANG = "pra_musrenbang"
    MUSRENBANG_KECAMATAN = "musrenbang_kecamatan"
    OTHER = "other"

    @property
    def label_key(self) -> str:
        """The i18n key of the kind's name on screen."""
        return f"kind.{self.value}"

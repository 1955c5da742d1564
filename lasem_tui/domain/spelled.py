"""Numbers written out in Indonesian words, as official records spell them."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache


@cache
def _num2words() -> Callable[..., str]:
    # Loaded on first use: num2words imports every language it knows, a cost the desk's
    # start would pay although only the documents spell numbers out.
    from num2words import num2words

    spell: Callable[..., str] = num2words  # the library ships no types
    return spell


def in_words(number: int) -> str:
    """``seratus lima puluh juta`` for 150000000."""
    return _num2words()(number, lang="id")

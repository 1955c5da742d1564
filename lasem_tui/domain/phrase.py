"""A part of a message that the layer raising it cannot word itself.

The store knows no language (it never imports i18n): where an error's message needs a
counted noun ("2 rows") or another message inside it, it leaves a ``Phrase``, and
``i18n.t`` words it when the message is shown, in the language of that moment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Phrase:
    """A part of an error's message that the store cannot word itself, as it knows no
    language (it never imports i18n): a message key and its parameters, worded by
    ``i18n.t`` when the message is shown. ``prefix`` is put before the
    words as it is (a file's name)."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    prefix: str = ""

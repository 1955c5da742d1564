"""Text as users type it: kept as typed, except what no document can hold."""

from __future__ import annotations

import re

# C0/C1 control characters other than tab and newline, and stray surrogates, would
# corrupt DOCX/XLSX output and confuse terminals, so they never reach the database.
# So do the bidirectional embedding, override and isolate controls: invisible, they
# can make a line read in another order than it is stored ("Trojan Source"). Arabic
# typed as it is needs none of them (the marks U+200E/U+200F stay).
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)
#: Unicode's own line and paragraph separators count as line ends.
_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n"})


def clean_text(text: str | None, *, multiline: bool = False) -> str:
    """Strip control characters and surrounding blanks; keep newlines only if asked."""
    value = _CONTROL.sub("", text or "").translate(_SEPARATORS)
    if not multiline:
        value = value.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
        value = value.replace("\t", " ")
    else:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


def clean_block(text: str | None) -> str:
    """A long text as typed (the minutes): control characters out, line ends normalised,
    and nothing else touched, so what the editor shows is exactly what is stored."""
    value = (text or "").replace("\r\n", "\n").replace("\r", "\n").translate(_SEPARATORS)
    return _CONTROL.sub("", value)

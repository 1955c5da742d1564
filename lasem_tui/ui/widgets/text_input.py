"""A one-line input that keeps what is pasted into it.

Textual's ``Input`` keeps only the first line of a paste, and drops a paste that would
go past ``max_length`` altogether, both without a word. A reason copied from a letter is
several lines: here the lines are joined with spaces (as ``clean_text`` stores a
one-line field anyway), and a paste too long for the field is cut to fit, saying so.
Control characters (a NUL from a binary file, a bell, an escape) are dropped: no field
stores them, and a NUL in a file name makes the system refuse the path outright.
"""

from __future__ import annotations

import unicodedata

from textual import events
from textual.widgets import Input

from lasem_tui.i18n import t


class TextInput(Input):
    def _on_paste(self, event: events.Paste) -> None:
        # Instead of Input's own handler, not as well as it.
        event.prevent_default()
        event.stop()
        text = " ".join(line.strip() for line in event.text.splitlines() if line.strip())
        text = "".join(c for c in text if c == " " or unicodedata.category(c) != "Cc")
        if not text:
            return
        start, end = sorted(self.selection)
        if self.max_length:
            room = self.max_length - (len(self.value) - (end - start))
            if len(text) > room:
                text = text[: max(0, room)]
                self.notify(
                    t("input.paste_cut", limit=self.max_length), severity="warning", markup=False
                )
        if text:
            self.replace(text, start, end)

"""The desk's keys: what each does, in the footer or only in the help and the palette.

Kept apart from ``screen`` so that the keys can be read in one place; each action is a
method of ``DeskScreen`` or of one of its mixins (``fit_flows``, ``kamus_flows``,
``room``, ``confirmations``). Labels come from the catalogs (``bindings.key``).
"""

from __future__ import annotations

from textual.binding import BindingType

from lasem_tui.ui.bindings import key

DESK_BINDINGS: list[BindingType] = [
    # Help comes first so that it stays in view on an 80-column footer.
    key("question_mark,f1", "app.help", "help"),
    key("a", "accept", "accept"),
    key("e", "adjust", "adjust"),
    key("r", "reject", "reject"),
    key("d", "defer", "defer"),
    key("u,ctrl+z", "undo", "undo"),
    key("ctrl+y", "redo", "redo", show=False),
    key("n", "next_village", "next"),
    key("s", "absent", "absent"),
    key("f", "toggle_fit", "fit", show=False),
    # The fitting keys (issue 15; fit_flows): in the help and the palette.
    key("o", "cycle_order", "order", show=False),
    key("k", "score", "score", show=False),
    key("g", "merge", "merge", show=False),
    key("A", "bulk_accept", "bulk_accept", show=False),
    # Setup, meetings and import: in the help and the palette; the footer is full.
    key("i", "import_recap", "import", show=False),
    key("f3", "setup", "setup", show=False),
    key("f4", "meetings", "meetings", show=False),
    key("v", "toggle_queue", "queue", show=False),
    # With a table focused these move the proposal's rank; otherwise the village.
    key("ctrl+up", "move_rank(-1)", "rank_up", show=False),
    key("ctrl+down", "move_rank(1)", "rank_down", show=False),
    # The kamus usulan and the coordinates (kamus_flows): help and palette only.
    key("K", "kamus_link", "kamus_link", show=False),
    key("L", "location", "location", show=False),
    key("ctrl+up", "move_village(-1)", "move_up", show=False),
    key("ctrl+down", "move_village(1)", "move_down", show=False),
    key("tab", "app.focus_next", "focus", show=False),
    key("w", "switch_reviewer", "reviewer"),
    key("m", "open_minutes", "minutes"),
    key("h", "open_attendance", "attendance", show=False),
    key("x", "export", "export", show=False),
    key("p", "projector", "projector"),
    key("b", "projector_message", "message", show=False),
    key("z", "toggle_pause", "pause", show=False),
    # q on the desk asks first (ctrl+q still quits at once); elsewhere it goes back.
    key("q", "back_or_quit", "quit"),
    key("escape", "cancel_wait", "cancel_wait", show=False, priority=True),
]

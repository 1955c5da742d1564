"""Words for running the meeting in front of the room: the projector's end state, the
dialogs that keep typed text, help that scrolls, the export choices, and the keys that
go back rather than quit."""

ID = {
    # keys that go back
    "keys.close_projector": "Kembali ke meja",
    "keys.close_projector.help": "Tutup tampilan proyektor dan kembali ke meja desk",
    "keys.attendance_back": "Kembali",
    "keys.attendance_back.help": "Tutup daftar hadir dan kembali ke meja (centang sudah tersimpan)",
    # help
    "help.scroll": "↑/↓, PageUp/PageDown, Home/End: gulir daftar tombol · Esc: tutup",
}

EN = {
    "keys.close_projector": "Back to the desk",
    "keys.close_projector.help": "Close the projector view and return to the desk",
    "keys.attendance_back": "Back",
    "keys.attendance_back.help": "Close the attendance list and return to the desk (ticks are saved)",
    "help.scroll": "↑/↓, PageUp/PageDown, Home/End: scroll the keys · Esc: close",
}

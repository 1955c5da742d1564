"""The desk in front of the room: its confirmations, end state, clock pause and queue."""

from __future__ import annotations

ID = {
    # Asking before a stray key changes a village or a decision.
    "room_desk.confirm_keys": "Enter = ya · Esc = batal",
    "room_desk.next_title": "Selesaikan Desa {village}?",
    "room_desk.next_body": (
        "Masih ada {count} usulan belum diputuskan di desa ini. Desa ditandai selesai "
        "dan desa berikutnya dipanggil; usulan itu tetap belum diputuskan."
    ),
    "room_desk.next_confirm": "Selesaikan desa",
    "room_desk.absent_title": "Tandai Desa {village} tidak hadir?",
    "room_desk.absent_body": (
        "Sudah ada {count} usulan yang diputuskan di desa ini. Desa pindah ke akhir "
        "antrean; keputusannya tetap tersimpan."
    ),
    "room_desk.absent_confirm": "Tandai tidak hadir",
    "room_desk.redecide_title": "Ubah keputusan {ref}?",
    "room_desk.redecide_body": (
        "Usulan ini sudah diputuskan: {decision}. Keputusan baru menggantikannya (u membatalkan)."
    ),
    "room_desk.redecide_confirm": "Ubah keputusan",
    "room_desk.quit_title": "Keluar dari meja?",
    "room_desk.quit_body": "Semua keputusan sudah tersimpan. Aplikasi akan ditutup.",
    "room_desk.quit_confirm": "Keluar",
    "room_desk.finalise_pending": "Masih ada {count} usulan belum diputuskan di rapat ini.",
    # The end of the meeting.
    "room_desk.all_done": "Semua {count} desa selesai — pembahasan di meja sudah tuntas",
    "room_desk.end_totals": (
        "{decided} dari {proposals} usulan diputuskan · disetujui {approved} "
        "dari usulan {requested}"
    ),
    "room_desk.end_next": "Berikutnya: m notulen · x ekspor dokumen",
    "room_desk.closed_at": "Rapat ditutup pukul {time}",
    "room_desk.end_title": "Meja selesai",
    # The desk clock's pause (a break) and a rehearsal day.
    "keys.pause": "Jeda",
    "keys.pause.help": "Jeda jam meja (istirahat); tekan lagi untuk melanjutkan",
    "room_desk.paused": "JEDA",
    "room_desk.paused_since": "JEDA sejak {time}",
    "room_desk.pause_on": "Jam meja dijeda — tekan z lagi untuk melanjutkan",
    "room_desk.pause_off": "Jam meja berjalan lagi (jeda {duration})",
    "room_desk.rebased": "rencana dihitung dari sekarang",
    "event.desk_pause": "jam meja dijeda",
    "event.desk_resume": "jam meja dilanjutkan",
    # The queue and the detail's history.
    # The footer at 80 columns: shorter words, so that the last keys stay in view.
    "keys.adjust.short": "Sesuai",
    "keys.defer.short": "Tunda",
    "keys.next.short": "Lanjut",
    "room_desk.unit_million": "jt",
    "room_desk.unit_billion": "M",
    "room_desk.over_mark": "melebihi pagu desa",
    "room_desk.history_none": "Belum ada keputusan.",
    "room_desk.history_from": "dari {status}",
}

EN = {
    "room_desk.confirm_keys": "Enter = yes · Esc = cancel",
    "room_desk.next_title": "Finish the village of {village}?",
    "room_desk.next_body": (
        "{count} proposals of this village are still undecided. The village is marked "
        "done and the next one called; those proposals stay undecided."
    ),
    "room_desk.next_confirm": "Finish village",
    "room_desk.absent_title": "Mark the village of {village} absent?",
    "room_desk.absent_body": (
        "{count} proposals of this village are already decided. The village goes to the "
        "end of the queue; its decisions are kept."
    ),
    "room_desk.absent_confirm": "Mark absent",
    "room_desk.redecide_title": "Change the decision on {ref}?",
    "room_desk.redecide_body": (
        "This proposal is already decided: {decision}. A new decision replaces it (u undoes)."
    ),
    "room_desk.redecide_confirm": "Change decision",
    "room_desk.quit_title": "Leave the desk?",
    "room_desk.quit_body": "Every decision is already saved. The app will close.",
    "room_desk.quit_confirm": "Quit",
    "room_desk.finalise_pending": "{count} proposals of this meeting are still undecided.",
    "room_desk.all_done": "All {count} villages done — the desk's discussion is complete",
    "room_desk.end_totals": (
        "{decided} of {proposals} proposals decided · approved {approved} of {requested} asked"
    ),
    "room_desk.end_next": "Next: m minutes · x export documents",
    "room_desk.closed_at": "Meeting closed at {time}",
    "room_desk.end_title": "Desk finished",
    "keys.pause": "Pause",
    "keys.pause.help": "Pause the desk clock (a break); press again to resume",
    "room_desk.paused": "PAUSED",
    "room_desk.paused_since": "PAUSED since {time}",
    "room_desk.pause_on": "Desk clock paused — press z again to resume",
    "room_desk.pause_off": "Desk clock running again (paused {duration})",
    "room_desk.rebased": "plan counted from now",
    "event.desk_pause": "desk clock paused",
    "event.desk_resume": "desk clock resumed",
    "keys.adjust.short": "Adjust",
    "keys.defer.short": "Defer",
    "keys.next.short": "Next",
    "room_desk.unit_million": "m",
    "room_desk.unit_billion": "bn",
    "room_desk.over_mark": "over the village ceiling",
    "room_desk.history_none": "No decision yet.",
    "room_desk.history_from": "from {status}",
}

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
    # decision dialogs
    "dialog.discard_title": "Buang yang sudah diketik?",
    "dialog.discard_body": "Teks di dialog ini belum disimpan. Enter: kembali ke dialog; y: buang dan tutup.",
    "dialog.discard": "Buang",
    "adjust_volume_zero": "Volume 0 tidak bisa disetujui: tolak usulannya (r) bila tidak ada yang dikerjakan",
    # the projector at the end of the meeting
    "projector.the_meeting": "Rapat",
    "projector.meeting_over": "Rapat selesai",
    "projector.closed_at": "Rapat ditutup pukul {time}",
    "projector.all_done": "{done} desa selesai · {proposals} usulan diputus",
    "projector.remaining_total": "sisa pagu {remaining}",
    "projector.what_next": "Selanjutnya: notulen dan berita acara ditandatangani",
    "projector.results": "Hasil per desa",
    "projector.of_requested": "dari {requested}",
    "projector.queue_done": "Semua desa sudah dibahas",
    "projector.time_total": "Lama sidang",
    "projector.time_total_line": "untuk {villages} desa",
    # the command palette
    "palette.search": "Cari perintah…",
    "palette.no_matches": "Tidak ada yang cocok",
    # the export dialog
    "export.format.csv": "Data usulan, CSV koma (untuk program lain; seperti lasem export csv)",
    "export.format.csv_excel": "Data usulan, CSV Excel (titik koma; Excel berbahasa Indonesia)",
    "export.paper": "Kertas (Word, PDF)",
    "export.overwrite_now": "Timpa berkas itu",
    "export.exists_sentence": "Berkas “{name}” sudah ada di folder {folder}. Tekan “Timpa berkas itu” untuk menggantinya, atau ubah nama berkasnya.",
    # lasem demo
    "demo.where": "Basis data demo ini ada di {path} (berkas sementara: buka lagi dengan lasem --db {path}, atau hapus foldernya).",
    # importing in the app
    "import_ui.pick_village": "Berkas ini tidak punya kolom Desa: pilih desanya di daftar Desa di bawah.",
    "import_ui.village_column_missing": "Berkas ini tidak punya kolom Desa. Esc kembali ke dialog impor dan pilih desanya di sana (Desa, bila berkas tanpa kolom Desa).",
    "import_ui.rows_caption": "Baris yang terbaca",
    "import_ui.col_title": "Usulan",
    "import_ui.col_volume": "Volume",
    "import_ui.rows_more": "… dan {count} baris lagi",
}

EN = {
    "keys.close_projector": "Back to the desk",
    "keys.close_projector.help": "Close the projector view and return to the desk",
    "keys.attendance_back": "Back",
    "keys.attendance_back.help": "Close the attendance list and return to the desk (ticks are saved)",
    "help.scroll": "↑/↓, PageUp/PageDown, Home/End: scroll the keys · Esc: close",
    "dialog.discard_title": "Throw away what was typed?",
    "dialog.discard_body": "The text in this dialog is not saved. Enter: back to the dialog; y: throw it away and close.",
    "dialog.discard": "Throw away",
    "adjust_volume_zero": "A volume of 0 cannot be approved: reject the proposal (r) if nothing is to be done",
    "projector.the_meeting": "The meeting",
    "projector.meeting_over": "Meeting over",
    "projector.closed_at": "Meeting closed at {time}",
    "projector.all_done": "{done} villages done · {proposals} proposals decided",
    "projector.remaining_total": "ceiling left {remaining}",
    "projector.what_next": "Next: the minutes and the signed official record",
    "projector.results": "Results per village",
    "projector.of_requested": "of {requested}",
    "projector.queue_done": "Every village has been heard",
    "projector.time_total": "Desk time",
    "projector.time_total_line": "for {villages} villages",
    "palette.search": "Search for commands…",
    "palette.no_matches": "No matches found",
    "export.format.csv": "Proposal data, comma CSV (for other programs; as lasem export csv)",
    "export.format.csv_excel": "Proposal data, Excel CSV (semicolons; Excel in Indonesian)",
    "export.paper": "Paper (Word, PDF)",
    "export.overwrite_now": "Overwrite that file",
    "export.exists_sentence": "The file “{name}” already exists in the folder {folder}. Press “Overwrite that file” to replace it, or change the file name.",
    "demo.where": "This demo's database is at {path} (a throwaway file: open it again with lasem --db {path}, or delete its folder).",
    "import_ui.pick_village": "This file has no village column: pick its village in the Village list below.",
    "import_ui.village_column_missing": "This file has no village column. Esc goes back to the import dialog: pick its village there (Village, when the file has no village column).",
    "import_ui.rows_caption": "Rows read",
    "import_ui.col_title": "Proposal",
    "import_ui.col_volume": "Volume",
    "import_ui.rows_more": "… and {count} more rows",
}

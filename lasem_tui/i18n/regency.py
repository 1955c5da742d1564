"""Words of the regency: push and pull, the regency overview (F5) and the Forum
Perangkat Daerah export."""

ID = {
    # push / pull
    "sync.push.start": "Mengirim \u201c{title}\u201d ({uuid})\n  dari {source}\n  ke   {target}",
    "sync.pull.start": "Mengambil \u201c{title}\u201d ({uuid})\n  dari {source}\n  ke   {target}",
    "sync.progress": "Menyalin {kind}",
    "sync.col.kind": "Jenis",
    "sync.col.new": "Baru",
    "sync.col.changed": "Berubah",
    "sync.col.removed": "Dihapus",
    "sync.unchanged": "Tidak ada yang baru sejak salinan terakhir: tidak ada yang ditulis.",
    "sync.done": "Selesai: yang baru ditulis dalam satu transaksi.",
    "sync.done_new": "Selesai: rapat ini disalin utuh dalam satu transaksi.",
    "sync.dry_run": "Uji coba (--dry-run): tidak ada yang ditulis.",
    "sync.refused": "ditolak: tidak ada yang diubah di kedua sisi.",
    "sync.conflict.push": (
        "Salinan \u201c{title}\u201d di server berubah sejak pengiriman terakhir "
        "(ada meja yang bekerja langsung di server)."
    ),
    "sync.conflict.pull": (
        "Salinan \u201c{title}\u201d di laptop ini berubah sejak pengambilan terakhir "
        "(belum dikirim ke server)."
    ),
    "sync.only_on.laptop": "Hanya di laptop: {count} kejadian",
    "sync.only_on.server": "Hanya di server: {count} kejadian",
    "sync.event.time": "Waktu",
    "sync.event.kind": "Kejadian",
    "sync.event.reviewer": "Peninjau",
    "sync.event.village": "Desa",
    "sync.event.proposal": "Usulan",
    "sync.event_kind.decide": "keputusan",
    "sync.event_kind.undo": "batal",
    "sync.event_kind.redo": "ulang",
    "sync.event_kind.call_village": "desa dipanggil",
    "sync.event_kind.finish_village": "desa selesai",
    "sync.no_meeting": "belum ada rapat di {db}",
    "sync.meeting_unknown": "tidak ada rapat \u201c{wanted}\u201d (judul atau UUID); yang ada: {known}",
    "sync.same_database": "sumber dan tujuan adalah basis data yang sama: {db}",
    "sync.kind.meeting": "rapat",
    "sync.kind.village": "desa",
    "sync.kind.proposal": "usulan",
    "sync.kind.reviewer": "peninjau",
    "sync.kind.strategicissue": "isu strategis",
    "sync.kind.proposalissue": "tanda isu strategis",
    "sync.kind.attendee": "daftar hadir",
    "sync.kind.minutes": "notulen",
    "sync.kind.event": "catatan kejadian",
}

EN = {
    "sync.push.start": "Pushing \u201c{title}\u201d ({uuid})\n  from {source}\n  to   {target}",
    "sync.pull.start": "Pulling \u201c{title}\u201d ({uuid})\n  from {source}\n  to   {target}",
    "sync.progress": "Copying {kind}",
    "sync.col.kind": "Kind",
    "sync.col.new": "New",
    "sync.col.changed": "Changed",
    "sync.col.removed": "Removed",
    "sync.unchanged": "Nothing new since the last copy: nothing was written.",
    "sync.done": "Done: what was new is written, in one transaction.",
    "sync.done_new": "Done: the whole meeting is copied, in one transaction.",
    "sync.dry_run": "Dry run (--dry-run): nothing was written.",
    "sync.refused": "refused: nothing was changed on either side.",
    "sync.conflict.push": (
        "The server's copy of \u201c{title}\u201d changed since the last push "
        "(a desk worked on the server directly)."
    ),
    "sync.conflict.pull": (
        "This laptop's copy of \u201c{title}\u201d changed since the last pull "
        "(not pushed to the server yet)."
    ),
    "sync.only_on.laptop": "Only on the laptop: {count:event|events}",
    "sync.only_on.server": "Only on the server: {count:event|events}",
    "sync.event.time": "Time",
    "sync.event.kind": "Event",
    "sync.event.reviewer": "Reviewer",
    "sync.event.village": "Village",
    "sync.event.proposal": "Proposal",
    "sync.event_kind.decide": "decision",
    "sync.event_kind.undo": "undo",
    "sync.event_kind.redo": "redo",
    "sync.event_kind.call_village": "village called",
    "sync.event_kind.finish_village": "village finished",
    "sync.no_meeting": "there is no meeting in {db} yet",
    "sync.meeting_unknown": "no meeting \u201c{wanted}\u201d (title or UUID); there are: {known}",
    "sync.same_database": "the source and the target are the same database: {db}",
    "sync.kind.meeting": "meeting",
    "sync.kind.village": "villages",
    "sync.kind.proposal": "proposals",
    "sync.kind.reviewer": "reviewers",
    "sync.kind.strategicissue": "strategic issues",
    "sync.kind.proposalissue": "strategic issue tags",
    "sync.kind.attendee": "attendance",
    "sync.kind.minutes": "minutes",
    "sync.kind.event": "event log",
}

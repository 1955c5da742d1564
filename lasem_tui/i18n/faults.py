"""Words for what can go wrong with the file and the disk, and for the backups."""

ID = {
    # the database file
    "db_damaged": "Basis data rusak: {detail}. Pulihkan dari cadangan: `lasem backup list`",
    "db_truncated": (
        "Berkas basis data terpotong (salinan tidak lengkap?): {detail}. "
        "Salin ulang berkasnya atau pulihkan dari cadangan: `lasem backup list`"
    ),
    "db_io_error": "Gagal membaca/menulis disk (flashdisk dicabut?): {detail}",
    "db_cannot_open": "Berkas basis data tidak bisa dibuka: {detail}",
    "db_folder_missing": "Folder basis data tidak ada: {detail}",
    "db_folder_unwritable": "Folder ini tidak bisa ditulis, basis data baru tidak bisa dibuat: {detail}",
    "db_read_only": "Basis data dibuka hanya-baca; perubahan tidak disimpan ({detail})",
    "db_read_only_outdated": (
        "Basis data hanya-baca ini perlu diperbarui (revisi {detail}) dan tidak bisa ditulis; "
        "salin ke folder yang bisa ditulis lalu buka lagi"
    ),
    "db_missing": (
        "Tidak ada basis data di {detail}; perintah ini hanya memakai basis data yang sudah "
        "ada: periksa --db, atau buka rapatnya dulu dengan meja (`lasem --db ...`)"
    ),
    "db_outdated_open_desk": (
        "Basis data ini dari versi Lasem desk yang lebih lama (revisi {detail}) dan proyektor "
        "tidak memperbaruinya; buka dulu dengan meja (`lasem --db ...`), lalu jalankan "
        "proyektor lagi"
    ),
    "db_wal_unreadable": (
        "Basis data hanya-baca ini masih punya perubahan di berkas -wal yang tidak bisa dibaca "
        "di folder ini; salin ketiga berkasnya ke folder yang bisa ditulis: {detail}"
    ),
    "db_read_only_notice": "HANYA BACA: berkas atau foldernya tidak bisa ditulis; keputusan tidak bisa disimpan",
    "db_fatal": "Lasem desk berhenti: {message}",
    # why the system refused a file (``i18n.os_reason``)
    "os.ENOSPC": "disk penuh",
    "os.EDQUOT": "kuota disk habis",
    "os.ENAMETOOLONG": "nama berkas terlalu panjang",
    "os.EACCES": "tidak ada izin",
    "os.EPERM": "tidak ada izin",
    "os.EROFS": "disk hanya-baca",
    "os.EIO": "gagal membaca/menulis disk",
    # typed values
    "amount_too_large": "Jumlah terlalu besar (maks. Rp 999 triliun)",
    "volume_too_large": "Volume terlalu besar (maks. 1 triliun)",
    # backups
    "backup_sqlite_only": (
        "Cadangan otomatis hanya untuk basis data SQLite; untuk PostgreSQL pakai pg_dump"
    ),
    "backup_failed": "Cadangan gagal dibuat: {detail}",
    "backup_warning": "Peringatan: cadangan saat membuka rapat gagal dibuat: {detail}",
    "backup_import_warning": "Peringatan: cadangan sebelum impor gagal dibuat: {detail}",
    "backup_none": "Belum ada cadangan untuk {detail}",
    "backup_bad_number": "Nomor cadangan {detail} tidak ada; pilih 1 sampai {count} (`lasem backup list`)",
    "backup_bad_number_none": "Nomor cadangan {detail} tidak ada: belum ada cadangan untuk basis data ini",
    "backup_in_use": (
        "Basis data sedang dibuka oleh proses lain (meja atau proyektor); tutup dulu, "
        "lalu pulihkan: {detail}"
    ),
    "backup_unusable": "Cadangan ini tidak bisa dipakai: {detail}",
    "backup_confirm": "Pulihkan cadangan {number} ({time}) ke {target}? Berkas sekarang disimpan di samping sebagai salinan. [y/N] ",
    "backup_needs_yes": "Pemulihan perlu konfirmasi; tanpa terminal interaktif, tambahkan --yes",
    "backup_cancelled": "Pemulihan dibatalkan; tidak ada yang berubah",
    "backup_restored": "Cadangan {number} dipulihkan ke {target}",
    "backup_aside": "Berkas sebelumnya disimpan sebagai {path}",
    "backup_restore_failed": "Pemulihan gagal, berkas sekarang tidak diubah: {detail}",
    "backup.title": "Cadangan {source}",
    "backup.col.number": "No.",
    "backup.col.time": "Waktu",
    "backup.col.size": "Ukuran",
    "backup.col.reason": "Alasan",
    "backup.col.source": "Sumber",
    "backup.reason.open": "rapat dibuka",
    "backup.reason.final": "notulen final",
    "backup.reason.import": "sebelum impor",
    "backup.reason.restore": "sebelum pemulihan",
    "backup.reason.manual": "manual",
    "backup.final_notice": "Cadangan dibuat: {name}",
    # typing
    "input.paste_cut": "Teks yang ditempel dipotong: maks. {limit} karakter",
}

EN = {
    "db_damaged": "The database is damaged: {detail}. Restore a backup: `lasem backup list`",
    "db_truncated": (
        "The database file is cut short (an incomplete copy?): {detail}. "
        "Copy the file again or restore a backup: `lasem backup list`"
    ),
    "db_io_error": "The disk could not be read or written (USB stick pulled out?): {detail}",
    "db_cannot_open": "The database file cannot be opened: {detail}",
    "db_folder_missing": "The database's folder does not exist: {detail}",
    "db_folder_unwritable": "This folder cannot be written, so no new database can be made: {detail}",
    "db_read_only": "The database is open read-only; changes are not saved ({detail})",
    "db_read_only_outdated": (
        "This read-only database needs an upgrade (revision {detail}) and cannot be written; "
        "copy it to a writable folder and open it again"
    ),
    "db_missing": (
        "There is no database at {detail}; this command only uses an existing one: "
        "check --db, or open the meeting with the desk first (`lasem --db ...`)"
    ),
    "db_outdated_open_desk": (
        "This database is from an older Lasem desk (revision {detail}) and the projector "
        "does not upgrade it; open it with the desk first (`lasem --db ...`), then start "
        "the projector again"
    ),
    "db_wal_unreadable": (
        "This read-only database still has changes in its -wal file that cannot be read in "
        "this folder; copy all three files to a writable folder: {detail}"
    ),
    "db_read_only_notice": "READ-ONLY: the file or its folder cannot be written; decisions cannot be saved",
    "db_fatal": "Lasem desk stopped: {message}",
    "os.ENOSPC": "the disk is full",
    "os.EDQUOT": "the disk quota is used up",
    "os.ENAMETOOLONG": "the file name is too long",
    "os.EACCES": "permission denied",
    "os.EPERM": "permission denied",
    "os.EROFS": "the disk is read-only",
    "os.EIO": "the disk could not be read or written",
    "amount_too_large": "The amount is too large (at most Rp 999 trillion)",
    "volume_too_large": "The volume is too large (at most 1 trillion)",
    "backup_sqlite_only": "The automatic backups are for SQLite databases; for PostgreSQL use pg_dump",
    "backup_failed": "The backup could not be made: {detail}",
    "backup_warning": "Warning: the backup on opening the meeting could not be made: {detail}",
    "backup_import_warning": "Warning: the backup before the import could not be made: {detail}",
    "backup_none": "No backups yet for {detail}",
    "backup_bad_number": "There is no backup number {detail}; choose 1 to {count} (`lasem backup list`)",
    "backup_bad_number_none": "There is no backup number {detail}: this database has no backups yet",
    "backup_in_use": (
        "The database is open in another process (a desk or the projector); close it first, "
        "then restore: {detail}"
    ),
    "backup_unusable": "This backup cannot be used: {detail}",
    "backup_confirm": "Restore backup {number} ({time}) onto {target}? The current file is kept aside as a copy. [y/N] ",
    "backup_needs_yes": "Restoring needs a confirmation; without an interactive terminal, add --yes",
    "backup_cancelled": "Restore cancelled; nothing changed",
    "backup_restored": "Backup {number} restored onto {target}",
    "backup_aside": "The previous file is kept as {path}",
    "backup_restore_failed": "The restore failed and the current file is unchanged: {detail}",
    "backup.title": "Backups of {source}",
    "backup.col.number": "No.",
    "backup.col.time": "Time",
    "backup.col.size": "Size",
    "backup.col.reason": "Reason",
    "backup.col.source": "Source",
    "backup.reason.open": "meeting opened",
    "backup.reason.final": "minutes final",
    "backup.reason.import": "before an import",
    "backup.reason.restore": "before a restore",
    "backup.reason.manual": "manual",
    "backup.final_notice": "Backup made: {name}",
    "input.paste_cut": "The pasted text was cut: at most {limit} characters",
}

"""Wrong data caught rather than taken: the import's sheets, rows, amounts and limits,
a mistyped database URL, a full disk, and a backup that failed as the desk opened."""

ID = {
    # amounts
    "amount_fraction": "Jumlah bukan rupiah bulat (tanpa sen)",
    "import.amount_too_large": "Anggaran terlalu besar: '{value}' (maks. Rp 999 triliun)",
    "import.amount_zero": "Anggaran tidak boleh nol: '{value}' (isi jumlah yang diusulkan)",
    "import.amount_fraction": "Anggaran bukan rupiah bulat: '{value}' (tulis tanpa sen, mis. 1500000)",
    # the rows of a CSV
    "import.csv_quote_spans_lines": (
        'Tanda kutip (") di baris {row} tidak ditutup: isi selnya menelan baris teks '
        "{first} sampai {last} berkas; perbaiki tanda kutipnya lalu impor lagi"
    ),
    "import.csv_field_count": (
        "Baris ini punya {found} kolom, baris judul {expected}; "
        "periksa pemisah ({delimiter}) dan tanda kutip di baris ini"
    ),
    "import.csv_cell_too_big": (
        "Sel di baris {row} terlalu besar (lebih dari {limit} karakter); "
        "berkas rusak atau tanda kutipnya tidak ditutup"
    ),
    "import.file_nul": (
        "Baris {row} memuat karakter NUL (byte nol): berkas rusak atau bukan CSV teks; "
        "simpan ulang sebagai CSV UTF-8 atau XLSX"
    ),
    # sheets
    "import.sheet_read": "Lembar yang dibaca: {sheet}",
    "import.sheet_others": "Lembar lain tidak dibaca: {others} (pilih dengan --sheet)",
    "import.sheet_hidden_mark": "{sheet} (tersembunyi)",
    "import.sheet_none_visible": "Semua lembar di berkas ini tersembunyi; sebutkan lembarnya dengan --sheet",
    # scale
    "import.too_many_rows": (
        "Berkas ini punya lebih dari {limit} baris usulan (batas per berkas); "
        "bagi rekapnya per desa, atau ubah batas import_max_proposals di pengaturan"
    ),
    "import.too_many_in_village": (
        "Desa {village} akan punya {count} usulan, lebih dari batas {limit} per desa; "
        "periksa berkasnya, atau ubah batas import_max_per_village di pengaturan"
    ),
    # --db
    "db_url_invalid": (
        "Alamat basis data tidak dikenali ({what}): {url}; "
        "tulis postgresql+psycopg://user@host:port/db atau path berkas SQLite"
    ),
    "db_url.scheme": "jenis '{scheme}' tidak didukung",
    "db_url.driver": "driver '{driver}' tidak terpasang",
    "db_url.port": "port '{port}' bukan angka",
    "db_url.syntax": "penulisannya salah",
    # the disk
    "db_disk_full_open": (
        "Disk penuh: {detail} tidak punya ruang kosong; kosongkan ruang (hapus berkas lain) "
        "lalu coba lagi. Ekspor dan proyektor tetap bisa membaca rapat"
    ),
    "db_empty_file": (
        "Berkas {detail} kosong (0 byte), belum berisi rapat; buka dengan `lasem --db` "
        "atau `lasem demo` dulu"
    ),
    # the desk
    "backup_warning_desk": "Cadangan saat membuka rapat gagal dibuat: {detail}. Rapat tetap dibuka.",
}

EN = {
    "amount_fraction": "The amount is not whole rupiah (no cents)",
    "import.amount_too_large": "The amount is too large: '{value}' (at most Rp 999 trillion)",
    "import.amount_zero": "The amount cannot be zero: '{value}' (fill in the amount requested)",
    "import.amount_fraction": "The amount is not whole rupiah: '{value}' (write it without cents, e.g. 1500000)",
    "import.csv_quote_spans_lines": (
        'The quote (") on row {row} is not closed: its cell swallows text lines '
        "{first} to {last} of the file; fix the quotes and import again"
    ),
    "import.csv_field_count": (
        "This row has {found} columns, the heading row {expected}; "
        "check the separators ({delimiter}) and quotes on this row"
    ),
    "import.csv_cell_too_big": (
        "A cell on row {row} is too large (more than {limit} characters); "
        "the file is damaged or a quote is not closed"
    ),
    "import.file_nul": (
        "Row {row} holds a NUL character (a zero byte): the file is damaged or not a text "
        "CSV; save it again as CSV UTF-8 or XLSX"
    ),
    "import.sheet_read": "Sheet read: {sheet}",
    "import.sheet_others": "Other sheets not read: {others} (choose one with --sheet)",
    "import.sheet_hidden_mark": "{sheet} (hidden)",
    "import.sheet_none_visible": "Every sheet in this file is hidden; name the sheet with --sheet",
    "import.too_many_rows": (
        "This file has more than {limit} proposal rows (the limit per file); split the "
        "recap by village, or change import_max_proposals in the settings"
    ),
    "import.too_many_in_village": (
        "Village {village} would have {count} proposals, more than the limit of {limit} "
        "per village; check the file, or change import_max_per_village in the settings"
    ),
    "db_url_invalid": (
        "Database address not understood ({what}): {url}; "
        "write postgresql+psycopg://user@host:port/db or a SQLite file path"
    ),
    "db_url.scheme": "'{scheme}' is not supported",
    "db_url.driver": "the driver '{driver}' is not installed",
    "db_url.port": "the port '{port}' is not a number",
    "db_url.syntax": "it is malformed",
    "db_disk_full_open": (
        "The disk is full: {detail} has no free space; make room (delete other files) and "
        "try again. Exports and the projector can still read the meeting"
    ),
    "db_empty_file": (
        "The file {detail} is empty (0 bytes) and holds no meeting yet; open it with "
        "`lasem --db` or `lasem demo` first"
    ),
    "backup_warning_desk": "The backup on opening the meeting could not be made: {detail}. The meeting is open all the same.",
}

"""The desk's words for writes in flight: waiting for another desk's lock, refused and
cancelled keys."""

ID = {
    "desk_flow.waiting": "menunggu kunci basis data… (meja lain sedang menyimpan) — Esc: batal",
    "desk_flow.busy_refused": (
        "Tombol ditolak: perubahan sebelumnya belum tersimpan. Tunggu, atau Esc untuk membatalkannya"
    ),
    "db_write_cancelled": "Dibatalkan: tidak ada yang disimpan",
}

EN = {
    "desk_flow.waiting": "waiting for the database lock… (another desk is saving) — Esc: cancel",
    "desk_flow.busy_refused": (
        "Key refused: the previous change is not saved yet. Wait, or press Esc to cancel it"
    ),
    "db_write_cancelled": "Cancelled: nothing was saved",
}

ID.update(
    {
        "keys.cancel_wait": "Batal menunggu",
        "keys.cancel_wait.help": "Batalkan perubahan yang menunggu kunci basis data",
    }
)
EN.update(
    {
        "keys.cancel_wait": "Stop waiting",
        "keys.cancel_wait.help": "Cancel the change that waits for the database lock",
    }
)

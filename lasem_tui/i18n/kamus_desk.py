"""The desk's words for the kamus usulan and the coordinates (issue 17, the desk's part):
the ``K`` and ``L`` keys, the table's short marks and the detail panel's lines."""

ID = {
    "keys.kamus_link": "Kamus",
    "keys.kamus_link.help": "Tautkan usulan yang disorot ke kamus usulan, atau lepas tautannya",
    "keys.location": "Koordinat",
    "keys.location.help": "Ketik koordinat (lintang, bujur) usulan yang disorot",
    # After the title in the review table: short, the detail panel says it in full.
    "kamus_desk.mark_mismatch": "≠K",
    "kamus_desk.mark_outside": "∉K",
    "kamus_desk.entry_price": "{entry} · {price} / {unit}",
    "kamus_desk.expected": "volume x harga satuan = {amount}",
    "kamus_desk.location_saved": "Koordinat {title}: {point}",
    "kamus_desk.location_cleared": "Koordinat {title} dihapus",
    # The detail panel's history of a proposal.
    "event.kamus_link": "tautan kamus diubah",
    "event.update_meeting": "data usulan diubah",
}

EN = {
    "keys.kamus_link": "Kamus",
    "keys.kamus_link.help": "Link the highlighted proposal to the kamus usulan, or unlink it",
    "keys.location": "Coordinates",
    "keys.location.help": "Type the highlighted proposal's coordinates (latitude, longitude)",
    "kamus_desk.mark_mismatch": "≠K",
    "kamus_desk.mark_outside": "∉K",
    "kamus_desk.entry_price": "{entry} · {price} / {unit}",
    "kamus_desk.expected": "volume x unit price = {amount}",
    "kamus_desk.location_saved": "Coordinates of {title}: {point}",
    "kamus_desk.location_cleared": "Coordinates of {title} cleared",
    "event.kamus_link": "kamus link changed",
    "event.update_meeting": "proposal data changed",
}

"""The desk's words for its fitting keys and panels (issue 15 at the desk): the rank and
score columns, the detail's priority, score, merge link and original OPD, the OPD lines
of the tally, and the messages of the fitting keys."""

ID = {
    "table.rank": "Prio",
    "table.score": "Skor",
    "detail.ranking": "Prioritas",
    "detail.priority": "prioritas {rank}",
    "detail.score": "skor {score} / 100",
    "detail.merge": "Digabung",
    "detail.agency_origin": "OPD semula",
    "detail.volume_both": "diminta {requested} → disetujui {approved}",
    "tally.agency": "OPD",
    "tally.agencies_more": "+{count} OPD",
    "fit_desk.no_village": "Belum ada desa di meja: panggil desa dahulu (n)",
    "fit_desk.bulk_in_fit_view": "Tekan f dahulu: A menerima usulan di atas garis pagu",
    "fit_desk.rank_now": "Prioritas {ref} sekarang {rank}",
    "fit.below_short": "di bawah",
    "fit.left_short": "sisa",
}

EN = {
    "table.rank": "Rank",
    "table.score": "Score",
    "detail.ranking": "Priority",
    "detail.priority": "rank {rank}",
    "detail.score": "score {score} / 100",
    "detail.merge": "Merged",
    "detail.agency_origin": "Original agency",
    "detail.volume_both": "requested {requested} → approved {approved}",
    "tally.agency": "OPD",
    "tally.agencies_more": "+{count} OPD",
    "fit_desk.no_village": "No village at the desk yet: call one first (n)",
    "fit_desk.bulk_in_fit_view": "Press f first: A accepts the proposals above the pagu line",
    "fit_desk.rank_now": "{ref} now ranks {rank}",
    "fit.below_short": "below",
    "fit.left_short": "left",
}

"""The notulen template and its generated parts: refreshing never loses typed text."""

from __future__ import annotations

from sqlmodel import select

from lasem_tui.domain import decisions
from lasem_tui.domain.states import ProposalStatus
from lasem_tui.exchange import markdown
from lasem_tui.exchange.minutes import (
    DESK_RESULTS,
    desk_results_part,
    document_text,
    editor_text,
    end_marker,
    refresh_generated,
    refreshed_text,
    start_marker,
    template,
)
from lasem_tui.exchange.record import read_record
from lasem_tui.store import desk, queries
from lasem_tui.store.models import Proposal

OPENING = (
    "Pada hari ini Jumat tanggal tujuh belas bulan Februari tahun dua ribu dua puluh tiga, "
    "bertempat di Pendopo Kecamatan Lasem"
)


def test_template_holds_the_facts_of_the_meeting(db, midway_demo):
    text = editor_text(db, midway_demo)
    assert OPENING in text
    assert "Dwi Susilowati, SE" in text
    assert "Triana Khusnul Khotimah, SSTP., M.Si." in text
    assert "Kepala Bidang Penelitian dan Pengembangan" in text
    assert "Selasa, 21 Februari 2023" in text
    assert "Rabu, 22 Februari 2023" in text
    assert "Mengurangi Angka Kemiskinan" in text
    assert "DATA CONTOH" in text
    for heading in ("## Peserta", "## Acara", "## Arahan", "## Hasil Desk", "## Tindak Lanjut"):
        assert heading in text
    record = read_record(db, midway_demo)
    for village in record.villages:
        assert f"Desa {village.name}" in text
    assert "| **Jumlah** | **0** | **79** |" in text


def _decide_first_pending(db, meeting_id: int) -> None:
    with db.read() as session:
        reviewer = queries.reviewers(session, meeting_id)[0].id
        rows = queries.meeting_proposals(session, meeting_id)
    proposal = next(p for _, p in rows if p.status is ProposalStatus.PENDING)
    desk.decide(
        db,
        meeting_id,
        proposal.id,
        decisions.refuse(ProposalStatus.REJECTED, "Alasan baru dari meja"),
        reviewer_id=reviewer,
        expected_version=proposal.version,
    )


def test_refresh_replaces_only_the_generated_part(db, midway_demo):
    text = editor_text(db, midway_demo)
    typed_top = "Catatan notulis di atas: Pak Kades hadir terlambat.\n\n"
    typed_inside_heading = "\n\nTambahan di bawah hasil desk: *dibacakan ulang*."
    text = typed_top + text.replace(
        "## Tindak Lanjut", typed_inside_heading + "\n\n## Tindak Lanjut"
    )
    text += "\nPenutup tambahan yang diketik.\n"
    _decide_first_pending(db, midway_demo)
    fresh = refreshed_text(db, midway_demo, text)
    assert fresh.startswith(typed_top)
    assert typed_inside_heading.strip() in fresh
    assert fresh.endswith("Penutup tambahan yang diketik.\n")
    assert "Alasan baru dari meja" in fresh
    assert "Alasan baru dari meja" not in text
    assert fresh.count(start_marker(DESK_RESULTS)) == 1
    # Refreshing again changes nothing.
    assert refreshed_text(db, midway_demo, fresh) == fresh


def test_deleted_markers_append_a_fresh_block_and_keep_everything(db, midway_demo):
    record = read_record(db, midway_demo)
    part = desk_results_part(record)
    typed = f"Teks notulis.\n{start_marker(DESK_RESULTS)}\nsisa blok lama tanpa penutup\n"
    refreshed = refresh_generated(typed, part)
    assert refreshed.startswith(typed)
    assert refreshed.rstrip("\n").endswith(end_marker(DESK_RESULTS))
    # The orphan start marker above does not swallow the text after it next time.
    again = refresh_generated(refreshed + "Ketikan terakhir.\n", part)
    assert "sisa blok lama tanpa penutup" in again
    assert again.endswith("Ketikan terakhir.\n")
    assert refresh_generated("", part) == part + "\n"


def test_user_text_in_the_generated_part_is_not_markup(db, midway_demo):
    title = "*Jalan* <script>alert(1)</script> [tautan](http://x) # _miring_"
    with db.write() as session:
        proposal = session.exec(select(Proposal).where(Proposal.meeting_id == midway_demo)).first()
        proposal.title = title
    text = template(read_record(db, midway_demo))
    assert "<script>" not in text
    blocks = markdown.blocks(text)
    plain = "\n".join(markdown.plain(b.runs) for b in blocks if isinstance(b, markdown.Paragraph))
    assert title in plain


def test_documents_strip_markers_and_use_fresh_figures(db, midway_demo):
    record = read_record(db, midway_demo)
    text = document_text(record)
    assert "lasem:mulai" not in text
    assert "lasem:selesai" not in text
    assert OPENING in text


def test_fast_formatting_matches_babel():
    from lasem_tui.domain.money import format_rupiah, format_volume
    from lasem_tui.exchange.record import rupiah, volume_text

    for amount in (None, 0, 5, 999, 1000, 25_000_000, 1_250_000_000, -150_000_000, 10**15):
        assert rupiah(amount) == format_rupiah(amount)
    for volume in (None, 0.0, 1.0, 2.5, 1250.0, 1234567.0, 0.75):
        assert volume_text(volume) == format_volume(volume)


def test_generated_blocks_are_what_their_markdown_says(db, midway_demo):
    from lasem_tui.exchange.minutes import desk_results_blocks, strip_markers

    record = read_record(db, midway_demo)

    def texts(blocks):
        out = []
        for block in blocks:
            if isinstance(block, markdown.Table):
                out += [markdown.plain(c) for row in [block.header, *block.rows] for c in row]
            else:
                out.append(markdown.plain(block.runs))
        return out

    parsed = markdown.blocks(strip_markers(desk_results_part(record)))
    assert texts(parsed) == texts(desk_results_blocks(record))

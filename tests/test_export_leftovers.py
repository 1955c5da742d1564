"""What an export leaves behind: no stale temporary files of ours after a kill -9, no
moment with the process umask at 0, and a Markdown file that runs nothing when rendered."""

from __future__ import annotations

import fcntl
import os
import re
import stat
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from lasem_tui.exchange.exports import export
from lasem_tui.exchange.md_export import inert
from lasem_tui.store import minutes


@pytest.fixture
def meeting(db, midway_demo):  # type: ignore[no-untyped-def]
    return midway_demo


def test_stale_temporary_files_of_ours_are_cleaned_on_the_next_export(
    db, meeting, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "dokumen"
    tmp_path.mkdir()
    stale = [tmp_path / ".notulen.md.k3j9x_a1.tmp", tmp_path / ".berita-acara.pdf.zz11yy22.tmp"]
    for path in stale:
        path.write_bytes(b"")  # what kill -9 left
    foreign = [
        tmp_path / ".catatan.tmp",
        tmp_path / ".notulen.md.tmp",
        tmp_path / "x.md.abcd1234.tmp",
    ]
    for path in foreign:
        path.write_bytes(b"punya orang lain")
    live = tmp_path / ".rekap.xlsx.live0001.tmp"
    live.write_bytes(b"")
    handle = os.open(live, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # an export writing it right now
    try:
        export(db, meeting, "md", tmp_path / "notulen.md", force=True)
    finally:
        os.close(handle)
    names = {p.name for p in tmp_path.iterdir()}
    assert not names & {p.name for p in stale}
    assert {p.name for p in foreign} | {live.name, "notulen.md"} == names


def test_an_export_never_sets_the_process_umask(
    db, meeting, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = os.umask(0o027)
    try:

        def refuse(_mask: int) -> int:
            raise AssertionError("the process umask was changed")

        monkeypatch.setattr(os, "umask", refuse)
        for fmt, name in (("md", "n.md"), ("csv", "u.csv"), ("xlsx", "r.xlsx")):
            path = export(db, meeting, fmt, tmp_path / name).paths[0]
            assert stat.S_IMODE(path.stat().st_mode) == 0o640, fmt
    finally:
        monkeypatch.undo()
        os.umask(previous)


HOSTILE_MINUTES = """# Notulen

Catatan \\<img src=x onerror=alert(1)> dan \\\\<script>alert(2)</script> dan <b onclick=x>b</b>

Lihat [klik][x] dan [peta](https://example.org/peta) dan [surat](mailto:camat@example.org).

Juga [a](javascript:alert(3)) [b]( <javascript:alert(4)> ) [c](JaVaScRiPt:alert(5) "t")
[d](&#106;avascript:alert(6)) [e](vbscript:x) [f](data:text/html,<script>x</script>)
[g](javascript:alert((7))) ![i](javascript:alert(8)) <javascript:alert(9)> &lt;u&gt;

> Kutipan tetap kutipan, 3 > 2.

[x]: javascript:alert(10)
[y]:
  javascript:alert(11)
[z]: https://example.org/ok

[pakai y][y] dan [pakai z][z]
"""

#: The tags Markdown itself makes; anything else came from the text.
STRUCTURE = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "strong", "em", "code",
    "pre", "blockquote", "hr", "br", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def _renderers() -> list[MarkdownIt]:
    out = []
    for preset in ("commonmark", "default"):
        out.append(MarkdownIt(preset).enable("table"))
        # A renderer that does not filter link targets, as some do.
        permissive = MarkdownIt(preset).enable("table")
        permissive.validateLink = lambda _url: True  # type: ignore[method-assign]
        out.append(permissive)
    return out


def _assert_inert(html: str) -> None:
    tags = set(re.findall(r"<\s*/?\s*([a-zA-Z][\w-]*)", html))
    assert tags <= STRUCTURE, tags - STRUCTURE
    assert not re.search(r"<[^>]*\son\w+\s*=", html)
    for target in re.findall(r'(?:href|src)="([^"]*)"', html):
        assert target.lower().startswith(("http://", "https://", "mailto:")), target


def test_the_markdown_export_renders_inert_in_commonmark_and_default(
    db, meeting, tmp_path: Path
) -> None:
    with db.read() as session:
        from lasem_tui.store import queries

        reviewer = queries.get_meeting(session, meeting).current_reviewer_id
    minutes.save_minutes(db, meeting, HOSTILE_MINUTES, reviewer_id=reviewer)
    text = export(db, meeting, "md", tmp_path / "n.md").paths[0].read_text(encoding="utf-8")
    for renderer in _renderers():
        html = renderer.render(text)
        _assert_inert(html)
        assert 'href="https://example.org/peta"' in html
        assert 'href="mailto:camat@example.org"' in html
        assert 'href="https://example.org/ok"' in html
        assert "<blockquote>" in html  # the notulis's formatting is kept
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        # The refused targets stay readable as text, never as a link.
        assert len(re.findall(r"<a ", html)) == 3
        assert "[klik][x]" in html and "javascript:alert(3)" not in html


def test_inert_keeps_escapes_escaped_once() -> None:
    out = inert("**Catatan** \\<b\\> &amp; [peta](https://example.org)")
    assert out == "**Catatan** \\<b\\> \\&amp; [peta](https://example.org)"

"""The `lasem` command as a user runs it: exit codes, messages, the CSV record."""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from lasem_tui.cli import main
from lasem_tui.exchange.csv_export import HEADER
from lasem_tui.store.database import open_database


def _demo(tmp_path: Path, stage: str = "midway") -> str:
    db = str(tmp_path / "demo.db")
    assert main(["demo", "--db", db, "--stage", stage, "--no-open"]) == 0
    return db


def test_export_csv_writes_every_proposal_with_the_fixed_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _demo(tmp_path)
    capsys.readouterr()
    assert main(["export", "csv", "--db", db]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert ",".join(rows[0]) == (
        "village,ref,title,location,volume,unit,requested,approved,agency,status,"
        "funding_source,reason,decided_by,decided_at,"
        "requested_volume,priority,score,agency_origin,merged_into,sipd_id,latitude,longitude"
    )
    body = [dict(zip(HEADER, r, strict=True)) for r in rows[1:]]
    statuses = {r["status"] for r in body}
    assert statuses == {
        "pending",
        "accepted",
        "adjusted",
        "rejected",
        "deferred",
        "redirected",
        "merged",
    }
    accepted = next(r for r in body if r["status"] == "accepted")
    assert accepted["requested"].isdigit() and accepted["approved"] == accepted["requested"]
    assert accepted["decided_by"]
    assert "T" in accepted["decided_at"]  # ISO 8601
    redirected = next(r for r in body if r["status"] == "redirected")
    assert redirected["funding_source"] in {"apbdes", "apbd_provinsi", "pokir", "csr", "other"}
    assert redirected["reason"]


def test_export_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _demo(tmp_path)
    out = tmp_path / "rekap.csv"
    out.write_text("jangan hilang")
    assert main(["export", "csv", "--db", db, "-o", str(out)]) == 2
    assert out.read_text() == "jangan hilang"
    assert "--force" in capsys.readouterr().err
    assert main(["export", "csv", "--db", db, "-o", str(out), "--force"]) == 0
    assert out.read_text().startswith("village,ref,title")


def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_db = tmp_path / "foto.db"
    not_a_db.write_bytes(b"\x89PNG not a database at all" * 100)
    assert main(["export", "csv", "--db", str(not_a_db)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "bukan basis data" in err
    assert not_a_db.read_bytes().startswith(b"\x89PNG")
    assert main(["export", "nonsense"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_english_messages_with_lang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.db"
    open_database(str(empty)).dispose()  # a database, but no meeting in it
    assert main(["export", "csv", "--db", str(empty), "--lang", "en"]) == 2
    assert "No meeting" in capsys.readouterr().err


def test_headless_commands_never_import_textual(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    code = (
        "import sys; from lasem_tui.cli import main; "
        f"rc = main(['demo', '--db', {str(db)!r}, '--no-open']); "
        f"rc = rc or main(['export', 'csv', '--db', {str(db)!r}, '-o', {str(tmp_path / 'o.csv')!r}]); "
        "assert rc == 0, rc; assert 'textual' not in sys.modules, 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])


@pytest.mark.parametrize(
    "content", ['{"lang": "fr", "projector_theme": 5}', "[1, 2]", '{"lang": ["id"]}', "{"]
)
def test_a_hand_edited_settings_file_falls_back_to_the_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    import os

    from lasem_tui import settings

    Path(os.environ["LASEM_SETTINGS"]).write_text(content, encoding="utf-8")
    assert settings.load() == settings.Settings()
    db = _demo(tmp_path)
    capsys.readouterr()
    assert main(["export", "csv", "--db", db]) == 0
    assert capsys.readouterr().out.startswith("village,ref,title")


# --- paths and disks the export cannot write -----------------------------------------------


def _refused(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The command exits 2 with one line on stderr and no traceback; returns the line."""
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_file_name_too_long_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _demo(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    long_name = str(out / ("a" * 300 + ".md"))
    assert "terlalu panjang" in _refused(["export", "md", "--db", db, "-o", long_name], capsys)
    args = ["export", "md", "--db", db, "-o", long_name, "--lang", "en"]
    assert "too long" in _refused(args, capsys)
    assert _names(out) == []


class _FullDisk:
    """Standard output on a full disk, as ``> /dev/full`` gives it."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        pass


def test_a_full_disk_on_standard_output_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _demo(tmp_path)
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdout", _FullDisk())
    assert "disk penuh" in _refused(["export", "csv", "--db", db], capsys)
    assert "disk is full" in _refused(["export", "csv", "--db", db, "--lang", "en"], capsys)


def test_a_missing_folder_written_with_a_slash_is_a_folder_not_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _demo(tmp_path)
    before = _names(tmp_path)
    newdir = f"{tmp_path / 'newdir'}{os.sep}"
    assert "folder tidak ada" in _refused(["export", "csv", "--db", db, "-o", newdir], capsys)
    args = ["export", "md", "--db", db, "-o", newdir, "--lang", "en"]
    assert "folder does not exist" in _refused(args, capsys)
    assert _names(tmp_path) == before
    (tmp_path / "newdir").mkdir()
    assert main(["export", "csv", "--db", db, "-o", newdir]) == 0
    assert [Path(name).suffix for name in _names(tmp_path / "newdir")] == [".csv"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_the_way_is_never_replaced_even_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _demo(tmp_path)
    pipe = tmp_path / "rekap.csv"
    os.mkfifo(pipe)
    for extra in ([], ["--force"]):
        err = _refused(["export", "csv", "--db", db, "-o", str(pipe), *extra], capsys)
        assert "bukan berkas biasa" in err and "--force" not in err
        assert stat.S_ISFIFO(pipe.stat().st_mode)
    args = ["export", "csv", "--db", db, "-o", str(pipe), "--force", "--lang", "en"]
    assert "not a regular file" in _refused(args, capsys)
    assert stat.S_ISFIFO(pipe.stat().st_mode)


@pytest.mark.parametrize(
    ("fmt", "name", "expected"),
    [
        ("pdf", "t1.xlsx", ".pdf"),
        ("md", "notulen", ".md"),
        ("csv", "usulan.xlsx", ".csv"),
        ("attendance", "hadir.xlsx", ".docx / .pdf"),
    ],
)
def test_a_name_that_does_not_end_as_its_format_is_refused(
    fmt: str, name: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _demo(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    err = _refused(["export", fmt, "--db", db, "-o", str(out / name)], capsys)
    assert f"berakhiran {expected}" in err
    assert _names(out) == []


def test_a_suffix_in_capitals_is_still_its_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _demo(tmp_path)
    assert main(["export", "csv", "--db", db, "-o", str(tmp_path / "REKAP.CSV")]) == 0
    assert (tmp_path / "REKAP.CSV").read_text(encoding="utf-8").startswith("village,")

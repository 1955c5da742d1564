"""A mistyped ``--db`` URL: one line that names what is wrong and the form that works,
exit status 2, on every command (it used to be a traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lasem_tui import cli

URLS = {
    "postgressql://rina@localhost/lasem": "'postgressql' tidak didukung",
    "postgresql+psycopg2://rina@localhost/lasem": "driver 'psycopg2' tidak terpasang",
    "http://localhost:8000/lasem": "'http' tidak didukung",
    "mysql://rina@localhost/lasem": "'mysql' tidak didukung",
    "postgresql://rina@localhost:lima/lasem": "port 'lima' bukan angka",
    "postgresql://[::1": "penulisannya salah",
}


def _commands(tmp_path: Path) -> list[list[str]]:
    recap = tmp_path / "rekap.csv"
    recap.write_text("Desa,Usulan,Anggaran\nDasun,Talud,1000\n", encoding="utf-8")
    return [
        [],
        ["demo", "--no-open"],
        ["export", "md", "-o", str(tmp_path / "n.md")],
        ["export", "csv"],
        ["import", str(recap), "--dry-run"],
        ["projector"],
        ["serve"],
        ["backup", "list"],
    ]


@pytest.fixture(autouse=True)
def _wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")


@pytest.mark.parametrize("url", list(URLS))
def test_a_mistyped_url_is_one_line_and_exit_2_on_every_command(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    if "psycopg2" in url and importlib.util.find_spec("psycopg2") is not None:
        pytest.skip("psycopg2 is installed here")
    for command in _commands(tmp_path):
        assert cli.main(["--db", url, *command]) == 2, command
        captured = capsys.readouterr()
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1, (command, captured.err)
        assert "Traceback" not in captured.err
        assert URLS[url] in lines[0], (command, lines[0])
        assert "postgresql+psycopg://user@host:port/db" in lines[0]


def test_the_password_of_a_mistyped_url_is_not_shown(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", "postgressql://rina:rahasia@localhost/lasem", "export", "md"]) == 2
    err = capsys.readouterr().err
    assert "rahasia" not in err
    assert "rina" in err

"""The message catalogs: what a user would meet as a raw key, a missing English text,
a wrong count or a placeholder shown as ``{name}``."""

from __future__ import annotations

import pytest

from lasem_tui import i18n
from tools import i18n as catalogs


def test_catalogs_agree_and_every_key_the_code_uses_exists() -> None:
    """No key defined twice, none missing in a language, the same placeholders in both,
    every ``.mo`` compiled from its ``.po``, every literal key of the code present."""
    assert catalogs.problems() == []


def test_the_extractor_finds_both_branches_and_binding_keys() -> None:
    source = (
        'x = t("a.one" if c else "a.two")\nkey("q", "quit", "quit")\ncounted("count.rows", 2)\n'
    )
    assert sorted(key for _, key in catalogs.keys_in(source)) == [
        "a.one",
        "a.two",
        "count.rows",
        "keys.quit",
        "keys.quit.help",
    ]


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 1, "1 row"),
        ("en", 2, "2 rows"),
        ("en", 0, "0 rows"),
        ("id", 1, "1 baris"),
        ("id", 5, "5 baris"),
    ],
)
def test_plural_forms_follow_the_languages_rule(lang: str, count: int, expected: str) -> None:
    i18n.set_language(lang)
    try:
        assert i18n.counted("count.rows", count) == expected
    finally:
        i18n.set_language("id")


def test_a_count_already_formatted_the_indonesian_way_still_chooses_the_form() -> None:
    i18n.set_language("en")
    try:
        assert i18n.t("import_ui.writing", count="1.250") == "Saving 1.250 proposals…"
        assert i18n.t("import_ui.writing", count="1") == "Saving 1 proposal…"
    finally:
        i18n.set_language("id")


def test_an_unknown_key_shows_itself_and_english_falls_back_to_indonesian() -> None:
    assert i18n.t("no.such.key") == "no.such.key"
    i18n.set_language("en")
    try:
        assert i18n.t("status.accepted") == "accepted"
    finally:
        i18n.set_language("id")
    assert i18n.t("status.accepted") == "diterima"


def test_the_escape_help_of_each_screen_says_its_own_thing() -> None:
    """The projector's, the minutes' and the attendance list's Esc (issue 14)."""
    i18n.set_language("id")
    assert "proyektor" in i18n.t("keys.close_projector.help")
    assert "notulen" in i18n.t("keys.back_to_desk.help")
    assert "proyektor" not in i18n.t("keys.back_to_desk.help")

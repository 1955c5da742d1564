"""The UI's words: every module's two languages alike, and no key in two modules."""

from __future__ import annotations

import string

import pytest

from lasem_tui import i18n
from lasem_tui.i18n import CatalogError, catalog_modules, merge_catalogs


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


MODULES = catalog_modules()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_each_module_has_the_same_keys_and_placeholders_in_both_languages(name: str) -> None:
    id_words, en_words = MODULES[name]
    assert set(id_words) == set(en_words), set(id_words) ^ set(en_words)
    for word_key, text in id_words.items():
        assert _fields(text) == _fields(en_words[word_key]), word_key


def test_no_key_is_defined_in_two_modules() -> None:
    owners: dict[str, str] = {}
    for name, (id_words, en_words) in MODULES.items():
        for word_key in set(id_words) | set(en_words):
            assert word_key not in owners, f"{word_key} in {owners.get(word_key)} and {name}"
            owners[word_key] = name


def test_a_key_defined_twice_is_an_error_at_load() -> None:
    modules = {
        "a": ({"keys.x": "Satu"}, {"keys.x": "One"}),
        "b": ({"keys.x": "Dua"}, {"keys.x": "Two"}),
    }
    with pytest.raises(CatalogError, match=r"keys\.x.*a and b"):
        merge_catalogs(modules)


def test_the_escape_help_of_each_screen_says_its_own_thing() -> None:
    i18n.set_language("id")
    assert "proyektor" in i18n.t("keys.close_projector.help")
    assert "notulen" in i18n.t("keys.back_to_desk.help")
    assert "proyektor" not in i18n.t("keys.back_to_desk.help")
    assert "daftar hadir" in i18n.t("keys.attendance_back.help")

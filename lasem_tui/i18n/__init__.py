"""The UI's words in Indonesian (the default) and English, from gettext catalogs.

The words live in ``lasem_tui/locale/<lang>/LC_MESSAGES/lasem.po``: one entry per
message, its ``msgctxt`` the area of the app that shows it (``desk``, ``projector``,
``setup_ui`` ...), its ``msgid`` a stable key such as ``keys.accept`` and its
``msgstr`` the text. Translators and ``pybabel`` work on the ``.po`` files; the app
reads the compiled ``.mo`` beside them (``python -m lasem_tui.i18n.catalogs compile``
writes them, and a test fails when one is older than its ``.po``). The ``.mo`` is read
with the standard library's gettext rather than ``babel.support``: it is the same
format, and start-up is the desk's tightest figure.

A count that a language inflects is a plural entry: gettext's ``Plural-Forms`` rule of
the language chooses the form from the ``count`` parameter. A message that counts two
things takes the second as a counted noun of its own (``counted("count.rows", 3)``).

A key belongs to one area. Should two areas ever need the same key with different
words, the caller names its area: ``t("keys.back", "minutes")``.

The official documents (Berita Acara, lampiran, notulen, slips, recaps) take their words
from the same catalogs, keys ``doc.*`` in the ``documents_*`` areas, but through
``document_t``: a Berita Acara is a legal record in Indonesian, so it is worded in
``DOCUMENT_LANGUAGE`` whatever language the interface speaks. The English entries are
there for a translator and a reader of the catalog, not for the printed documents.
"""

from __future__ import annotations

import errno
import gettext
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lasem_tui.domain.phrase import Phrase

LANGUAGES = ("id", "en")
DOMAIN = "lasem"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: gettext's separator between a context and a msgid inside a compiled catalog.
CONTEXT_SEPARATOR = "\x04"

_language = "id"

#: The language every official document is written in, whatever the interface speaks.
DOCUMENT_LANGUAGE = "id"
#: (key, context) -> the documents' singular text, filled as ``document_t`` meets them.
_document_texts: dict[tuple[str, str | None], str] = {}


@dataclass
class Words:
    """One language's catalog, indexed by key for the lookups on every repaint."""

    #: key -> context -> text (singular messages).
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    #: key -> context -> forms (plural messages), chosen by ``plural(n)``.
    plurals: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    plural: Callable[[int], int] = lambda n: int(n != 1)

    def all_keys(self) -> set[str]:
        return set(self.texts) | set(self.plurals)

    def __contains__(self, key: str) -> bool:
        return key in self.texts or key in self.plurals


def read_catalog(path: Path) -> Words:
    """Index one compiled catalog. ``GNUTranslations`` keeps what it read in
    ``_catalog`` (keys ``"context\\x04msgid"``, plural forms as ``(msgid, i)``): the only
    way to list a catalog's entries, which ``t(key)`` needs to find a key's area."""
    with path.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    words = Words(plural=translations.plural)  # type: ignore[attr-defined]
    catalog: dict[Any, str] = translations._catalog  # type: ignore[attr-defined]
    for raw, text in catalog.items():
        if isinstance(raw, tuple):
            msgid, index = raw
            context, _, key = msgid.rpartition(CONTEXT_SEPARATOR)
            forms = words.plurals.setdefault(key, {}).setdefault(context, [])
            forms.extend([""] * (index + 1 - len(forms)))
            forms[index] = text
        elif raw:
            context, _, key = raw.rpartition(CONTEXT_SEPARATOR)
            words.texts.setdefault(key, {})[context] = text
    return words


def catalog_path(lang: str, suffix: str = ".mo") -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


_words: dict[str, Words] = {}


def words(lang: str) -> Words:
    found = _words.get(lang)
    if found is None:
        found = _words[lang] = read_catalog(catalog_path(lang))
    return found


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(lang)
    global _language
    _language = lang


def get_language() -> str:
    return _language


def _pick(by_context: dict[str, Any], context: str | None) -> Any:
    if context is not None and context in by_context:
        return by_context[context]
    return next(iter(by_context.values()))


def _count(value: Any) -> int:
    """The number a plural form is chosen by: callers pass ints, or the count already
    formatted the Indonesian way ("1.250")."""
    if isinstance(value, int):
        return value
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    return int(digits) if digits else 0


def _lookup(lang: str, key: str, context: str | None, params: dict[str, Any]) -> str | None:
    catalog = words(lang)
    by_context = catalog.texts.get(key)
    if by_context:
        return _pick(by_context, context)  # type: ignore[no-any-return]
    plural = catalog.plurals.get(key)
    if plural:
        forms: list[str] = _pick(plural, context)
        index = catalog.plural(_count(params.get("count", 1)))
        return forms[min(index, len(forms) - 1)]
    return None


_FORMATTER = string.Formatter()


def _worded(value: Any, lang: str) -> Any:
    if isinstance(value, Phrase):
        return value.prefix + _text(lang, value.key, None, dict(value.params))
    return value


def _text(lang: str, key: str, context: str | None, params: dict[str, Any]) -> str:
    if params:
        params = {name: _worded(value, lang) for name, value in params.items()}
    text = _lookup(lang, key, context, params)
    if text is None and lang != "id":
        text = _lookup("id", key, context, params)
    if text is None:
        return key
    return text.format(**params) if params else text


def t(key: str, context: str | None = None, /, **params: Any) -> str:
    """The message ``key`` in the current language, with ``{params}`` filled in (a
    ``Phrase`` among them put into words first); the Indonesian text where English
    lacks one, and the key itself where both do."""
    return _text(_language, key, context, params)


def counted(key: str, count: int) -> str:
    """A counted noun ("3 rows", "1 village") for a message that counts two things."""
    return t(key, count=count)


def document_t(key: str, context: str | None = None, /, **params: Any) -> str:
    """A document's words: ``t`` in ``DOCUMENT_LANGUAGE``, never the interface's, so a
    Berita Acara exported from an English desk is still the Indonesian legal record.

    Writers call it per row (a regency's notulen words 18,000 proposals, several times
    each), so a singular text is looked up once and then only formatted."""
    text = _document_texts.get((key, context))
    if text is None:
        by_context = words(DOCUMENT_LANGUAGE).texts.get(key)
        if not by_context:  # a plural entry, or a key in no catalog
            return _text(DOCUMENT_LANGUAGE, key, context, params)
        text = _document_texts[key, context] = _pick(by_context, context)
    if not params:
        return text
    if any(isinstance(value, Phrase) for value in params.values()):
        return _text(DOCUMENT_LANGUAGE, key, context, params)
    return text.format(**params)


def document_counted(key: str, count: int) -> str:
    """``counted`` in the documents' language ("3 usulan")."""
    return document_t(key, count=count)


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a text fills in, to check that every language asks the same."""
    return {name for _, name, _, _ in _FORMATTER.parse(text) if name}


def has(key: str) -> bool:
    return key in words("id")


def keys(lang: str) -> set[str]:
    return words(lang).all_keys()


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in the user's language where the reason is a
    common one (a full disk, a name too long); otherwise the system's own words."""
    name = errno.errorcode.get(exc.errno or 0, "")
    key = f"os.{name}"
    if name and has(key):
        return t(key)
    return exc.strerror or str(exc)

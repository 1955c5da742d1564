"""A ``--db`` URL checked before SQLAlchemy sees it.

A mistyped URL (``postgressql://``, ``http://``, a port that is not a number, a driver
that is not installed) used to end in a traceback from deep inside SQLAlchemy. Here it
is one ``db_url_invalid`` error that names what is wrong and, in its message, the form
that works; the URL is shown without its password.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import Phrase

#: The back ends the desk runs on.
BACKENDS = ("sqlite", "postgresql")
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@/]*@")


def shown(text: str) -> str:
    """The URL as typed, its password replaced by ``***``."""
    return _PASSWORD.sub(r"\1***@", text)


def _invalid(text: str, what: Phrase) -> DatabaseError:
    error = DatabaseError("db_url_invalid", shown(text))
    error.params = {"what": what, "url": shown(text)}
    return error


def _syntax_problem(text: str) -> Phrase:
    """What is wrong with a URL SQLAlchemy cannot parse: the port, or the writing."""
    try:
        urlsplit(text).port  # noqa: B018 (it is the check)
    except ValueError:
        netloc = urlsplit(text).netloc if "[" not in text else ""
        port = netloc.rsplit("@", 1)[-1].rpartition(":")[2] if ":" in netloc else ""
        if port and not port.isdigit():
            return Phrase("db_url.port", {"port": port})
    return Phrase("db_url.syntax")


def checked_url(text: str) -> URL:
    """``text`` parsed, with a back end the desk runs on and its driver installed."""
    try:
        url = make_url(text)
    except (ArgumentError, ValueError) as exc:
        raise _invalid(text, _syntax_problem(text)) from exc
    backend = url.get_backend_name()
    if backend == "postgres":
        return url.set(drivername="postgresql+psycopg")
    if backend not in BACKENDS:
        raise _invalid(text, Phrase("db_url.scheme", {"scheme": url.drivername}))
    if url.drivername == "postgresql":
        # The driver that comes with the app, rather than SQLAlchemy's default psycopg2.
        url = url.set(drivername="postgresql+psycopg")
    try:
        dialect = url.get_dialect()
        dialect.import_dbapi()
    except NoSuchModuleError as exc:
        raise _invalid(text, Phrase("db_url.scheme", {"scheme": url.drivername})) from exc
    except ImportError as exc:
        raise _invalid(text, Phrase("db_url.driver", {"driver": url.get_driver_name()})) from exc
    if getattr(dialect, "is_async", False):
        raise _invalid(text, Phrase("db_url.driver", {"driver": url.get_driver_name()}))
    try:
        url.port  # noqa: B018 (SQLAlchemy reads the port lazily on some versions)
    except ValueError as exc:
        raise _invalid(text, _syntax_problem(text)) from exc
    return url

"""The projector's two themes: a light one for a bright pendopo and a dark one.

A projector washes colours out, so every colour that carries text is chosen for a
contrast of at least 7:1 (WCAG AAA) against the background it is drawn on; the pairs are
listed in ``TEXT_PAIRS`` and checked by the tests. The projector's styles and markup use
only these variables for text.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.theme import Theme

#: Settings value -> Textual theme name.
THEME_NAMES = {"dark": "lasem-projector-dark", "light": "lasem-projector-light"}
DEFAULT_THEME = "dark"


@dataclass(frozen=True)
class Palette:
    background: str
    surface: str
    panel: str
    foreground: str
    #: Labels: quieter than the figures, still 7:1.
    muted: str
    good: str
    bad: str
    amber: str
    blue: str
    purple: str
    #: Loud blocks: over the ceiling, a village over its time.
    alert_fg: str
    alert_bg: str
    #: A village's time running out.
    warn_fg: str
    warn_bg: str
    #: The facilitator's message.
    banner_fg: str
    banner_bg: str
    #: Lines and bars (not text).
    line: str
    bar: str


DARK = Palette(
    background="#0b0f14",
    surface="#151b23",
    panel="#1f2630",
    foreground="#f5f5f0",
    muted="#c9d1d9",
    good="#5ee08a",
    bad="#ff9e9e",
    amber="#ffd166",
    blue="#8cc8ff",
    purple="#d7a6ff",
    alert_fg="#ffffff",
    alert_bg="#a4001d",
    warn_fg="#000000",
    warn_bg="#ffd166",
    banner_fg="#000000",
    banner_bg="#7fdbff",
    line="#5b6b7d",
    bar="#5ee08a",
)

LIGHT = Palette(
    background="#ffffff",
    surface="#f6f6f2",
    panel="#e6e6df",
    foreground="#000000",
    muted="#333333",
    good="#00501f",
    bad="#a00000",
    amber="#6b4500",
    blue="#003f8a",
    purple="#5a1a8a",
    alert_fg="#ffffff",
    alert_bg="#a00000",
    warn_fg="#000000",
    warn_bg="#ffc933",
    banner_fg="#ffffff",
    banner_bg="#003f8a",
    line="#6b6b6b",
    bar="#00702c",
)

#: (text colour, background) pairs as the projector draws them, by palette field.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("foreground", "background"),
    ("foreground", "surface"),
    ("foreground", "panel"),
    ("muted", "background"),
    ("muted", "surface"),
    ("good", "background"),
    ("bad", "background"),
    ("amber", "background"),
    ("blue", "background"),
    ("purple", "background"),
    ("good", "surface"),
    ("bad", "surface"),
    ("amber", "surface"),
    ("blue", "surface"),
    ("blue", "panel"),
    ("purple", "surface"),
    ("alert_fg", "alert_bg"),
    ("warn_fg", "warn_bg"),
    ("banner_fg", "banner_bg"),
)

#: Variables that colour lines and bar glyphs, never text.
NON_TEXT = ("pj-line", "pj-bar")

PALETTES = {"dark": DARK, "light": LIGHT}


def _variables(p: Palette) -> dict[str, str]:
    return {
        "pj-muted": p.muted,
        "pj-good": p.good,
        "pj-bad": p.bad,
        "pj-amber": p.amber,
        "pj-blue": p.blue,
        "pj-purple": p.purple,
        "pj-alert-fg": p.alert_fg,
        "pj-alert-bg": p.alert_bg,
        "pj-warn-fg": p.warn_fg,
        "pj-warn-bg": p.warn_bg,
        "pj-banner-fg": p.banner_fg,
        "pj-banner-bg": p.banner_bg,
        "pj-line": p.line,
        "pj-bar": p.bar,
        "footer-foreground": p.foreground,
        "footer-background": p.panel,
        "footer-key-foreground": p.blue,
        "footer-key-background": p.panel,
        "footer-description-foreground": p.foreground,
        "footer-description-background": p.panel,
        "footer-item-background": p.panel,
    }


def _theme(name: str, p: Palette, *, dark: bool) -> Theme:
    return Theme(
        name=name,
        primary=p.blue,
        secondary=p.line,
        accent=p.amber,
        warning=p.warn_bg,
        error=p.alert_bg,
        success=p.good,
        foreground=p.foreground,
        background=p.background,
        surface=p.surface,
        panel=p.panel,
        dark=dark,
        variables=_variables(p),
    )


PROJECTOR_THEMES: tuple[Theme, ...] = (
    _theme(THEME_NAMES["dark"], DARK, dark=True),
    _theme(THEME_NAMES["light"], LIGHT, dark=False),
)

#: Values for the projector's own variables under any other theme (the desk's), so its
#: stylesheet parses whichever theme is active when it loads.
VARIABLE_DEFAULTS = {k: v for k, v in _variables(DARK).items() if k.startswith("pj-")}


def theme_name(setting: str) -> str:
    """The Textual theme for a ``projector_theme`` setting (unknown values: dark)."""
    return THEME_NAMES.get(setting, THEME_NAMES[DEFAULT_THEME])


def other(setting: str) -> str:
    return "light" if setting == "dark" else "dark"

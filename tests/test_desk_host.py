"""``DeskHost`` (``ui/desk/host.py``) tells mypy what the desk's mixins use of the
screen. It is a declaration only: at run time it must not be among ``DeskScreen``'s
bases (its stubs would shadow ``Screen``'s and ``Localized``'s real methods), and
everything it declares must have a real definition on the screen."""

from __future__ import annotations

import inspect

from textual.reactive import Reactive

from lasem_tui.ui.desk.host import DeskHost
from lasem_tui.ui.desk.screen import DeskScreen


def test_host_is_not_a_base_at_run_time() -> None:
    assert DeskHost not in DeskScreen.__mro__
    mixins = [
        c
        for c in DeskScreen.__mro__[1:]
        if c.__module__.startswith("lasem_tui.ui.desk.") and c is not DeskHost
    ]
    assert len(mixins) >= 6
    for mixin in mixins:
        assert mixin.__bases__ == (object,), mixin


def test_every_declared_method_has_a_real_definition() -> None:
    declared = [
        name
        for name, value in vars(DeskHost).items()
        if inspect.isfunction(value) or isinstance(value, property)
    ]
    assert declared
    for name in declared:
        owner = next((c for c in DeskScreen.__mro__ if name in vars(c)), None)
        assert owner is not None, f"DeskScreen has no {name}"
        assert owner is not DeskHost


def test_every_declared_reactive_is_the_screens() -> None:
    declared = [name for name, value in vars(DeskHost).items() if isinstance(value, Reactive)]
    assert declared
    for name in declared:
        assert isinstance(vars(DeskScreen).get(name), Reactive), name

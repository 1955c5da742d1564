"""``SetupHost`` (``ui/setup/host.py``) tells mypy what the setup screen's mixins use of
the screen. It is a declaration only: at run time it must not be among
``SetupScreen``'s bases (its stubs would shadow ``Screen``'s and ``Localized``'s real
methods), and everything it declares must have a real definition on the screen."""

from __future__ import annotations

import inspect

from lasem_tui.ui.setup.host import SetupHost
from lasem_tui.ui.setup.screen import SetupScreen


def test_host_is_not_a_base_at_run_time() -> None:
    assert SetupHost not in SetupScreen.__mro__
    mixins = [
        c
        for c in SetupScreen.__mro__[1:]
        if c.__module__.startswith("lasem_tui.ui.setup.") and c is not SetupHost
    ]
    assert len(mixins) == 2
    for mixin in mixins:
        assert mixin.__bases__ == (object,), mixin


def test_every_declared_method_has_a_real_definition() -> None:
    declared = [
        name
        for name, value in vars(SetupHost).items()
        if inspect.isfunction(value) or isinstance(value, property)
    ]
    assert {"meeting_id", "reviewer_id", "_command", "_open_dialog"} <= set(declared)
    for name in declared:
        owner = next((c for c in SetupScreen.__mro__ if name in vars(c)), None)
        assert owner is not None, f"SetupScreen has no {name}"
        assert owner is not SetupHost
        assert not getattr(vars(owner)[name], "__isabstractmethod__", False), name


def test_every_declared_attribute_is_set_by_the_screen() -> None:
    source = inspect.getsource(SetupScreen.__init__)
    for name in SetupHost.__annotations__:
        assert f"self.{name}" in source, name

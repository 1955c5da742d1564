"""Key bindings whose footer labels follow the interface language.

Bindings are declared with an i18n key as their description; ``Localized`` swaps in the
text of the current language when a screen or widget is created. Every binding has an
``id`` so a user keymap can rebind it with ``App.set_keymap``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from lasem_tui import i18n

if TYPE_CHECKING:
    from textual.dom import DOMNode

    _Node = DOMNode  # what the mixin is mixed into, for the type checker
else:
    _Node = object


def key(
    keys: str, action: str, label: str, *, show: bool = True, priority: bool = False
) -> Binding:
    """A binding labelled by the i18n key ``keys.<label>``, with id ``lasem.<label>``."""
    return Binding(
        keys,
        action,
        f"keys.{label}",
        show=show,
        priority=priority,
        id=f"lasem.{label}",
        tooltip=f"keys.{label}.help",
    )


def translated(binding: Binding) -> Binding:
    description = binding.description
    if not description.startswith("keys."):
        return binding
    tooltip = binding.tooltip if i18n.has(binding.tooltip) else ""
    return replace(
        binding,
        description=i18n.t(description),
        tooltip=i18n.t(tooltip) if tooltip else "",
    )


class Localized(_Node):
    """Mixin for DOM nodes: translate the labels of the node's bindings on creation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._binding_sources = dict(self._bindings.key_to_bindings)
        self.localize_bindings()

    def localize_bindings(self) -> None:
        """(Re)label the bindings in the current language."""
        self._bindings.key_to_bindings = {
            k: [translated(b) for b in items] for k, items in self._binding_sources.items()
        }

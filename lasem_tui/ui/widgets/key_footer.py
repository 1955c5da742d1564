"""The footer of key bindings, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer rebuilds every key on each bindings signal: each focus change and
    each screen pushed or popped. On the desk that was three rebuilds of a dozen keys
    before the first paint and one more after every decision dialog, for the same keys.
    This one compares what it would show with what it shows and keeps it when equal."""

    _shown: Hashable | None = None

    def _keys_to_show(self) -> Hashable:
        bindings = tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (self._bindings_ready, self.compact, self.show_command_palette, bindings)

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys_to_show()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()

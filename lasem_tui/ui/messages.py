"""Messages that widgets post upward; the desk screen acts on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from lasem_tui.store.views import DeskState


class ProposalHighlighted(Message):
    """The reviewer moved the highlight to another proposal."""

    def __init__(self, proposal_id: int | None) -> None:
        super().__init__()
        self.proposal_id = proposal_id


class VillageChosen(Message):
    """A village was chosen in the queue (Enter): call it to the desk."""

    def __init__(self, village_id: int) -> None:
        super().__init__()
        self.village_id = village_id


class VillageHighlighted(Message):
    def __init__(self, village_id: int | None) -> None:
        super().__init__()
        self.village_id = village_id


class DeskRefreshed(Message):
    """A background read of the desk finished (``state`` is None when nothing changed)."""

    def __init__(
        self,
        state: DeskState | None,
        generation: int,
        newest: tuple[int, int],
        *,
        online: bool,
    ) -> None:
        super().__init__()
        self.state = state
        self.generation = generation
        self.newest = newest
        self.online = online

"""Setting up meetings: create, edit, list, and carry a Pra Musrenbang over.

Each command is one transaction that checks its input, writes, and logs an
``UPDATE_MEETING`` event (``CREATE_MEETING`` for a new meeting, ``ADD_REVIEWER`` for
a new reviewer) with what was there before and after; or it raises a ``StoreError``
whose code is an i18n key, and writes nothing.

Values may come typed (``int``, ``date``, ``time``) or as a person typed them into a
form (``"Rp 1.500.000.000"``, ``"17/02/2023"``, ``"08.00"``): the setup screen hands
its inputs over as they are and shows the error next to the field it names.
"""

from lasem_tui.store.setup.carry_over import CarryOver, start_musrenbang_kecamatan
from lasem_tui.store.setup.checks import MEETING_FIELDS, VILLAGE_FIELDS
from lasem_tui.store.setup.issues import add_issue, remove_issue, rename_issue
from lasem_tui.store.setup.meeting import (
    MeetingSummary,
    create_empty,
    create_from_template,
    list_meetings,
    update_meeting,
)
from lasem_tui.store.setup.reviewers import add_reviewer, remove_reviewer, rename_reviewer
from lasem_tui.store.setup.villages import (
    add_village,
    remove_village,
    rename_village,
    reorder_villages,
    set_village_ceilings,
    update_village,
)

__all__ = [
    "MEETING_FIELDS",
    "VILLAGE_FIELDS",
    "CarryOver",
    "MeetingSummary",
    "add_issue",
    "add_reviewer",
    "add_village",
    "create_empty",
    "create_from_template",
    "list_meetings",
    "remove_issue",
    "remove_reviewer",
    "remove_village",
    "rename_issue",
    "rename_reviewer",
    "rename_village",
    "reorder_villages",
    "set_village_ceilings",
    "start_musrenbang_kecamatan",
    "update_meeting",
    "update_village",
]

"""The states a proposal and a village pass through, and the rules that tie them together."""

from __future__ import annotations

from enum import StrEnum


class ProposalStatus(StrEnum):
    """Outcome of a proposal at the desk; values are the export/CSV words."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    ADJUSTED = "adjusted"
    REJECTED = "rejected"
    DEFERRED = "deferred"
    REDIRECTED = "redirected"
    #: Digabung: joined another proposal of the meeting (a duplicate); counts for nothing.
    MERGED = "merged"

    @property
    def is_approved(self) -> bool:
        """Only accepted and adjusted proposals count against the ceiling."""
        return self in (ProposalStatus.ACCEPTED, ProposalStatus.ADJUSTED)

    @property
    def needs_reason(self) -> bool:
        """A refusal of any kind must say why, for the village head and the minutes."""
        return self in (
            ProposalStatus.REJECTED,
            ProposalStatus.DEFERRED,
            ProposalStatus.REDIRECTED,
        )


class VillageState(StrEnum):
    """Where a village stands in the day's queue."""

    WAITING = "waiting"
    AT_DESK = "at_desk"
    DONE = "done"
    ABSENT = "absent"


class FundingSource(StrEnum):
    """Where a redirected proposal goes instead of the regency budget."""

    APBDES = "apbdes"
    APBD_PROVINSI = "apbd_provinsi"
    POKIR = "pokir"
    CSR = "csr"
    OTHER = "other"


class EventKind(StrEnum):
    """Kinds of entries in the append-only event log."""

    DECIDE = "decide"
    UNDO = "undo"
    REDO = "redo"
    CALL_VILLAGE = "call_village"
    FINISH_VILLAGE = "finish_village"
    MARK_ABSENT = "mark_absent"
    MOVE_VILLAGE = "move_village"
    SWITCH_REVIEWER = "switch_reviewer"
    ADD_REVIEWER = "add_reviewer"
    CREATE_MEETING = "create_meeting"
    UPDATE_MEETING = "update_meeting"
    IMPORT = "import"
    MINUTES_SAVE = "minutes_save"
    MEETING_CLOSE = "meeting_close"
    MEETING_REOPEN = "meeting_reopen"
    ATTENDANCE = "attendance"
    #: A proposal's priority rank moved within its village (two events, one step).
    RANK = "rank"
    #: A proposal's criterion levels and score set.
    SCORE = "score"
    #: A proposal merged into another (the target's adjustment is a decide in the step).
    MERGE = "merge"
    SCORING_CRITERIA = "scoring_criteria"
    AGENCY_CEILING = "agency_ceiling"
    KAMUS_IMPORT = "kamus_import"
    KAMUS_LINK = "kamus_link"
    #: The desk clock paused for a break, and resumed (the village's start moved on).
    DESK_PAUSE = "desk_pause"
    DESK_RESUME = "desk_resume"


#: Events that change a proposal's decision and so can be undone.
UNDOABLE_KINDS = (
    EventKind.DECIDE,
    EventKind.REDO,
    EventKind.RANK,
    EventKind.SCORE,
    EventKind.MERGE,
)

#: The new steps that make an older undo no longer redoable.
STEP_KINDS = (EventKind.DECIDE, EventKind.RANK, EventKind.SCORE, EventKind.MERGE)

"""The desk's flows through other screens: the reviewer first, the minutes, the
attendance, exports, setup, other meetings, imports, the projector and its message.

Each flow opens a screen handed its context (``DeskContext``) and, when it closes,
tells the desk what to read again. The desk screen's actions call these; they hold no
state of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from lasem_tui.domain.money import format_rupiah
from lasem_tui.i18n import counted, t
from lasem_tui.store.engine import DatabaseError
from lasem_tui.store.errors import StoreError

if TYPE_CHECKING:
    from lasem_tui.ui.app import LasemApp
    from lasem_tui.ui.desk.host import DeskHost
    from lasem_tui.ui.desk.screen import DeskScreen


# --- the reviewer first ---------------------------------------------------------------


def open_picker(screen: DeskHost, callback: Callable[[int | str | None], object]) -> None:
    state = screen.desk.state
    if state is None:
        return
    current = screen.desk.reviewer_id
    suggested = screen.desk.suggested_reviewer()

    def chosen(result: int | str | None) -> None:
        callback(result)

    from lasem_tui.ui.screens.reviewer_picker import ReviewerPicker  # when first used

    screen.app.push_screen(ReviewerPicker(state.reviewers, current, suggested), chosen)


def apply_reviewer_choice(screen: DeskHost, result: int | str | None) -> bool:
    """Seat the chosen (or newly added) reviewer; False when nothing changed."""
    if result is None or screen.desk.state is None:
        return False
    try:
        screen.desk.choose_reviewer(result)
    except (StoreError, DatabaseError) as exc:
        screen.report(exc)
        return False
    screen.state = screen.desk.state
    reviewer = screen.desk.state.reviewer
    screen.notify(t("desk.reviewer_now", name=reviewer.name if reviewer else "?"), markup=False)
    return True


def with_reviewer(screen: DeskHost, then: Callable[[], object]) -> None:
    """No decision (nor import) without a reviewer: ask first, then carry on."""
    if screen.desk.has_reviewer:
        then()
        return

    def chosen(result: int | str | None) -> None:
        if apply_reviewer_choice(screen, result):
            then()

    open_picker(screen, chosen)


# --- screens that read the meeting ---------------------------------------------------


def open_minutes(screen: DeskScreen) -> None:
    from lasem_tui.ui.screens.minutes import MinutesScreen

    screen.reload_on_resume = True
    screen.app.push_screen(MinutesScreen(screen.context))


def open_attendance(screen: DeskScreen) -> None:
    from lasem_tui.ui.screens.attendance import AttendanceScreen

    screen.reload_on_resume = True
    screen.app.push_screen(AttendanceScreen(screen.context))


def open_export(screen: DeskScreen) -> None:
    from lasem_tui.ui.screens.export_dialog import ExportDialog

    screen.app.push_screen(ExportDialog(screen.context))


def open_setup(screen: DeskScreen) -> None:
    """The setup screen of this meeting; the desk reloads when it closes."""
    from lasem_tui.ui.setup.screen import SetupScreen

    def closed(_changed: bool | None) -> None:
        if screen.is_attached:
            screen.reload_and_highlight()

    screen.app.push_screen(SetupScreen(screen.context), closed)


def open_meetings(screen: DeskScreen) -> None:
    from lasem_tui.ui.screens.meeting_picker import MeetingChoice, MeetingPicker

    def chosen(choice: MeetingChoice | None) -> None:
        if choice is None:
            return
        try:
            cast("LasemApp", screen.app).open_meeting(choice.meeting_id, setup=choice.setup)
        except (StoreError, DatabaseError) as exc:
            screen.report(exc)

    screen.app.push_screen(MeetingPicker(screen.context), chosen)


def open_import(screen: DeskScreen) -> None:
    """Ask for the file, preview it, import it (logged with the reviewer at the keyboard,
    asked for first if nobody is)."""
    from lasem_tui.exchange.importing import ImportResult
    from lasem_tui.ui.screens.import_dialog import ImportDialog, ImportRequest
    from lasem_tui.ui.screens.import_preview import ImportPreviewScreen

    def imported(result: ImportResult | None) -> None:
        if result is None:
            return
        screen.reload_and_highlight()
        screen.notify(
            t(
                "import_ui.done",
                count=result.count,
                file=result.file_name,
                villages=counted("count.villages", len(result.villages)),
                amount=format_rupiah(result.total_requested),
            ),
            timeout=8,
            markup=False,
        )

    def asked(request: ImportRequest | None) -> None:
        if request is None:
            return
        preview = ImportPreviewScreen(
            screen.context, request.path, request.sheet, village_id=request.village_id
        )
        screen.app.push_screen(preview, imported)

    def ask() -> None:
        state = screen.desk.state
        villages = [(v.name, v.id) for v in state.villages] if state else []
        screen.app.push_screen(ImportDialog(villages=villages), asked)

    with_reviewer(screen, ask)


# --- the projector -------------------------------------------------------------------


def open_projector(screen: DeskScreen) -> None:
    """Show the room's view; it follows the highlight saved here."""
    # Imported on first use: the desk's start does not wait for screens it does not show.
    from lasem_tui.ui.screens.projector import ProjectorScreen

    context = screen.context
    screen.app.push_screen(ProjectorScreen(context.db, context.meeting_id, seat=context.seat))


def ask_projector_message(screen: DeskScreen) -> None:
    state = screen.desk.state
    current = state.meeting.projector_message if state else ""

    def chosen(text: str | None) -> None:
        if text is None or screen.desk.state is None:
            return
        try:
            stored = screen.desk.set_message(text)
        except (StoreError, DatabaseError) as exc:
            screen.report(exc)
            return
        screen.state = screen.desk.state
        screen.notify(t("message.shown" if stored else "message.cleared"), timeout=3, markup=False)

    from lasem_tui.ui.screens.message_dialog import MessageDialog  # when first used

    screen.app.push_screen(MessageDialog(current), chosen)

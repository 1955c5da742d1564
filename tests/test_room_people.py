"""People added at the desk: a reviewer with an institution (w), an attendee with the
group (unsur) they are counted under (+ on the daftar hadir)."""

from __future__ import annotations

from textual.widgets import Input, Select

from lasem_tui.store import attendance, queries
from lasem_tui.store.database import Database
from lasem_tui.ui.app import LasemApp
from lasem_tui.ui.screens.attendance import AttendanceScreen, AttendeeDialog
from lasem_tui.ui.desk import DeskScreen
from lasem_tui.ui.screens.reviewer_picker import ReviewerPicker
from tests.ui_helpers import screen_text


async def test_w_adds_a_reviewer_with_an_institution(db: Database, midway_demo: int) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ReviewerPicker)
        assert "Instansi peninjau baru" in screen_text(app)
        app.screen.query_one("#new-reviewer", Input).focus()
        await pilot.press(*"Rina Wulandari", "tab", *"Dinas PUPR", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        with db.read() as session:
            reviewers = queries.reviewers(session, midway_demo)
            meeting = queries.get_meeting(session, midway_demo)
        added = next(r for r in reviewers if r.name == "Rina Wulandari")
        assert added.role == "Dinas PUPR"
        assert app.desk_reviewer_id == added.id == meeting.current_reviewer_id
        await pilot.press("w")
        await pilot.pause()
        assert "Rina Wulandari  (Dinas PUPR)" in screen_text(app)


async def test_plus_on_the_attendance_list_chooses_the_group(
    db: Database, midway_demo: int
) -> None:
    app = LasemApp(db, midway_demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
        await pilot.press("plus")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AttendeeDialog)
        assert "Unsur" in screen_text(app)
        await pilot.press(*"Siti Aminah", "tab", *"Ketua", "tab", *"PKK Desa Dasun", "tab")
        group = dialog.query_one("#group", Select)
        assert app.screen.focused is group
        await pilot.press("enter")  # open the list of groups
        await pilot.pause()
        # Down to "Lembaga dan tokoh masyarakat", the last group.
        for _ in range(len([g for g in attendance.GROUPS if g])):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert group.value == "public"
        dialog.query_one("#save").press()
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
        rows = attendance.list_attendees(db, midway_demo)
        added = next(r for r in rows if r.name == "Siti Aminah")
        assert (added.jabatan, added.institution, added.group) == (
            "Ketua",
            "PKK Desa Dasun",
            "public",
        )
        # Edited, the row's group is already chosen in the dialog.
        app.push_screen(AttendeeDialog(added))
        await pilot.pause()
        assert app.screen.query_one("#group", Select).value == "public"

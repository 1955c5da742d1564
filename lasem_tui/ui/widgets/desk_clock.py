"""The desk clock: this village's time at the desk, its share, and the projected end."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from lasem_tui.domain.clock import DeskClock
from lasem_tui.domain.dates import format_clock, format_duration, local
from lasem_tui.i18n import t

PAUSED_STYLE = "bold black on yellow"
LEVEL_STYLE = {"ok": "bold green", "warn": "bold black on yellow", "over": "bold white on red"}


class DeskClockPanel(Static):
    clock: reactive[DeskClock | None] = reactive(None)

    def on_mount(self) -> None:
        self.border_title = t("clock.title")

    def render(self) -> Text:
        clock = self.clock
        if clock is None:
            return Text("")
        text = Text()
        text.append(f"{t('clock.now')}: ", style="dim")
        text.append(format_clock(clock.now), style="bold")
        if clock.paused:
            # A break: the village's time stands still and is not "over".
            text.append(f"  {t('room_desk.paused')} ", style=PAUSED_STYLE)
        text.append(f"\n{t('clock.at_desk')}: ", style="dim")
        text.append(format_duration(clock.at_desk_seconds), style=LEVEL_STYLE[clock.level])
        if clock.planned_seconds is not None:
            text.append(f"\n{t('clock.share')}: ", style="dim")
            text.append(format_duration(clock.planned_seconds))
            left = clock.left_seconds or 0.0
            text.append(f"\n{t('clock.left')}: ", style="dim")
            text.append(format_duration(left), style=LEVEL_STYLE[clock.level])
        if clock.planned_end is not None:
            text.append(f"\n{t('clock.planned_end')}: ", style="dim")
            text.append(format_clock(local(clock.planned_end)))
            if clock.rebased:
                text.append(f"\n{t('room_desk.rebased')}", style="italic")
        if clock.projected_end is not None:
            text.append(f"\n{t('clock.projected_end')}: ", style="dim")
            late = clock.late_seconds > 0
            text.append(
                format_clock(local(clock.projected_end)), style="bold red" if late else "bold"
            )
        return text

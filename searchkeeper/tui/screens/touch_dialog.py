"""Logging a touch with a partner: how (a number picks the channel), what of value, and when.

``l`` on the partners screen, then a number (or enter for the usual channel), then
enter: three keys for the common case. The value line and the date are optional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from searchkeeper.core.errors import NoteTooLong, SearchkeeperError
from searchkeeper.core.partners import CHANNEL_LABELS, CHANNELS, parse_touch_day
from searchkeeper.core.records import check_note
from searchkeeper.tui.screens.dialog import Dialog, field


@dataclass(frozen=True)
class TouchRequest:
    """What the dialog asks to log."""

    channel: str
    value: str
    day: date


class TouchDialog(Dialog[TouchRequest | None]):
    """Dismisses with a ``TouchRequest``, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="touch.cancel", tooltip="Log nothing"),
        *(
            Binding(str(number), f"pick({number})", CHANNEL_LABELS[channel], show=False)
            for number, channel in enumerate(CHANNELS, start=1)
        ),
    ]

    DEFAULT_CSS = """
    TouchDialog {
        & > Vertical { width: 64; max-width: 95%; }
        & OptionList { max-height: 8; }
        & .field > Label { width: 7; }
        & #touch-error { color: $error; text-style: bold; width: 100%; }
    }
    """

    def __init__(
        self, name: str, channel: str | None, today: date, value: str = "", day: date | None = None
    ) -> None:
        super().__init__()
        self.partner_name = name
        self.usual = channel if channel in CHANNELS else CHANNELS[0]
        self.today = today
        self.value = value
        self.day = min(day or today, today)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"Touch with {self.partner_name}"
            yield Label("How? A number picks it, enter takes the highlighted one.", classes="hint")
            yield OptionList(
                *(
                    Option(f"{number}  {CHANNEL_LABELS[channel]}", id=channel)
                    for number, channel in enumerate(CHANNELS, start=1)
                ),
                id="touch-channel",
            )
            value = Input(
                self.value,
                placeholder="What of value did you bring? (optional)",
                compact=True,
                id="touch-value",
            )
            yield field("Value", value)
            yield field(
                "When", Input(self.day.isoformat(), placeholder="YYYY-MM-DD", compact=True, id="touch-date")
            )
            yield Label("", id="touch-error")
            yield Label("enter logs it · tab moves · escape cancels", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = CHANNELS.index(self.usual)
        options.focus()

    @property
    def channel(self) -> str:
        index = self.query_one(OptionList).highlighted
        return CHANNELS[index] if index is not None else self.usual

    def action_pick(self, number: int) -> None:
        if isinstance(self.focused, Input):
            return  # typing a digit in the value line
        self.query_one(OptionList).highlighted = number - 1
        self.query_one("#touch-value", Input).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#touch-value", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        given = self.query_one("#touch-date", Input).value.strip()
        try:
            day = parse_touch_day(given, self.today)
        except SearchkeeperError as error:
            self.query_one("#touch-error", Label).update(str(error))
            self.query_one("#touch-date", Input).focus()
            return
        value = self.query_one("#touch-value", Input).value.strip()
        try:
            check_note(value)
        except NoteTooLong as error:  # kept open, the text as it is, to be cut down
            self.query_one("#touch-error", Label).update(f"{error}; shorten it")
            self.query_one("#touch-value", Input).focus()
            return
        self.dismiss(TouchRequest(self.channel, value, day))

"""Adding or editing a partner: name, who they are to you, rhythm, usual channel, notes."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from searchkeeper.core.partners import CHANNEL_LABELS, CHANNELS, KIND_LABELS, KINDS, Partner
from searchkeeper.core.rhythm import Rhythm

RHYTHM_CHOICES = ["key", "close", "distant", "2w", "3w", "6w", "8w", "12w"]


@dataclass(frozen=True)
class PartnerDraft:
    """What the form asks to save."""

    name: str
    kind: str
    rhythm: Rhythm
    channel: str | None
    notes: str


class PartnerForm(ModalScreen[PartnerDraft | None]):
    """Dismisses with a ``PartnerDraft``, or None when cancelled. Enter in a text field saves."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="partner-form.cancel", tooltip="Change nothing"),
        Binding("ctrl+s", "save", "Save", id="partner-form.save", tooltip="Save the partner"),
    ]

    DEFAULT_CSS = """
    PartnerForm {
        align: center middle;
        & > Vertical {
            width: 70;
            max-width: 98%;
            height: auto;
            padding: 0 1;
            border: round $accent;
            background: $surface;
        }
        & .field { height: 1; margin-top: 1; }
        & .field > Label { width: 9; color: $text-muted; }
        & .field > Input, & .field > Select { width: 1fr; }
        & .hint { color: $text-muted; }
        & #partner-error { color: $error; text-style: bold; }
    }
    """

    def __init__(self, partner: Partner | None, taken: Collection[str]) -> None:
        super().__init__()
        self.partner = partner
        self.taken = {name.casefold() for name in taken}
        if partner is not None:
            self.taken.discard(partner.name.casefold())

    def compose(self) -> ComposeResult:
        partner = self.partner
        rhythm = partner.rhythm.text if partner else "key"
        choices = RHYTHM_CHOICES if rhythm in RHYTHM_CHOICES else [*RHYTHM_CHOICES, rhythm]
        with Vertical() as box:
            box.border_title = f"Edit {partner.name}" if partner else "New partner"
            with Horizontal(classes="field"):
                yield Label("Name")
                yield Input(
                    partner.name if partner else "", placeholder="Their name", compact=True, id="partner-name"
                )
            with Horizontal(classes="field"):
                yield Label("Who")
                yield Select(
                    [(KIND_LABELS[kind], kind) for kind in KINDS],
                    value=partner.kind if partner else "former-colleague",
                    allow_blank=False,
                    compact=True,
                    id="partner-kind",
                )
            with Horizontal(classes="field"):
                yield Label("Rhythm")
                yield Select(
                    [(Rhythm.parse(choice).label, choice) for choice in choices],
                    value=rhythm,
                    allow_blank=False,
                    compact=True,
                    id="partner-rhythm",
                )
            with Horizontal(classes="field"):
                yield Label("Channel")
                yield Select(
                    [(CHANNEL_LABELS[channel], channel) for channel in CHANNELS],
                    value=partner.channel if partner and partner.channel else Select.NULL,
                    prompt="usual way to reach them",
                    compact=True,
                    id="partner-channel",
                )
            with Horizontal(classes="field"):
                yield Label("Notes")
                yield Input(
                    partner.notes if partner else "",
                    placeholder="Where they are now, what you can share",
                    compact=True,
                    id="partner-notes",
                )
            yield Label("", id="partner-error")
            yield Label("enter or ctrl+s saves · escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#partner-name", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        name = self.query_one("#partner-name", Input).value.strip()
        if not name:
            self._refuse("A partner needs a name.")
            return
        if name.casefold() in self.taken:
            self._refuse(f"There is already a partner called {name}.")
            return
        channel = self.query_one("#partner-channel", Select).value
        self.dismiss(
            PartnerDraft(
                name,
                str(self.query_one("#partner-kind", Select).value),
                Rhythm.parse(self.query_one("#partner-rhythm", Select).value),
                channel if isinstance(channel, str) else None,
                self.query_one("#partner-notes", Input).value.strip(),
            )
        )

    def _refuse(self, reason: str) -> None:
        self.query_one("#partner-error", Label).update(reason)
        self.query_one("#partner-name", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Adding or editing a partner: name, who they are to you, rhythm, usual channel, notes."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from searchkeeper.core.partners import CHANNEL_LABELS, CHANNELS, KIND_LABELS, KINDS, Partner
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.tui.screens.dialog import Dialog, edited_text, field

RHYTHM_CHOICES = ["key", "close", "distant", "2w", "3w", "6w", "8w", "12w"]


@dataclass(frozen=True)
class PartnerDraft:
    """What the form asks to save."""

    name: str
    kind: str
    rhythm: Rhythm
    channel: str | None
    notes: str

    @classmethod
    def of(cls, partner: Partner) -> PartnerDraft:
        return cls(partner.name, partner.kind, partner.rhythm, partner.channel, partner.notes.strip())

    def onto(self, before: PartnerDraft, now: PartnerDraft) -> tuple[PartnerDraft, list[str]]:
        """This draft of a form opened on ``before``, laid onto the partner as ``now`` on disk: the
        fields changed in the form, notes changed on both sides joined; another field changed on
        both keeps ``now`` and is named, to ask about."""
        merged, clashes = {}, []
        for name in ("name", "kind", "rhythm", "channel"):
            old, mine, theirs = getattr(before, name), getattr(self, name), getattr(now, name)
            merged[name] = mine if theirs in (old, mine) else theirs
            if mine not in (old, theirs) and theirs != old:
                clashes.append(name)
        return PartnerDraft(**merged, notes=edited_text(before.notes, self.notes, now.notes)), clashes


class PartnerForm(Dialog[PartnerDraft | None]):
    """Dismisses with a ``PartnerDraft``, or None when cancelled. Enter in a text field saves."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="partner-form.cancel", tooltip="Change nothing"),
        Binding("ctrl+s", "save", "Save", id="partner-form.save", tooltip="Save the partner"),
    ]

    DEFAULT_CSS = """
    PartnerForm {
        & > Vertical { width: 70; max-width: 98%; }
        & .field > Label { width: 9; }
        & #partner-error { color: $error; text-style: bold; }
    }
    """

    def __init__(
        self,
        partner: Partner | None,
        taken: Collection[str],
        shown: PartnerDraft | None = None,
        notice: str = "",
    ) -> None:
        """The form on ``partner`` (None: a new one), its fields filled from ``shown`` if given."""
        super().__init__()
        self.partner = partner
        self.shown, self.notice = shown, notice
        self.taken = {name.casefold() for name in taken}
        if partner is not None:
            self.taken.discard(partner.name.casefold())

    def compose(self) -> ComposeResult:
        shown = self.shown or self.partner or Partner("")  # a new partner starts from the core's defaults
        rhythm = shown.rhythm.text
        choices = RHYTHM_CHOICES if rhythm in RHYTHM_CHOICES else [*RHYTHM_CHOICES, rhythm]
        kinds = [(KIND_LABELS[kind], kind) for kind in KINDS]
        rhythms = [(Rhythm.parse(choice).label, choice) for choice in choices]
        channels = [(CHANNEL_LABELS[channel], channel) for channel in CHANNELS]
        with Vertical() as box:
            box.border_title = f"Edit {self.partner.name}" if self.partner else "New partner"
            yield field("Name", Input(shown.name, placeholder="Their name", compact=True, id="partner-name"))
            yield field(
                "Who", Select(kinds, value=shown.kind, allow_blank=False, compact=True, id="partner-kind")
            )
            yield field(
                "Rhythm", Select(rhythms, value=rhythm, allow_blank=False, compact=True, id="partner-rhythm")
            )
            yield field(
                "Channel",
                Select(
                    channels,
                    value=shown.channel or Select.NULL,
                    prompt="usual way to reach them",
                    compact=True,
                    id="partner-channel",
                ),
            )
            yield field(
                "Notes",
                Input(
                    shown.notes,
                    placeholder="Where they are now, what you can share",
                    compact=True,
                    id="partner-notes",
                ),
            )
            yield Label(self.notice, id="partner-error")
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

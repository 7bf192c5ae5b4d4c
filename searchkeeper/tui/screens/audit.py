"""The Friday audit: one practice at a time, the Three Career Questions, then the week in review.

Every answer is saved through the board the moment it is given, with the practice's
id added to the audit's ``answered`` list; leaving half-way keeps what was answered
and the next visit resumes at the first practice not answered. An answer the disk
refuses stays on the board as unsaved (said in the heading) and is retried. The
logic lives in ``searchkeeper.core.review``; this screen only asks and shows.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from searchkeeper.core import review
from searchkeeper.core.errors import SearchkeeperError
from searchkeeper.core.practices import STANDING, Practice
from searchkeeper.core.records import WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.reports.week_summary import comparison_lines, default_report_path, nudge_lines, score_text
from searchkeeper.tui.board import AUDIT_KEY, Board, Change
from searchkeeper.tui.messages import BoardChanged
from searchkeeper.tui.screens.dialog import edited_text

PRACTICE, QUESTIONS, REFLECTION, INTENTION, SUMMARY, BROKEN = (
    "practice",
    "questions",
    "reflection",
    "intention",
    "summary",
    "broken",
)
_STEP_ACTIONS = {
    PRACTICE: {"answer", "edit_note", "back", "leave"},
    QUESTIONS: {"career", "skip_questions", "back", "leave"},
    REFLECTION: {"leave"},
    INTENTION: {"leave"},
    SUMMARY: {"save_report", "again", "close", "leave"},
    BROKEN: {"leave"},
}


class AuditInput(Input):
    """A one-line input whose escape key gives up the edit instead of leaving the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.give_up", "Cancel", id="audit.input.cancel"),
    ]


class AuditScreen(Screen[bool]):
    """Audit ``week`` on the board; dismissed with True when the audit was completed."""

    CSS_PATH = "audit.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('yes')", "Yes", id="audit.yes", tooltip="Done this week: tick it"),
        Binding("n", "answer('no')", "No", id="audit.no", tooltip="Not done: untick it"),
        Binding("x", "answer('excused')", "Excused", id="audit.excuse", tooltip="Could not happen"),
        Binding("s", "answer('skip')", "Skip", id="audit.skip", tooltip="Leave it as it is"),
        Binding("e", "edit_note", "Note", id="audit.note", tooltip="Add or edit a line of evidence"),
        Binding("b,backspace", "back", "Back", id="audit.back", tooltip="The previous question"),
        Binding("u", "career('up')", "Move up", id="audit.up"),
        Binding("o", "career('out')", "Move out", id="audit.out"),
        Binding("a", "career('adapt')", "Adapt", id="audit.adapt"),
        Binding("a", "nothing", "", show=False, id="audit.a.quiet"),
        Binding("s", "skip_questions", "Not now", id="audit.questions.skip"),
        Binding("w", "save_report", "Save report", id="audit.save"),
        Binding("r", "again", "Again", id="audit.again", tooltip="Go through the practices again"),
        Binding("enter", "close", "Close", id="audit.close"),
        Binding("escape", "leave", "Leave", id="audit.leave", tooltip="Answers so far are kept"),
    ]

    def __init__(self, board: Board, week: Week | None = None) -> None:
        super().__init__()
        self.board = board
        self.week = week or board.this_week
        self.practices: list[Practice] = board.catalogue.in_week(self.week)
        self.step = PRACTICE
        self.index = 0
        self.saved_to = ""
        self.editing = ""
        self.note_before = ""
        """The practice's note as the note field opened on it."""

    # layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="audit-frame"):
            yield Static(id="audit-head")
            with VerticalScroll(id="audit-body"):
                yield Static(id="audit-text")
            yield Static(id="audit-prompt")
            yield AuditInput(id="audit-input", placeholder="")
            yield Static(id="audit-keys")
        yield Footer()

    @property
    def record(self) -> WeekRecord:
        return self.board.record(self.week)

    def on_mount(self) -> None:
        self.query_one("#audit-input", AuditInput).display = False
        self._resume()

    def on_board_changed(self, message: BoardChanged) -> None:
        if (self.board.problem_for(self.week) is not None) != (self.step == BROKEN):  # broken or fixed since
            self._resume()
        else:
            self._render_step()

    def _resume(self) -> None:
        if self.board.problem_for(self.week) is not None:
            self._go(BROKEN)
            return
        audit = self.record.audit
        index = review.first_unanswered(self.record, self.practices)
        if index is not None:
            self.index = index
            self._go(PRACTICE)
        elif audit is not None and audit.completed is not None:
            self._go(SUMMARY)
        elif audit is not None and audit.answer is not None:
            self._go(REFLECTION)
        else:
            self._go(QUESTIONS)

    # saving -----------------------------------------------------------------------------

    def _save(self, change: Change, key: str = AUDIT_KEY) -> bool:
        """Save ``change`` through the board; False if the week's file is broken (a change the disk
        refuses is kept on the board as unsaved, and the audit goes on)."""
        result = self.board.change(self.week, key, change)
        if not result.saved:
            self.notify(result.message, title="Not saved", severity="error", timeout=8)
        if not (result.saved or result.kept):
            self._resume()  # the file is broken: say so
        return result.saved or result.kept

    @property
    def _day(self):
        return self.board.tick_day(self.week)

    # actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in {name for names in _STEP_ACTIONS.values() for name in names}:
            return True
        if self.editing and action != "leave":
            return False
        if action == "back" and self.step == PRACTICE and self.index == 0:
            return None
        return action in _STEP_ACTIONS[self.step]

    def action_answer(self, choice: str) -> None:
        practice = self.practices[self.index]
        if self._save(
            lambda record: review.apply_answer(record, practice.id, choice, self._day), practice.id
        ):
            self._advance()

    def _advance(self) -> None:
        """To the next practice not answered, after this one or else from the top; then the questions."""
        following = review.next_unanswered(self.record, self.practices, self.index)
        if following is None:
            self._go(QUESTIONS)
            return
        self.index = following
        self._go(PRACTICE)

    def action_back(self) -> None:
        if self.step == QUESTIONS:
            self.index = len(self.practices) - 1
        elif self.index > 0:
            self.index -= 1
        self._go(PRACTICE)

    def action_edit_note(self) -> None:
        practice = self.practices[self.index]
        self.note_before = self.record.note(practice.id)
        self._ask("note", f"A line of evidence for “{practice.title}”", self.note_before)

    def action_nothing(self) -> None:
        """``a`` outside the Three Questions: it must not reach the dashboard's audit key."""

    def action_career(self, answer: str) -> None:
        if self._save(lambda record: review.apply_three_questions(record, answer, self._day)):
            self._go(REFLECTION)

    def action_skip_questions(self) -> None:
        self._go(REFLECTION)

    def action_save_report(self) -> None:
        self._ask("path", "Save the week's report (Markdown) as", f"~/{default_report_path(self.week).name}")

    def action_again(self) -> None:
        if self._save(review.reopen_audit):
            self.index = 0
            self._go(PRACTICE)

    def action_leave(self) -> None:
        audit = self.record.audit
        self.dismiss(audit is not None and audit.completed is not None)

    action_close = action_leave  # enter, on the week in review

    # the input line ---------------------------------------------------------------------

    def _ask(self, purpose: str, prompt: str, value: str) -> None:
        self.editing = purpose
        field = self.query_one("#audit-input", AuditInput)
        field.value = value
        field.placeholder = "enter to save · escape to cancel" if purpose in ("note", "path") else ""
        field.display = True
        self.query_one("#audit-prompt", Static).update(escape(prompt))
        field.focus()
        field.cursor_position = len(value)
        self._show_keys()
        self.refresh_bindings()

    def _stop_asking(self) -> None:
        self.editing = ""
        self.query_one("#audit-input", AuditInput).display = False
        self.query_one("#audit-prompt", Static).update("")
        self.set_focus(None)
        self.refresh_bindings()

    @on(Input.Submitted, "#audit-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        purpose = self.editing
        if purpose == "note":
            practice, before = self.practices[self.index], self.note_before

            def laid_on(record: WeekRecord) -> None:  # onto the file as it is now, as the note editor does
                review.apply_note(record, practice.id, edited_text(before, text, record.note(practice.id)))

            if text == before.strip() or self._save(laid_on, practice.id):
                self._stop_asking()
                self._render_step()
        elif purpose == "path":
            try:
                path = self.board.save_report(self.week, text or f"~/{default_report_path(self.week).name}")
            except (SearchkeeperError, OSError) as error:
                reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
                self.query_one("#audit-prompt", Static).update(f"[b]Not saved:[/b] {escape(reason)}")
                return
            self.saved_to = str(path)
            self.notify(f"Report saved to {path}", timeout=6)
            self._stop_asking()
            self._render_step()
        elif purpose == REFLECTION:
            if self._save(lambda record: review.apply_reflection(record, text)):
                self._go(INTENTION)
        elif purpose == INTENTION:
            reflection = self.record.audit.reflection if self.record.audit else ""
            now = datetime.combine(self.board.today, datetime.now().time())
            if self._save(lambda record: review.complete_audit(record, reflection, text, now)):
                self._go(SUMMARY)

    def action_give_up(self) -> None:
        """Escape in the input line."""
        if self.editing in ("note", "path"):
            self._stop_asking()
            self._render_step()
        else:  # escape in the reflection or the intention: leave, keeping what was saved
            self.action_leave()

    # showing a step -----------------------------------------------------------------------

    def _go(self, step: str) -> None:
        self._stop_asking()
        self.step = step
        if step == REFLECTION:
            value = self.record.audit.reflection if self.record.audit else ""
            self._ask(REFLECTION, "A line on the week (enter to go on; empty is fine)", value)
        elif step == INTENTION:
            value = self.record.audit.intention if self.record.audit else ""
            self._ask(INTENTION, "Next week, I intend to… (enter to finish; empty is fine)", value)
        self._render_step()

    def _render_step(self) -> None:
        head = self.query_one("#audit-head", Static)
        text = self.query_one("#audit-text", Static)
        title = f"[b]Audit[/b] · {self.week.key} · {self.week.span()}"
        unsaved = "   [b $error]unsaved[/]" if self.board.unsaved(self.week) else ""  # retried every second
        total = len(self.practices)
        if self.step == PRACTICE:
            head.update(f"{title}   [b]{self.index + 1} of {total}[/b]{unsaved}")
            text.update(self._practice_text(self.practices[self.index]))
        elif self.step in (QUESTIONS, REFLECTION, INTENTION):
            head.update(f"{title}   [b]reflection[/b]{unsaved}")
            text.update(self._questions_text())
        elif self.step == SUMMARY:
            head.update(f"{title}   [b]the week in review[/b]{unsaved}")
            text.update(self._summary_text())
        else:
            head.update(title)
            text.update(
                f"[b]This week's file cannot be read[/b]\n\n{escape(str(self.board.problem_for(self.week)))}\n\n"
                "Nothing was changed. Fix the line named above (searchkeeper check lists every "
                "problem), then come back to the audit."
            )
        self._show_keys()
        self.refresh_bindings()

    def _show_keys(self) -> None:
        keys = self.query_one("#audit-keys", Static)
        if self.editing:
            gives_up = "cancel" if self.editing in ("note", "path") else "leave (kept so far)"
            keys.update(f"[b]enter[/b] save · [b]escape[/b] {gives_up}")
            return
        legend = {
            PRACTICE: "[b]y[/b] yes · [b]n[/b] no · [b]x[/b] excused · [b]s[/b] skip · "
            "[b]e[/b] note · [b]b[/b] back · [b]esc[/b] leave (answers are kept)",
            QUESTIONS: "[b]u[/b] move up · [b]o[/b] move out · [b]a[/b] adapt · [b]s[/b] not now · "
            "[b]b[/b] back · [b]esc[/b] leave",
            SUMMARY: "[b]w[/b] save the report · [b]r[/b] go through again · [b]enter[/b] close",
            BROKEN: "[b]esc[/b] leave",
        }
        keys.update(legend.get(self.step, ""))

    def _practice_text(self, practice: Practice) -> str:
        records = self.board.history.records
        question = review.audit_question(practice, records, self.week)
        so_far = review.answer_so_far(practice, records, self.week)
        note = self.record.note(practice.id)
        group = "Habit" if practice.group == "habits" else "Maintenance"
        cadence = "standing: once true, it carries" if practice.cadence == STANDING else practice.cadence
        lines = [
            f"[dim]{group} · {cadence}[/dim]",
            f"[b]{escape(practice.title)}[/b]",
            "",
            f"[b $accent]{escape(question)}[/]",
            "",
            f"[i]{escape(practice.why)}[/i]",
            "",
            f"So far: [b]{escape(so_far)}[/b]",
        ]
        if note:
            lines.append(f"Note: {escape(note)}")
        return "\n".join(lines)

    def _questions_text(self) -> str:
        chosen = self.record.audit.answer if self.record.audit else None
        lines = [
            "[b]The Three Career Questions[/b]",
            "Step back from the week: is it time to…",
            "",
        ]
        keys = {"up": "u", "out": "o", "adapt": "a"}
        for question in review.CAREER_QUESTIONS:
            mark = "▶ " if question.key == chosen else "  "
            lines.append(
                f"{mark}[b]{keys[question.key]}[/b]  [b]{question.title}?[/b] {escape(question.meaning)}"
            )
        if self.step != QUESTIONS:
            answer = review.career_question(chosen)
            lines += ["", f"Your answer: [b]{answer.title if answer else 'not this week'}[/b]"]
        return "\n".join(lines)

    def _summary_text(self) -> str:
        try:
            result = self.board.review(self.week)
        except SearchkeeperError as error:
            return f"The review cannot be read: {escape(str(error))}"
        lines = [f"[b]{escape(comparison_lines(result)[0])}[/b]"]
        lines += [escape(line) for line in comparison_lines(result)[1:]]
        if result.last_intention:
            lines += [
                "",
                f"Last week you meant to: [i]{escape(result.last_intention)}[/i]",
                f"This week you did: [b]{score_text(result.score)}[/b], "
                f"{len(result.done)} practice{'s' if len(result.done) != 1 else ''} done",
            ]
        nudges = nudge_lines(result)
        if nudges:
            lines += ["", "[b]Never miss twice[/b]: a small step next week is enough."]
            lines += [f"  • {escape(line)}" for line in nudges]
        audit = result.audit
        if audit is not None and audit.intention:
            lines += ["", f"Next week: [b]{escape(audit.intention)}[/b]"]
        if self.saved_to:
            lines += ["", f"Report saved to [b]{escape(self.saved_to)}[/b]"]
        return "\n".join(lines)

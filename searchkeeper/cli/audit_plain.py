"""``searchkeeper audit --plain``: the Friday audit line by line, on standard input and output.

The dashboard's audit (``tui/screens/audit.py``) asked in plain text: the same questions and
rules (``core.review``), each answer saved the moment it is given with ``Journal.update``, as
the dashboard's board saves it, so the week file is the one the dashboard would write and a
half-done audit resumes in either. Nothing but text is printed (user text through
``visible``): for a screen reader, ssh from a phone, or a script piping its answers in.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TextIO

from searchkeeper.core import review
from searchkeeper.core.errors import SearchkeeperError
from searchkeeper.core.practices import HABITS, Practice
from searchkeeper.core.records import WeekRecord, tick_day
from searchkeeper.core.weeks import Week
from searchkeeper.reports.visible import visible
from searchkeeper.reports.week_summary import comparison_lines, nudge_lines, score_text
from searchkeeper.storage.workspace import Workspace

ANSWERS = {"y": review.YES, "yes": review.YES, "n": review.NO, "no": review.NO}
ANSWERS |= {"x": review.EXCUSE, "excused": review.EXCUSE, "s": review.SKIP, "skip": review.SKIP}
CAREER = {"u": "up", "up": "up", "o": "out", "out": "out", "a": "adapt", "adapt": "adapt"}
LEAVE, BACK, WHY, NOT_NOW = {"q", "quit", "leave"}, {"b", "back"}, {"?", "why"}, {"s", "skip", "not now"}
LEGEND = (
    "Answer each practice with y (yes), n (no), x (excused) or s (skip), a note after a colon "
    "(y: coffee with Ana); b goes back, ? says why it matters, q leaves (the answers are kept)."
)
NO_INPUT = (
    "no terminal and no answers on standard input: pipe them in, one a line (y, n, x or s; "
    "see 'searchkeeper audit --help'), or run 'searchkeeper audit' in a terminal"
)


class _Ended(Exception):
    """Standard input ended before the audit did."""


class PlainAudit:
    """One week's audit between ``lines_in`` and ``out``."""

    def __init__(self, space: Workspace, week: Week, lines_in: TextIO, out: TextIO) -> None:
        self.space, self.week, self.lines_in, self.out = space, week, lines_in, out
        self.practices: list[Practice] = space.settings.catalogue.in_week(week)
        self.records = space.history().records  # with the automatic tick from partners.yaml
        self.day = tick_day(week, space.today, space.settings.audit_day)

    @property
    def record(self) -> WeekRecord:
        return self.records.get(self.week) or WeekRecord(self.week)

    def say(self, line: str = "") -> None:
        print(visible(line), file=self.out, flush=True)

    def ask(self, prompt: str) -> str:
        """Print ``prompt`` as one line and read one answer line; ``_Ended`` at the end of input."""
        self.say(prompt)
        line = self.lines_in.readline()
        if not line:
            raise _Ended
        return line.strip()

    def save(self, change: Callable[[WeekRecord], object]) -> None:
        """Save ``change`` to the week now, and read the weeks again (the automatic tick from
        ``partners.yaml`` laid over them, as the board lays it after each change)."""
        self.space.journal.update(self.week, change)
        self.records = self.space.history().records

    # the steps ------------------------------------------------------------------------

    def run(self) -> int:
        audit = self.record.audit
        done = audit is not None and audit.completed is not None and self._first() is None
        if not done and not _has_input(self.lines_in):
            raise SearchkeeperError(NO_INPUT)
        self.say(f"Audit {self.week.key} ({self.week.span()}): {len(self.practices)} practices.")
        if done:
            self.say(f"Audited on {audit.completed:%a %d %b %Y at %H:%M}.")
            self._summary()
            return 0
        self.say(LEGEND)
        try:
            left = self._practices(self._first()) or self._questions() or self._closing()
        except _Ended:
            print(f"searchkeeper: the input ended: {self._kept()}", file=sys.stderr)
            return 1
        if left:
            self.say(f"Left the audit: {self._kept()}")
            return 0
        self._summary()
        return 0

    def _first(self) -> int | None:
        return review.first_unanswered(self.record, self.practices)

    def _practices(self, index: int | None) -> bool:
        """Ask from ``index`` until every practice is answered; True if the user leaves."""
        while index is not None:
            practice = self.practices[index]
            line = self.ask(self._prompt(index, practice))
            word, colon, note = (part.strip() for part in line.partition(":"))
            word = word.lower()
            if word in LEAVE:
                return True
            if word in BACK:
                index = max(index - 1, 0)
            elif word in WHY:
                self.say(f"{practice.title}: {practice.why}")
            elif word in ANSWERS or (not word and colon):
                choice = ANSWERS.get(word)
                kept = note if colon else None
                self.save(partial(self._answer, practice_id=practice.id, choice=choice, note=kept))
                if choice is not None:
                    index = review.next_unanswered(self.record, self.practices, index)
            else:
                self.say("Please answer y, n, x or s (a note after a colon), or b, ? or q.")
        return False

    def _answer(self, record: WeekRecord, practice_id: str, choice: str | None, note: str | None) -> None:
        """The answer, then the note, as the dashboard saves them (``y``, then ``e`` and a note)."""
        if choice is not None:
            review.apply_answer(record, practice_id, choice, self.day)
        if note is not None:
            review.apply_note(record, practice_id, note)

    def _prompt(self, index: int, practice: Practice) -> str:
        question = review.audit_question(practice, self.records, self.week)
        so_far = review.answer_so_far(practice, self.records, self.week)
        note = self.record.note(practice.id)
        group = "habit" if practice.group == HABITS else "maintenance"
        noted = f"; note: {note}" if note else ""
        return (
            f"{index + 1}/{len(self.practices)} {question} "
            f"({group}, {practice.cadence}; so far: {so_far}{noted}) [y/n/x/s]"
        )

    def _questions(self) -> bool:
        """The Three Career Questions (skipped when answered); True if the user leaves."""
        audit = self.record.audit
        if audit is not None and audit.answer is not None:
            return False
        self.say("The Three Career Questions: step back from the week. Is it time to...")
        for question in review.CAREER_QUESTIONS:
            self.say(f"  {question.key[0]}  {question.title}? {question.meaning}")
        while True:
            word = self.ask("u, o or a (s: not now, b: back, q: leave)").lower()
            if word in LEAVE:
                return True
            if word in NOT_NOW:
                return False
            if word in BACK:
                index = len(self.practices) - 1
                if self._practices(index if index >= 0 else None):
                    return True
                continue
            if word in CAREER:
                self.save(partial(review.apply_three_questions, answer=CAREER[word], day=self.day))
                return False
            self.say("Please answer u, o or a, or s, b or q.")

    def _closing(self) -> bool:
        """The line on the week and next week's intention, which close the audit (never leaves:
        an empty line is fine, and the end of input stops it)."""
        audit = self.record.audit
        reflection = self._line("A line on the week", audit.reflection if audit else "")
        self.save(lambda record: review.apply_reflection(record, reflection))
        intention = self._line("Next week, I intend to...", audit.intention if audit else "")
        now = datetime.combine(self.space.today, datetime.now().time())
        self.save(lambda record: review.complete_audit(record, reflection, intention, now))
        return False

    def _line(self, prompt: str, kept: str) -> str:
        hint = f"an empty line keeps: {kept}" if kept else "an empty line is fine"
        return self.ask(f"{prompt} ({hint})") or kept

    def _kept(self) -> str:
        done, total = review.progress(self.record, self.practices)
        return f"{done} of {total} practices answered and kept; 'searchkeeper audit' goes on from there"

    def _summary(self) -> None:
        """The week in review, as the dashboard's audit ends with it."""
        result = self.space.review(self.week)
        self.say()
        for line in comparison_lines(result):
            self.say(line)
        if result.last_intention:
            self.say(f"Last week you meant to: {result.last_intention}")
            done = len(result.done)
            self.say(
                f"This week you did: {score_text(result.score)}, {done} practice{'s' * (done != 1)} done"
            )
        nudges = nudge_lines(result)
        if nudges:
            self.say("Never miss twice: a small step next week is enough.")
            for line in nudges:
                self.say(f"  - {line}")
        audit = result.audit
        if audit is not None and audit.intention:
            self.say(f"Next week: {audit.intention}")


def _has_input(lines_in: TextIO) -> bool:
    """False when standard input is not a terminal and holds nothing (``< /dev/null``); a pipe is
    waited on until its first byte or its end."""
    if lines_in.isatty():
        return True
    peek = getattr(getattr(lines_in, "buffer", None), "peek", None)
    return peek is None or bool(peek(1))


def audit_plain(
    space: Workspace, week: Week, lines_in: TextIO | None = None, out: TextIO | None = None
) -> int:
    """Audit ``week`` on standard input and output (or ``lines_in`` and ``out``); the exit code."""
    for problem in space.settings.problems:
        print(f"searchkeeper: {visible(str(problem))} (the default is used)", file=sys.stderr)
    space.journal.read(week)  # a broken week file is named, and nothing asked
    return PlainAudit(space, week, lines_in or sys.stdin, out or sys.stdout).run()

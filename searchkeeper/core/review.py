"""The Friday audit and the week in review.

Two halves, both plain functions over records, scores and the catalogue:

* **the audit**: which practice to ask next, what has been answered so far, and
  how an answer (yes / no / excused / skip), a note or the closing reflection
  changes a ``WeekRecord``. Callers apply these inside ``Journal.update`` so that
  every answer is saved the moment it is given;
* **the review**: how the week compares with the one before and with the four
  before it, what it did to the streak and the momentum score, which practices
  have now gone two turns without a tick, and what last week's intention was.

``audit_phrase`` holds the short phrase a header or ``searchkeeper status`` shows.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from searchkeeper.core.key_partners import is_auto
from searchkeeper.core.practices import MONTHLY, STANDING, Catalogue, Practice
from searchkeeper.core.records import DONE, EXCUSED, MISSED, Audit, WeekRecord
from searchkeeper.core.scoring import (
    DEFAULT_THRESHOLD,
    MET,
    MISSED_OUTCOME,
    NOT_COUNTED,
    NOT_SCORED,
    WeekScore,
    done_in_month,
    first_scored,
    momentum,
    percent,
    score_weeks,
    standing_tick,
    streaks,
)
from searchkeeper.core.weeks import Week

YES, NO, EXCUSE, SKIP = "yes", "no", "excused", "skip"
CHOICES = (YES, NO, EXCUSE, SKIP)
THREE_QUESTIONS = "three-questions"
AVERAGE_WEEKS = 4
"""How many weeks before the audited one make the average it is compared with."""


# the Three Career Questions ---------------------------------------------------------


@dataclass(frozen=True)
class CareerQuestion:
    """One of the Three Career Questions: its key in the journal, its name, what it means."""

    key: str
    title: str
    meaning: str


CAREER_QUESTIONS = (
    CareerQuestion(
        "up",
        "Move up",
        "The work suits you and it is going well: reach for more of it, here or a step higher.",
    ),
    CareerQuestion(
        "out",
        "Move out",
        "The role, the place or the field no longer fits: plan how you will leave it.",
    ),
    CareerQuestion(
        "adapt",
        "Adapt your style",
        "You are in the right place but results are thin: change how you go about it.",
    ),
)


def career_question(key: str | None) -> CareerQuestion | None:
    """The question answered with ``key`` (up, out, adapt), or None."""
    return next((question for question in CAREER_QUESTIONS if question.key == key), None)


# the audit: asking ------------------------------------------------------------------


def answered(record: WeekRecord) -> list[str]:
    """The practice ids already answered in this week's audit, in the order given."""
    return list(record.audit.answered) if record.audit else []


def first_unanswered(record: WeekRecord, practices: Sequence[Practice]) -> int | None:
    """The index of the first practice not yet answered, or None when all are."""
    done = set(answered(record))
    return next((index for index, practice in enumerate(practices) if practice.id not in done), None)


def next_unanswered(record: WeekRecord, practices: Sequence[Practice], index: int) -> int | None:
    """The practice to ask after the one at ``index``: the next not answered after it, or else
    the first not answered from the top; None when all are (the Three Questions come next)."""
    following = first_unanswered(record, practices[index + 1 :])
    if following is not None:
        return index + 1 + following
    return first_unanswered(record, practices)


def progress(record: WeekRecord, practices: Sequence[Practice]) -> tuple[int, int]:
    """``(answered, total)`` over ``practices``."""
    done = set(answered(record))
    return sum(1 for practice in practices if practice.id in done), len(practices)


def audit_question(practice: Practice, records: Mapping[Week, WeekRecord], week: Week) -> str:
    """The question to ask: a standing practice already confirmed is asked "still true?"."""
    if practice.cadence == STANDING:
        record = records.get(week)
        held = (record is not None and record.is_done(practice.id)) or standing_tick(records, practice, week)
        if held:
            return f"Still true? {practice.question}"
    return practice.question


def short_date(day: date) -> str:
    """``Wed 18 Nov``."""
    return f"{day:%a} {day.day} {day:%b}"


def answer_so_far(practice: Practice, records: Mapping[Week, WeekRecord], week: Week) -> str:
    """What the journal already says about ``practice`` in ``week``, in a few words."""
    record = records.get(week)
    entry = record.practices.get(practice.id) if record else None
    if is_auto(entry):
        return f"done automatically: {entry.note[:1].lower()}{entry.note[1:]}"  # from partners.yaml, as the row says
    if entry is not None and entry.state == DONE:
        return f"done on {short_date(entry.date)}" if entry.date else "done"
    if entry is not None and entry.state == EXCUSED:
        return "excused this week"
    if entry is not None and entry.state == MISSED:
        return "marked not done"
    if practice.cadence == STANDING:
        carried = standing_tick(records, practice, week)
        if carried is not None:
            day = records[carried].practices[practice.id].date
            since = f" since {short_date(day)}" if day else ""
            return f"true{since}, carried over"
        return "not confirmed yet"
    if practice.cadence == MONTHLY:
        other = done_in_month(records, practice.id, week)
        if other is not None:
            day = records[other].practices[practice.id].date
            when = f" on {short_date(day)}" if day else ""
            return f"{'already ' if other < week else ''}done this month{when}"
        return "not yet this month"
    return "nothing yet this week"


# the audit: answering (apply inside Journal.update) ---------------------------------------


def _audit_of(record: WeekRecord) -> Audit:
    if record.audit is None:
        record.audit = Audit()
    return record.audit


def apply_answer(record: WeekRecord, practice_id: str, choice: str, day: date) -> None:
    """Record one audit answer and mark the practice answered.

    ``yes`` ticks it (keeping the date of an earlier tick this week), ``no`` marks it
    not done, ``excused`` excuses it this week (a tick shown as the answer so far is taken
    back: the audit asked), ``skip`` leaves its state alone.
    Notes are kept in every case.
    """
    if choice not in CHOICES:
        raise ValueError(f"an audit answer is one of {', '.join(CHOICES)}, not {choice!r}")
    if choice == YES:
        entry = record.practices.get(practice_id)
        kept = entry.date if entry is not None and entry.state == DONE and entry.date else None
        record.tick(practice_id, kept or day)
    elif choice == NO:
        record.untick(practice_id)
    elif choice == EXCUSE:
        if record.is_done(practice_id):  # asked, and answered: it did not happen after all
            record.untick(practice_id)
        record.excuse(practice_id)
    audit = _audit_of(record)
    if practice_id not in audit.answered:
        audit.answered.append(practice_id)


def apply_note(record: WeekRecord, practice_id: str, note: str) -> None:
    """Set (or, with an empty text, clear) the note of a practice this week."""
    note = " ".join(note.split())
    if note or practice_id in record.practices:
        record.set_note(practice_id, note)


def apply_three_questions(record: WeekRecord, answer: str | None, day: date) -> None:
    """Record the Three Career Questions answer; an answer ticks the ``three-questions`` practice."""
    if answer is not None and career_question(answer) is None:
        raise ValueError(f"the Three Questions answer is up, out or adapt, not {answer!r}")
    _audit_of(record).answer = answer
    if answer is not None:
        entry = record.practices.get(THREE_QUESTIONS)
        kept = entry.date if entry is not None and entry.state == DONE and entry.date else None
        record.tick(THREE_QUESTIONS, kept or day)


def apply_reflection(record: WeekRecord, reflection: str) -> None:
    """Keep the line on the week before the audit is closed (so leaving does not lose it)."""
    _audit_of(record).reflection = " ".join(reflection.split())


def complete_audit(record: WeekRecord, reflection: str, intention: str, now: datetime) -> None:
    """Close the audit: the line on the week, next week's intention, and when it was done."""
    audit = _audit_of(record)
    audit.reflection = " ".join(reflection.split())
    audit.intention = " ".join(intention.split())
    audit.completed = now.replace(microsecond=0)


def reopen_audit(record: WeekRecord) -> None:
    """Start the audit of the week again: answers and reflection stay, progress is cleared."""
    if record.audit is not None:
        record.audit.answered = []
        record.audit.completed = None


# the week in review -----------------------------------------------------------------


@dataclass(frozen=True)
class PracticeResult:
    """A practice in the reviewed week: what became of it, with the journal's date and note."""

    practice: Practice
    outcome: str
    state: str | None
    date: date | None
    note: str


@dataclass(frozen=True)
class WeekReview:
    """One week set against the weeks before it."""

    week: Week
    record: WeekRecord
    score: WeekScore
    previous: WeekScore | None
    average: float | None
    """The mean score (0..1) of the counted weeks among the four before, or None."""
    average_weeks: int
    threshold: float
    streak_before: int
    streak_after: int
    longest: int
    momentum_before: int
    momentum_after: int
    results: list[PracticeResult] = field(default_factory=list)
    missed_twice: list[Practice] = field(default_factory=list)
    last_intention: str = ""
    began: Week | None = None
    """For a week before the journal began (not scored): the week it began; None for a scored week."""

    @property
    def is_momentum(self) -> bool:
        return self.score.is_momentum(self.threshold)

    @property
    def done(self) -> list[PracticeResult]:
        return [r for r in self.results if r.outcome == MET]

    @property
    def excused(self) -> list[PracticeResult]:
        return [r for r in self.results if r.state == EXCUSED]

    @property
    def missed(self) -> list[PracticeResult]:
        return [r for r in self.results if r.outcome == MISSED_OUTCOME]

    @property
    def audit(self) -> Audit | None:
        return self.record.audit

    @property
    def change_from_previous(self) -> int | None:
        """Percentage points up (positive) or down from last week, when both were counted."""
        if self.previous is None or self.previous.percent is None or self.score.percent is None:
            return None
        return self.score.percent - self.previous.percent

    @property
    def change_from_average(self) -> int | None:
        if self.average is None or self.score.percent is None:
            return None
        return self.score.percent - percent(self.average)


def practice_results(record: WeekRecord, catalogue: Catalogue, score: WeekScore) -> list[PracticeResult]:
    """Each practice of the week of ``score``: its outcome there, the journal's entry in ``record``."""
    results = []
    for practice in catalogue.in_week(score.week):
        entry = record.practices.get(practice.id)
        results.append(
            PracticeResult(
                practice,
                score.outcomes.get(practice.id, NOT_COUNTED),
                entry.state if entry else None,
                entry.date if entry else None,
                entry.note if entry else "",
            )
        )
    return results


def review_week(
    records: Mapping[Week, WeekRecord],
    catalogue: Catalogue,
    week: Week,
    current: Week,
    threshold: float = DEFAULT_THRESHOLD,
    unreadable: Collection[Week] = (),
) -> WeekReview:
    """Compare ``week`` with the weeks before it; ``current`` is the week in progress.

    Streak and momentum are given twice: as they stood at the end of the week
    before, and with ``week`` added. The week in progress follows the scorecard's
    rules (it can lift a streak or the momentum score, never lower them). Weeks in
    ``unreadable`` (broken files) are unknown, as in the scorecard. A week before the journal
    began is not scored (``began`` says when it did): nothing counted, nothing to compare.
    """
    first = min(current, first_scored(records, current))
    record = records.get(week) or WeekRecord(week)
    if week < first:
        score = WeekScore(week, 0, 0, {practice.id: NOT_SCORED for practice in catalogue.in_week(week)})
        results = practice_results(record, catalogue, score)  # no streak, no momentum: all 0
        return WeekReview(week, record, score, None, None, 0, threshold, 0, 0, 0, 0, 0, results, began=first)
    # a week before ``current`` is over: none of its scores is in progress
    scores = score_weeks(records, catalogue, week, first, unreadable, current=max(week, current))
    this = scores[-1]
    before = scores[:-1]
    streak_before, _ = streaks(before, threshold)
    streak_after, longest = streaks(scores, threshold)
    previous = before[-1] if before and before[-1].week == week.previous() else None
    window = [s for s in before if s.week >= week.shift(-AVERAGE_WEEKS) and s.ratio is not None]
    average = sum(s.ratio for s in window if s.ratio is not None) / len(window) if window else None
    earlier = records.get(week.previous())
    return WeekReview(
        week=week,
        record=record,
        score=this,
        previous=previous,
        average=average,
        average_weeks=len(window),
        threshold=threshold,
        streak_before=streak_before,
        streak_after=streak_after,
        longest=longest,
        momentum_before=momentum(before),
        momentum_after=momentum(scores),
        results=practice_results(record, catalogue, this),
        missed_twice=missed_twice(scores, catalogue),
        last_intention=earlier.audit.intention if earlier and earlier.audit else "",
    )


def missed_twice(scores: Sequence[WeekScore], catalogue: Catalogue) -> list[Practice]:
    """Practices missed in the last of ``scores`` and at their previous counted turn too.

    A turn is a week in which the practice counted (met or missed): every week for a
    weekly one, the month's last week for a monthly one left undone. Excused, away
    and uncounted weeks are stepped over.
    """
    if not scores:
        return []
    found = []
    for practice in catalogue.active:
        if scores[-1].outcomes.get(practice.id) != MISSED_OUTCOME:
            continue
        for score in reversed(scores[:-1]):
            outcome = score.outcomes.get(practice.id)
            if outcome == MET:
                break
            if outcome == MISSED_OUTCOME:
                found.append(practice)
                break
    return found

"""A plausible history of weeks, for ``searchkeeper demo`` and the benchmarks."""

from __future__ import annotations

import random
from datetime import date, datetime, time
from pathlib import Path

from searchkeeper.core.practices import MONTHLY, STANDING, Catalogue
from searchkeeper.core.records import ANSWERS, Audit, WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.storage.journal import Journal
from searchkeeper.storage.workspace import Workspace

NOTES = {
    "marketing-plan": [
        "Walked a former client through the plan",
        "Sent the plan to a new contact from the meetup",
    ],
    "no-job-word": [
        "Talked supply chains for an hour, no job talk",
        "Asked about their hiring process, not openings",
    ],
    "refer-talent": [
        "Sent a strong analyst to the search firm",
        "Introduced a former teammate to a recruiter",
    ],
    "reconnect": ["Coffee with my old team lead", "Called a classmate from the MBA"],
    "give-value": ["Sent an article on pricing to a former boss", "Passed on a lead to a supplier"],
    "lead-with-mission": ["Opened the talk with my mission", "Posted about the problems I solve"],
    "out-of-industry-event": [
        "Climate founders night",
        "Library talk on urban design",
        "Startup pitch evening",
    ],
    "contact-key-partners": ["Monthly round of notes done", "All ten heard from me"],
    "recorded-answers": ["Recorded the 'weakness' answer twice", "Listened back to my pitch"],
    "joined-groups": ["Alumni breakfast", "Association panel"],
    "asked-feedback": ["Asked a mentor about my pitch", "Feedback on the plan from a friend"],
    "three-questions": ["Adapt: shorter pitch", "Move up: aim for lead roles"],
}
REFLECTIONS = ["A steady week", "Quiet start, strong finish", "Too much screen time", "Good conversations"]
INTENTIONS = ["Two coffees with former clients", "One event outside my field", "Record the tough answers"]


def sample_workspace(folder: str | Path) -> Workspace:
    """A workspace in ``folder`` holding a sample year up to today (journal and partners), marked
    ``sample``: what ``searchkeeper demo`` opens the dashboard on."""
    from searchkeeper.storage.partners import PartnerBook
    from searchkeeper.storage.sample_partners import write_sample_partners

    space = Workspace.open(Path(folder) / "data", Path(folder) / "config")
    space.sample = True
    write_sample_history(
        space.journal, space.settings.catalogue, space.this_week, weeks=52, today=space.today
    )
    write_sample_partners(PartnerBook(space.data_dir), space.today)
    return space


def write_sample_history(
    journal: Journal,
    catalogue: Catalogue,
    last: Week,
    weeks: int = 52,
    seed: int = 7,
    today: date | None = None,
) -> list[Week]:
    """Write ``weeks`` weeks ending at ``last`` (the week in progress, left part-done); with
    ``today``, nothing is dated after it."""
    chance = random.Random(seed)
    written = []
    first = last.shift(-(weeks - 1))
    for index, week in enumerate(first.until(last)):
        # A search that finds its feet: patchy at first, steadier as the habits take hold.
        trend = 0.5 + 0.35 * index / max(1, weeks - 1)
        form = min(0.97, max(0.2, trend + chance.uniform(-0.15, 0.15)))
        record = WeekRecord(week)
        if chance.random() < 0.04 and week != last:
            record.away = True
            record.away_note = chance.choice(["Holiday", "Down with flu", "Family visit"])
            journal.write(record)
            written.append(week)
            continue
        share = form if week != last else form * 0.5
        for practice in catalogue.active:
            if practice.cadence == STANDING:
                if week == first:
                    record.tick(practice.id, week.monday)
                continue
            odds = share * (0.4 if practice.cadence == MONTHLY else 1.0)
            roll = chance.random()
            if roll < odds:
                day = week.day(chance.randrange(5))
                if today is not None and day > today:
                    day = today
                note = chance.choice(NOTES.get(practice.id, [""])) if chance.random() < 0.35 else None
                record.tick(practice.id, day, note)
            elif roll > 0.97:
                record.excuse(practice.id, "Nothing on this week")
        if week != last and chance.random() < 0.8:
            record.audit = Audit(
                completed=datetime.combine(week.day(4), time(17, chance.randrange(60))),
                answer=chance.choice(ANSWERS),
                reflection=chance.choice(REFLECTIONS),
                intention=chance.choice(INTENTIONS),
            )
        journal.write(record)
        written.append(week)
    return written

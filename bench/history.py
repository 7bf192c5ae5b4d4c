"""Write a realistic journal of N weeks, through the project's own journal code.

The history is a data directory and a config directory: ``config.yaml`` adds a few
practices of the user's own (so the catalogue has more than the thirteen built in),
and one YAML file per week is written by ``Journal.write`` (the bulk) and
``Journal.update`` (the week in progress, as a user ticking from a shell would).

About 60% of the counted practices are done, a third of the done ones carry a note,
most past weeks are audited, a few are away, a few practices are excused. The same
``seed`` gives the same files.

Use from the command line::

    python bench/history.py DIR --weeks 520 [--today 2026-11-27]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from searchkeeper.core.practices import MONTHLY, STANDING
from searchkeeper.core.records import ANSWERS, Audit, WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.storage.sample import INTENTIONS, NOTES, REFLECTIONS
from searchkeeper.storage.workspace import Workspace

TODAY = date(2026, 11, 27)
"""The benchmark's pinned today: a Friday (the default audit day), in 2026-W48."""

CONFIG = """\
threshold: 60
audit_day: friday
practices:
  portfolio:
    group: maintenance
    title: Add to the portfolio
    question: Did you add a piece of work to your portfolio this week?
    why: Fresh work shows you are active and gives people something to pass on.
    cadence: weekly
  mock-interview:
    group: habits
    title: A mock interview
    question: Did you rehearse an interview with someone this month?
    cadence: monthly
  recorded-answers:
    cadence: weekly
"""
"""Two practices of the user's own and one reworded built-in."""

EXTRA_NOTES = [
    "Followed up the next morning",
    "Short, but worth it",
    "Asked for two introductions",
    "Wrote it up in the tracker",
]


@dataclass(frozen=True)
class Shape:
    """How the generated weeks look."""

    done: float = 0.6
    notes: float = 1 / 3
    audited: float = 0.85
    away: float = 0.03
    excused: float = 0.03


@dataclass(frozen=True)
class Folders:
    data_dir: Path
    config_dir: Path


def write_history(
    root: Path, weeks: int, today: date = TODAY, seed: int = 11, shape: Shape = Shape()
) -> Folders:
    """Write ``weeks`` weeks ending with the week of ``today`` under ``root``; return the folders."""
    folders = Folders(Path(root) / "data", Path(root) / "config")
    folders.config_dir.mkdir(parents=True, exist_ok=True)
    (folders.config_dir / "config.yaml").write_text(CONFIG, encoding="utf-8")
    space = Workspace.open(folders.data_dir, folders.config_dir, on=today)
    chance = random.Random(seed)
    last = space.this_week
    first = last.shift(-(weeks - 1))
    for week in first.until(last):
        record = _week(week, first, last, today, space, chance, shape)
        if week == last:
            space.journal.update(week, lambda on_disk, fresh=record: _copy(fresh, on_disk))
        else:
            space.journal.write(record)
    return folders


def _week(
    week: Week, first: Week, last: Week, today: date, space: Workspace, chance: random.Random, shape: Shape
) -> WeekRecord:
    record = WeekRecord(week)
    if week != last and chance.random() < shape.away:
        record.away = True
        record.away_note = chance.choice(["Holiday", "Down with flu", "Family visit", "Moving house"])
        return record
    days = 7 if week != last else today.weekday() + 1
    for practice in space.settings.catalogue.active:
        if practice.cadence == STANDING:
            if week == first:
                record.tick(practice.id, week.monday, "Set up once")
            continue
        odds = shape.done * (0.45 if practice.cadence == MONTHLY else 1.0)
        roll = chance.random()
        if roll < odds:
            day = week.day(chance.randrange(days))
            note = None
            if chance.random() < shape.notes:
                note = chance.choice(NOTES.get(practice.id, EXTRA_NOTES))
            record.tick(practice.id, day, note)
        elif roll > 1 - shape.excused:
            record.excuse(practice.id, "Nothing on this week")
    if week != last and chance.random() < shape.audited:
        record.audit = Audit(
            completed=datetime.combine(week.day(4), time(17, chance.randrange(60))),
            answer=chance.choice(ANSWERS),
            reflection=chance.choice(REFLECTIONS),
            intention=chance.choice(INTENTIONS),
            answered=[p.id for p in space.settings.catalogue.active if chance.random() < 0.5],
        )
    return record


def _copy(source: WeekRecord, target: WeekRecord) -> None:
    target.practices = source.practices
    target.away, target.away_note = source.away, source.away_note
    target.audit = source.audit


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a benchmark history of N weeks.")
    parser.add_argument("root", type=Path, help="folder to write data/ and config/ into")
    parser.add_argument("--weeks", type=int, default=520)
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    folders = write_history(args.root, args.weeks, args.today, args.seed)
    print(f"{args.weeks} weeks in {folders.data_dir} (config in {folders.config_dir})")


if __name__ == "__main__":
    main()

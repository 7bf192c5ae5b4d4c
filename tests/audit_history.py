"""A hand-built history for the audit, review and week-report tests.

Only the nine weekly practices count (the four monthly and standing ones were
retired in the config before this history begins), so every score below can be worked out by hand:

=========  ==========================================  =====================
week       what happened                               score
=========  ==========================================  =====================
2026-W43   all nine done                               9/9  100%
2026-W44   six done                                    6/9   67%
2026-W45   away (holiday)                              —
2026-W46   three done                                  3/9   33%
2026-W47   six done, audited: intention "Two coffees"  6/9   67%
2026-W48   six done, one excused (the week audited)    6/8   75%
=========  ==========================================  =====================

``recorded-answers`` and ``asked-feedback`` are missed in both W47 and W48.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from conftest import WEEKLY

from searchkeeper.core.records import Audit, WeekRecord
from searchkeeper.core.weeks import Week
from searchkeeper.storage.journal import Journal

RETIRED_CONFIG = """\
practices:
  local-number: {retired: 2026-W01}
  refer-talent: {retired: 2026-W01}
  contact-key-partners: {retired: 2026-W01}
  joined-groups: {retired: 2026-W01}
"""
W = Week.parse


def write_history(data_dir: Path, config_dir: Path) -> Journal:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "config.yaml").write_text(RETIRED_CONFIG, encoding="utf-8")
    journal = Journal(data_dir)

    def week(key: str, done: list[str], **changes) -> WeekRecord:
        record = WeekRecord(W(key))
        for index, practice_id in enumerate(done):
            record.tick(practice_id, record.week.day(index % 5))
        for name, value in changes.items():
            setattr(record, name, value)
        return record

    journal.write(week("2026-W43", WEEKLY))
    journal.write(week("2026-W44", WEEKLY[:6]))
    journal.write(week("2026-W45", [], away=True, away_note="Holiday"))
    journal.write(week("2026-W46", WEEKLY[:3]))
    w47 = week(
        "2026-W47",
        WEEKLY[:6],
        audit=Audit(
            completed=datetime(2026, 11, 20, 17, 5),
            answer="up",
            reflection="Good talks",
            intention="Two coffees with former clients",
        ),
    )
    journal.write(w47)
    w48 = week("2026-W48", ["marketing-plan", "no-job-word", "reconnect", "give-value", "lead-with-mission"])
    w48.tick("three-questions", W("2026-W48").day(4))
    w48.set_note("marketing-plan", "Walked Priya through the plan")
    w48.excuse("out-of-industry-event", "Nothing on in town")
    journal.write(w48)
    return journal

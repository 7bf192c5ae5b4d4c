"""The automatic monthly tick of ``contact-key-partners``, and the user's own entries winning over it.

Today is Friday 2026-11-27, in 2026-W48, the last week of November. November's weeks are
W45 (2–8 Nov) to W48; W44 (26 Oct – 1 Nov) belongs to October, the month of its Thursday.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from searchkeeper.core.key_partners import PRACTICE_ID, is_auto, month_of, progress
from searchkeeper.core.partners import Partner, Touch
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.core.weeks import Week
from searchkeeper.storage.partners import PartnerBook
from searchkeeper.storage.workspace import Workspace

W44, W45, W46, W47, W48 = (Week(2026, n) for n in (44, 45, 46, 47, 48))
NOVEMBER = (2026, 11)


def add(space: Workspace, name: str, rhythm: str, *days: date, added: date = date(2026, 9, 1)) -> None:
    person = Partner(name, "former-client", Rhythm.parse(rhythm), "email", added=added)
    for day in days:
        person.log(Touch(day, "email", "News they could use"))
    PartnerBook(space.data_dir).update(lambda roster: roster.add(person))


def outcome(space: Workspace, week: Week) -> str:
    return space.summary().score_for(week).outcomes[PRACTICE_ID]


def start_journal(space: Workspace) -> None:
    """A week ticked in October, so scoring runs from there."""
    space.journal.update(Week(2026, 40), lambda r: r.tick("reconnect", date(2026, 9, 30)))


def test_the_month_is_met_in_the_week_the_last_key_partner_heard_from_you(space: Workspace) -> None:
    start_journal(space)
    add(space, "Ana", "key", date(2026, 11, 4))
    add(space, "Bo", "key", date(2026, 11, 18), date(2026, 11, 25))
    add(space, "Cy", "close")  # not key: not needed
    assert outcome(space, W47) == "met"
    assert outcome(space, W45) == "not-counted"
    assert outcome(space, W48) == "not-counted"  # the month's last week: already met
    entry = space.history().records[W47].practices[PRACTICE_ID]
    assert is_auto(entry) and entry.date == date(2026, 11, 18)
    assert entry.note == "All 2 key partners contacted this month"
    assert not space.journal.path_for(W47).exists()  # nothing written


def test_one_key_partner_without_a_touch_leaves_the_month_missed(space: Workspace) -> None:
    start_journal(space)
    add(space, "Ana", "key", date(2026, 11, 4))
    add(space, "Bo", "key", date(2026, 10, 28))
    assert outcome(space, W48) == "missed"
    assert progress(PartnerBook(space.data_dir).load(), NOVEMBER).label == "1 of 2 key partners"
    assert progress(PartnerBook(space.data_dir).load(), NOVEMBER).waiting == ("Bo",)


def test_an_explicit_untick_wins_over_the_automatic_tick(space: Workspace) -> None:
    start_journal(space)
    add(space, "Ana", "key", date(2026, 11, 4))
    add(space, "Bo", "key", date(2026, 11, 18))
    space.journal.update(W47, lambda r: r.untick(PRACTICE_ID))
    before = space.journal.path_for(W47).read_bytes()
    assert outcome(space, W47) == "not-counted"
    assert outcome(space, W48) == "missed"
    assert not is_auto(space.history().records[W47].practices[PRACTICE_ID])
    assert space.journal.path_for(W47).read_bytes() == before


def test_an_explicit_tick_wins_and_the_month_is_not_ticked_twice(space: Workspace) -> None:
    start_journal(space)
    add(space, "Ana", "key", date(2026, 11, 4))
    add(space, "Bo", "key", date(2026, 11, 18))
    space.journal.update(W46, lambda r: r.tick(PRACTICE_ID, date(2026, 11, 12), "Round of notes"))
    assert outcome(space, W46) == "met"
    assert outcome(space, W47) == "not-counted"
    assert W47 not in space.history().records


def test_an_explicit_tick_in_the_same_week_keeps_the_users_note(space: Workspace) -> None:
    start_journal(space)
    add(space, "Ana", "key", date(2026, 11, 4))
    add(space, "Bo", "key", date(2026, 11, 18))
    space.journal.update(W47, lambda r: r.tick(PRACTICE_ID, date(2026, 11, 19), "Called them all"))
    entry = space.history().records[W47].practices[PRACTICE_ID]
    assert not is_auto(entry) and entry.note == "Called them all" and entry.date == date(2026, 11, 19)
    assert outcome(space, W47) == "met"


def test_an_excuse_wins_too(space: Workspace) -> None:
    start_journal(space)
    add(space, "Ana", "key", date(2026, 11, 18))
    space.journal.update(W47, lambda r: r.excuse(PRACTICE_ID, "Ill all week"))
    assert outcome(space, W47) == "excused"


def test_retired_and_later_partners_do_not_hold_a_month_back(space: Workspace) -> None:
    start_journal(space)
    add(space, "Ana", "key", date(2026, 10, 7), date(2026, 11, 4))
    add(space, "Bo", "key", date(2026, 10, 21))
    add(space, "Cy", "key", added=date(2026, 11, 10))  # joined in November
    add(space, "Dee", "key")  # never touched, then retired
    PartnerBook(space.data_dir).update(lambda r: setattr(r.get("Dee"), "retired", True))
    assert outcome(space, Week(2026, 43)) == "met"  # October: Ana and Bo were the key partners
    assert outcome(space, W48) == "missed"  # November also needs Bo and Cy


def test_a_touch_belongs_to_the_month_of_its_week(space: Workspace) -> None:
    start_journal(space)
    assert month_of(date(2026, 11, 1)) == (2026, 10)  # Sunday of W44, an October week
    add(space, "Ana", "key", date(2026, 11, 1))
    assert outcome(space, W44) == "met"
    assert outcome(space, W48) == "missed"


def test_no_key_partner_means_no_automatic_tick(space: Workspace) -> None:
    start_journal(space)
    add(space, "Ana", "close", date(2026, 11, 4))
    assert outcome(space, W48) == "missed"


def test_a_retired_practice_is_never_ticked(data_dir: Path, config_dir: Path, write_config) -> None:
    write_config("practices:\n  contact-key-partners: {retired: true}\n")
    space = Workspace.open(data_dir, config_dir, on=date(2026, 11, 27))
    start_journal(space)
    add(space, "Ana", "key", date(2026, 11, 4))
    assert all(PRACTICE_ID not in r.practices for r in space.history().records.values())


def test_nothing_is_ticked_before_the_month_the_journal_starts_in(space: Workspace) -> None:
    add(space, "Ana", "key", date(2026, 9, 9), date(2026, 11, 4), date(2026, 11, 25))
    assert sorted(space.history().records) == [W45]  # a new journal: this month only
    space.journal.update(W47, lambda r: r.tick("reconnect", date(2026, 11, 18)))
    # the journal starts in W47; November was met in W45, before it: not scored, not missed at its end
    assert sorted(space.history().records) == [W45, W47]
    assert space.summary().score_for(W45) is None
    assert outcome(space, W48) == "not-counted"


def test_a_broken_partners_file_adds_nothing_and_harms_nothing(space: Workspace, cli) -> None:
    start_journal(space)
    space.data_dir.mkdir(exist_ok=True)
    broken = space.data_dir / "partners.yaml"
    broken.write_text("partners:\n  - name: Ana\n    rhythm: key\n    touches: [\n", encoding="utf-8")
    before = broken.read_bytes()
    assert outcome(space, W48) == "missed"
    result = cli("tick", "contact-key", "--note", "Did them all by hand")
    assert result.code == 0, result.err
    assert outcome(space, W48) == "met"
    assert cli("status").code == 0
    assert broken.read_bytes() == before


def test_scoring_reads_nothing_into_the_journal_files(space: Workspace) -> None:
    start_journal(space)
    add(space, "Ana", "key", date(2026, 11, 18))
    files = {path: path.read_bytes() for path in space.journal.files()}
    space.summary()
    assert {path: path.read_bytes() for path in space.journal.files()} == files


def test_laying_the_tick_again_follows_the_file(space: Workspace) -> None:
    from searchkeeper.storage.partners import history_with_partners

    start_journal(space)
    add(space, "Ana", "key", date(2026, 11, 18))
    once = space.history()
    again = history_with_partners(once, space.data_dir, space.settings.catalogue, space.this_week)
    assert again.records == once.records
    PartnerBook(space.data_dir).update(lambda r: r.get("Ana").touches.clear())
    after = history_with_partners(once, space.data_dir, space.settings.catalogue, space.this_week)
    assert W47 not in after.records  # the week held only the automatic tick
    assert W47 in once.records  # the earlier history object is left as it was

"""Networking partners in the core: rhythms and due dates, the partners file, its errors."""

from __future__ import annotations

import multiprocessing
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchkeeper.core.errors import SearchkeeperError
from searchkeeper.core.partners import Partner, PartnersError, Roster, Touch, UnknownPartner, overdue_line
from searchkeeper.core.rhythm import Rhythm, add_months
from searchkeeper.storage.partners import PartnerBook

TODAY = date(2026, 11, 27)


def partner(name: str, rhythm: str = "key", *touches: date, added: date | None = None) -> Partner:
    person = Partner(name, "former-colleague", Rhythm.parse(rhythm), added=added)
    for day in touches:
        person.log(Touch(day, "email"))
    return person


# rhythms and due dates ----------------------------------------------------------


@pytest.mark.parametrize(
    ("rhythm", "last", "due"),
    [
        ("key", date(2026, 1, 31), date(2026, 2, 28)),  # clamped to February's end
        ("key", date(2028, 1, 31), date(2028, 2, 29)),  # a leap year
        ("key", date(2026, 3, 31), date(2026, 4, 30)),
        ("key", date(2026, 12, 15), date(2027, 1, 15)),  # across the year end
        ("monthly", date(2026, 12, 31), date(2027, 1, 31)),
        ("close", date(2026, 12, 31), date(2027, 2, 28)),
        ("close", date(2026, 11, 30), date(2027, 1, 30)),
        ("close", date(2026, 6, 10), date(2026, 8, 10)),
        ("distant", date(2026, 10, 31), date(2027, 2, 28)),
        ("distant", date(2026, 12, 31), date(2027, 4, 30)),
        ("distant", date(2027, 10, 31), date(2028, 2, 29)),
        ("6w", date(2026, 12, 20), date(2027, 1, 31)),
        ("1w", date(2026, 12, 28), date(2027, 1, 4)),
        ("3 weeks", date(2026, 2, 20), date(2026, 3, 13)),
    ],
)
def test_due_is_one_rhythm_after_the_last_touch(rhythm: str, last: date, due: date) -> None:
    person = partner("Ana", rhythm, last - timedelta(days=40), last)
    assert person.due(TODAY) == due


def test_a_partner_never_touched_is_due_from_the_day_they_were_added() -> None:
    assert partner("Ana", "distant", added=date(2026, 11, 2)).due(TODAY) == date(2026, 11, 2)
    assert partner("Ana", "distant", added=date(2026, 11, 2)).overdue_by(TODAY) == 25
    assert partner("Bo", "key").due(TODAY) == TODAY  # no added date: due now
    assert partner("Bo", "key").days_since(TODAY) is None


def test_an_early_or_unplanned_touch_restarts_the_clock() -> None:
    person = partner("Ana", "close", date(2026, 9, 1))
    assert person.due(TODAY) == date(2026, 11, 1)
    person.log(Touch(date(2026, 9, 20), "phone", "Met by chance at the fair"))
    assert person.due(TODAY) == date(2026, 11, 20)
    assert person.days_since(TODAY) == 68


def test_touches_logged_out_of_order_are_kept_in_date_order() -> None:
    person = partner("Ana", "key", date(2026, 11, 10), date(2026, 10, 1))
    person.log(Touch(date(2026, 10, 20)))
    assert [t.date.day for t in person.touches] == [1, 20, 10]
    assert person.last_touch.date == date(2026, 11, 10)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 48))
def test_adding_months_lands_in_the_right_month_and_never_past_the_day(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
    assert moved.day == day.day or (moved + timedelta(days=1)).month != moved.month


@pytest.mark.parametrize("text", ["", "weekly", "0w", "200w", "-3w", "every month", "3m"])
def test_a_rhythm_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Rhythm.parse(text)


def test_rhythm_words() -> None:
    assert Rhythm.parse("Monthly") == Rhythm.parse("key")
    assert Rhythm.parse("6 weeks").text == "6w" == Rhythm.parse(6).text
    assert Rhythm.parse("close").label == "close · every 2 months"


def test_the_list_puts_the_most_overdue_first_and_leaves_out_the_retired() -> None:
    roster = Roster(
        [
            partner("Cy", "key", date(2026, 11, 20)),
            partner("Ana", "key", date(2026, 10, 15)),
            partner("Bo", "6w", date(2026, 10, 13)),
            partner("Dee", "key", date(2026, 9, 1)),
        ]
    )
    roster.partners[3].retired = True
    assert [p.name for p in roster.by_due(TODAY)] == ["Ana", "Bo", "Cy"]
    assert overdue_line(roster, TODAY) == "2 partners overdue: Ana (12 days), Bo (3 days)"
    roster.partners[0].touches.clear()
    roster.partners[0].added = TODAY
    assert overdue_line(Roster(roster.partners[:1]), TODAY) is None


def test_names_resolve_by_unique_prefix_in_any_case() -> None:
    roster = Roster([partner("Ana Ruiz"), partner("Alex Kim"), partner("Bo Chen"), partner("Ana")])
    assert roster.find("bo").name == "Bo Chen"
    assert roster.find("ANA").name == "Ana"  # a full name wins over longer ones
    assert roster.find("ana r").name == "Ana Ruiz"
    with pytest.raises(UnknownPartner, match="several partners: Ana Ruiz, Alex Kim, Ana"):
        roster.find("a")
    with pytest.raises(UnknownPartner, match="no partner matches 'zed'"):
        roster.find("zed")


def test_a_retired_partner_is_found_only_when_no_active_one_matches() -> None:
    roster = Roster([partner("Ana Ruiz"), partner("Anders")])
    roster.partners[1].retired = True
    assert roster.find("an").name == "Ana Ruiz"
    assert roster.find("and").name == "Anders"


# the file -------------------------------------------------------------------------


def test_a_roster_survives_the_round_trip_and_keeps_keys_it_does_not_know(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "partners.yaml"
    path.write_text(
        "format: 1\n"
        "owner: me\n"
        "partners:\n"
        "  - name: Ana Ruiz\n"
        "    kind: former-boss\n"
        "    rhythm: key\n"
        "    linkedin: https://example.org/ana\n"
        "    touches:\n"
        "      - date: 2026-11-03\n"
        "        channel: email\n"
        "        value: Sent the pricing article\n"
        "        mood: warm\n",
        encoding="utf-8",
    )
    book = PartnerBook(data_dir)
    book.log_touch("ana", date(2026, 11, 20), "phone", "Coffee")
    text = path.read_text(encoding="utf-8")
    assert "owner: me" in text and "linkedin: https://example.org/ana" in text and "mood: warm" in text
    roster = book.load()
    assert [(t.date.day, t.channel, t.value) for t in roster.get("ana ruiz").touches] == [
        (3, "email", "Sent the pricing article"),
        (20, "phone", "Coffee"),
    ]


def test_no_file_is_an_empty_roster(data_dir: Path) -> None:
    assert len(PartnerBook(data_dir).load()) == 0
    assert not PartnerBook(data_dir).exists()


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("partners:\n  - name: Ana\n    rhythm: fortnightly\n", 3, "a rhythm is key"),
        ("partners:\n  - name: Ana\n  - name: Bo\n    kind: friend\n", 4, "kind must be one of"),
        ("partners:\n  - name: Ana\n    touches:\n      - date: soon\n", 4, "a touch needs a 'date'"),
        ("partners:\n  - name: Ana\n    touches:\n      - {date: 2026-11-03, channel: fax}\n", 4, "channel"),
        ("partners:\n  - name: Ana\n  - name: ana\n", 3, "listed twice"),
        ("partners:\n  - kind: recruiter\n", 2, "needs a 'name'"),
        ("partners: {name: Ana}\n", 1, "'partners' must be a list"),
        ("partners:\n  - name: Ana\n    retired: maybe\n", 3, "true or false"),
        ("partners:\n  - name: [Ana\n", 3, ""),
        ("format: 9\npartners: []\n", 1, "newer than"),
    ],
)
def test_a_broken_file_names_the_line_and_is_never_rewritten(
    data_dir: Path, text: str, line: int, reason: str
) -> None:
    data_dir.mkdir()
    path = data_dir / "partners.yaml"
    path.write_text(text, encoding="utf-8")
    book = PartnerBook(data_dir)
    with pytest.raises(PartnersError) as caught:
        book.load()
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{path}:{line}: ")
    with pytest.raises(PartnersError):
        book.log_touch("Ana", TODAY)
    assert path.read_text(encoding="utf-8") == text


def test_adding_a_name_twice_is_refused_whatever_its_case(data_dir: Path) -> None:
    book = PartnerBook(data_dir)
    book.update(lambda roster: roster.add(Partner("Ana Ruiz")))
    with pytest.raises(SearchkeeperError, match="already a partner called 'Ana Ruiz'"):
        book.update(lambda roster: roster.add(Partner("ana ruiz ")))
    assert len(book.load()) == 1


def _touch_many(data_dir: str, name: str, count: int) -> None:
    book = PartnerBook(Path(data_dir))
    for day in range(1, count + 1):
        book.log_touch(name, date(2026, 10, day), value=f"{name} {day}")


def test_two_processes_logging_at_once_lose_nothing(data_dir: Path) -> None:
    book = PartnerBook(data_dir)
    book.update(lambda roster: (roster.add(Partner("Ana")), roster.add(Partner("Bo"))))
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_touch_many, args=(str(data_dir), who, 25)) for who in ("Ana", "Bo")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    roster = book.load()
    assert len(roster.get("Ana").touches) == 25
    assert len(roster.get("Bo").touches) == 25


def test_one_date_shared_by_many_partners_is_written_plainly(data_dir: Path) -> None:
    start = date(2026, 1, 5)
    book = PartnerBook(data_dir)

    def fill(roster: Roster) -> None:
        for name in ("Ana", "Bo", "Cy"):
            person = Partner(name, added=start)
            person.log(Touch(start, "email"))
            roster.add(person)

    book.update(fill)
    assert "&" not in book.path.read_text(encoding="utf-8")
    assert [p.added for p in book.load()] == [start] * 3


def test_the_sample_campaign_reads_back(data_dir: Path) -> None:
    from searchkeeper.storage.sample_partners import write_sample_partners

    written = write_sample_partners(PartnerBook(data_dir), TODAY)
    roster = PartnerBook(data_dir).load()
    assert len(roster) == len(written) == 12
    assert roster.overdue(TODAY) and len(roster.key) <= 10
    assert all(t.date <= TODAY for p in roster for t in p.touches)

"""``searchkeeper calendar PATH.ics``: written by the app, read back with ``icalendar``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest

from searchkeeper.reports.calendar import escape, fold


@pytest.fixture
def partners(cli):
    assert cli("partners", "add", "Ana Ruiz", "--kind", "former-boss", "--rhythm", "key",
               "--notes", "COO now; ask about Lisbon, maybe").code == 0  # fmt: skip
    assert cli("partners", "add", "Bo Chen", "--kind", "recruiter", "--rhythm", "6w").code == 0
    assert cli("partners", "add", "Old Friend", "--kind", "classmate", "--rhythm", "distant").code == 0
    assert cli("partners", "retire", "old").code == 0
    assert (
        cli("touch", "ana", "--date", "2026-11-20", "--channel", "email", "--note", "Sent the piece").code
        == 0
    )
    assert cli("touch", "bo", "--date", "2026-10-13").code == 0  # overdue since 11-24
    return cli


def export(cli, path: Path, *options: str) -> icalendar.Calendar:
    result = cli("calendar", str(path), *options)
    assert result.code == 0, result.err
    return icalendar.Calendar.from_ical(path.read_bytes())


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_each_active_partner_and_the_weekly_audit(partners, tmp_path: Path) -> None:
    found = events(export(partners, tmp_path / "sk.ics"))
    assert set(found) == {
        "Get in touch with Ana Ruiz",
        "Get in touch with Bo Chen",
        "Friday audit: look back on the week",
    }
    ana = found["Get in touch with Ana Ruiz"]
    assert ana.decoded("DTSTART") == date(2026, 12, 20)  # a month after the last touch
    description = str(ana["DESCRIPTION"])
    assert "Last touch 2026-11-20 by email: Sent the piece" in description
    assert "key · monthly" in description and "COO now; ask about Lisbon, maybe" in description
    (alarm,) = ana.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    bo = found["Get in touch with Bo Chen"]
    assert bo.decoded("DTSTART") == date(2026, 11, 27)  # overdue: today
    assert "overdue 3 days (on 2026-11-24)" in str(bo["DESCRIPTION"])


def test_the_audit_recurs_weekly_on_the_audit_day_at_the_time_asked(
    partners, tmp_path: Path, write_config
) -> None:
    audit = events(export(partners, tmp_path / "sk.ics"))["Friday audit: look back on the week"]
    assert audit.decoded("DTSTART") == datetime(2026, 11, 27, 17, 0)
    assert audit["RRULE"]["FREQ"] == ["WEEKLY"] and audit["RRULE"]["BYDAY"] == ["FR"]
    assert audit.walk("VALARM")
    write_config("audit_day: sunday\n")
    audit = events(export(partners, tmp_path / "sk.ics", "--audit-time", "08:30"))[
        "Sunday audit: look back on the week"
    ]
    assert audit.decoded("DTSTART") == datetime(2026, 11, 29, 8, 30)
    assert audit["RRULE"]["BYDAY"] == ["SU"]


def test_uids_stay_across_exports_and_a_retired_partner_goes(partners, tmp_path: Path) -> None:
    path = tmp_path / "sk.ics"
    first = {str(e["SUMMARY"]): str(e["UID"]) for e in export(partners, path).walk("VEVENT")}
    assert partners("touch", "bo").code == 0  # a new due date, the same event
    second = export(partners, path)
    again = {str(e["SUMMARY"]): str(e["UID"]) for e in second.walk("VEVENT")}
    assert again == first and len(set(first.values())) == 3
    assert events(second)["Get in touch with Bo Chen"].decoded("DTSTART") == date(2027, 1, 8)
    assert partners("partners", "retire", "ana").code == 0
    third = {str(e["UID"]) for e in export(partners, path).walk("VEVENT")}
    assert third == set(first.values()) - {first["Get in touch with Ana Ruiz"]}


def test_the_file_is_crlf_lines_of_at_most_75_octets(partners, tmp_path: Path) -> None:
    notes = "Ça va — " * 29 + "ça va"
    assert partners("partners", "edit", "ana", "--notes", notes).code == 0
    path = tmp_path / "sk.ics"
    export(partners, path)
    data = path.read_bytes()
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    data.decode("utf-8")  # no character cut in two
    ana = events(icalendar.Calendar.from_ical(data))["Get in touch with Ana Ruiz"]
    assert str(ana["DESCRIPTION"]).endswith(notes)
    assert not list(tmp_path.glob(".*"))  # written atomically: no temporary left beside it


def test_a_calendar_without_partners_holds_the_audit(cli, tmp_path: Path) -> None:
    assert [str(e["UID"]) for e in export(cli, tmp_path / "sk.ics").walk("VEVENT")] == ["audit@searchkeeper"]


def test_a_missing_folder_or_bad_time_is_one_line(cli, tmp_path: Path) -> None:
    result = cli("calendar", str(tmp_path / "nowhere" / "sk.ics"))
    assert result.code == 1 and result.err.count("\n") == 1
    assert cli("calendar", str(tmp_path / "sk.ics"), "--audit-time", "25:00").code == 2


def test_escape_and_fold() -> None:
    assert escape("a,b;c\\d\ne\r\nf\x1bg") == "a\\,b\\;c\\\\d\\ne\\nfg"
    line = "DESCRIPTION:" + "é" * 60
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert fold("SHORT:x") == "SHORT:x"


def test_a_broken_partners_file_writes_no_calendar(partners, tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "sk.ics"
    export(partners, path)
    before = path.read_bytes()
    (data_dir / "partners.yaml").write_text("partners: [\n", encoding="utf-8")
    result = partners("calendar", str(path))
    assert result.code == 1 and "partners.yaml" in result.err
    assert path.read_bytes() == before  # the calendar keeps its events rather than losing them all

"""``searchkeeper calendar PATH.ics``: partners' follow-ups and the weekly audit, as iCalendar.

An RFC 5545 file a calendar app can import or subscribe to: for each active partner
an all-day event on the day they are due (today, for one already overdue), with a
reminder that morning; and a weekly event on the audit day at the time asked for.

UIDs are stable, so exporting again updates the events instead of adding copies:
a partner's is made from their name (names are unique in ``partners.yaml``; a
renamed partner is a new event), the audit's is fixed. A retired partner's event
is simply no longer in the file. The format is written here, it is small: lines
end in CRLF and are folded at 75 octets (never inside a character), and text
values escape ``\\``, ``;``, ``,`` and newlines.
"""

from __future__ import annotations

import unicodedata
import uuid
from datetime import UTC, date, datetime, time, timedelta

from searchkeeper.core.audit_phrase import audit_day_of
from searchkeeper.core.partners import CHANNEL_LABELS, KIND_LABELS, Partner, Roster, due_text
from searchkeeper.core.weeks import Week

PRODID = "-//searchkeeper//searchkeeper calendar//EN"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://searchkeeper.invalid/calendar")
"""The namespace of the UIDs (a name of our own, never looked up)."""
AUDIT_UID = "audit@searchkeeper"
AUDIT_MINUTES = 30
PARTNER_REMINDER = "PT9H"
"""A partner's reminder: at nine in the morning of the day (the event starts at midnight)."""
AUDIT_REMINDER = "-PT10M"
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
LIMIT = 75
"""The most octets a line may have, its CRLF left out (RFC 5545, 3.1)."""


def escape(text: str) -> str:
    """A TEXT value: ``\\``, ``;``, ``,`` and newlines escaped, other control characters left out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    for plain, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(plain, escaped)
    return text


def fold(line: str) -> str:
    """``line`` folded into lines of at most 75 octets, each after the first starting with a space."""
    data = line.encode("utf-8")
    parts, start, room = [], 0, LIMIT
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: break before its character
            end -= 1
        parts.append(data[start:end])
        start, room = end, LIMIT - 1  # the leading space takes one
    parts.append(data[start:])
    return "\r\n ".join(part.decode("utf-8") for part in parts)


def partner_uid(partner: Partner) -> str:
    return f"partner-{uuid.uuid5(NAMESPACE, partner.name.strip().casefold())}@searchkeeper"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _day(day: date) -> str:
    return day.strftime("%Y%m%d")


def _alarm(trigger: str, text: str) -> list[str]:
    return [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape(text)}",
        f"TRIGGER:{trigger}",
        "END:VALARM",
    ]


def partner_event(partner: Partner, today: date, stamp: str) -> list[str]:
    """An all-day event on the day ``partner`` is due (today when overdue), with a reminder."""
    due = partner.due(today)
    day = max(due, today)
    last = partner.last_touch
    if last is None:
        touched = "No touch yet."
    else:
        how = f" by {CHANNEL_LABELS.get(last.channel, last.channel)}" if last.channel else ""
        touched = f"Last touch {last.date.isoformat()}{how}" + (f": {last.value}" if last.value else ".")
    lines = [
        touched,
        f"Rhythm: {partner.rhythm.label}.",
        f"{KIND_LABELS.get(partner.kind, partner.kind).capitalize()}; {due_text(partner, today)} (on {due.isoformat()}).",
    ]
    if partner.notes:
        lines.append(partner.notes)
    summary = f"Get in touch with {partner.name}"
    return [
        "BEGIN:VEVENT",
        f"UID:{partner_uid(partner)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(day)}",
        f"DTEND;VALUE=DATE:{_day(day + timedelta(days=1))}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(chr(10).join(lines))}",
        "CATEGORIES:searchkeeper",
        "TRANSP:TRANSPARENT",
        *_alarm(PARTNER_REMINDER, summary),
        "END:VEVENT",
    ]


def audit_event(week: Week, audit_day: int, at: time, stamp: str) -> list[str]:
    """The weekly audit: from ``week``'s audit day on, every week, at ``at`` (local time)."""
    start = datetime.combine(audit_day_of(week, audit_day), at)
    end = start + timedelta(minutes=AUDIT_MINUTES)
    summary = f"{start:%A} audit: look back on the week"
    text = "A few minutes with the practices of the week, one at a time: run 'searchkeeper audit'."
    return [
        "BEGIN:VEVENT",
        f"UID:{AUDIT_UID}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{start:%Y%m%dT%H%M%S}",
        f"DTEND:{end:%Y%m%dT%H%M%S}",
        f"RRULE:FREQ=WEEKLY;BYDAY={BYDAY[start.weekday()]}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(text)}",
        "CATEGORIES:searchkeeper",
        *_alarm(AUDIT_REMINDER, summary),
        "END:VEVENT",
    ]


def calendar_text(roster: Roster, today: date, audit_day: int, at: time, now: datetime) -> str:
    """The whole file: every active partner's event, then the weekly audit's; CRLF line ends."""
    stamp = _stamp(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:searchkeeper",
    ]
    for partner in roster.by_due(today):
        lines += partner_event(partner, today, stamp)
    lines += audit_event(Week.of(today), audit_day, at, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)

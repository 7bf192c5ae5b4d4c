"""Networking partners: the people of the relationship campaign, and ``partners.yaml``.

The file lives in the data directory beside the journal and looks like this
(keys in this order; a key the app does not know is kept on rewrite)::

    format: 1
    partners:
      - name: Ana Ruiz
        kind: former-boss
        rhythm: key              # key (monthly), close (2 months), distant (4 months), or 6w
        channel: phone           # the way you usually reach them
        notes: Now COO at a logistics firm
        added: 2026-01-05
        touches:
          - date: 2026-11-03
            channel: email
            value: Sent the freight pricing article she asked about

Every change goes through ``PartnerBook.update``: it takes the data directory's
lock (the one the journal uses), reads the file fresh, applies the change and
writes atomically, so the dashboard and a ``touch`` from a shell never lose each
other's change. A file that does not load raises ``PartnersError`` and is never
rewritten.

A partner is due one rhythm after their last touch; an early or unplanned touch
restarts the clock. A partner never touched yet is due from the day they were
added (or today, when the file does not say).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import yaml

from searchkeeper.core.errors import FileProblem, SearchkeeperError
from searchkeeper.core.paths import PARTNERS_NAME
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.core.store import Journal
from searchkeeper.core.yamlfile import atomic_write, dump, read_document

FORMAT = 1
FILE_NAME = PARTNERS_NAME
KINDS = ("former-client", "former-boss", "former-colleague", "supplier-partner", "recruiter", "classmate")
KIND_LABELS = {
    "former-client": "former client or customer",
    "former-boss": "former boss",
    "former-colleague": "former colleague or report",
    "supplier-partner": "supplier or business partner",
    "recruiter": "recruiter or head-hunter",
    "classmate": "classmate or association peer",
}
CHANNELS = ("email", "phone", "post", "video", "message", "in-person")
CHANNEL_LABELS = {
    "email": "email",
    "phone": "phone call",
    "post": "card or letter",
    "video": "video call",
    "message": "instant message",
    "in-person": "face to face",
}
_PARTNER_KEYS = ("name", "kind", "rhythm", "channel", "notes", "added", "retired", "touches")
_TOUCH_KEYS = ("date", "channel", "value")
_TOP_KEYS = ("format", "partners")

T = TypeVar("T")


class PartnersError(FileProblem):
    """``partners.yaml`` does not load or does not validate. It is never overwritten."""


class UnknownPartner(SearchkeeperError):
    """A name (or prefix) that matches no partner, or more than one."""

    def __init__(self, given: str, candidates: list[str]) -> None:
        self.given = given
        self.candidates = candidates
        if candidates:
            message = f"'{given}' matches several partners: {', '.join(candidates)}"
        else:
            message = f"no partner matches '{given}' (see 'searchkeeper partners')"
        super().__init__(message)


@dataclass
class Touch:
    """One contact with a partner: when, how, and what of value you brought."""

    date: date
    channel: str | None = None
    value: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Partner:
    """Someone in the campaign: who they are to you, how often, how, and every touch so far."""

    name: str
    kind: str = "former-colleague"
    rhythm: Rhythm = field(default_factory=Rhythm)
    channel: str | None = None
    notes: str = ""
    added: date | None = None
    retired: bool = False
    touches: list[Touch] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def last_touch(self) -> Touch | None:
        return max(self.touches, key=lambda touch: touch.date) if self.touches else None

    def due(self, today: date) -> date:
        """The day this partner should next hear from you."""
        last = self.last_touch
        if last is not None:
            return self.rhythm.after(last.date)
        return self.added or today

    def days_since(self, today: date) -> int | None:
        """Days since the last touch, or None if there has been none."""
        last = self.last_touch
        return None if last is None else (today - last.date).days

    def overdue_by(self, today: date) -> int:
        """Days past the due date (0 when not overdue)."""
        return max(0, (today - self.due(today)).days)

    def is_due(self, today: date) -> bool:
        return not self.retired and self.due(today) <= today

    def log(self, touch: Touch) -> None:
        """Add a touch, keeping touches in date order (a touch on the same day goes after)."""
        index = len(self.touches)
        while index > 0 and self.touches[index - 1].date > touch.date:
            index -= 1
        self.touches.insert(index, touch)

    @property
    def since(self) -> date | None:
        """The first day this partner was in the campaign: added, or their first touch if earlier."""
        days = [touch.date for touch in self.touches]
        if self.added is not None:
            days.append(self.added)
        return min(days) if days else None


@dataclass
class Roster:
    """Everything ``partners.yaml`` holds."""

    partners: list[Partner] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Partner]:
        return iter(self.partners)

    def __len__(self) -> int:
        return len(self.partners)

    @property
    def active(self) -> list[Partner]:
        return [partner for partner in self.partners if not partner.retired]

    @property
    def key(self) -> list[Partner]:
        """The active partners on the monthly (key) rhythm."""
        return [partner for partner in self.active if partner.rhythm.is_key]

    def get(self, name: str) -> Partner | None:
        wanted = name.strip().casefold()
        for partner in self.partners:
            if partner.name.casefold() == wanted:
                return partner
        return None

    def find(self, given: str) -> Partner:
        """The partner named ``given``: the full name, or a prefix of only one name (any case).

        Active partners are searched first; retired ones only when no active one matches.
        """
        wanted = given.strip().casefold()
        if not wanted:
            raise UnknownPartner(given, [])
        for pool in (self.active, [p for p in self.partners if p.retired]):
            exact = [partner for partner in pool if partner.name.casefold() == wanted]
            if len(exact) == 1:
                return exact[0]
            matches = [partner for partner in pool if partner.name.casefold().startswith(wanted)]
            if len(matches) == 1:
                return matches[0]
            if matches:
                raise UnknownPartner(given, [partner.name for partner in matches])
        raise UnknownPartner(given, [])

    def add(self, partner: Partner) -> Partner:
        name = partner.name.strip()
        if not name:
            raise SearchkeeperError("a partner needs a name")
        if self.get(name) is not None:
            raise SearchkeeperError(f"there is already a partner called '{self.get(name).name}'")
        partner.name = name
        self.partners.append(partner)
        return partner

    def rename(self, partner: Partner, name: str) -> None:
        name = name.strip()
        if not name:
            raise SearchkeeperError("a partner needs a name")
        other = self.get(name)
        if other is not None and other is not partner:
            raise SearchkeeperError(f"there is already a partner called '{other.name}'")
        partner.name = name

    def by_due(self, today: date) -> list[Partner]:
        """Active partners, soonest due first (so the most overdue lead), then by name."""
        return sorted(self.active, key=lambda p: (p.due(today), p.name.casefold()))

    def overdue(self, today: date) -> list[Partner]:
        """Active partners past their due date, most overdue first."""
        return [partner for partner in self.by_due(today) if partner.due(today) < today]


def due_text(partner: Partner, today: date) -> str:
    """``overdue 12 days``, ``due today``, ``due in 5 days`` or ``retired``."""
    if partner.retired:
        return "retired"
    days = (partner.due(today) - today).days
    if days < 0:
        return f"overdue {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "due today"
    return f"due in {days} day{'s' if days != 1 else ''}"


def since_text(partner: Partner, today: date) -> str:
    days = partner.days_since(today)
    if days is None:
        return "never touched"
    return f"{days} day{'s' if days != 1 else ''} since last touch"


def parse_touch_day(given: str | None, today: date) -> date:
    """A touch's day from the user's words; never in the future."""
    if given in (None, "", "today"):
        return today
    if given == "yesterday":
        return today - timedelta(days=1)
    try:
        day = date.fromisoformat(given or "")
    except ValueError:
        raise SearchkeeperError(f"{given!r} is not a date like 2026-11-27 (or today, yesterday)") from None
    if day > today:
        raise SearchkeeperError(f"{day} is in the future; log a touch once it has happened")
    return day


def overdue_line(roster: Roster, today: date, limit: int = 3) -> str | None:
    """``2 partners overdue: Ana Ruiz (12 days), Bo Chen (3 days)``, or None if nobody is."""
    late = roster.overdue(today)
    if not late:
        return None
    named = [f"{p.name} ({_days(p.overdue_by(today))})" for p in late[:limit]]
    more = f" and {len(late) - limit} more" if len(late) > limit else ""
    noun = "partner" if len(late) == 1 else "partners"
    return f"{len(late)} {noun} overdue: {', '.join(named)}{more}"


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


# the file -------------------------------------------------------------------


_SNAPSHOTS: dict[Path, tuple[tuple[int, int, int], Roster | PartnersError]] = {}


def read_roster(data_dir: Path) -> Roster:
    """The roster for reading only, re-read from disk only when the file changed.

    For the screens that redraw often (and ``status``): one ``stat`` when nothing
    changed. An empty roster when there is no file; ``PartnersError`` when it is
    broken. Never change what it returns: changes go through ``PartnerBook.update``.
    """
    path = Path(data_dir) / FILE_NAME
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Roster()
    except OSError as error:
        raise PartnersError(path, f"cannot read: {error.strerror or error}") from None
    stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
    cached = _SNAPSHOTS.get(path)
    if cached is None or cached[0] != stamp:
        try:
            result: Roster | PartnersError = PartnerBook(Path(data_dir)).load()
        except PartnersError as problem:
            result = problem
        cached = (stamp, result)
        _SNAPSHOTS[path] = cached
    if isinstance(cached[1], PartnersError):
        raise cached[1]
    return cached[1]


def touches_in(roster: Roster, first: date, last: date) -> list[tuple[Partner, Touch]]:
    """Every touch dated from ``first`` to ``last`` (both included), in date order."""
    found = [
        (partner, touch)
        for partner in roster.partners
        for touch in partner.touches
        if first <= touch.date <= last
    ]
    return sorted(found, key=lambda pair: pair[1].date)


class PartnerBook:
    """``partners.yaml`` in one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)

    @property
    def path(self) -> Path:
        return self.data_dir / FILE_NAME

    def exists(self) -> bool:
        return self.path.is_file()

    def load(self) -> Roster:
        """The roster (empty when there is no file); ``PartnersError`` if the file is broken."""
        try:
            data, node = read_document(self.path, PartnersError)
        except FileNotFoundError:
            return Roster()
        return from_data(data, node, self.path)

    def update(self, change: Callable[[Roster], T]) -> T:
        """Apply ``change`` to the roster as it is on disk now, save it, and return what it returned."""
        with Journal(self.data_dir).locked():
            roster = self.load()
            result = change(roster)
            atomic_write(self.path, dump(to_data(roster)))
        return result

    def log_touch(
        self, given: str, day: date, channel: str | None = None, value: str = ""
    ) -> tuple[Partner, Touch]:
        """Record a touch with the partner ``given`` names (a unique prefix works)."""
        if channel is not None and channel not in CHANNELS:
            raise SearchkeeperError(f"channel must be one of {', '.join(CHANNELS)}, not '{channel}'")

        def change(roster: Roster) -> tuple[Partner, Touch]:
            partner = roster.find(given)
            touch = Touch(day, channel or partner.channel, value.strip())
            partner.log(touch)
            return copy.deepcopy(partner), touch

        return self.update(change)


def to_data(roster: Roster) -> dict[str, Any]:
    """The roster as plain data, keys in the file's order."""
    partners = []
    for partner in roster.partners:
        item: dict[str, Any] = {"name": partner.name, "kind": partner.kind, "rhythm": partner.rhythm.text}
        if partner.channel:
            item["channel"] = partner.channel
        if partner.notes:
            item["notes"] = partner.notes
        if partner.added is not None:
            item["added"] = _fresh(partner.added)
        if partner.retired:
            item["retired"] = True
        touches = []
        for touch in partner.touches:
            entry: dict[str, Any] = {"date": _fresh(touch.date)}
            if touch.channel:
                entry["channel"] = touch.channel
            if touch.value:
                entry["value"] = touch.value
            entry.update(touch.extra)
            touches.append(entry)
        item["touches"] = touches
        item.update(partner.extra)
        partners.append(item)
    data: dict[str, Any] = {"format": FORMAT, "partners": partners}
    data.update(roster.extra)
    return data


def _fresh(day: date) -> date:
    """A date object of its own: the YAML dumper writes an object met twice as an alias,
    which the reader (rightly) refuses."""
    return date(day.year, day.month, day.day)


def _node_at(node: yaml.Node | None, *path: str | int) -> yaml.Node | None:
    """The node at ``path`` (mapping keys and sequence indexes), as far as it goes."""
    for step in path:
        if isinstance(step, int) and isinstance(node, yaml.SequenceNode) and step < len(node.value):
            node = node.value[step]
        elif isinstance(step, str) and isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == step:
                    node = value_node
                    break
            else:
                break
        else:
            break
    return node


def from_data(data: Any, node: yaml.Node | None, path: Path) -> Roster:
    """Validate loaded YAML and build the roster; raise ``PartnersError`` naming the line."""

    def fail(reason: str, *where: str | int) -> PartnersError:
        found = _node_at(node, *where)
        line = found.start_mark.line + 1 if found is not None and found.start_mark else None
        return PartnersError(path, reason, line)

    if data is None:
        return Roster()
    if not isinstance(data, dict):
        raise fail("the partners file must be a mapping with a 'partners' list")
    version = data.get("format", FORMAT)
    if not isinstance(version, int) or isinstance(version, bool):
        raise fail("'format' must be a whole number", "format")
    if version > FORMAT:
        raise fail(f"format {version} is newer than this searchkeeper reads ({FORMAT})", "format")
    items = data.get("partners") or []
    if not isinstance(items, list):
        raise fail("'partners' must be a list, one '- name: …' item per person", "partners")
    roster = Roster(extra={k: v for k, v in data.items() if k not in _TOP_KEYS})
    for index, item in enumerate(items):
        partner = _partner(item, lambda reason, *k, i=index: fail(reason, "partners", i, *k))
        if roster.get(partner.name) is not None:
            raise fail(f"'{partner.name}' is listed twice", "partners", index, "name")
        roster.partners.append(partner)
    return roster


def _text(value: Any, fail: Callable[[], PartnersError]) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise fail()


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def _choice(value: Any, allowed: tuple[str, ...], what: str, fail: Callable[..., PartnersError]) -> str:
    if value not in allowed:
        raise fail(f"{what} must be one of {', '.join(allowed)}, not {value!r}", what)
    return value


def _partner(item: Any, fail: Callable[..., PartnersError]) -> Partner:
    if not isinstance(item, dict):
        raise fail("each partner must be a mapping with at least a name")
    name = _text(item.get("name"), lambda: fail("'name' must be text", "name")).strip()
    if not name:
        raise fail("a partner needs a 'name'")
    kind = _choice(item.get("kind", "former-colleague"), KINDS, "kind", fail)
    try:
        rhythm = Rhythm.parse(item.get("rhythm", "key"))
    except ValueError as error:
        raise fail(str(error), "rhythm") from None
    channel = item.get("channel")
    if channel is not None:
        channel = _choice(channel, CHANNELS, "channel", fail)
    notes = _text(item.get("notes"), lambda: fail("'notes' must be text", "notes"))
    added = item.get("added")
    if added is not None:
        added = _day(added)
        if added is None:
            raise fail("'added' must be a date like 2026-01-05", "added")
    retired = item.get("retired", False)
    if not isinstance(retired, bool):
        raise fail("'retired' must be true or false", "retired")
    touches_data = item.get("touches") or []
    if not isinstance(touches_data, list):
        raise fail("'touches' must be a list of '- date: …' items", "touches")
    touches = [
        _touch(entry, lambda reason, *k, i=index: fail(reason, "touches", i, *k))
        for index, entry in enumerate(touches_data)
    ]
    extra = {k: v for k, v in item.items() if k not in _PARTNER_KEYS}
    return Partner(name, kind, rhythm, channel, notes, added, retired, touches, extra)


def _touch(entry: Any, fail: Callable[..., PartnersError]) -> Touch:
    if not isinstance(entry, dict):
        raise fail("each touch must be a mapping with a date")
    day = _day(entry.get("date"))
    if day is None:
        raise fail("a touch needs a 'date' like 2026-11-03", "date")
    channel = entry.get("channel")
    if channel is not None:
        channel = _choice(channel, CHANNELS, "channel", fail)
    value = _text(entry.get("value"), lambda: fail("'value' must be text", "value"))
    extra = {k: v for k, v in entry.items() if k not in _TOUCH_KEYS}
    return Touch(day, channel, value, extra)

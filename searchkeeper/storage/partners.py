"""``partners.yaml``: the networking partners' file in the data directory, read and written.

The file looks like this (keys in this order; a key the app does not know is kept
on rewrite)::

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

Every change goes through ``PartnerBook.update``: it takes the data folder's write
lock (the one the journal uses), reads the file fresh, applies the change, writes
atomically and drops the status line kept in the index, so the dashboard and a
``touch`` from a shell never lose each other's change. A file that does not load
raises ``PartnersError`` and is never rewritten.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from searchkeeper.core.errors import SearchkeeperError
from searchkeeper.core.key_partners import with_partners
from searchkeeper.core.partners import (
    _PARTNER_KEYS,
    _TOP_KEYS,
    _TOUCH_KEYS,
    CHANNELS,
    FORMAT,
    KINDS,
    Partner,
    PartnersError,
    Roster,
    Touch,
)
from searchkeeper.core.practices import Catalogue
from searchkeeper.core.records import History
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.core.weeks import FIRST_YEAR, LAST_YEAR, Week, sane_day
from searchkeeper.storage.index import drop_line
from searchkeeper.storage.lock import locked
from searchkeeper.storage.paths import PARTNERS_NAME
from searchkeeper.storage.stamps import clock, kept, stamp_of, unchanged
from searchkeeper.storage.yamlfile import line_of, read_document, text_of, write_yaml

if TYPE_CHECKING:  # annotations only
    import yaml

T = TypeVar("T")


_SNAPSHOTS: dict[Path, tuple[list[int], Roster | PartnersError]] = {}


def read_roster(data_dir: Path) -> Roster:
    """The roster for reading only (never change it: ``PartnerBook.update`` does), read again only
    when the file changed (``stamps``), for the screens that redraw often; empty when there is no
    file, ``PartnersError`` when it is broken."""
    path = Path(data_dir) / PARTNERS_NAME
    now = clock()
    try:
        stamp = stamp_of(os.stat(path))
    except FileNotFoundError:
        return Roster()
    except OSError as error:
        raise PartnersError(path, f"cannot read: {error.strerror or error}") from None
    cached = _SNAPSHOTS.get(path)
    if cached is None or not unchanged(cached[0], stamp, str(path)):
        seen = kept(stamp, str(path), now)  # its CRC read before the file is parsed
        try:
            result: Roster | PartnersError = PartnerBook(Path(data_dir)).load()
        except PartnersError as problem:
            result = problem
        cached = (seen, result)
        _SNAPSHOTS[path] = cached
    if isinstance(cached[1], PartnersError):
        raise cached[1]
    return cached[1]


class PartnerBook:
    """``partners.yaml`` in one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)

    @property
    def path(self) -> Path:
        return self.data_dir / PARTNERS_NAME

    def exists(self) -> bool:
        return self.path.is_file()

    def load(self) -> Roster:
        """The roster (empty when there is no file); ``PartnersError`` if the file is broken."""
        try:
            data, node = read_document(self.path, PartnersError)
        except FileNotFoundError:
            return Roster()
        return from_data(data, node, self.path)

    def update(self, change: Callable[[Roster], T], wait: float | None = None) -> T:
        """Apply ``change`` to the roster as it is on disk now, save it, and return what it returned;
        ``wait``: for the write lock (``lock.locked``)."""
        with locked(self.data_dir, self.path, wait):
            roster = self.load()
            result = change(roster)
            write_yaml(self.path, to_data(roster))
            drop_line(self.data_dir)  # it was made from the file before
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


def from_data(data: Any, node: yaml.Node | None, path: Path) -> Roster:
    """Validate loaded YAML and build the roster; raise ``PartnersError`` naming the line."""

    def fail(reason: str, *where: str | int) -> PartnersError:
        return PartnersError(path, reason, line_of(node, *where))

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
    name = text_of(item.get("name"), lambda: fail("'name' must be text", "name")).strip()
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
    notes = text_of(item.get("notes"), lambda: fail("'notes' must be text", "notes"))
    added = item.get("added")
    if added is not None:
        added = _day(added)
        if added is None:
            raise fail("'added' must be a date like 2026-01-05", "added")
        if not sane_day(added):
            raise fail(f"'added' {added} is not in the years {FIRST_YEAR}–{LAST_YEAR}", "added")
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
    if not sane_day(day):
        raise fail(f"the touch date {day} is not in the years {FIRST_YEAR}–{LAST_YEAR}", "date")
    channel = entry.get("channel")
    if channel is not None:
        channel = _choice(channel, CHANNELS, "channel", fail)
    value = text_of(entry.get("value"), lambda: fail("'value' must be text", "value"))
    extra = {k: v for k, v in entry.items() if k not in _TOUCH_KEYS}
    return Touch(day, channel, value, extra)


def history_with_partners(history: History, data_dir: Path, catalogue: Catalogue, current: Week) -> History:
    """The history with the month's automatic ticks from ``partners.yaml``; a broken file adds
    nothing (the dashboard and ``partners`` report it)."""
    try:
        roster = read_roster(data_dir)
    except PartnersError:
        roster = Roster()
    return with_partners(history, roster, catalogue, current)

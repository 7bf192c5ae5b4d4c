"""``searchkeeper partners`` and ``searchkeeper touch``: the relationship campaign from a shell.

Registered in ``commands.ALL`` by name, and imported only when one of them runs.
Rich is imported only when a table is printed to a terminal.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from searchkeeper.cli.commands import locations, workspace
from searchkeeper.core.errors import SearchkeeperError
from searchkeeper.core.key_partners import campaign_advice, month_of, progress
from searchkeeper.core.partners import (
    CHANNEL_LABELS,
    CHANNELS,
    KINDS,
    Partner,
    Roster,
    due_text,
    parse_touch_day,
    since_text,
)
from searchkeeper.core.prefix import one_of
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.reports.visible import visible
from searchkeeper.storage.partners import PartnerBook

RHYTHM_HELP = "key (monthly), close (every two months), distant (every four months), or N weeks like 6w"


def _rhythm(text: str) -> Rhythm:
    try:
        return Rhythm.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _kind(text: str) -> str:
    return _one_of(text, KINDS, "kind")


def _channel(text: str) -> str:
    return _one_of(text, CHANNELS, "channel")


def _one_of(text: str, names: tuple[str, ...], what: str) -> str:
    try:
        return one_of(text, names, what)
    except SearchkeeperError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


KIND_HELP = f"who they are to you: {', '.join(KINDS)} (a unique prefix works)"
CHANNEL_HELP = f"{', '.join(CHANNELS)} (a unique prefix works)"


def _name(words: list[str]) -> str:
    return " ".join(words).strip()


# partners ---------------------------------------------------------------------


def _partners_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--due", action="store_true", help="only the partners due now or overdue")
    parser.add_argument("--all", action="store_true", help="include retired partners")
    actions = parser.add_subparsers(dest="partners_action", metavar="ACTION")

    add = actions.add_parser("add", help="add a partner to the campaign", description="add a partner")
    add.add_argument("name", nargs="+", metavar="NAME", help="their name (quotes optional)")
    add.add_argument(
        "--kind", type=_kind, choices=KINDS, metavar="KIND", help=f"{KIND_HELP}; default {Partner.kind}"
    )
    add.add_argument("--rhythm", type=_rhythm, metavar="R", help=f"{RHYTHM_HELP}; default key")
    add.add_argument(
        "--channel",
        type=_channel,
        choices=CHANNELS,
        metavar="HOW",
        help=f"how you usually reach them: {CHANNEL_HELP}",
    )
    add.add_argument("--notes", metavar="TEXT", default="", help="where they are now, what you share")
    locations(add, argparse.SUPPRESS, shown=False)

    edit = actions.add_parser("edit", help="change a partner's details", description="change a partner")
    edit.add_argument("name", nargs="+", metavar="NAME", help="their name, or a unique prefix of it")
    edit.add_argument("--rename", metavar="NEW", help="a new name")
    edit.add_argument("--kind", type=_kind, choices=KINDS, metavar="KIND", help=KIND_HELP)
    edit.add_argument("--rhythm", type=_rhythm, metavar="R", help=RHYTHM_HELP)
    edit.add_argument("--channel", type=_channel, choices=CHANNELS, metavar="HOW", help=CHANNEL_HELP)
    edit.add_argument("--notes", metavar="TEXT")
    locations(edit, argparse.SUPPRESS, shown=False)

    retire = actions.add_parser(
        "retire", help="take a partner out of the campaign (their touches stay)", description="retire"
    )
    retire.add_argument("name", nargs="+", metavar="NAME", help="their name, or a unique prefix of it")
    retire.add_argument("--undo", action="store_true", help="bring them back into the campaign")
    locations(retire, argparse.SUPPRESS, shown=False)


def _partners(args: argparse.Namespace) -> int:
    actions = {"add": _add, "edit": _edit, "retire": _retire}
    return actions.get(getattr(args, "partners_action", None), _list)(args)


def _list(args: argparse.Namespace) -> int:
    space = workspace(args)
    roster = PartnerBook(space.data_dir).load()
    today = space.today
    shown = roster.by_due(today)
    if args.due:
        shown = [partner for partner in shown if partner.is_due(today)]
    if args.all and not args.due:
        shown += sorted((p for p in roster.partners if p.retired), key=lambda p: p.name.casefold())
    if not roster.partners:
        print("No partners yet. Add one: searchkeeper partners add NAME --kind former-boss --rhythm key")
        return 0
    if not sys.stdout.isatty():
        for partner in shown:
            print(plain_line(partner, today))
        return 0
    if shown:
        _print_table(shown, today)
    else:
        upcoming = roster.by_due(today)
        later = f" Next: {visible(upcoming[0].name)}, {due_text(upcoming[0], today)}." if upcoming else ""
        print(f"Nobody is due now.{later}")
    _print_campaign(roster, today)
    return 0


def plain_line(partner: Partner, today: date) -> str:
    """One line per partner, for pipes and scripts: fields apart by tabs, none holding one."""
    last = partner.last_touch
    parts = [
        partner.name,
        partner.rhythm.text,
        f"due {partner.due(today).isoformat()}",
        due_text(partner, today),
        f"last {last.date.isoformat()}" if last else "last never",
        since_text(partner, today),
        partner.kind,
        partner.channel or "-",
    ]
    return "\t".join(map(visible, parts))


def _print_table(partners: list[Partner], today: date) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for heading in ("Name", "Rhythm", "Due", "", "Last touch", "Since", "Kind", "Channel"):
        table.add_column(heading, no_wrap=heading in ("Due", "Last touch"))
    for partner in partners:
        status = due_text(partner, today)
        style = "red" if status.startswith("overdue") else ("yellow" if status == "due today" else "")
        last = partner.last_touch
        days = partner.days_since(today)
        table.add_row(
            escape(visible(partner.name)),
            partner.rhythm.label,
            partner.due(today).isoformat(),
            f"[{style}]{status}[/]" if style else status,
            last.date.isoformat() if last else "never",
            "" if days is None else f"{days} d",
            partner.kind,
            partner.channel or "",
            style="dim" if partner.retired else None,
        )
    Console().print(table)


def _print_campaign(roster: Roster, today: date) -> None:
    """The month's progress, and advice when too many partners are marked key."""
    done = progress(roster, month_of(today))
    if done.total:
        waiting = f" (waiting: {', '.join(done.waiting)})" if done.waiting else ""
        print(visible(f"This month: {done.label} contacted{waiting}"))
    advice = campaign_advice(roster)
    if advice:
        print(advice)


def _add(args: argparse.Namespace) -> int:
    space = workspace(args)
    given = {"kind": args.kind, "rhythm": args.rhythm}  # left out: the core's defaults, as in the dashboard
    details = {key: value for key, value in given.items() if value is not None}
    partner = Partner(
        _name(args.name), **details, channel=args.channel, notes=args.notes.strip(), added=space.today
    )
    PartnerBook(space.data_dir).update(lambda roster: roster.add(partner))
    print(visible(f"Added {partner.name} ({partner.kind}, {partner.rhythm.label}): due now, say hello"))
    return 0


def _edit(args: argparse.Namespace) -> int:
    space = workspace(args)

    def change(roster: Roster) -> Partner:
        partner = roster.find(_name(args.name))
        if args.rename is not None:
            roster.rename(partner, args.rename)
        for detail in ("kind", "rhythm", "channel"):
            if getattr(args, detail) is not None:
                setattr(partner, detail, getattr(args, detail))
        if args.notes is not None:
            partner.notes = args.notes.strip()
        return partner

    partner = PartnerBook(space.data_dir).update(change)
    due = partner.due(space.today)
    print(visible(f"{partner.name}: {partner.kind}, {partner.rhythm.label}, next due {due}"))
    return 0


def _retire(args: argparse.Namespace) -> int:
    space = workspace(args)

    def change(roster: Roster) -> Partner:
        partner = roster.find(_name(args.name))
        partner.retired = not args.undo
        return partner

    partner = PartnerBook(space.data_dir).update(change)
    if args.undo:
        print(visible(f"{partner.name} is back in the campaign, due {partner.due(space.today)}"))
    else:
        print(visible(f"{partner.name} retired: out of the campaign, their touches kept"))
    return 0


# touch --------------------------------------------------------------------------


def _touch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="+", metavar="NAME", help="their name, or a unique prefix of it")
    parser.add_argument(
        "--channel",
        type=_channel,
        choices=CHANNELS,
        metavar="HOW",
        help=f"{CHANNEL_HELP}; default their usual one",
    )
    parser.add_argument(
        "--note", "--value", dest="note", metavar="TEXT", default="", help="what of value you brought them"
    )
    parser.add_argument("--date", metavar="D", help="when: YYYY-MM-DD, today or yesterday (default today)")


def _touch(args: argparse.Namespace) -> int:
    space = workspace(args)
    day = parse_touch_day(args.date, space.today)
    book = PartnerBook(space.data_dir)
    partner, touch = book.log_touch(_name(args.name), day, args.channel, args.note)
    how = f" ({CHANNEL_LABELS.get(touch.channel, touch.channel)})" if touch.channel else ""
    value = f" — {touch.value}" if touch.value else ""
    print(visible(f"Touched {partner.name} on {touch.date}{how}{value}"))
    print(f"Next due {partner.due(space.today)} ({partner.rhythm.label})")
    if partner.rhythm.is_key:
        done = progress(book.load(), month_of(touch.date))
        print(f"Key partners that month: {done.label} contacted")
    return 0

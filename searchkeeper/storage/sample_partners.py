"""A plausible relationship campaign, for ``searchkeeper demo``: a dozen partners and a year of touches."""

from __future__ import annotations

import random
from datetime import date, timedelta

from searchkeeper.core.partners import Partner, Roster, Touch
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.storage.partners import PartnerBook

PEOPLE = [
    ("Ana Ruiz", "former-boss", "key", "phone", "Now COO at a freight firm; likes pricing news"),
    ("Bo Lindqvist", "former-client", "key", "email", "Runs procurement at the hospital group"),
    ("Chidi Okafor", "former-colleague", "key", "in-person", "Sat next to me for four years"),
    ("Dana Weiss", "recruiter", "key", "phone", "Supply-chain search specialist"),
    ("Eitan Mor", "supplier-partner", "key", "video", "Sales director at our old software vendor"),
    ("Fiona Grant", "classmate", "key", "message", "MBA study group; now in venture"),
    ("Gus Tan", "former-client", "key", "email", "Regional manager, retail chain"),
    ("Hana Sato", "former-boss", "close", "post", "Retired chair; still on two boards"),
    ("Ivan Petrov", "former-colleague", "close", "message", "Moved to the Berlin office"),
    ("Jo Mensah", "recruiter", "close", "email", "Generalist firm, sends the odd lead"),
    ("Kai Brandt", "classmate", "distant", "email", "Association panel co-speaker"),
    ("Lena Fox", "supplier-partner", "6w", "phone", "Logistics consultant, shares tenders"),
]
VALUES = [
    "Sent an article on near-shoring",
    "Passed on a lead for a consultant they need",
    "Shared the association's salary survey",
    "Asked for advice on a pricing model",
    "Introduced them to a former teammate",
    "Told them about my new certification",
    "Sent local news about their competitor",
    "Card with a cutting from the trade press",
    "",
]
CHANNEL_MIX = ["email", "phone", "message", "video", "in-person", "post"]


def sample_roster(today: date, weeks: int = 52, seed: int = 24) -> Roster:
    """Partners added at the start of the sample year, touched roughly on rhythm, a few behind now."""
    chance = random.Random(seed)
    start = today - timedelta(weeks=weeks - 1)
    roster = Roster()
    for index, (name, kind, rhythm, channel, notes) in enumerate(PEOPLE):
        partner = Partner(name, kind, Rhythm.parse(rhythm), channel, notes, added=start)
        day = start + timedelta(days=chance.randrange(10))
        slack = 0.6 if index in (3, 8) else 0.15  # two partners drift behind
        while True:
            due = partner.rhythm.after(day) if partner.touches else day
            day = due + timedelta(days=chance.randrange(-9, 6))
            if chance.random() < slack:
                day += timedelta(days=chance.randrange(10, 25))
            if day > today:
                break
            channel_used = channel if chance.random() < 0.6 else chance.choice(CHANNEL_MIX)
            partner.log(Touch(day, channel_used, chance.choice(VALUES)))
        roster.partners.append(partner)
    return roster


def write_sample_partners(book: PartnerBook, today: date, weeks: int = 52, seed: int = 24) -> Roster:
    """Write ``sample_roster`` to ``book`` (replacing what is there) and return it."""
    roster = sample_roster(today, weeks, seed)
    book.update(lambda current: setattr(current, "partners", roster.partners))
    return roster

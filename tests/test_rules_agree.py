"""One rule, every screen: the dashboard's row, the report and the audit say the same of a week,
and an untick writes the same file whichever way it was given.

Today is Friday 2026-11-27, in 2026-W48, the last week of November.
"""

from __future__ import annotations

import json
import re
from datetime import date

from conftest import read_yaml, settle, shell

from searchkeeper.core.weeks import Week
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.screens.audit import AuditScreen
from searchkeeper.tui.widgets.practice_row import PracticeRow

W46, W48 = Week(2026, 46), Week(2026, 48)
AUDIT_ORDER = [
    "marketing-plan",
    "local-number",
    "no-job-word",
    "refer-talent",
    "reconnect",
    "give-value",
    "lead-with-mission",
    "out-of-industry-event",
    "contact-key-partners",
]
"""The first practices the audit asks about, in its order (the catalogue's)."""


def report_outcome(space: Workspace, practice_id: str) -> str:
    report = json.loads(shell(space, "report", "--week", "this", "--format", "json"))
    return next(item["outcome"] for item in report["practices"] if item["id"] == practice_id)


async def row_status(space: Workspace, practice_id: str) -> tuple[bool, str]:
    """``(done, status words)`` of the practice's row on this week's screen."""
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.screen.query_one(f"#practice-{practice_id}", PracticeRow).view
        return view.done, view.status


async def audit_says(space: Workspace, practice_id: str) -> str:
    """The audit's "So far" line for the practice, reached by skipping the ones before it."""
    app = SearchkeeperApp(space, screen="audit")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AuditScreen)
        await pilot.press(*"s" * AUDIT_ORDER.index(practice_id))
        await pilot.pause()
        text = str(app.screen.query_one("#audit-text").render())
    found = re.search(r"So far: (.+)", text)
    assert found is not None, text
    return found.group(1).strip()


def write_week(space: Workspace, text: str, week: Week) -> None:
    path = space.journal.path_for(week)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


async def test_a_monthly_practice_done_in_an_away_week_counts_for_its_month_everywhere(space) -> None:
    write_week(
        space,
        "format: 1\nweek: 2026-W46\naway: true\n"
        "practices:\n  refer-talent:\n    state: done\n    date: 2026-11-12\n",
        W46,
    )
    done, status = await row_status(space, "refer-talent")
    assert done and status == "monthly · done this month (W46)"
    assert report_outcome(space, "refer-talent") == "not-counted"  # not missed at the month's end
    assert await audit_says(space, "refer-talent") == "already done this month on Thu 12 Nov"


def add_key_partner_touched_in_november(space: Workspace) -> None:
    shell(space, "tick", "reconnect", "--week", "2026-W44")  # a journal that starts in October
    shell(space, "partners", "add", "Ana Ruiz", "--kind", "former-boss", "--rhythm", "key")
    shell(space, "touch", "ana", "--date", "2026-11-25")  # this week: the month is met in W48


async def test_the_automatic_key_partners_tick_is_the_same_in_the_row_the_report_and_the_audit(space) -> None:
    add_key_partner_touched_in_november(space)
    done, status = await row_status(space, "contact-key-partners")
    assert done and "1 of 1 key partner" in status
    assert report_outcome(space, "contact-key-partners") == "met"
    assert (
        await audit_says(space, "contact-key-partners")
        == "done automatically: key partner contacted this month"
    )


async def test_a_no_in_the_audit_overrules_the_automatic_tick_as_the_row_and_report_show(space) -> None:
    add_key_partner_touched_in_november(space)
    app = SearchkeeperApp(space, screen="audit")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"s" * AUDIT_ORDER.index("contact-key-partners"), "n", "escape")
        await settle(pilot)
    assert read_yaml(space.journal.path_for(W48))["practices"]["contact-key-partners"] == {"state": "missed"}
    assert report_outcome(space, "contact-key-partners") == "open"  # the month's last week, not done yet
    done, _ = await row_status(space, "contact-key-partners")
    assert not done


async def untick_in_dashboard(space: Workspace) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        app.screen.query_one("#practice-reconnect", PracticeRow).focus()
        await pilot.press("space")
        await settle(pilot)


async def untick_in_audit(space: Workspace) -> None:
    app = SearchkeeperApp(space, screen="audit")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"s" * AUDIT_ORDER.index("reconnect"), "n", "escape")
        await settle(pilot)


async def test_an_untick_writes_the_same_entry_from_the_shell_the_dashboard_and_the_audit(
    tmp_path, monkeypatch
) -> None:
    written = {}
    for how in ("shell", "dashboard", "audit"):
        space = Workspace.open(tmp_path / how / "data", tmp_path / how / "config", on=date(2026, 11, 27))
        shell(space, "tick", "reconnect", "--note", "Coffee with Ana")
        if how == "shell":
            shell(space, "tick", "reconnect", "--undo")
        elif how == "dashboard":
            await untick_in_dashboard(space)
        else:
            await untick_in_audit(space)
        written[how] = read_yaml(space.journal.path_for(W48))["practices"]["reconnect"]
    assert written["shell"] == {"state": "missed", "note": "Coffee with Ana"}
    assert written["dashboard"] == written["shell"] == written["audit"]

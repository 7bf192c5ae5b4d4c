"""The partners screen and the campaign on the week screen, driven with real keys; partners.yaml is
read back from disk after each change. Today is Friday 2026-11-27 (2026-W48, late November)."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from conftest import TODAY, read_yaml
from textual.widgets import DataTable
from textual.worker import WorkerCancelled

from searchkeeper.core.partners import Partner, Touch
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.core.weeks import Week
from searchkeeper.storage.partners import PartnerBook
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.screens.partner_form import PartnerForm
from searchkeeper.tui.screens.partner_picker import PartnerPicker
from searchkeeper.tui.screens.partners import PartnersScreen
from searchkeeper.tui.screens.touch_dialog import TouchDialog
from searchkeeper.tui.screens.week import WeekScreen
from searchkeeper.tui.widgets.partner_line import PartnerLine
from searchkeeper.tui.widgets.practice_row import PracticeRow

W47 = Week(2026, 47)


async def settle(pilot) -> None:
    with contextlib.suppress(WorkerCancelled):
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def add(space: Workspace, name: str, rhythm: str, *touches: date, channel: str = "email") -> None:
    person = Partner(name, "former-client", Rhythm.parse(rhythm), channel, added=date(2026, 9, 1))
    for day in touches:
        person.log(Touch(day, channel, "An article they would like"))
    PartnerBook(space.data_dir).update(lambda roster: roster.add(person))


def partners_on_disk(space: Workspace) -> dict[str, dict]:
    return {item["name"]: item for item in read_yaml(space.data_dir / "partners.yaml")["partners"]}


def table_names(app: SearchkeeperApp) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


def line_text(app: SearchkeeperApp) -> str:
    widget = app.screen.query_one(PartnerLine)
    return str(widget.render()) if widget.display else ""


def row(app: SearchkeeperApp, practice_id: str) -> PracticeRow:
    return app.screen.query_one(f"#practice-{practice_id}", PracticeRow)


def team(space: Workspace) -> None:
    add(space, "Ana Ruiz", "key", date(2026, 10, 15), channel="phone")  # due 15 Nov: 12 days over
    add(space, "Bo Chen", "6w", date(2026, 10, 13))  # due 24 Nov: 3 days over
    add(space, "Cy Diaz", "key", date(2026, 11, 20))  # due 20 Dec


async def open_partners(pilot) -> None:
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PartnersScreen)


async def test_p_lists_partners_overdue_first_with_due_date_and_days_since(space) -> None:
    team(space)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_partners(pilot)
        assert table_names(app) == ["Ana Ruiz", "Bo Chen", "Cy Diaz"]
        cells = [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)]
        assert cells[:5] == ["Ana Ruiz", "key", "2026-11-15", "overdue 12 days", "43 d"]
        title = str(app.screen.query_one("#partners-title").render())
        assert "November: 1 of 2 key partners contacted" in title and "waiting: Ana Ruiz" in title
        await pilot.press("escape")
        assert isinstance(app.screen, WeekScreen)


async def test_l_then_a_number_then_enter_logs_a_touch(space) -> None:
    team(space)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_partners(pilot)
        await pilot.press("l")
        assert isinstance(app.screen, TouchDialog)
        await pilot.press("2", *"Sent the freight report", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PartnersScreen)
        touches = partners_on_disk(space)["Ana Ruiz"]["touches"]
        assert touches[-1] == {"date": TODAY, "channel": "phone", "value": "Sent the freight report"}
        assert table_names(app)[-1] == "Ana Ruiz"  # due again in a month: last in the list
        assert "2 of 2 key partners" in str(app.screen.query_one("#partners-title").render())


async def test_enter_on_a_partner_takes_their_usual_channel_and_escape_logs_nothing(space) -> None:
    team(space)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_partners(pilot)
        await pilot.press("down", "l", "escape")
        assert len(partners_on_disk(space)["Bo Chen"]["touches"]) == 1
        await pilot.press("l", "enter", "enter")
        await settle(pilot)
        touch = partners_on_disk(space)["Bo Chen"]["touches"][-1]
        assert touch == {"date": TODAY, "channel": "email"}


async def test_a_future_date_is_refused_in_the_dialog(space) -> None:
    team(space)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_partners(pilot)
        await pilot.press("l", "enter", "tab")
        date_input = app.screen.query_one("#touch-date")
        date_input.value = "2026-12-01"
        await pilot.press("enter")
        assert isinstance(app.screen, TouchDialog)
        assert "in the future" in str(app.screen.query_one("#touch-error").render())
        date_input.value = "2026-11-25"
        await pilot.press("enter")
        await settle(pilot)
        assert str(partners_on_disk(space)["Ana Ruiz"]["touches"][-1]["date"]) == "2026-11-25"


async def test_a_adds_e_edits_r_retires(space) -> None:
    team(space)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_partners(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, PartnerForm)
        await pilot.press(*"Ana ruiz", "enter")  # the name is taken
        assert isinstance(app.screen, PartnerForm)
        assert "already a partner" in str(app.screen.query_one("#partner-error").render())
        app.screen.query_one("#partner-name").value = ""
        await pilot.press(*"Dee Evans", "enter")
        await settle(pilot)
        dee = partners_on_disk(space)["Dee Evans"]
        assert dee["kind"] == "former-colleague" and dee["rhythm"] == "key"
        assert dee["added"] == TODAY and dee["touches"] == []
        assert app.screen.query_one(DataTable).cursor_row == table_names(app).index("Dee Evans")

        await pilot.press("e")
        form = app.screen
        assert isinstance(form, PartnerForm) and form.query_one("#partner-name").value == "Dee Evans"
        form.query_one("#partner-rhythm").value = "close"
        form.query_one("#partner-notes").value = "Met at the alumni dinner"
        await pilot.press("ctrl+s")
        await settle(pilot)
        dee = partners_on_disk(space)["Dee Evans"]
        assert dee["rhythm"] == "close" and dee["notes"] == "Met at the alumni dinner"

        await pilot.press("r")
        await settle(pilot)
        assert partners_on_disk(space)["Dee Evans"]["retired"] is True
        assert "Dee Evans" not in table_names(app)
        await pilot.press("v")
        assert table_names(app)[-1] == "Dee Evans"


async def test_too_many_key_partners_get_advice(space) -> None:
    for number in range(13):
        add(space, f"Partner {number:02d}", "key", date(2026, 11, 2))
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_partners(pilot)
        advice = str(app.screen.query_one("#partners-warning").render())
        assert "works best with about 10" in advice and "close" in advice


async def test_overdue_partners_and_the_weeks_touches_show_under_maintenance(space) -> None:
    team(space)
    add(space, "Dee Evans", "close", date(2026, 11, 18), date(2026, 11, 24), channel="in-person")
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        text = line_text(app)
        assert "Touches this week: Dee Evans (in-person)" in text
        assert "2 partners overdue: Ana Ruiz (12 days), Bo Chen (3 days)" in text
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "Touches in 2026-W47: Dee Evans (in-person), Cy Diaz (email)" in line_text(app)


async def test_the_key_partner_row_is_met_automatically_and_an_untick_wins(space) -> None:
    add(space, "Ana Ruiz", "key", date(2026, 11, 3))
    add(space, "Cy Diaz", "key", date(2026, 11, 24))
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        view = row(app, "contact-key-partners").view
        assert view.done and "2 of 2 key partners" in view.status
        assert not space.journal.path_for(Week(2026, 48)).exists()  # nothing written
        row(app, "contact-key-partners").focus()
        await pilot.press("space")
        await settle(pilot)
        entry = read_yaml(space.journal.path_for(Week(2026, 48)))["practices"]["contact-key-partners"]
        assert entry["state"] == "missed"
        assert not row(app, "contact-key-partners").view.done
        await pilot.press("space")
        await settle(pilot)
        entry = read_yaml(space.journal.path_for(Week(2026, 48)))["practices"]["contact-key-partners"]
        assert entry["state"] == "done"


async def test_a_touch_from_the_partners_screen_ticks_the_month(space) -> None:
    add(space, "Ana Ruiz", "key", date(2026, 11, 3))
    add(space, "Cy Diaz", "key", date(2026, 10, 24))
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert "1 of 2 key partners" in row(app, "contact-key-partners").view.status
        assert not row(app, "contact-key-partners").view.done
        await open_partners(pilot)
        await pilot.press("l", "enter", "enter", "escape")
        await pilot.pause(0.2)
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        view = row(app, "contact-key-partners").view
        assert view.done and "2 of 2 key partners" in view.status


async def test_ticking_reconnect_offers_to_log_a_touch(space) -> None:
    team(space)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        row(app, "reconnect").focus()
        await pilot.press("space")
        assert isinstance(app.screen, PartnerPicker)
        await pilot.press("down", "enter")  # Bo Chen, the second most overdue
        assert isinstance(app.screen, TouchDialog)
        await pilot.press("enter", *"Caught up on the merger", "enter")
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        touch = partners_on_disk(space)["Bo Chen"]["touches"][-1]
        assert touch == {"date": TODAY, "channel": "email", "value": "Caught up on the merger"}
        practices = read_yaml(space.journal.path_for(Week(2026, 48)))["practices"]
        assert practices["reconnect"]["state"] == "done"
        row(app, "give-value").focus()
        await pilot.press("space", "escape")  # skip
        assert isinstance(app.screen, WeekScreen)
        assert len(partners_on_disk(space)["Ana Ruiz"]["touches"]) == 1
        assert read_yaml(space.journal.path_for(Week(2026, 48)))["practices"]["give-value"]["state"] == "done"


async def test_other_practices_and_an_empty_roster_offer_nothing(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        row(app, "reconnect").focus()
        await pilot.press("space")
        assert isinstance(app.screen, WeekScreen)
        assert not line_text(app)


async def test_a_broken_partners_file_warns_and_harms_nothing(space, data_dir: Path) -> None:
    data_dir.mkdir(exist_ok=True)
    path = data_dir / "partners.yaml"
    path.write_text("partners:\n  - name: Ana\n    rhythm: sometimes\n", encoding="utf-8")
    before = path.read_bytes()
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert f"{path}:3: a rhythm is key" in line_text(app)
        await pilot.press("space")  # ticking still works
        assert (
            read_yaml(space.journal.path_for(Week(2026, 48)))["practices"]["marketing-plan"]["state"]
            == "done"
        )
        await open_partners(pilot)
        warning = str(app.screen.query_one("#partners-warning").render())
        assert f"{path}:3: a rhythm is key" in warning
        await pilot.press("a", "l")
        assert isinstance(app.screen, PartnersScreen)
    assert path.read_bytes() == before


async def test_the_form_is_driven_by_keys_alone(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_partners(pilot)
        await pilot.press("a", *"Ana Ruiz", "tab", "enter", "down", "enter")  # who: the next kind
        await pilot.press("tab", "enter", "down", "down", "enter")  # rhythm: distant
        await pilot.press("tab", "enter", "down", "enter", "ctrl+s")  # channel: the first one
        await settle(pilot)
        ana = partners_on_disk(space)["Ana Ruiz"]
        assert (ana["kind"], ana["rhythm"], ana["channel"]) == ("supplier-partner", "distant", "email")

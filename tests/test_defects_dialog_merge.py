"""A dialog open while a shell changes the same file: its save applies only what the user
changed in it, onto the file as it is at save time. An unchanged dialog writes nothing; a field
both changed keeps both (notes are joined as a conflict merge joins them) or is asked about."""

from __future__ import annotations

from datetime import date

from conftest import TODAY, read_yaml, settle, shell

from searchkeeper.core.partners import Partner
from searchkeeper.core.rhythm import Rhythm
from searchkeeper.core.weeks import Week
from searchkeeper.storage.conflicts import join_notes
from searchkeeper.storage.partners import PartnerBook
from searchkeeper.storage.workspace import Workspace
from searchkeeper.tui.app import SearchkeeperApp
from searchkeeper.tui.screens.note import NoteScreen
from searchkeeper.tui.screens.partner_form import PartnerForm
from searchkeeper.tui.screens.partners import PartnersScreen

W48 = Week.parse("2026-W48")


def note_on_disk(space: Workspace, practice_id: str) -> str:
    return read_yaml(space.journal.path_for(W48))["practices"][practice_id].get("note", "")


async def open_note(pilot) -> None:
    await settle(pilot)
    await pilot.press("n")  # on the first row: marketing-plan
    await pilot.pause()
    assert isinstance(pilot.app.screen, NoteScreen)


async def test_an_unchanged_note_editor_keeps_a_note_written_from_a_shell(space) -> None:
    shell(space, "tick", "marketing-plan", "--note", "Coffee with Ana")
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_note(pilot)
        shell(space, "tick", "marketing-plan", "--note", "Walked Priya through the plan")
        written = space.journal.path_for(W48).read_bytes()
        await pilot.press("enter")  # saved as it was opened
        await settle(pilot)
        assert not isinstance(app.screen, NoteScreen)
        assert space.journal.path_for(W48).read_bytes() == written  # nothing written at all
    assert note_on_disk(space, "marketing-plan") == "Walked Priya through the plan"


async def test_a_note_changed_in_the_editor_and_in_a_shell_keeps_both(space) -> None:
    shell(space, "tick", "marketing-plan", "--note", "Coffee with Ana")
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_note(pilot)
        await pilot.press("end", *" and Bo")
        shell(space, "tick", "marketing-plan", "--note", "Walked Priya through the plan")
        await pilot.press("enter")
        await settle(pilot)
    assert note_on_disk(space, "marketing-plan") == "Walked Priya through the plan / Coffee with Ana and Bo"


async def test_a_note_written_in_the_editor_goes_onto_the_week_as_it_is_now(space) -> None:
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_note(pilot)
        shell(space, "tick", "no-job-word", "--note", "Two meetings, no job word")
        await pilot.press(*"Sent the plan to Raj", "enter")
        await settle(pilot)
    practices = read_yaml(space.journal.path_for(W48))["practices"]
    assert practices["marketing-plan"]["note"] == "Sent the plan to Raj"
    assert practices["no-job-word"] == {"state": "done", "date": TODAY, "note": "Two meetings, no job word"}


def ana(space: Workspace) -> None:
    partner = Partner("Ana Ruiz", "former-boss", Rhythm.parse("key"), "email", "Now COO", date(2026, 9, 1))
    PartnerBook(space.data_dir).update(lambda roster: roster.add(partner))


def ana_on_disk(space: Workspace) -> dict:
    return read_yaml(space.data_dir / "partners.yaml")["partners"][0]


async def open_form(pilot) -> PartnerForm:
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PartnersScreen)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PartnerForm)
    return pilot.app.screen


async def test_an_unchanged_partner_form_keeps_an_edit_from_a_shell(space) -> None:
    ana(space)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_form(pilot)
        shell(space, "partners", "edit", "Ana", "--rhythm", "6w", "--notes", "Moved to Lisbon")
        written = (space.data_dir / "partners.yaml").read_bytes()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PartnersScreen)
        assert (space.data_dir / "partners.yaml").read_bytes() == written
    saved = ana_on_disk(space)
    assert saved["rhythm"] == "6w" and saved["notes"] == "Moved to Lisbon"


async def test_the_partner_form_saves_only_its_changes_and_joins_notes_both_changed(space) -> None:
    ana(space)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_form(pilot)
        shell(space, "partners", "edit", "Ana", "--channel", "phone", "--notes", "Moved to Lisbon")
        await pilot.press("tab", "tab", "tab", "tab", "end", *", hiring", "enter")  # the notes field
        await settle(pilot)
        assert isinstance(app.screen, PartnersScreen)
    saved = ana_on_disk(space)
    assert saved["channel"] == "phone"  # the shell's, untouched in the form
    assert saved["rhythm"] == "key" and saved["kind"] == "former-boss"
    assert saved["notes"] == "Moved to Lisbon / Now COO, hiring"


async def test_a_partner_field_both_changed_is_asked_about_not_dropped(space) -> None:
    ana(space)
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await open_form(pilot)
        await pilot.press("tab", "tab", "enter", "down", "enter")  # rhythm: key -> close
        await pilot.pause()
        shell(space, "partners", "edit", "Ana", "--rhythm", "3w")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert ana_on_disk(space)["rhythm"] == "3w"  # the shell's stays until the user says
        form = app.screen
        assert isinstance(form, PartnerForm)  # asked again, the user's choice shown
        assert form.query_one("#partner-rhythm").value == "close"
        assert "3w" in str(form.query_one("#partner-error").render())
        await pilot.press("ctrl+s")  # keep mine
        await settle(pilot)
        assert isinstance(app.screen, PartnersScreen)
    assert ana_on_disk(space)["rhythm"] == "close"


async def test_the_audits_note_field_keeps_a_note_written_from_a_shell_meanwhile(space) -> None:
    from searchkeeper.tui.screens.audit import AuditScreen

    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
        await pilot.press("e")  # the first practice: marketing-plan, no note yet
        shell(space, "tick", "marketing-plan", "--note", "Walked Priya through the plan")
        await pilot.press(*"Coffee with Ana", "enter")
        await settle(pilot)
        assert note_on_disk(space, "marketing-plan") == join_notes(
            "Walked Priya through the plan", "Coffee with Ana"
        )


async def test_an_unchanged_note_field_in_the_audit_writes_nothing(space) -> None:
    from searchkeeper.tui.screens.audit import AuditScreen

    shell(space, "tick", "marketing-plan", "--note", "Coffee with Ana")
    app = SearchkeeperApp(space)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
        await pilot.press("e")
        shell(space, "tick", "marketing-plan", "--note", "Walked Priya through the plan")
        written = space.journal.path_for(W48).read_bytes()
        await pilot.press("enter")
        await settle(pilot)
        assert space.journal.path_for(W48).read_bytes() == written

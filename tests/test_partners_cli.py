"""``searchkeeper partners`` and ``searchkeeper touch`` through the real command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import read_yaml


@pytest.fixture
def team(cli):
    """Three partners added today (2026-11-27) and two touches."""
    assert cli("partners", "add", "Ana", "Ruiz", "--kind", "former-boss", "--rhythm", "key",
               "--channel", "phone", "--notes", "COO now").code == 0  # fmt: skip
    assert cli("partners", "add", "Alex Kim", "--kind", "classmate", "--rhythm", "distant").code == 0
    assert cli("partners", "add", "Bo Chen", "--kind", "recruiter", "--rhythm", "6w").code == 0
    assert cli("touch", "ana", "--date", "2026-10-20", "--note", "Sent the pricing piece").code == 0
    assert cli("touch", "bo", "--date", "2026-10-13", "--channel", "video").code == 0
    return cli


def test_partners_add_writes_the_file(team, data_dir: Path) -> None:
    data = read_yaml(data_dir / "partners.yaml")
    ana = data["partners"][0]
    assert ana["name"] == "Ana Ruiz" and ana["kind"] == "former-boss" and ana["rhythm"] == "key"
    assert ana["channel"] == "phone" and ana["notes"] == "COO now" and str(ana["added"]) == "2026-11-27"
    assert ana["touches"] == [
        {"date": ana["touches"][0]["date"], "channel": "phone", "value": "Sent the pricing piece"}
    ]
    assert str(ana["touches"][0]["date"]) == "2026-10-20"
    assert data["partners"][2]["rhythm"] == "6w"
    assert data["partners"][2]["touches"][0]["channel"] == "video"


def test_the_list_is_one_line_per_partner_overdue_first(team) -> None:
    result = team("partners")
    assert result.code == 0
    lines = result.out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["Ana Ruiz", "Bo Chen", "Alex Kim"]
    assert lines[0].split("\t")[1:6] == [
        "key",
        "due 2026-11-20",
        "overdue 7 days",
        "last 2026-10-20",
        "38 days since last touch",
    ]
    assert "due 2026-11-24\toverdue 3 days" in lines[1]
    assert "due 2026-11-27\tdue today\tlast never\tnever touched" in lines[2]


def test_due_leaves_out_those_not_due_yet(team) -> None:
    assert team("touch", "alex").code == 0
    result = team("partners", "--due")
    assert [line.split("\t")[0] for line in result.out.splitlines()] == ["Ana Ruiz", "Bo Chen"]


def test_a_touch_by_prefix_restarts_the_clock(team, data_dir: Path) -> None:
    result = team("touch", "AN", "--note", "Coffee, brought the report she wanted")
    assert result.code == 0, result.err
    assert "Touched Ana Ruiz on 2026-11-27 (phone call) — Coffee, brought the report she wanted" in result.out
    assert "Next due 2026-12-27" in result.out
    assert "Key partners that month: 1 of 1 key partner contacted" in result.out
    touches = read_yaml(data_dir / "partners.yaml")["partners"][0]["touches"]
    assert touches[-1]["value"] == "Coffee, brought the report she wanted"
    assert team("partners").out.splitlines()[-1].startswith("Ana Ruiz\tkey\tdue 2026-12-27")


def test_an_ambiguous_or_unknown_name_is_one_clear_error(team, data_dir: Path) -> None:
    before = (data_dir / "partners.yaml").read_bytes()
    result = team("touch", "a")
    assert result.code == 1
    assert result.err.strip() == "searchkeeper: 'a' matches several partners: Ana Ruiz, Alex Kim"
    result = team("touch", "zed")
    assert result.code == 1
    assert result.err.strip() == "searchkeeper: no partner matches 'zed' (see 'searchkeeper partners')"
    assert (data_dir / "partners.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["touch", "ana", "--date", "2026-12-01"], "in the future"),
        (["touch", "ana", "--date", "last week"], "is not a date"),
        (["touch", "ana", "--channel", "fax"], "no channel matches 'fax' (one of email, phone, post"),
        (["touch", "ana", "--channel", "p"], "'p' matches several channels: phone, post"),
        (["partners", "add", "Cy", "--kind", "recruiter", "--rhythm", "fortnightly"], "a rhythm is key"),
        (["partners", "add", "ana ruiz", "--kind", "recruiter", "--rhythm", "key"], "already a partner"),
        (["partners", "add", "Cy", "--kind", "former"], "matches several kinds: former-client, former-boss"),
    ],
)
def test_bad_input_is_refused_without_touching_the_file(team, data_dir: Path, argv, message) -> None:
    before = (data_dir / "partners.yaml").read_bytes()
    result = team(*argv)
    assert result.code != 0
    assert message in result.err and len(result.err.strip().splitlines()) == 1
    assert (data_dir / "partners.yaml").read_bytes() == before


def test_add_needs_only_a_name_and_kinds_and_channels_take_a_unique_prefix(cli, data_dir: Path) -> None:
    added = cli("partners", "add", "Cy", "Ng")  # the dashboard form's defaults
    assert added.code == 0 and added.out.startswith("Added Cy Ng (former-colleague, key")
    assert cli("partners", "add", "Di", "--kind", "rec", "--channel", "ph").code == 0
    assert cli("partners", "edit", "cy", "--kind", "former-b", "--channel", "in").code == 0
    touched = cli("touch", "cy", "--channel", "vid")
    assert touched.out.startswith("Touched Cy Ng on 2026-11-27 (video call)")
    cy, di = read_yaml(data_dir / "partners.yaml")["partners"]
    assert (cy["kind"], cy["channel"]) == ("former-boss", "in-person")
    assert (di["kind"], di["channel"]) == ("recruiter", "phone")


def test_edit_and_retire(team, data_dir: Path) -> None:
    result = team("partners", "edit", "bo", "--rhythm", "close", "--rename", "Bo Chen-Li")
    assert result.code == 0, result.err
    assert "Bo Chen-Li: recruiter, close · every 2 months, next due 2026-12-13" in result.out
    assert team("partners", "retire", "alex").code == 0
    listed = team("partners").out
    assert "Alex Kim" not in listed
    assert "Alex Kim\tdistant" in team("partners", "--all").out
    assert read_yaml(data_dir / "partners.yaml")["partners"][1]["retired"] is True
    assert team("partners", "retire", "alex", "--undo").code == 0
    assert "Alex Kim" in team("partners").out


def test_the_terminal_table_shows_progress_and_advice(cli, monkeypatch) -> None:
    for number in range(13):
        cli("partners", "add", f"Partner {number:02d}", "--kind", "former-client", "--rhythm", "key")
    cli("touch", "partner 03", "--date", "2026-11-05")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    result = cli("partners")
    assert result.code == 0
    assert "Partner 00" in result.out and "never" in result.out and "overdue" not in result.out
    assert "This month: 1 of 13 key partners contacted" in result.out
    assert "works best with about 10" in result.out


def test_the_automatic_tick_shows_in_status(team) -> None:
    assert team("tick", "reconnect").code == 0
    before = team("status").out
    assert team("touch", "ana", "--date", "2026-11-25").code == 0
    after = team("status").out
    assert before.split(" · ")[1].startswith("1/") and after.split(" · ")[1].startswith("2/")


def test_a_broken_file_is_named_with_its_line(cli, data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "partners.yaml"
    path.write_text("partners:\n  - name: Ana\n    kind: boss\n", encoding="utf-8")
    before = path.read_bytes()
    for argv in (["partners"], ["touch", "ana"], ["partners", "add", "Bo", "--kind", "recruiter",
                                                   "--rhythm", "key"]):  # fmt: skip
        result = cli(*argv)
        assert result.code == 1
        assert result.err.startswith(f"searchkeeper: {path}:3: kind must be one of former-client")
    assert path.read_bytes() == before
    assert cli("tick", "reconnect").code == 0  # the journal is unharmed
    assert cli("status").code == 0


def test_an_empty_roster_says_how_to_start_and_nobody_due_prints_nothing(cli) -> None:
    assert "No partners yet. Add one: searchkeeper partners add NAME" in cli("partners").out
    cli("partners", "add", "Ana", "--kind", "recruiter", "--rhythm", "key")
    cli("touch", "ana")
    assert cli("partners", "--due").out == ""


def test_the_installed_program_runs_touch(tmp_path: Path) -> None:
    data = tmp_path / "data"
    common = [sys.executable, "-m", "searchkeeper", "--data-dir", str(data)]
    subprocess.run([*common, "partners", "add", "Ana", "--kind", "recruiter", "--rhythm", "3w"], check=True)
    done = subprocess.run([*common, "touch", "an"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Next due 2026-12-18 (every 3 weeks)" in done.stdout
    assert "Traceback" not in done.stderr


def test_the_demo_brings_a_dozen_partners_and_leaves_real_data_alone(data_dir: Path) -> None:
    from searchkeeper.cli.main import run
    from searchkeeper.storage.partners import PartnerBook

    seen = {}

    def dashboard(space, screen=None, week=None) -> int:
        roster = PartnerBook(space.data_dir).load()
        seen["partners"] = len(roster)
        seen["overdue"] = len(roster.overdue(space.today))
        seen["key"] = len(roster.key)
        return 0

    assert run(["demo"], dashboard=dashboard) == 0
    assert seen["partners"] == 12 and seen["overdue"] >= 1 and 5 <= seen["key"] <= 10
    assert not (data_dir / "partners.yaml").exists()

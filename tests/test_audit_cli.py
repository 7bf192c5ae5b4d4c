"""``searchkeeper audit`` opens the audit screen on the right week; ``status`` says when it is due."""

from __future__ import annotations

from datetime import date

from audit_history import W, write_history

from searchkeeper.cli.main import run


def opened(data_dir, config_dir, *argv: str, today: str, monkeypatch) -> tuple[int, list]:
    calls = []

    def dashboard(space, screen=None, week=None):
        calls.append((screen, week, space.today))
        return 0

    monkeypatch.setenv("SEARCHKEEPER_TODAY", today)
    code = run(["--data-dir", str(data_dir), "--config-dir", str(config_dir), *argv], dashboard=dashboard)
    return code, calls


def test_audit_opens_the_audit_screen_on_this_week(data_dir, config_dir, monkeypatch) -> None:
    code, calls = opened(data_dir, config_dir, "audit", today="2026-11-27", monkeypatch=monkeypatch)
    assert code == 0 and calls == [("audit", W("2026-W48"), date(2026, 11, 27))]


def test_on_monday_last_week_can_still_be_audited(data_dir, config_dir, monkeypatch) -> None:
    code, calls = opened(
        data_dir, config_dir, "audit", "--week", "last", today="2026-11-30", monkeypatch=monkeypatch
    )
    assert code == 0 and calls == [("audit", W("2026-W48"), date(2026, 11, 30))]


def test_auditing_a_broken_week_names_the_file_and_opens_nothing(
    data_dir, config_dir, monkeypatch, capsys
) -> None:
    path = data_dir / "journal" / "2026" / "2026-W48.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("week: 2026-W48\naway: maybe\n", encoding="utf-8")
    code, calls = opened(data_dir, config_dir, "audit", today="2026-11-27", monkeypatch=monkeypatch)
    err = capsys.readouterr().err
    assert code == 1 and calls == []
    assert "2026-W48.yaml:2: 'away' must be true or false" in err


def test_status_offers_the_audit_kindly(cli, data_dir, config_dir, monkeypatch) -> None:
    write_history(data_dir, config_dir)
    assert cli("status").out.strip().endswith("audit day: time to look back")
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "2026-11-30")
    assert cli("status").out.strip().endswith("audit Fri · last week still open to audit")
    monkeypatch.setenv("SEARCHKEEPER_TODAY", "2026-12-02")
    assert cli("status").out.strip().endswith("audit Fri")


def test_audit_is_listed_in_help(cli) -> None:
    result = cli("audit", "--help")
    assert result.code == 0
    assert "audit a week one practice at a time" in result.out and "--week KEY" in result.out

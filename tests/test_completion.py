"""Shell completion: ``searchkeeper completion SHELL`` prints a script; bash completes through it
with its own machinery (``complete -p`` and the function it names), calling the real program."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from searchkeeper.cli.completion import candidates

PROGRAM = Path(sys.executable).with_name("searchkeeper")
needs_program = pytest.mark.skipif(not PROGRAM.exists(), reason="the searchkeeper program is not installed")


def bash_completes(script: Path, line: str) -> list[str]:
    """What bash offers at the end of ``line``, as a tab there would ask for it."""
    words = line.split(" ")
    driver = f"""
source {script}
COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}
COMP_WORDS=({" ".join(repr(word) for word in words)}); COMP_CWORD={len(words) - 1}
spec=$(complete -p searchkeeper); function=${{spec##*-F }}; function=${{function%% *}}
"$function" searchkeeper {words[-1]!r} {words[-2]!r}
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    env = {**os.environ, "PATH": f"{PROGRAM.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", driver],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=True,
    )
    return [word for word in done.stdout.splitlines() if word]


@pytest.fixture
def bash_script(cli, tmp_path) -> Path:
    result = cli("completion", "bash")
    assert result.code == 0
    path = tmp_path / "searchkeeper.bash"
    path.write_text(result.out, encoding="utf-8")
    return path


@needs_program
@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_a_practice_prefix_commands_options_and_partner_names(bash_script, cli) -> None:
    assert bash_completes(bash_script, "searchkeeper tick out") == ["out-of-industry-event"]
    assert bash_completes(bash_script, "searchkeeper ti") == ["tick"]
    assert bash_completes(bash_script, "searchkeeper tick rec --w") == ["--week"]
    assert bash_completes(bash_script, "searchkeeper tick rec --week ") == ["this", "last", "next"]
    cli("partners", "add", "Ana", "Ruiz")
    assert bash_completes(bash_script, "searchkeeper touch an") == ["Ana\\ Ruiz"]
    assert bash_completes(bash_script, "searchkeeper touch ana --channel p") == ["phone", "post"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script_its_shell_reads(cli, tmp_path, shell) -> None:
    result = cli("completion", shell)
    assert result.code == 0 and "__complete" in result.out
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed: the script is printed, not parsed")
    path = tmp_path / f"script.{shell}"
    path.write_text(result.out, encoding="utf-8")
    subprocess.run([shell, "-n", str(path)], check=True, timeout=60)


def test_the_words_offered(cli) -> None:
    assert candidates(["partners", ""], 1) == ["add", "edit", "retire"]
    assert candidates(["partners", "add", "Bo", "--kind", "former-"], 4) == [
        "former-client",
        "former-boss",
        "former-colleague",
    ]
    assert candidates(["report", "--format", ""], 2) == ["csv", "json", "markdown", "text"]
    assert candidates(["completion", ""], 1) == ["bash", "zsh", "fish"]
    assert "paths" in candidates([""], 0) and "__complete" not in candidates([""], 0)
    assert candidates(["export", "~/ba"], 1) == []  # a path: the shell completes it


def test_completion_costs_a_command_line_that_is_not_completing_nothing() -> None:
    """The launcher hands ``__complete`` over before it imports the command line; any other
    command never loads the completion code."""
    code = """\
import sys
from searchkeeper import launcher
sys.argv = ["searchkeeper", "practices"]
try:
    launcher.main()
except SystemExit:
    print("completion loaded:", "searchkeeper.cli.completion" in sys.modules)
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines()[-1] == "completion loaded: False"

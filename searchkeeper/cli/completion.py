"""Shell completion for bash, zsh and fish.

``searchkeeper completion SHELL`` prints a script for the shell. At each tab the script runs
``searchkeeper __complete SHELL INDEX WORD...`` (the words after the program name, and which of
them is being completed), which prints the words that fit, one a line: commands, options and
their choices (read from the command line's own parser, so they are never out of step), practice
ids, partner names, week words. An empty answer lets the shell complete file names.

The launcher hands ``__complete`` over before it imports anything else; a command line that
is not completing does not pay for it.
"""

from __future__ import annotations

import argparse
import re
import sys

SHELLS = ("bash", "zsh", "fish")

BASH = r"""# searchkeeper completion for bash. Load it from ~/.bashrc:
#   source <(searchkeeper completion bash)
# or save it where bash-completion finds it (loaded only when first used):
#   searchkeeper completion bash > ~/.local/share/bash-completion/completions/searchkeeper
_searchkeeper() {
    local IFS=$'\n'
    COMPREPLY=($("${COMP_WORDS[0]}" __complete bash "$((COMP_CWORD - 1))" "${COMP_WORDS[@]:1}" 2>/dev/null))
}
complete -o default -F _searchkeeper searchkeeper
"""

ZSH = r"""#compdef searchkeeper
# searchkeeper completion for zsh. Save it as _searchkeeper in a folder of your $fpath:
#   searchkeeper completion zsh > ~/.zfunc/_searchkeeper   # with fpath+=(~/.zfunc) before compinit
# or load it from ~/.zshrc after compinit: source <(searchkeeper completion zsh)
_searchkeeper() {
    local -a found
    found=("${(@f)$("${words[1]}" __complete zsh "$((CURRENT - 2))" "${(@)words[2,-1]}" 2>/dev/null)}")
    if [[ -n "${found[1]}" ]]; then
        compadd -- "${found[@]}"
    else
        _files
    fi
}
if [[ "${zsh_eval_context[-1]}" == loadautofunc ]]; then
    _searchkeeper "$@"
else
    compdef _searchkeeper searchkeeper
fi
"""

FISH = r"""# searchkeeper completion for fish. Save it where fish finds it (loaded only when first used):
#   searchkeeper completion fish > ~/.config/fish/completions/searchkeeper.fish
function __searchkeeper_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    set -l found ($words[1] __complete fish (math (count $words) - 1) $words[2..-1] $current 2>/dev/null)
    if test (count $found) -gt 0
        printf '%s\n' $found
    else
        __fish_complete_path $current
    end
end
complete -c searchkeeper -f -a '(__searchkeeper_complete)'
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}
WEEK_WORDS = ("this", "last", "next")
FILES = frozenset({"data_dir", "config_dir", "path"})
"""Arguments that name a file or folder: the shell completes them."""


def completion_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("shell", choices=SHELLS, help="the shell to print the completion script for")


def completion(args: argparse.Namespace) -> int:
    sys.stdout.write(SCRIPTS[args.shell])
    return 0


# answering the shell ----------------------------------------------------------------


def complete(argv: list[str]) -> int:
    """``__complete SHELL INDEX WORD...``: print the words that fit. Never an error: at worst nothing."""
    try:
        shell, index, *words = argv
        found = candidates(words, int(index))
    except Exception:  # a half-typed line, an unreadable file: nothing to offer
        return 0
    if shell == "bash":  # bash puts a reply in the line as it is: spaces and quotes escaped
        found = [re.sub(r"([^\w@%+=:,./-])", r"\\\1", word) for word in found]
    for word in found:
        print(word)
    return 0


def candidates(words: list[str], index: int) -> list[str]:
    """The words that may stand at ``words[index]`` (``words``: after the program name; the word
    there, if any, is the part typed so far)."""
    from searchkeeper.cli.main import build_parser

    typed = words[index] if index < len(words) else ""
    before = words[:index]
    parser, positionals, expecting = _position(build_parser(before), before)
    if expecting is not None:
        found = _values(expecting, parser, before)
    elif typed.startswith("-"):
        found = [
            option
            for action in _actions(parser)
            if action.help != argparse.SUPPRESS
            for option in action.option_strings
        ]
    else:
        found = _positional(parser, positionals, before)
    folded = typed.casefold()
    return [word for word in found if word.casefold().startswith(folded)]


def _actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return parser._actions  # argparse keeps a parser's arguments here


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The parser's commands (or a command's actions: ``partners add``), by name."""
    for action in _actions(parser):
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _position(
    parser: argparse.ArgumentParser, words: list[str]
) -> tuple[argparse.ArgumentParser, int, argparse.Action | None]:
    """Read ``words`` as the parser would: the parser of the command they reach, how many of its
    positional words they hold, and the option still waiting for its value (or None)."""
    positionals, expecting = 0, None
    for word in words:
        if expecting is not None:
            expecting = None
        elif word.startswith("-"):
            options = {option: action for action in _actions(parser) for option in action.option_strings}
            action = options.get(word)
            expecting = action if action is not None and action.nargs != 0 else None
        elif word in _commands(parser) and positionals == 0:
            parser = _commands(parser)[word]
        else:
            positionals += 1
    return parser, positionals, expecting


def _positional(parser: argparse.ArgumentParser, given: int, words: list[str]) -> list[str]:
    commands = _commands(parser)
    if commands and given == 0:
        return list(commands)
    positional = [a for a in _actions(parser) if not a.option_strings and a.nargs != argparse.PARSER]
    if not positional:
        return []
    action = positional[min(given, len(positional) - 1)]
    if given >= len(positional) and action.nargs not in ("+", "*"):
        return []
    return _values(action, parser, words)


def _values(action: argparse.Action, parser: argparse.ArgumentParser, words: list[str]) -> list[str]:
    """The values ``action`` takes: its choices, or what the user's files hold."""
    if action.choices is not None:
        return [str(choice) for choice in action.choices]
    if action.dest in FILES:
        return []
    if action.dest == "practice":
        from searchkeeper.storage.config import load_settings

        return [practice.id for practice in load_settings(_folder(words, "config"), strict=False).catalogue]
    if action.dest == "name" and not parser.prog.endswith(" add"):
        from searchkeeper.storage.partners import read_roster

        return [partner.name for partner in read_roster(_folder(words, "data")).active]
    if action.dest == "week":
        return list(WEEK_WORDS)
    if action.dest == "rhythm":
        from searchkeeper.core.rhythm import TIERS

        return list(TIERS)
    if action.dest == "date":
        return ["today", "yesterday"]
    return []


def _folder(words: list[str], which: str):
    """The data or config folder the line names (``--data-dir D``), or the one the command would use."""
    from searchkeeper.storage import paths

    option = f"--{which}-dir"
    given = next((words[i + 1] for i, word in enumerate(words[:-1]) if word == option), None)
    return paths.data_dir(given) if which == "data" else paths.config_dir(given)

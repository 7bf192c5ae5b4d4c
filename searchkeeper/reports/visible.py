"""User text made safe to print on a terminal: ``visible("a\\x1b[2J")`` is ``a\\x1b[2J`` spelt out.

A note, a name or a title read back from the files may hold control characters (ESC, a carriage
return, BEL, DEL, the C1 controls): printed as they are, they would clear the screen, retitle the
window or overwrite the line. Every line of text output made of user text passes through
``visible``; csv and json carry the exact text (they are data, and json escapes it anyway).
"""

from __future__ import annotations

_ESCAPES = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
_CONTROLS = {code: _ESCAPES.get(code, f"\\x{code:02x}") for code in (*range(0x20), *range(0x7F, 0xA0))}


def visible(text: str) -> str:
    """``text`` with each control character written as in a Python string: ``\\x1b``, ``\\r``,
    ``\\n``, ``\\x7f``. A single line stays a single line."""
    return text.translate(_CONTROLS)

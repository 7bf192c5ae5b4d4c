"""The dashboard's screens, one module each, imported when first asked for (start-up needs one)."""

from importlib import import_module

_MODULES = {"ChartScreen": "chart", "HelpScreen": "help", "NoteScreen": "note", "WeekScreen": "week"}
__all__ = list(_MODULES)


def __getattr__(name: str) -> object:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)

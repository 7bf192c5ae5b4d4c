"""The dashboard's widgets, one per module, each named after its class (imported when asked for)."""

from importlib import import_module

_MODULES = {
    "KeyFooter": "key_footer",
    "MomentumChart": "momentum_chart",
    "PartnerLine": "partner_line",
    "PracticeGrid": "practice_grid",
    "PracticeRow": "practice_row",
    "Scorecard": "scorecard",
    "WeekHeader": "week_header",
    "Welcome": "welcome",
}
__all__ = list(_MODULES)


def __getattr__(name: str) -> object:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)

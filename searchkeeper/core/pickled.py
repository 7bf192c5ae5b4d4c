"""Pickling a slotted dataclass as its fields, handed back to its class.

The dashboard's first read crosses a pipe from the process that read it (``tui.read_ahead``):
thousands of records, entries and scores. A slotted dataclass's own pickling gets and sets
its state field by field in Python; as one tuple of its fields, given to the class, ten
years of records pickle in two fifths of the time and load in a quarter.
"""

from __future__ import annotations

from operator import attrgetter


class PickledAsFields:
    """A base for a ``@dataclass(slots=True)``: pickled as ``cls(*fields)``, its ``__init__``'s order."""

    __slots__ = ()

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        cls = type(self)
        return cls, attrgetter(*cls.__slots__)(self)

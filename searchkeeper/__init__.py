"""searchkeeper: a weekly audit and momentum tracker for a job search."""

__version__ = "0.1.0"

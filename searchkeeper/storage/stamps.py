"""File stamps: what the derived caches (``cache``, ``status_cache``) compare instead of reading.

A stamp is a file's size, mtime_ns, ctime_ns and inode. An editor that rewrites a
file in place, keeps its size and puts its mtime back still changes its ctime,
which no user call can set back. But a file changed twice within one tick of the
file system's clock can keep an equal stamp: a file changed less than ``RACY_NS``
before it was looked at is "racily clean" (git's word) and its stamp alone is not
trusted.
"""

from __future__ import annotations

CACHE_FOLDER = ".cache"
"""The derived caches' folder in the data directory: safe to delete at any time."""
RACY_NS = 2_000_000_000
"""A file changed less than this long (2 s) before it was looked at: its stamp alone is not trusted."""


def is_racy(mtime_ns: int, ctime_ns: int, now_ns: int) -> bool:
    """True when a file with these times may still change without its stamp changing."""
    return max(mtime_ns, ctime_ns) > now_ns - RACY_NS

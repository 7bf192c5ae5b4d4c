"""Reports of a range of weeks in several formats: ``FORMATS`` maps a name to its renderer."""

from __future__ import annotations

from collections.abc import Callable

from searchkeeper.reports.csv_format import render_csv
from searchkeeper.reports.json_format import render_json
from searchkeeper.reports.markdown_format import render_markdown
from searchkeeper.reports.model import Report, build_report
from searchkeeper.reports.text_format import render_text

FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
}

__all__ = ["FORMATS", "Report", "build_report"]

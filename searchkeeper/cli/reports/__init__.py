"""Reports of a range of weeks, in several formats: ``FORMATS`` maps a name to a renderer."""

from __future__ import annotations

from collections.abc import Callable

from searchkeeper.cli.reports.csv_format import render_csv
from searchkeeper.cli.reports.json_format import render_json
from searchkeeper.cli.reports.markdown_format import render_markdown
from searchkeeper.cli.reports.model import Report, build_report
from searchkeeper.cli.reports.text_format import render_text

FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
}

__all__ = ["FORMATS", "Report", "build_report"]

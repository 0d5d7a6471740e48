"""The history as CSV for spreadsheets: one row per check, or per task without a TASK.

Every cell is made safe for a spreadsheet: controls shown as escapes, and a cell that starts
with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) gets a leading ``'`` so it is
never run as a formula.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from clarity.core.text import visible

_FORMULA = ("=", "+", "-", "@", "\t", "\r")

CHECK_COLUMNS = (
    "id",
    "date",
    "task",
    "perspective",
    "verdict",
    "autonomy",
    "accountability",
    "findings",
    "pack",
    "pack_version",
    "session",
)
TASK_COLUMNS = (
    "task",
    "checks",
    "latest_id",
    "latest_date",
    "latest_perspective",
    "latest_verdict",
    "latest_autonomy",
    "latest_accountability",
)


def cell(value: Any) -> str:
    """One value as a spreadsheet-safe cell."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA):
        text = "'" + text
    return visible(text, newlines=False)


def _check_row(entry: dict[str, Any]) -> list[Any]:
    return [
        entry["id"],
        entry["date"],
        entry["task"],
        entry["perspective"],
        entry["verdict"],
        entry["scores"]["autonomy"],
        entry["scores"]["accountability"],
        " ".join(str(f.get("rule", "")) for f in entry["findings"]),
        entry["pack"]["name"],
        entry["pack"]["version"],
        entry["session"],
    ]


def _task_row(row: dict[str, Any]) -> list[Any]:
    latest = row["latest"]
    return [
        row["task"],
        row["checks"],
        latest["id"],
        latest["date"],
        latest["perspective"],
        latest["verdict"],
        latest["scores"]["autonomy"],
        latest["scores"]["accountability"],
    ]


def render(data: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if "tasks" in data:
        writer.writerow(TASK_COLUMNS)
        rows = [_task_row(row) for row in data["tasks"]]
    else:
        writer.writerow(CHECK_COLUMNS)
        rows = [_check_row(entry) for entry in data["entries"]]
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue()

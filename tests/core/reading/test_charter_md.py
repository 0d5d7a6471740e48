"""Markdown charters: a `##` section per delegation, fields as bold-labelled list items."""

from __future__ import annotations

import pytest

from clarity.core.errors import ClarityError
from clarity.core.limits import Limits
from clarity.core.reading.charter_md import LABELS, parse_markdown
from clarity.core.reading.charters import parse_charter

CHARTER = """\
# Platform team

Some prose that is ignored.

## Migrate the billing database

- **Outcome:** every invoice is read from the new database
- **Constraints:** no downtime; budget 5k
- **Escalate when**:
  - the cutover slips
  - data is lost
- **Agreed upfront:** yes

```
- **Outcome:** inside a code block, ignored
```

## Second task <!-- a comment -->
- **Deadline:** Friday
  end of day
"""


def test_sections_fields_lists_and_wrapped_values() -> None:
    parsed = parse_markdown(CHARTER, "c.md", Limits())
    assert (parsed.kind, parsed.team) == ("markdown", "Platform team")
    first, second = parsed.entries
    assert first.task == "Migrate the billing database"
    assert first.record["outcome"] == "every invoice is read from the new database"
    assert first.record["constraints"] == ["no downtime", "budget 5k"]
    assert first.record["escalate_when"] == ["the cutover slips", "data is lost"]
    assert first.record["agreed_upfront"] is True
    assert (second.task, second.record["deadline"]) == ("Second task", "Friday end of day")
    assert second.record["outcome"] is None, "a field in a code block is not read"


def test_every_value_keeps_its_line_and_column() -> None:
    first, second = parse_markdown(CHARTER, "c.md", Limits()).entries
    assert first.span == (5, 16) and first.anchor == (5, 1)
    assert first.locate("outcome") == (7, 16)
    assert first.locate("escalate_when", 1) == (11, 5)
    assert second.locate("outcome") == second.anchor == (18, 1)


def test_a_team_line_and_the_other_bold_and_closing_heading_styles() -> None:
    parsed = parse_markdown("Team: Ops\n\n## A ##\n- __Owner__: Sam\n", "c.md", Limits())
    assert parsed.team == "Ops"
    assert [(e.task, e.record["owner"]) for e in parsed.entries] == [("A", "Sam")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "## A\n- **Outcom:** x\n",
            "c.md:2:3: Outcom: unknown field 'Outcom'; did you mean 'Outcome'?",
        ),
        ("- **Outcome:** x\n", "c.md:1:3: Outcome: 'Outcome' is outside any delegation"),
        (
            "## A\n- **Outcome:** x\n- **Outcome:** y\n",
            "c.md:3:3: Outcome: 'Outcome' is given twice",
        ),
        (
            "## A\n- **Outcome:**\n  - x\n",
            "c.md:3:5: Outcome: 'Outcome' takes one value, not a list",
        ),
        ("## A\n- **Task:** x\n", "c.md:2:3: Task: the task is the '## ' heading, not a field"),
        ("## A\n- **Agreed upfront:** maybe\n", "c.md:2:23: Agreed upfront: expected yes or no"),
    ],
)
def test_mistakes_are_located_errors(text: str, expected: str) -> None:
    with pytest.raises(ClarityError) as caught:
        parse_charter(text, "c.md", "markdown")
    assert str(caught.value).startswith(expected), str(caught.value)


def test_the_limits_apply() -> None:
    with pytest.raises(ClarityError, match="larger than 1024 bytes"):
        parse_markdown("x" * 2000, "c.md", Limits(max_file_bytes=1024))
    with pytest.raises(ClarityError, match="more than 1 delegations"):
        parse_markdown("## A\n## B\n", "c.md", Limits(max_delegations=1))
    with pytest.raises(ClarityError, match="longer than 100 characters"):
        parse_markdown(
            "## A\n- **Outcome:** " + "x" * 101 + "\n", "c.md", Limits(max_text_chars=100)
        )


def test_labels_are_field_names_with_spaces() -> None:
    assert LABELS["decides_alone"] == "Decides alone"
    assert "task" not in LABELS

"""Session files: the example matches its schema, a bad file is a located error."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.state.session import load_session
from tests.conftest import EXAMPLES


def test_the_example_session_matches_its_schema() -> None:
    import jsonschema
    import yaml

    from clarity.core.reading.schemas import schema_for

    example = EXAMPLES / "sessions" / "team-leads.yaml"
    jsonschema.validate(
        yaml.load(example.read_text(), Loader=yaml.BaseLoader), schema_for("session")
    )
    assert len(load_session(example).items) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: x\nquestions: [outcome, deadlin]\nitems:\n  - task: a\n",
            "s.yaml:2:22: questions[1]: unknown question 'deadlin'; did you mean 'deadline'?",
        ),
        (
            "title: x\nquestions: some\nitems:\n  - task: a\n",
            "s.yaml:2:12: questions: unexpected value 'some'; write 'all', a list of question "
            "ids, or 'pack: PATH'",
        ),
        (
            "title: x\nquestions: {pack: nowhere.yaml}\nitems:\n  - task: a\n",
            "s.yaml:2:19: questions.pack: no such question pack 'nowhere.yaml'",
        ),
        ("title: x\nitems: []\n", "s.yaml:2:8: items:"),
        ("items:\n  - task: a\n", "s.yaml:1:1: title: a required key is missing; add 'title'"),
        (
            "title: x\nitems:\n  - task: a\n    agreed_upfront: maybe\n",
            "s.yaml:4:21: items[0].agreed_upfront: expected yes or no, got 'maybe'",
        ),
        (
            "title: x\nitems:\n  - task: a\n    outcom: b\n",
            "s.yaml:4:5: items[0].outcom: unknown key 'outcom'; did you mean 'outcome'?",
        ),
    ],
)
def test_a_bad_session_file_names_file_line_and_column(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ClarityError) as caught:
        load_session(path)
    assert str(caught.value).startswith(str(tmp_path / expected)), str(caught.value)

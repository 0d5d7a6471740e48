"""The compiled pack as plain data (``rules.compiled``): what every command reads of the rules,
found by id or name, picklable, and its conditions as written readable without the models."""

from __future__ import annotations

import pickle
import subprocess
import sys

from clarity.core.rules.compiled import (
    Examples,
    Pack,
    Rule,
    Worded,
    fields_read,
)


def test_a_rule_is_found_by_id_or_name(builtin_pack: Pack) -> None:
    first = builtin_pack.rules[0]
    assert builtin_pack.rule(first.rule.id) is first
    assert builtin_pack.rule(first.rule.name) is first
    assert builtin_pack.rule("no such rule") is None


def test_the_pack_survives_pickling_whole(builtin_pack: Pack) -> None:
    again = pickle.loads(pickle.dumps(builtin_pack))
    assert [c.rule for c in again.rules] == [c.rule for c in builtin_pack.rules]
    assert again.questions[0].replace(check=None) == builtin_pack.questions[0].replace(check=None)
    assert again.verdicts == builtin_pack.verdicts and again.scores == builtin_pack.scores


def test_each_rule_keeps_its_condition_as_written_and_what_it_reads(builtin_pack: Pack) -> None:
    for compiled in builtin_pack.rules:
        rule = compiled.rule
        [(kind, _)] = rule.when.items()
        assert isinstance(kind, str)
        assert set(rule.reads) == compiled.reads, rule.id
        assert len(rule.reads) == len(set(rule.reads)), rule.id


def test_values_are_equal_by_their_fields_and_frozen_ones_hashable() -> None:
    worded = Worded("to the leader", "to the report")
    assert worded == Worded("to the leader", "to the report")
    assert worded != Worded("to the leader", "another")
    assert len({worded, Worded("to the leader", "to the report")}) == 1
    examples = Examples([{"owner": ""}], [{}])
    rule = Rule("T1", "t", "T", "boundaries", "info", None, None, {}, "m", "w", "f", examples)
    assert rule.replace(severity="error").severity == "error"
    assert rule.severity == "info"


def test_the_fields_a_condition_reads_are_found_as_written() -> None:
    when = {
        "all": [
            {"dated": {"field": "deadline", "reads": "impossible"}},
            {"not": {"dated": {"fields": ["checkpoints", "deadline"], "reads": "impossible"}}},
            {"count": {"min": 1, "of": [{"dated": {"field": "outcome", "reads": "none"}}]}},
            {"any": [{"missing": "owner"}]},
        ]
    }
    assert fields_read(when, "dated", reads="impossible") == ["deadline", "checkpoints", "deadline"]
    assert fields_read(when, "dated", reads="none") == ["outcome"]
    assert fields_read(when, "dated", reads="date") == []
    assert fields_read(when, "means") == []
    judged = {"any": [{"means": {"fields": ["constraints", "decides_alone"], "bank": "B102"}}]}
    assert fields_read(judged, "means", bank="B102") == ["constraints", "decides_alone"]
    assert fields_read(judged, "means", bank="B107") == []


def test_reading_the_compiled_pack_imports_no_pydantic() -> None:
    code = (
        "import sys, clarity.core.rules.compiled, clarity.core.rules.checks; "
        "print('pydantic' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"

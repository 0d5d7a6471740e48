"""Property-based fuzzing of the loaders, the engine and the renderers.

For any input, a loader returns a value or raises a ClarityError that carries a location (the
source, and a line and column where there is one); never any other exception. The engine
scores any valid answers, and every renderer draws any report or lint run without letting a
control, C1 or bidirectional character through.

The runs are derandomized and keep no example database, so CI is reproducible; set
CLARITY_FUZZ_EXAMPLES to fuzz longer locally (e.g. 5000), and CLARITY_FUZZ_RANDOM=1 to draw
new examples on each run.
"""

from __future__ import annotations

import json
import os
import re
import string
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clarity.core.errors import ClarityError
from clarity.core.limits import Limits
from clarity.core.models import LEVELS, SYMPTOMS, Answers, field_names
from clarity.core.reading.answers import build_answers, complete, load_answers_text
from clarity.core.reading.charters import parse_charter
from clarity.core.reading.tomlsafe import load_toml
from clarity.core.reading.validation import validate
from clarity.core.reading.yamlsafe import decode, load_yaml
from clarity.core.rules.pack import load_pack
from clarity.core.rules.pack_models import PackFile
from clarity.core.rules.patterns import MAX_EXPANSION, expansion
from clarity.core.scoring.findings import Diagnostic, FileResult, LintFinding, LintRun

EXAMPLES = int(os.environ.get("CLARITY_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("CLARITY_FUZZ_RANDOM"),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SMALL = Limits(max_file_bytes=64 * 1024, max_depth=16, max_text_chars=2_000)
PACK = load_pack()

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")


def assert_located(exc: ClarityError, source: str) -> None:
    assert exc.location is not None, str(exc)
    assert exc.location.source.startswith(source) or source in str(exc), str(exc)
    if exc.location.line is not None:
        assert exc.location.line >= 1
        assert exc.location.column is None or exc.location.column >= 1


# -- strategies --------------------------------------------------------------------------------

HOSTILE_CHARS = "\x00\x07\x1b\x7f\x85\x9b\u2028\u202e\u2066\ufeff\ufffe\t\r"
PIECES = [
    *":-[]{},#&*!|>'\"%@`?\\ \n",
    "\n  ", "\n- ", ": ", "- ", "---\n", "...\n", "!!python/object/apply:os.system", "!x",
    "&a", "*a", "<<: ", "no", "yes", "on", "12:30", "012", "1.10", "~", "null", "9" * 50,
    "task", "outcome", "delegations", "symptoms", "sign_offs", "rules", "limits", "é", "😀",
    *HOSTILE_CHARS,
]  # fmt: skip
yaml_soup = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)
)
trees = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=25,
)  # fmt: skip


def dumped(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    """A text with a few pieces inserted, deleted or swapped: almost valid, like real mistakes."""
    text = draw(base)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(PIECES))
        if draw(st.booleans()):
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + text[at + len(piece) :]
    return text


RECORD_KEYS = [*field_names(Answers), "bogus"]
answer_values = st.one_of(
    scalars,
    st.lists(st.text(max_size=20), max_size=4),
    st.sampled_from(["yes", "no", "maybe", "", "  ", "often", "never"]),
    st.dictionaries(st.sampled_from([*SYMPTOMS, "nope"]), st.sampled_from([*LEVELS, "x", ""])),
)
answer_dicts = st.dictionaries(st.sampled_from(RECORD_KEYS), answer_values, max_size=10)
texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(HOSTILE_CHARS),
    max_size=60,
)


# -- loaders -----------------------------------------------------------------------------------


@FUZZ
@given(st.one_of(yaml_soup, trees.map(dumped), mutated(trees.map(dumped))))
def test_the_yaml_loader_returns_data_or_a_located_error(text: str) -> None:
    try:
        doc = load_yaml(text, "f.yaml", SMALL)
    except ClarityError as exc:
        assert_located(exc, "f.yaml")
        return
    stack = [doc.data]
    while stack:  # only plain data: no object was constructed, every scalar is text
        value = stack.pop()
        assert value is None or isinstance(value, (str, list, dict)), type(value)
        if isinstance(value, dict):
            assert all(isinstance(k, str) for k in value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


@FUZZ
@given(st.binary(max_size=200) | texts.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_decoding_returns_text_or_a_located_error(raw: bytes) -> None:
    try:
        text = decode(raw, "f.yaml")
    except ClarityError as exc:
        assert_located(exc, "f.yaml")
        return
    assert "\x00" not in text


@FUZZ
@given(
    st.one_of(
        answer_dicts.map(dumped),
        mutated(answer_dicts.map(dumped)),
        answer_dicts.map(lambda d: json.dumps(d, ensure_ascii=False)),
        yaml_soup,
    )
)
def test_the_answers_loader_gives_answers_or_a_located_error(text: str) -> None:
    try:
        doc = load_answers_text(text, "answers.yaml", SMALL)
        data = complete(dict(doc.data), PACK.questions, doc.source)
        answers = build_answers(data, doc, doc.source)
    except ClarityError as exc:
        assert_located(exc, "answers.yaml")
        return
    assert isinstance(answers, Answers) and answers.task


charter_yaml = st.fixed_dictionaries(
    {"delegations": st.lists(answer_dicts.map(lambda d: {"task": "T", **d}), max_size=3)},
    optional={"team": scalars, "bogus": scalars},
).map(dumped)
MD_PIECES = [
    "## ", "# ", "### ", "- **Owner:** ", "- **Outcome:**", "- **Constraints:**", "  - ",
    "- **Agreed upfront:** ", "- **Ownr:** ", "**Team:** ", "```", "~~~", "<!--", "-->",
    "\n", "\n\n", "yes", "no", "Task", ";", "*", "_", "1. ", "\t", *HOSTILE_CHARS,
]  # fmt: skip
markdown_soup = st.lists(st.sampled_from([*MD_PIECES, "x", "y z"]), max_size=60).map("".join)


@FUZZ
@given(
    st.one_of(
        st.tuples(st.just("yaml"), charter_yaml | mutated(charter_yaml) | yaml_soup),
        st.tuples(st.just("markdown"), markdown_soup),
    )
)
def test_the_charter_loaders_give_delegations_or_a_located_error(case: tuple[str, str]) -> None:
    kind, text = case
    try:
        charter = parse_charter(text, "team.charter", kind, SMALL)  # type: ignore[arg-type]
    except ClarityError as exc:
        assert_located(exc, "team.charter")
        return
    for entry in charter.entries:
        assert entry.task and entry.record["task"] == entry.task
        first, last = entry.span
        assert 1 <= first <= last <= text.count("\n") + 1
        for name in entry.record:
            line, column = entry.locate(name)
            assert line >= 1 and column >= 1


TOML_PIECES = [
    "[tool.clarity]\n", "[[tool.clarity.overrides]]\n", "[tool.clarity.limits]\n", "fail_level",
    "ignore", "exclude", "max_depth", " = ", '"warning"', "'x'", '"""a\nb"""', "[", "]", "{",
    "}", ",", "1", "9" * 5000, "1979-05-27", "true", "#", "\n", ".", "=", *HOSTILE_CHARS,
]  # fmt: skip


@FUZZ
@given(st.lists(st.sampled_from(TOML_PIECES), max_size=40).map("".join))
def test_the_toml_loader_gives_a_table_or_a_located_error(text: str) -> None:
    try:
        load_toml(text, "pyproject.toml", ("tool", "clarity"), SMALL)
    except ClarityError as exc:
        assert_located(exc, "pyproject.toml")


pack_docs = st.fixed_dictionaries(
    {},
    optional={
        "rules": st.lists(
            st.fixed_dictionaries(
                {"id": st.sampled_from(["T101", "t1", "C101", ""]), "name": st.just("x")},
                optional={"when": trees, "title": scalars, "severity": scalars},
            ),
            max_size=2,
        ),
        "name": scalars,
        "questions": trees,
    },
).map(dumped)


@FUZZ
@given(pack_docs | mutated(pack_docs))
def test_the_pack_loader_gives_a_pack_file_or_a_located_error(text: str) -> None:
    try:
        doc = load_yaml(text, "pack.yaml", SMALL)
        if not isinstance(doc.data, dict):
            return
        validate(PackFile, doc)
    except ClarityError as exc:
        assert_located(exc, "pack.yaml")


REGEX_PIECES = [*"()[]{}*+?|\\^$.,-:<>=!#0123456789ab", "{1000}", "{2,}", "(?:", "(?i)", r"\p{L}"]


@FUZZ
@given(st.lists(st.sampled_from(REGEX_PIECES), max_size=30).map("".join))
def test_the_pattern_compiler_accepts_or_refuses_quickly(pattern: str) -> None:
    from clarity.core.rules.patterns import valid_pattern

    try:
        assert valid_pattern(pattern) == pattern
    except ValueError as exc:
        assert "pattern" in str(exc)
        return
    assert expansion(pattern) <= MAX_EXPANSION


# -- the engine and the renderers --------------------------------------------------------------

optional_text = st.none() | texts
valid_answers = st.builds(
    dict,
    task=texts.filter(lambda t: t.strip() != ""),
    owner=optional_text,
    outcome=optional_text,
    deadline=optional_text,
    quality=optional_text,
    consequences=optional_text,
    constraints=st.lists(texts, max_size=3),
    decides_alone=st.lists(texts, max_size=3),
    escalate_when=st.lists(texts, max_size=2),
    checkpoints=st.lists(texts, max_size=2),
    agreed_upfront=st.sampled_from([None, True, False]),
    can_fail_differently=st.sampled_from([True, False]),
    perspective=st.sampled_from(["leader", "report"]),
    symptoms=st.dictionaries(st.sampled_from(SYMPTOMS), st.sampled_from(LEVELS)),
)


def assert_inert(text: str, colour: bool = False) -> None:
    found = UNSAFE.findall(SGR.sub("", text) if colour else text)
    assert not found, found


@settings(FUZZ, max_examples=max(20, EXAMPLES // 3))
@given(valid_answers)
def test_the_engine_scores_any_valid_answers_and_every_renderer_draws_it(
    data: dict[str, Any],
) -> None:
    from clarity.cli.commands.check import render
    from clarity.core.scoring.engine import score
    from clarity.core.scoring.present import report_data

    try:
        answers = Answers.validate(data)
    except Exception:  # e.g. a task of only stripped characters: not a valid answer set
        return
    report = score(answers, PACK)
    assert report.verdict in ("in-harmony", "boundaries", "consequences", "both")
    assert 0 <= report.scores.autonomy <= 100 and 0 <= report.scores.accountability <= 100
    payload = report_data(report, PACK)
    for fmt in ("text", "json", "markdown", "html", "svg", "jsonl"):
        out = render(payload, fmt, None)
        assert_inert(out)
        if fmt == "json":
            assert json.loads(out)["task"] == answers.task
    from clarity.cli.render.text import render as text

    assert_inert(text(payload, color=True), colour=True)


finding = st.builds(
    LintFinding,
    path=texts.filter(bool),
    line=st.integers(1, 10_000),
    column=st.integers(1, 500),
    delegation=texts,
    field=st.none() | st.sampled_from(["owner", "outcome"]),
    rule=st.sampled_from(["C101", "B104", "T1"]),
    name=st.sampled_from(["outcome-missing", "x"]),
    title=texts,
    dimension=st.sampled_from(["boundaries", "consequences"]),
    severity=st.sampled_from(["error", "warning", "info"]),
    message=texts,
    why=texts,
    fix=texts,
    answer=st.none() | texts,
)
diagnostic = st.builds(
    Diagnostic,
    path=texts.filter(bool),
    line=st.none() | st.integers(1, 100),
    column=st.none() | st.integers(1, 100),
    message=texts,
    code=st.sampled_from(["parse-error", "rule-error", "not-found"]),
)
runs = st.builds(
    LintRun,
    files=st.lists(
        st.builds(
            FileResult,
            path=texts.filter(bool),
            delegations=st.integers(0, 5),
            findings=st.lists(finding, max_size=4),
            diagnostics=st.lists(diagnostic, max_size=2),
        ),
        max_size=3,
    ),
    fail_level=st.sampled_from(["error", "warning", "info"]),
)


@settings(FUZZ, max_examples=max(20, EXAMPLES // 2))
@given(runs)
def test_every_lint_format_draws_any_run_inertly(run: LintRun) -> None:
    import xml.etree.ElementTree as ET

    from clarity.cli.commands.lint import render

    rules = [c.rule for c in PACK.rules]
    for fmt in ("text", "json", "sarif", "github", "junit"):
        out = render(run, fmt, rules, None)
        assert_inert(out)
        if fmt in ("json", "sarif"):
            json.loads(out)
        if fmt == "junit":
            ET.fromstring(out.encode("utf-8"))
        if fmt == "github":
            for line in out.splitlines():
                assert re.match(r"::(error|warning|notice) file=", line), line
    from clarity.cli.render.lint_text import render as text

    assert_inert(text(run, color=True), colour=True)


@pytest.mark.parametrize("alphabet", [string.printable, HOSTILE_CHARS + "ab"])
def test_visible_is_idempotent_and_complete(alphabet: str) -> None:
    from clarity.core.text import visible

    @FUZZ
    @given(st.text(st.sampled_from(alphabet) | st.characters(), max_size=50))
    def check(text: str) -> None:
        once = visible(text)
        assert visible(once) == once
        assert_inert(once.replace("\n", "").replace("\t", ""))

    check()

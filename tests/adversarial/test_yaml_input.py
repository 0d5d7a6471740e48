"""Hostile YAML at every entry point that reads YAML: answers, charters, rule packs, configuration.

Nothing in a file is ever constructed or run (tags), expanded (anchors, aliases), merged
(duplicate keys) or guessed (``no``, ``12:30`` stay text). Each refusal is one line naming
file:line:col, with exit code 2 and no traceback.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests.adversarial.helpers import (
    FILE_ENTRIES,
    VALID,
    YAML_ENTRIES,
    assert_clean,
    assert_refused,
    feed,
    invoke,
)

ENTRIES = list(YAML_ENTRIES)

LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)

# (id, the hostile text put before the entry's valid file, the message, line:col)
REFUSED = [
    (
        "python-object-apply",
        'x: !!python/object/apply:os.system ["touch pwned"]\n',
        "tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed",
        "1:4",
    ),
    (
        "python-name",
        "x: !!python/name:os.system\n",
        "tags (tag:yaml.org,2002:python/name:os.system) are not allowed",
        "1:4",
    ),
    (
        "python-object-new",
        "x: !!python/object/new:subprocess.Popen [[touch, pwned]]\n",
        "tags (tag:yaml.org,2002:python/object/new:subprocess.Popen) are not allowed",
        "1:4",
    ),
    ("custom-tag", "x: !secret value\n", "tags (!secret) are not allowed", "1:4"),
    ("standard-tag", "x: !!str 12\n", "tags (tag:yaml.org,2002:str) are not allowed", "1:4"),
    ("anchor", "x: &a 1\ny: *a\n", "anchors (&a) are not allowed", "1:4"),
    ("alias", "x: *a\n", "aliases (*a) are not allowed", "1:4"),
    ("billion-laughs", LAUGHS, "anchors (&a) are not allowed", "1:4"),
    ("merge-key", "x: &base {a: 1}\ny:\n  <<: *base\n", "anchors (&base) are not allowed", "1:4"),
    ("duplicate-key", "x: 1\nx: 2\n", "duplicate key 'x' (first at line 1)", "2:1"),
    ("tab-indent", "x:\n\ty: 1\n", "indent with spaces, not tabs", "2:1"),
    (
        "curly-quotes",
        "x: \u201cPasses the panel: no off-flavours\u201d\n",
        "curly quotes do not quote in YAML",
        "1:21",  # (the colon inside the would-be quotes)
    ),
    ("unknown-key", "bogus_key: 1\n", "unknown key 'bogus_key'", "1:1"),
    ("not-yaml", "x: [1, 2\n", "not valid YAML", None),
    ("control-character", "x: a\x07b\n", "not valid YAML", "1:5"),
]


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize(
    ("hostile", "message", "where"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_refused_with_file_line_and_column(
    entry: str, hostile: str, message: str, where: str | None, tmp_path: Path
) -> None:
    started = time.perf_counter()
    run = feed(entry, tmp_path, hostile + VALID[entry])
    name = FILE_ENTRIES[entry]
    assert_refused(run, message, where=f"{name}:{where}" if where else name)
    assert time.perf_counter() - started < 10
    assert not (tmp_path / "pwned").exists()  # nothing ran


@pytest.mark.parametrize("entry", ENTRIES)
def test_two_documents_are_refused_at_the_second(entry: str, tmp_path: Path) -> None:
    text = VALID[entry] + "---\n" + VALID[entry]
    line = VALID[entry].count("\n") + 1
    run = feed(entry, tmp_path, text)
    assert_refused(run, "a second YAML document", where=f"{FILE_ENTRIES[entry]}:{line}:1")


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("top", ["- a\n- b\n", "just some text\n", "42\n", "[1, 2]\n"])
def test_a_top_level_list_or_scalar_is_refused(entry: str, top: str, tmp_path: Path) -> None:
    run = feed(entry, tmp_path, top)
    assert_refused(run, "mapping", where=f"{FILE_ENTRIES[entry]}:1:1")


# An empty answers file is an error (nothing to score); an empty charter, pack or configuration
# is valid: it simply holds nothing.
EMPTY_CODES = {
    "check": 2,
    "lint": 0,
    "rules-validate": 0,
    "rules-test": 0,
    "config": 0,
    "compare": 2,
    "session": 2,
}


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n   \n", "---\n", "~\n"])
def test_empty_and_comment_only_files(entry: str, text: str, tmp_path: Path) -> None:
    run = feed(entry, tmp_path, text)
    if EMPTY_CODES[entry] == 2:
        message = "a session file must be a mapping" if entry == "session" else "is empty"
        line = assert_refused(run, message, where=f"{FILE_ENTRIES[entry]}:")
        assert re.match(rf"clarity: error: {re.escape(FILE_ENTRIES[entry])}:[12]:1: ", line)
    else:
        assert_clean(run, EMPTY_CODES[entry])


@pytest.mark.parametrize("entry", ENTRIES)
def test_a_byte_order_mark_is_read_like_any_utf8_file(entry: str, tmp_path: Path) -> None:
    plain = feed(entry, tmp_path, VALID[entry])
    with_bom = feed(entry, tmp_path, b"\xef\xbb\xbf" + VALID[entry].encode())
    assert_clean(plain, plain.code)
    assert (with_bom.code, with_bom.stdout) == (plain.code, plain.stdout)
    assert plain.code in (0, 1)


WORDS = ["no", "on", "yes", "off", "12:30", "012", "1.10", "0x1F", "1e3", ".inf", "9" * 5000]
FLOW = "[" + ", ".join(WORDS) + "]"


def test_words_stay_text_in_answers(tmp_path: Path) -> None:
    text = VALID["check"].replace("owner: Platform team", "owner: 12:30")
    text = text.replace("checkpoints:\n  - 2026-11-27\n  - 2026-12-04", f"checkpoints: {FLOW}")
    run = feed("check", tmp_path, text)
    assert_clean(run)
    answers = json.loads(run.stdout)["answers"]
    assert (answers["owner"], answers["checkpoints"]) == ("12:30", WORDS)


def test_words_stay_text_in_charters(tmp_path: Path) -> None:
    text = "delegations:\n" + "".join(f"  - task: {word}\n" for word in WORDS)
    run = feed("lint", tmp_path, text)
    assert_clean(run, 1)
    delegations = {f["delegation"] for f in json.loads(run.stdout)["findings"]}
    assert delegations == set(WORDS)


def test_words_stay_text_in_rule_packs(tmp_path: Path) -> None:
    pack = VALID["rules-validate"].replace("title: Nobody owns it", "title: 012")
    pack = pack.replace("fix: Name one person.", "fix: no")
    (tmp_path / "pack.yaml").write_text(pack, encoding="utf-8")
    run = invoke("rules", "show", "T101", "--rules", "pack.yaml", "--format", "json")
    assert_clean(run)
    rule = json.loads(run.stdout)["rule"]
    assert (rule["title"], rule["fix"]) == ("012", {"leader": "no", "report": "no"})


def test_words_stay_text_in_configuration(tmp_path: Path) -> None:
    run = feed("config", tmp_path, f"exclude: {FLOW}\n")
    assert_clean(run)
    settings = {s["key"]: s["value"] for s in json.loads(run.stdout)["settings"]}
    assert settings["exclude"] == WORDS


@pytest.mark.parametrize("word", ["no", "12:30", "1.10", "9" * 5000], ids=lambda w: w[:8])
def test_a_word_where_a_choice_is_expected_is_named_not_converted(
    word: str, tmp_path: Path
) -> None:
    run = feed("config", tmp_path, f"fail_level: {word}\n")
    # a configuration is no clarity input: a long value is described, never quoted
    shown = f"'{word}'" if len(word) <= 32 else f"({len(word)} characters, not shown)"
    assert_refused(
        run, f"fail_level: unexpected value {shown}", "error, warning or info",
        where=".clarity.yaml:1:13",
    )  # fmt: skip


def test_yes_no_fields_take_yes_or_no_only(tmp_path: Path) -> None:
    text = VALID["check"].replace("agreed_upfront: yes", "agreed_upfront: 12:30")
    run = feed("check", tmp_path, text)
    line = 1 + text.splitlines().index("agreed_upfront: 12:30")
    assert_refused(
        run, "agreed_upfront: expected yes or no, got '12:30'", where=f"answers.yaml:{line}:17"
    )


@pytest.mark.parametrize("entry", ENTRIES)
def test_unknown_nested_field_is_named_with_a_suggestion(entry: str, tmp_path: Path) -> None:
    changed = {
        "check": ("  sign_offs: never", "  sign_ofs: never", "symptoms.sign_ofs", "sign_offs"),
        "lint": ("    owner: Priya", "    ownr: Priya", "ownr", "owner"),
        "rules-validate": ("    severity: warning", "    severty: warning", "severty", "severity"),
        "rules-test": ("    severity: warning", "    severty: warning", "severty", "severity"),
        "config": ("fail_level: warning", "fail_levl: warning", "fail_levl", "fail_level"),
        "compare": ("owner: Platform team", "ownr: Platform team", "ownr", "owner"),
        "session": ("    owner: Sam", "    ownr: Sam", "ownr", "owner"),
    }[entry]
    old, new, key, meant = changed
    text = VALID[entry].replace(old, new)
    assert text != VALID[entry]
    line = 1 + text.splitlines().index(new)
    col = len(new) - len(new.lstrip()) + 1
    run = feed(entry, tmp_path, text)
    assert_refused(
        run,
        f"unknown key '{key.rsplit('.', 1)[-1]}'",
        f"did you mean '{meant}'?",
        where=f"{FILE_ENTRIES[entry]}:{line}:{col}",
    )


def test_an_unknown_answer_key_is_named_before_a_missing_answer(tmp_path: Path) -> None:
    # 'outcom' is a misspelt 'outcome': the error names the misspelling, not the absence.
    text = VALID["check"].replace("outcome: ", "outcom: ")
    line = 1 + next(i for i, t in enumerate(text.splitlines()) if t.startswith("outcom:"))
    run = feed("check", tmp_path, text)
    assert_refused(
        run, "unknown key 'outcom'", "did you mean 'outcome'?", where=f"answers.yaml:{line}:1"
    )

"""Reports people keep: the delegation map, and the markdown, HTML and SVG formats of check,
compare and history, safe whatever the answers say."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.cli.render.quadmap import Point, plain
from clarity.core.models import SYMPTOMS, Answers
from clarity.core.rules.pack import load_pack
from clarity.core.scoring.engine import score
from clarity.core.scoring.quadrants import QUADRANT_BOUNDARY, map_point, quadrant_of
from clarity.core.state.journal import open_journal
from tests.conftest import EXAMPLES, ROOT

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"
MISSED = str(EXAMPLES / "missed-deadline.yaml")
ASKING = str(EXAMPLES / "asking-for-autonomy.yaml")
HARMONY = str(EXAMPLES / "in-harmony.yaml")


def invoke(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


# -- the map ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y", "quadrant"),
    [
        (20, 80, "micromanagement"),
        (80, 20, "abandonment"),
        (20, 20, "neglect"),
        (80, 80, "in-harmony"),
        (QUADRANT_BOUNDARY, QUADRANT_BOUNDARY, "in-harmony"),  # on the boundary counts as high
        (QUADRANT_BOUNDARY - 1, QUADRANT_BOUNDARY, "micromanagement"),
        (QUADRANT_BOUNDARY, QUADRANT_BOUNDARY - 1, "abandonment"),
        (0, 0, "neglect"),
        (100, 100, "in-harmony"),
    ],
)
def test_quadrants(x: int, y: int, quadrant: str) -> None:
    assert quadrant_of(x, y).id == quadrant
    assert map_point(x, y) == {"x": x, "y": y, "quadrant": quadrant}


def where_on_the_grid(text: str, marker: str = "●") -> tuple[str, str]:
    """Which half of the drawn box the marker is in: (top|bottom, left|right)."""
    lines = text.splitlines()
    middle = next(i for i, line in enumerate(lines) if "┼" in line)
    centre = lines[middle].index("┼")
    row = next(i for i, line in enumerate(lines) if marker in line and "│" in line)
    col = lines[row].index(marker)
    assert row != middle and col != centre
    return ("top" if row < middle else "bottom"), ("left" if col < centre else "right")


@pytest.mark.parametrize(
    ("x", "y", "place"),
    [
        (20, 80, ("top", "left")),  # micromanagement
        (80, 80, ("top", "right")),  # in harmony
        (20, 20, ("bottom", "left")),  # neglect
        (80, 20, ("bottom", "right")),  # abandonment
        (0, 100, ("top", "left")),
        (100, 0, ("bottom", "right")),
        (50, 50, ("top", "right")),
        (49, 49, ("bottom", "left")),
    ],
)
def test_terminal_map_puts_the_point_in_its_quadrant(
    x: int, y: int, place: tuple[str, str]
) -> None:
    drawn = plain([Point(x, y, "●")])
    assert where_on_the_grid(drawn) == place
    labels = {
        "micromanagement",
        "in harmony",
        "neglect",
        "abandonment",
        "autonomy",
        "accountability",
    }
    assert all(label in drawn for label in labels)


@pytest.mark.parametrize(
    ("example", "title", "place"),
    [
        (ASKING, "Micromanagement", ("top", "left")),
        (HARMONY, "In harmony", ("top", "right")),
        (MISSED, "Abandonment", ("bottom", "right")),
    ],
)
def test_text_report_shows_the_map(example: str, title: str, place: tuple[str, str]) -> None:
    out = invoke("check", "--answers", example, "--detail").stdout
    assert f"Map: {title} (autonomy" in out
    assert where_on_the_grid(out) == place


def test_text_report_map_for_neglect(tmp_path: Path) -> None:
    answers = tmp_path / "neglect.yaml"
    answers.write_text(
        "task: Tidy the shared drive\ncan_fail_differently: no\noutcome: ''\n"
        "deadline: ''\nquality: ''\nconsequences: ''\nsymptoms:\n"
        + "".join(f"  {name}: often\n" for name in SYMPTOMS),
        encoding="utf-8",
    )
    out = invoke("check", "--answers", str(answers), "--detail").stdout
    assert "Map: Neglect" in out
    assert where_on_the_grid(out) == ("bottom", "left")


def test_json_report_has_the_map() -> None:
    data = json.loads(invoke("check", "--answers", MISSED, "--format", "json").stdout)
    scores = data["scores"]
    assert data["map"] == {
        "x": scores["autonomy"],
        "y": scores["accountability"],
        "quadrant": "abandonment",
    }


# -- check --format html | svg | markdown ------------------------------------------------


class Tags(HTMLParser):
    """Every tag and attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def assert_self_contained(page: str) -> None:
    tags = tags_of(page)
    names = [t for t, _ in tags]
    assert "script" not in names and "<script" not in page.lower()
    assert not {"link", "img", "iframe", "object", "embed", "base"} & set(names)
    for _, attrs in tags:
        for name, value in attrs.items():
            if name in ("src", "href", "xlink:href", "action", "srcset"):
                pytest.fail(f"external reference {name}={value!r}")
            assert not name.startswith("on"), name
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?\s*(?:https?:|//)", page)


def test_check_html_is_one_self_contained_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = invoke("check", "--answers", MISSED, "--format", "html", "--output", str(out))
    assert result.stdout == ""
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # one file, nothing beside
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert '<span class="verdict v-consequences">consequences</span>' in page
    assert "The consequences broke down" in page
    assert "<svg" in page and "Abandonment" in page and "Micromanagement" in page
    assert "Why it matters:" in page and "What to do:" in page
    assert "C108" in page and "I&#x27;ll be disappointed" in page
    assert "Autonomy outruns accountability." in page
    assert_self_contained(page)


def test_check_html_has_traps_and_advice() -> None:
    micromanaged = ROOT / "tests" / "corpus" / "unhealthy" / "micromanaged-project-lead.yaml"
    page = invoke("check", "--answers", str(micromanaged), "--format", "html").stdout
    assert '<section id="traps">' in page and '<section id="advice">' in page
    assert "Micromanaging with accountability language" in page
    assert_self_contained(page)


def test_check_svg_parses_and_names_the_verdict() -> None:
    picture = invoke("check", "--answers", MISSED, "--format", "svg").stdout
    assert picture.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(picture.encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert "Verdict: consequences" in (title.text or "")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "consequences" in texts and "Abandonment" in texts and "95" in texts
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}image")]


def test_check_markdown_has_the_map() -> None:
    text = invoke("check", "--answers", HARMONY, "--format", "markdown").stdout
    assert "## Map: In harmony" in text
    block = text.split("## Map: In harmony", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    assert where_on_the_grid(block) == ("top", "right")


# -- history --format markdown | html | svg --------------------------------------------


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    pack = load_pack([], plugins=False)
    db = tmp_path / "journal.sqlite3"

    def report(path: str, **changes: Any) -> Any:
        from clarity.core.reading.answers import read_answers

        data = dict(read_answers(path).data)  # type: ignore[arg-type]
        data.update(changes)
        return score(Answers.validate(data), pack)

    with open_journal(db) as book:
        for day, (path, changes) in enumerate(
            [
                (MISSED, {}),
                (MISSED, {"perspective": "report", "can_fail_differently": "no"}),
                (HARMONY, {"task": "Redesign the customer onboarding emails"}),
            ],
            start=1,
        ):
            at = datetime(2026, 3, day * 7, 9, 0, tzinfo=timezone.utc)
            book.save(report(path, **changes), pack.version, at=at)
    return db


TASK = "Redesign the customer onboarding emails"


def test_history_svg_parses_with_the_trend_and_the_map(journal: Path) -> None:
    picture = invoke("history", TASK, "--journal", str(journal), "--format", "svg").stdout
    root = ET.fromstring(picture.encode("utf-8"))
    title = root.find(f"{SVG}title")
    assert title is not None and "3 checks" in (title.text or "")
    lines = root.findall(f".//{SVG}polyline")
    classes = {line.get("class") for line in lines}
    assert {"autonomy", "accountability"} <= classes  # the trend of both scores
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Scores over time" in texts and "On the map" in texts
    assert "2026-03-07" in texts and "In harmony" in texts


def test_history_html_and_markdown(journal: Path) -> None:
    page = invoke("history", TASK, "--journal", str(journal), "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert "Leader, 2 checks from the first to the latest" in page
    assert page.count("<tr>") == 4
    assert_self_contained(page)
    text = invoke("history", TASK, "--journal", str(journal), "--format", "markdown").stdout
    assert text.startswith(f"# Clarity history: {TASK}")
    assert "| 3 | 2026-03-21 | leader | `in-harmony` | 100 | 100 | In harmony |" in text
    assert "## Trend" in text and "## Map" in text


def test_history_of_every_task_as_svg(journal: Path) -> None:
    picture = invoke("history", "--journal", str(journal), "--format", "svg").stdout
    root = ET.fromstring(picture.encode("utf-8"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert TASK in texts


# -- hostile answers ----------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script> [bold]loud[/bold] \x1b[31mred\x1b[0m \u202egnp.exe & "q"'


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    from clarity.core.reading.answers import read_answers

    data = dict(read_answers(HARMONY).data)  # type: ignore[arg-type]
    data.update(task=f"Task {HOSTILE}", outcome=f"Outcome {HOSTILE}", constraints=[HOSTILE])
    data["consequences"] = f"We'll see {HOSTILE}"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def assert_inert(out: str) -> None:
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\\x1b" in out or "\\u001b" in out  # shown, not dropped
    assert "\\u202e" in out


def test_hostile_text_in_check_formats(hostile: Path) -> None:
    for fmt in ("text", "json", "markdown", "html", "svg"):
        out = invoke("check", "--answers", str(hostile), "--format", fmt).stdout
        assert_inert(out)
        if fmt in ("html", "svg", "markdown"):
            assert "<script>" not in out
        if fmt == "text":
            assert "[bold]loud[/bold]" in out  # never read as markup
        if fmt == "html":
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
            assert_self_contained(out)
        if fmt == "svg":
            root = ET.fromstring(out.encode("utf-8"))
            title = root.find(f"{SVG}title")
            assert title is not None and "<script>alert(1)</script>" in (title.text or "")


def test_hostile_text_in_compare_formats(hostile: Path) -> None:
    for fmt in ("text", "json", "markdown", "html", "svg"):
        result = runner.invoke(app, ["compare", str(hostile), HARMONY, "--format", fmt])
        assert result.exit_code == 0, result.output
        assert_inert(result.stdout)
        assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
        assert "different tasks" in result.stderr
        if fmt in ("html", "svg", "markdown"):
            assert "<script>" not in result.stdout
        if fmt == "html":
            assert_self_contained(result.stdout)
        if fmt == "svg":
            ET.fromstring(result.stdout.encode("utf-8"))


def test_hostile_text_in_history_formats(hostile: Path, tmp_path: Path) -> None:
    db = tmp_path / "journal.sqlite3"
    invoke("check", "--answers", str(hostile), "--save", "--journal", str(db))
    task = json.loads(hostile.read_text(encoding="utf-8"))["task"]
    for fmt in ("markdown", "html", "svg"):
        for args in ([task], []):
            out = invoke("history", *args, "--journal", str(db), "--format", fmt).stdout
            assert "\x1b" not in out and "\u202e" not in out
            assert "<script>" not in out
            if fmt == "svg":
                ET.fromstring(out.encode("utf-8"))
            if fmt == "html":
                assert_self_contained(out)

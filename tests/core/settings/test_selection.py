"""Rule selection as ruff does it: layers of select and ignore, the more specific one wins."""

from __future__ import annotations

from clarity.core.settings.selection import ALL, Layer, Settings


def on(*layers: Layer) -> set[str]:
    rules = {"C101": "outcome-missing", "C102": "outcome-vague", "B101": "no-decision-rights"}
    settings = Settings(layers)
    return {rule for rule, name in rules.items() if settings.enabled(rule, name)}


def test_every_rule_runs_by_default() -> None:
    assert on() == {"C101", "C102", "B101"}


def test_a_prefix_an_id_and_a_name_each_select() -> None:
    assert on(Layer(("C1",), resets=True)) == {"C101", "C102"}
    assert on(Layer(("B101", "outcome-vague"), resets=True)) == {"B101", "C102"}


def test_the_more_specific_selector_wins_and_ignore_wins_a_tie() -> None:
    assert on(Layer((ALL,), ("C1",), resets=True)) == {"B101"}
    assert on(Layer(("C101",), ("C1",), resets=True)) == {"C101"}
    assert on(Layer(("C1",), ("C1",), resets=True)) == set()


def test_later_layers_change_only_what_they_name_unless_they_select() -> None:
    file = Layer(("C",), resets=True)
    assert on(file, Layer(None, ("C102",))) == {"C101"}
    assert on(file, Layer(None, ("C102",)), Layer(("B",), resets=True)) == {"B101"}
    assert on(file, Layer(None, ("C102",)), Layer(None, ("B101",))) == {"C101"}


def test_severities_by_the_most_specific_selector_last_table_wins() -> None:
    settings = Settings((), ({"C1": "info", "C101": "warning"}, {"outcome-vague": "error"}))
    assert settings.severity("C101", "error", "outcome-missing") == "warning"
    assert settings.severity("C102", "warning", "outcome-vague") == "error"
    assert settings.severity("B101", "error", "no-decision-rights") == "error"

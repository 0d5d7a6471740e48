"""Rule selection as ruff does it: layers of ``select`` and ``ignore``, each selector a rule id,
a rule name, an id prefix or ``ALL``; within a layer the more specific selector wins and
``ignore`` wins a tie; the layers apply in order (see ``config.LoadedConfig.settings_for``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ALL = "ALL"


def _specificity(selector: str, rule_id: str, rule_name: str | None) -> int | None:
    if selector == ALL:
        return 0
    if selector == rule_id or (rule_name is not None and selector == rule_name):
        return 1000
    if rule_id.startswith(selector):
        return len(selector)
    return None


def _best(selectors: Iterable[str], rule_id: str, rule_name: str | None) -> int | None:
    found = [_specificity(s, rule_id, rule_name) for s in selectors]
    hits = [s for s in found if s is not None]
    return max(hits) if hits else None


@dataclass(frozen=True)
class Layer:
    """One level of rule selection (the file, an override or the command line)."""

    select: tuple[str, ...] | None
    ignore: tuple[str, ...] = ()
    resets: bool = False

    def decide(self, rule_id: str, rule_name: str | None) -> bool | None:
        chosen = _best(self.select or (), rule_id, rule_name)
        dropped = _best(self.ignore, rule_id, rule_name)
        if dropped is not None and (chosen is None or dropped >= chosen):
            return False
        if chosen is not None:
            return True
        return False if self.resets else None


@dataclass(frozen=True)
class Settings:
    """The rule settings for one file: the file's layers, then its overrides, then the CLI."""

    layers: tuple[Layer, ...]
    severities: tuple[Mapping[str, str], ...] = ()

    def enabled(self, rule_id: str, rule_name: str | None = None) -> bool:
        state = True
        for layer in self.layers:
            decided = layer.decide(rule_id, rule_name)
            if decided is not None:
                state = decided
        return state

    def severity(self, rule_id: str, default: str, rule_name: str | None = None) -> str:
        """The configured severity of a rule (pass its name too, so names work)."""
        result = default
        for table in self.severities:
            best: tuple[int, str] | None = None
            for selector, level in table.items():
                score = _specificity(selector, rule_id, rule_name)
                if score is not None and (best is None or score >= best[0]):
                    best = (score, level)
            if best is not None:
                result = best[1]
        return result

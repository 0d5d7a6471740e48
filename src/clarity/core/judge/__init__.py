"""The judge: what a free-text answer means, read from its words rather than from phrase lists.

* ``normalize``: the one normal form every judged text goes through;
* ``dates``: whether a deadline resolves to a real date, an impossible one, or none;
* ``banks``: a rule's bank of phrasings (``rules/banks/<RULE>.yaml``), the near-misses it
  borrows and the neutral asides its phrasings are also trained inside;
* ``meaning``: a classifier per rule, trained on its bank over two embeddings, the sentence
  encoder's (``encoder``) and the word model's (``model``), and structural markers
  (``evidence``);
* ``forms``: what lets a judge fire under its threshold (a confirming form, agreeing judges);
* ``Judges``: the banks of one pack, their trained classifiers and the texts already judged.

Rules use the judge through two conditions (see ``conditions``): ``means`` (the bank's
classifier says the flaw is there) and ``dated`` (what the date reader makes of a text).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.judge import memory as store
from clarity.core.judge.banks import (
    ASIDES,
    SOUND,
    TRAINING_VERSION,
    Bank,
    load_asides,
    load_bank,
    load_banks,
)
from clarity.core.judge.forms import SPLIT, clauses, forms_of, shown, stored_forms
from clarity.core.judge.meaning import Meaning, in_doubt
from clarity.core.judge.memory import cached

if TYPE_CHECKING:
    from clarity.core.judge.meaning import Vector
    from clarity.core.judge.network import Network

__all__ = [
    "ASIDES",
    "SOUND",
    "TRAINING_VERSION",
    "Bank",
    "Judge",
    "Judges",
    "example_texts",
    "load_asides",
    "load_bank",
    "load_banks",
]

# One thread for numpy's linear algebra (unless the user says otherwise), set before numpy is
# first imported, which happens only under this package. The encoder multiplies small matrices
# a text at a time: a second thread gained little alone, and with lint's worker processes on
# every core the threads fought for them (100 charters: 32 s with one thread, 351 s with two).
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


#: A judge's threshold, ``ask_from``, the scores ``confirmed_by`` and ``agreed_by`` fire from
#: and the score ``ask_on_clause`` asks from (each None where its bank sets none).
Limits = tuple[float, float | None, float | None, float | None, float | None]


class Judge:
    """One bank's classifier. Its bank and weights are read only when a text must really be
    judged: a decision made before comes from the process's memo or the user's cache."""

    def __init__(self, judges: Judges, name: str) -> None:
        self.judges = judges
        self.name = name
        self._loaded: tuple[Bank, Meaning] | None = None
        self._meaning: Meaning | None = None
        self._seen: dict[str, float] = {}
        #: The threshold, ``ask_from`` and the lower scores from which the forms count (see
        #: ``_bounds``).
        self._limits: Limits | None = None

    def _load(self) -> tuple[Bank, Meaning]:
        if self._loaded is None:
            self._loaded = self.judges.load(self.name)
            self._meaning = self._loaded[1]
        return self._loaded

    @property
    def bank(self) -> Bank:
        return self._load()[0]

    @property
    def meaning(self) -> Meaning:
        """The classifier: from its stored weights without reading the bank when they match
        the bank's files as they are now, else through the bank (trained if need be)."""
        if self._meaning is None:
            self._meaning = self.judges.stored(self.name) or self._load()[1]
        return self._meaning

    @property
    def identity(self) -> str:
        return f"{self.judges.identity()}:{self.name}"

    def _bounds(self) -> Limits:
        """The threshold, the score from which the judge is unsure where its bank sets one
        (``ask_from``), and the scores from which a text fires when its form confirms the flaw
        (``confirmed_by``) or other judges agree (``agreed_by``), and from which a clause that
        says it alone leaves the judge unsure (``ask_on_clause``), where it sets them: kept in
        the user's cache as one entry, so that a text judged before never loads the judge."""
        if self._limits is None:

            def read(_: str) -> str:
                meaning = self.meaning
                forms = (meaning.confirm, meaning.agree, meaning.clauses)
                starts = " ".join(str(None if f is None else f.start) for f in forms)
                return f"{meaning.threshold} {meaning.ask_from} {starts}"

            found = str(cached("bounds", self.identity, "", read)).split()
            threshold, ask_from, confirm, agree, parted = (found + ["None"] * 5)[:5]
            self._limits = (
                float(threshold),
                _optional(ask_from),
                _optional(confirm),
                _optional(agree),
                _optional(parted),
            )
        return self._limits

    @property
    def threshold(self) -> float:
        return self._bounds()[0]

    @property
    def ask_from(self) -> float | None:
        """The score from which the judge is unsure, where its bank sets one (see ``decide``)."""
        return self._bounds()[1]

    def settings(self) -> dict[str, Any]:
        """How the judge decides, as plain data read from its bank (``clarity rules show``):
        its field, file, phrasings, the score it fires from and what lowers it, and where its
        rule's follow-up question is asked."""
        from clarity.core.judge.meaning import UNSURE_MARGIN

        bank = self.bank
        data: dict[str, Any] = {
            "bank": self.name,
            "field": bank.field,
            "file": str(self.judges.folder / "banks" / f"{self.name}.yaml"),
            "phrasings": {
                "fire": len(bank.fire),
                "pass": len(bank.near_misses),
                "borrowed": len(bank.borrowed),
            },
            "threshold": bank.threshold,
            "asks_from": (
                round(max(bank.threshold - UNSURE_MARGIN, 0.0), 2)
                if bank.ask_from is None
                else bank.ask_from
            ),
        }
        data.update({key: shown(form) for key, form in forms_of(bank).items()})
        return data

    def probabilities(self, texts: list[str]) -> list[float]:
        """The score of each text: remembered in this process, else from the user's cache,
        else judged now, the new texts together (the sentence encoder runs them in batches)."""
        if len(self._seen) > 10_000:
            self._seen.clear()
        decisions = store.memory()
        names = {t: store.key("meaning", self.identity, t) for t in texts if t not in self._seen}
        new = []
        for text, name in names.items():
            found = decisions.get(name)
            try:
                self._seen[text] = float(found)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                new.append(text)
        if new:
            for text, score in zip(new, self.meaning.probabilities(new), strict=True):
                self._seen[text] = score
                decisions.put(names[text], str(score))
        return [self._seen[t] for t in texts]

    def probability(self, text: str) -> float:
        return self.probabilities([text])[0]

    def confirmed(self, text: str) -> bool:
        """Whether a text has the form that confirms the flaw (the bank's ``confirmed_by``):
        remembered in the user's cache, so that a text judged before is not normalized again."""

        def read(_: str) -> str:
            return "yes" if self.meaning.confirmed(text) else "no"

        return bool(cached("confirmed", self.identity, text, read) == "yes")

    def agreed(self, text: str) -> bool:
        """Whether the other judges the bank names (``agreed_by``) each reach their score on a
        text that says nothing to rule them out: remembered in the user's cache."""

        def read(_: str) -> str:
            agree = self.meaning.agree
            if agree is None or self.meaning.unagreed(text):
                return "no"
            judges = self.judges
            held = all(judges.judge(n).probability(text) >= s for n, s in agree.judges)
            return "yes" if held else "no"

        return bool(cached("agreed", self.identity, text, read) == "yes")

    def in_clauses(self, text: str) -> bool:
        """Whether one clause of a longer text, judged alone, reaches the bank's
        ``ask_on_clause`` score: remembered in the user's cache."""

        def read(_: str) -> str:
            form, parts = self.meaning.clauses, clauses(text)
            held = form is not None and bool(parts) and max(self.probabilities(parts)) >= form.score
            return "yes" if held else "no"

        return bool(cached(f"clauses{SPLIT}", self.identity, text, read) == "yes")

    def decide(self, texts: list[str], unsure: bool = False) -> list[bool]:
        """Whether the flaw is in each text: its score reaches the threshold, or the bank's
        ``confirmed_by`` score and the text has the confirming form, or its ``agreed_by``
        score and the other judges agree. With ``unsure``: whether the judge cannot tell, so
        that its rule's follow-up is asked: within ``UNSURE_MARGIN`` of the threshold, or from
        the bank's ``ask_from`` up, or, under the threshold, from its ``ask_on_clause`` score
        when a clause alone reaches that form's score."""
        threshold, ask_from, confirm, agree, parted = self._bounds()
        scores = self.probabilities(texts)
        if unsure:
            return [
                in_doubt(p, threshold, ask_from)
                or (parted is not None and parted <= p < threshold and self.in_clauses(t))
                for t, p in zip(texts, scores, strict=True)
            ]
        return [
            p >= threshold
            or (confirm is not None and p >= confirm and self.confirmed(t))
            or (agree is not None and p >= agree and self.agreed(t))
            for t, p in zip(texts, scores, strict=True)
        ]


class Judges:
    """The judges of one pack folder, trained (or read from their stored weights) on demand."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._judges: dict[str, Judge] = {}
        self._identity: str | None = None
        #: Each rule's own examples (``examples.fire`` / ``examples.pass`` of the pack): they are
        #: tuning phrasings too, so a bank named after a rule learns from them.
        self.examples: dict[str, tuple[list[Any], list[Any]]] = {}

    def add_examples(self, rule: str, fire: list[Any], passing: list[Any]) -> None:
        self.examples[rule] = (fire, passing)
        self._identity = None

    def __getstate__(self) -> dict[str, Any]:
        """What a cached pack keeps: the folder and the examples, never a trained judge (each
        process reads the stored weights, or trains, from the banks as they are now)."""
        return {"folder": self.folder, "examples": self.examples}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.folder = state["folder"]
        self.examples = state["examples"]
        self._judges = {}
        self._identity = None

    def identity(self) -> str:
        """What every judge of this folder learns from, as a digest: the bank files as they are
        now, the rules' examples, the training version and the sentence encoder's files as
        installed (a key of the decision cache)."""
        if self._identity is None:
            names = sorted(p.name for p in (self.folder / "banks").glob("*.yaml"))
            names += [n for n in (ASIDES, SOUND) if (self.folder / "banks" / n).is_file()]
            from clarity.core.judge.encoder import encoder_stamp

            digest = hashlib.sha256(self._digest(names, self.examples).encode())
            digest.update(encoder_stamp().encode())
            self._identity = digest.hexdigest()[:24]
        return self._identity

    def judge(self, name: str) -> Judge:
        found = self._judges.get(name)
        if found is None:
            found = self._judges[name] = Judge(self, name)
        return found

    def files_digest(self, rule: str, sources: list[str]) -> str:
        """A digest of what a stored classifier was trained from, read as bytes: the training
        version, the bank's file and the files it borrows from, and the rule's examples."""
        return self._digest(sources, self.examples.get(rule))

    def _digest(self, names: list[str], examples: Any) -> str:
        """The training version, the bank files ``names`` as bytes (a file that cannot be read
        counts as "?") and ``examples``, as one digest."""
        digest = hashlib.sha256(TRAINING_VERSION.encode())
        for name in names:
            try:
                data = (self.folder / "banks" / name).read_bytes()
            except OSError:
                data = b"?"
            digest.update(name.encode() + b"\0" + data + b"\0")
        text = json.dumps(examples, sort_keys=True, default=str, ensure_ascii=False)
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def stored(self, name: str) -> Meaning | None:
        """The stored classifier of a bank when it still matches the files it was trained from
        (a check of bytes: no bank is parsed), else None. Parsing the banks was 0.3 s of
        judging a first text."""
        try:
            data = json.loads((self.folder / "banks" / f"{name}.weights.json").read_text("utf-8"))
            rule, sources = str(data["rule"]), [str(s) for s in data["sources"]]
            if data["files"] != self.files_digest(rule, sources):
                return None
            arrays = self.folder / "banks" / f"{name}.arrays.npz"
            digest, mean = str(data["arrays"]), data["mean"]
            if not arrays.is_file():
                return None

            def read() -> tuple[Network, Vector, Vector]:
                from clarity.core.judge.weights import read_arrays

                try:
                    return read_arrays(arrays, digest, len(mean))
                except (OSError, ValueError):  # (changed since: trained from the bank)
                    trained = self.train(name)[1]
                    assert trained.memory is not None and trained.labels is not None
                    return trained.network, trained.memory, trained.labels

            return Meaning(
                rule, frozenset(data["vocabulary"]), mean, data["scale"], None,
                float(data["threshold"]), None, None,
                [float(v) for v in data["screen"]], float(data["screen_bias"]),
                float(data["floor"]), read, _optional(data.get("ask_from")), *stored_forms(data),
            )  # fmt: skip
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def load(self, name: str) -> tuple[Bank, Meaning]:
        """A bank (with the rule's examples) and its classifier: the stored weights when they
        match the bank, else trained now."""
        stored = self.stored(name)
        if stored is None:
            return self.train(name)
        return self.bank(name), stored

    def bank(self, name: str) -> Bank:
        """A bank with the rule's examples."""
        bank = load_banks(self.folder / "banks", name)
        fire, passing = self.examples.get(bank.rule, ([], []))
        bank.fire = bank.fire + example_texts(fire, bank.field)
        bank.passing = bank.passing + example_texts(passing, bank.field)
        return bank

    def train(self, name: str) -> tuple[Bank, Meaning]:
        """A bank and its classifier, trained now."""
        bank = self.bank(name)
        meaning = Meaning.train(
            bank.rule, bank.fire, bank.near_misses, bank.vocabulary(), bank.threshold,
            bank.borrowed, bank.floor, bank.asides, bank.ask_from, bank.confirm, bank.agree,
            bank.clauses,
        )  # fmt: skip
        return bank, meaning


def _optional(value: Any) -> float | None:
    return None if value is None or value == "None" else float(value)


def example_texts(examples: list[Any], field: str) -> list[str]:
    """The bank's field in rule examples, where it is one text (or a list of one item)."""
    texts = []
    for example in examples:
        value = example.get(field) if isinstance(example, dict) else None
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        if isinstance(value, str) and value.strip():
            texts.append(value)
    return texts

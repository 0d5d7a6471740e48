"""A rule's judge by meaning: a small classifier trained on phrasings that fire and that pass."""

from __future__ import annotations

import pytest

from clarity.core.judge.meaning import UNSURE_MARGIN, Meaning, light_features
from clarity.core.judge.normalize import surface

FIRE = [
    "make the onboarding better",
    "improve the emails somehow",
    "the customers should feel happier",
    "make it nicer for everyone",
    "things get smoother",
    "a better experience overall",
]
PASS = [
    "40% of new users finish onboarding within 7 days",
    "support tickets about sign-up drop below 20 a week",
    "open rate of the welcome email above 55% by March",
    "churn in the first month under 3%",
    "every new account sends its first invoice within 14 days",
    "conversion from trial to paid reaches 12% this quarter",
]


def test_trained_on_a_bank_it_tells_the_two_sides_apart() -> None:
    judge = Meaning.train("X101", FIRE, PASS, frozenset())
    fire = judge.probabilities(["make the process a bit better", "customers feel happier"])
    passing = judge.probabilities(["sign-ups finish within 5 days for 45% of users"])
    assert min(fire) > judge.threshold > max(passing)


def test_the_same_bank_gives_the_same_weights() -> None:
    a = Meaning.train("X101", FIRE, PASS, frozenset())
    b = Meaning.train("X101", FIRE, PASS, frozenset())
    assert (a.network.hidden == b.network.hidden).all()
    assert a.network.output_bias == b.network.output_bias
    assert a.probability("improve things") == b.probability("improve things")


def test_judging_keeps_one_copy_of_the_phrasings_and_gives_the_same_memory_back() -> None:
    judge = Meaning.train("X101", FIRE, PASS, frozenset())
    before = judge.memory
    assert before is not None
    first = judge.probability("make the process a bit better")
    assert judge._memory is None  # (the neighbours read the single-precision copy only)
    after = judge.memory
    assert after is not None and after.dtype == before.dtype and (after == before).all()
    assert judge.probability("make the process a bit better") == first


def test_a_text_the_screen_rules_out_is_never_encoded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under the floor the screen's score stands (it neither fires nor leaves the judge unsure)
    and the sentence encoder does not run; above it, the text is judged in full."""
    from clarity.core.judge import encoder as encoder_module

    judge = Meaning.train("X101", FIRE, PASS, frozenset(), floor=0.3)
    encoded: list[str] = []
    real = encoder_module.encoder()
    original = real.embed
    monkeypatch.setattr(real, "embed", lambda texts: encoded.extend(texts) or original(texts))
    measured = "churn in the first month under 3%"
    vague = "make the emails a bit better"
    screened = judge.screen_scores(light_features([measured, vague], judge.vocabulary))
    assert screened[0] < judge.floor < screened[1]
    low, high = judge.probabilities([measured, vague])
    assert low == float(screened[0]) < judge.threshold - UNSURE_MARGIN
    assert high > judge.threshold
    assert encoded == [surface(vague)]
    judge.floor = 0.0  # the screen off: every text is encoded
    encoded.clear()
    judge.probabilities([measured])
    assert encoded == [surface(measured)]


ASIDES = (
    ["Honestly, ", "From my notes after the call: "],
    [", so it's all in one place.", " (see the handover)"],
)


def test_phrasings_are_also_trained_inside_neutral_asides() -> None:
    """Each phrasing comes once more inside a lead-in, a tail or both, the same every time,
    its first letter lowered after a lead-in (not an acronym's) and its full stop dropped
    before a tail that brings its own punctuation."""
    from clarity.core.judge.meaning import in_context

    texts = ["Nothing goes out without my OK.", "GDPR review optional", "the outcome is theirs"]
    for seed in ("X101:fire", "X101:pass", "B102:fire"):
        wrapped = in_context(texts, ASIDES, seed)
        assert wrapped == in_context(texts, ASIDES, seed)
        for text, inside in zip(texts, wrapped, strict=True):
            lead = next((b for b in ASIDES[0] if inside.startswith(b)), "")
            tail = next((a for a in ASIDES[1] if inside.endswith(a)), "")
            assert lead or tail
            body = inside[len(lead) : len(inside) - len(tail)]
            expected = text.rstrip(".") if tail.startswith(",") else text
            if lead and text[0] == "N":
                expected = "n" + expected[1:]
            assert body == expected
    assert (
        in_context(["GDPR review optional"] * 6, (["Honestly, "], []), "X")
        == ["Honestly, GDPR review optional"] * 6
    )


def test_a_judge_trained_inside_asides_reads_an_answer_inside_them() -> None:
    judge = Meaning.train("X101", FIRE, PASS, frozenset(), asides=ASIDES)
    bare = Meaning.train("X101", FIRE, PASS, frozenset())
    assert len(judge.labels) == 2 * len(bare.labels)
    fire = judge.probability("Honestly, make the process a bit better (see the handover)")
    passing = judge.probability("From my notes after the call: churn in the first month under 3%")
    assert fire > judge.threshold > passing

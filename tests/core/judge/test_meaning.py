"""A rule's judge by meaning: a small classifier trained on phrasings that fire and that pass."""

from __future__ import annotations

from clarity.core.judge.meaning import Meaning

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
    assert a.weights == b.weights and a.bias == b.bias
    assert a.probability("improve things") == b.probability("improve things")

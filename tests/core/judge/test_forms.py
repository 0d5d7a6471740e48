"""What lets a judge fire under its threshold: a confirming form and agreeing judges, each
ruled out by its ``unless`` words. They read a text's normal form (lower case, lemmas)."""

from __future__ import annotations

import json

from clarity.core.judge.forms import Agreement, Clauses, Confirmation, clauses, stored_forms
from clarity.core.judge.normalize import normalize


def test_a_confirming_form_holds_on_its_words_as_whole_words_unless_ruled_out() -> None:
    form = Confirmation(0.6, ("need", "or not", "skip"), ("extra", "on top of"))
    assert form.holds(normalize("Whether the new starters NEED the induction"))
    assert form.holds(normalize("fire drill this term or not"))
    assert form.holds(normalize("they can skip the check on quiet nights"))
    assert not form.holds(normalize("the needle exchange opening hours"))  # (whole words)
    assert not form.holds(normalize("whether we need an extra fire warden"))
    assert not form.holds(normalize("a second check on top of the legal one, or not"))
    assert Confirmation(0.6, ("need",)).holds("we need it")  # (unless may be left out)


def test_an_agreement_is_ruled_out_by_its_unless_words_only() -> None:
    agree = Agreement(0.3, (("standard-matter", 0.9),), ("within", "on top of"))
    assert agree.blocked(normalize("line speed, within the limits the engineers set"))
    assert agree.blocked(normalize("an extra sample on top of the permit minimum"))
    assert not agree.blocked(normalize("the noise exposure limit on the bottling line"))
    assert not agree.blocked(normalize("the withinness of it"))  # (whole words)
    assert not Agreement(0.3, (("standard-matter", 0.9),)).blocked("within the budget")


def test_a_hash_in_a_form_s_words_stands_for_any_number() -> None:
    agree = Agreement(0.3, (("standard-matter", 0.9),), ("up to #", "no more than #"))
    assert agree.blocked(normalize("Culling lame ewes, up to twenty head"))  # (words as digits)
    assert agree.blocked(normalize("refunds up to £500, her call"))
    assert agree.blocked(normalize("overtime up to 7.5 hours a week"))
    assert agree.blocked(normalize("spend up to 10k on the fit-out"))
    assert agree.blocked(normalize("no more than 3 temps at a time"))
    assert not agree.blocked(normalize("GDPR stuff, up to them"))
    assert not agree.blocked(normalize("up to the coach whether the drill happens"))
    assert Confirmation(0.6, ("max #",)).holds(normalize("hire, max two temps"))


def test_an_answer_is_cut_into_clauses_only_when_it_has_more_than_one() -> None:
    assert clauses(
        "Line 2 at 3 tonnes an hour, and the market price of rubber back above 180 a tonne."
    ) == ["Line 2 at 3 tonnes an hour", "and the market price of rubber back above 180 a tonne."]
    assert clauses(
        "Sales up 10% by June. Realistically that needs the euro to fall \u2014 or luck."
    ) == [
        "Sales up 10% by June.",
        "Realistically that needs the euro to fall",
    ]  # (a piece too short to judge alone is left out)
    assert clauses("An 8% share by Q2 despite whatever the big two do on price") == [
        "An 8% share by Q2",
        "despite whatever the big two do on price",
    ]  # ("despite whatever" stays one clause)
    assert clauses("Forty stalls open by May, and a rota") == []  # (one clause to judge)
    assert clauses(
        "Fill 85% of the seats by June, every departure confirmed once the ferry strike ends"
    ) == [
        "Fill 85% of the seats by June",
        "every departure confirmed",
        "once the ferry strike ends",
    ]  # (at every comma, and before a word that hangs a condition on what comes before)
    assert clauses("Two wards reopened by March with the board approving the extra beds") == [
        "Two wards reopened by March",
        "with the board approving the extra beds",
    ]
    assert clauses("Export sales up 12% with the euro back at 1.15") == [
        "Export sales up 12%",
        "with the euro back at 1.15",
    ]  # (after a figure too)
    assert clauses("3.5 tonnes, 4.2 tonnes and 12,000 units by 1.6.2027") == []


def test_the_stored_forms_are_read_back_as_written() -> None:
    confirm = Confirmation(0.6, ("need",), ("extra",))
    agree = Agreement(0.3, (("standard-matter", 0.9),), ("within",))
    parted = Clauses(0.1, 0.8)
    data = json.loads(
        json.dumps(
            {"confirmed_by": confirm._asdict(), "agreed_by": agree._asdict(),
             "ask_on_clause": parted._asdict()}
        )
    )  # fmt: skip
    assert stored_forms(data) == (confirm, agree, parted)
    assert stored_forms({}) == (None, None, None)

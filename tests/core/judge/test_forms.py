"""What lets a judge fire under its threshold: a confirming form and agreeing judges, each
ruled out by its ``unless`` words. They read a text's normal form (lower case, lemmas)."""

from __future__ import annotations

from clarity.core.judge.forms import Agreement, Confirmation
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

"""What lets a judge fire under its threshold: evidence besides its own score, named by a bank.

* ``Confirmation`` (``confirmed_by``): words in a text's normal form that state the flaw
  outright;
* ``Agreement`` (``agreed_by``): other judges, each trained on one part of the flaw, that say
  so about the same text.

Both carry ``unless`` words that rule them out. The judge (``Judge.decide``) reads them only
for a text whose score reaches their ``from``.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Confirmation(NamedTuple):
    """Structure that confirms a flaw under the threshold (a bank's ``confirmed_by``): a text
    whose normal form holds one of ``words`` (whole words, as lemmas), and none of ``unless``,
    fires from the score ``start``. The judge reads what a text is about; some flaws also have
    a form that says so outright, such as a standard's obligation itself put in question
    ("whether it is worth doing", "if they need it or not"), unless the text says the thing is
    on top of the standard ("an extra check", "the optional module"). Measured on the
    development part, B107's scores of such texts spread from 0.4 to 0.9 while sound answers of
    regulated trades reached 0.87; the form alone is no flaw either ("no need to ring me")."""

    start: float
    words: tuple[str, ...]
    unless: tuple[str, ...] = ()

    def holds(self, normal: str) -> bool:
        """Whether a normal form has the confirming form."""
        return _any_of(self.words).search(normal) is not None and not (
            self.unless and _any_of(self.unless).search(normal)
        )


class Agreement(NamedTuple):
    """Other judges that confirm a flaw under the threshold (a bank's ``agreed_by``): a text
    whose score reaches ``start`` fires when each judge of ``judges`` (a bank name and the
    score it must reach) says so about the same text, and its normal form holds none of
    ``unless``. Some flaws are two things at once: B107, a standard left open, is a decision
    right whose subject a standard governs (safety, law, a protocol) and whose discretion
    reaches the substance (whether it is done, how often, how strictly, its limit). A judge
    trained on each of those alone, over everyday and regulated subjects alike, tells them
    apart where B107's own judge, trained on the flaw and its near-misses, blurred them: on
    the development part its scores of standards left open in quiet words spread from 0.0 to
    0.9. The unless words say the discretion sits inside a bound or on top of the standard
    ("within the load limits", "extra sampling on top of the permit minimum")."""

    start: float
    judges: tuple[tuple[str, float], ...]
    unless: tuple[str, ...] = ()

    def blocked(self, normal: str) -> bool:
        """Whether a normal form says the discretion is bounded or on top of the standard."""
        return bool(self.unless) and _any_of(self.unless).search(normal) is not None


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")

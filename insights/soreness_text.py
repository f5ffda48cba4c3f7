"""Reading helpers shared by the soreness parser and the red-flag reader: sentences, clauses, negation.

Everything here is linear in the length of the text: the sentence split and the
needle screens are single passes, a negation looks back at most ``NEGATION_REACH``
characters, and no pattern has two unbounded repeats that can trade characters
(Python's possessive ``*+`` keeps whitespace runs from backtracking).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, islice

from insights import soreness_words as words

NEGATION_REACH = 60  # characters before a phrase in which a "no" may reach it


def has_any(text: str, needles: tuple[str, ...]) -> bool:
    return any(needle in text for needle in needles)


def negated(text: str, start: int, floor: int = 0) -> bool:
    """Is the phrase at ``start`` negated by a word shortly before it, in its clause, after ``floor``?"""
    prefix = text[max(floor, start - NEGATION_REACH):start]
    if not has_any(prefix, words.NEGATOR_NEEDLES):
        return False
    cuts = [m.end() for m in words.CUT.finditer(prefix)]
    said_no = words.NEG_TAIL.search(prefix, cuts[-1] if cuts else 0)
    if said_no is None:
        return False
    if words.NOT_DENIED.match(prefix, said_no.start()):
        return False
    # "didn't tell anyone about the chest pain", "never mentioned my chest pain to coach": the "no" is the
    # telling, and "the" or "my" says the pain was there ("didn't mention chest pain, there wasn't any" denies)
    # ("nothing to mention on the numbness front" is a "no" of its own, and so is "... because there wasn't any")
    return not (words.NOT_TOLD.match(prefix, said_no.start()) and words.PRESUPPOSED.search(prefix, said_no.start())
                and not words.NONE_AFTER.search(text, start, start + NEGATION_REACH))


def negation_floor(text: str, floor: int, previous_end: int, start: int) -> int:
    """Where a negation may start: after the previous phrase, unless joined by "or" ("no pain or stiffness")."""
    return floor if words.OR_GAP.match(text, previous_end, start) else previous_end


CLAUSE_REACH = 100  # characters either side of a mention that its clause may span


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``sentence[start:end]``: from the last cut before it to the first cut after it,
    at most ``CLAUSE_REACH`` characters either side (so reading each mention costs the same)."""
    lo = max(0, start - CLAUSE_REACH)
    cut_before = lo
    for m in words.CUT.finditer(sentence, lo, start):
        cut_before = m.end()
    hi = min(len(sentence), end + CLAUSE_REACH)
    m = words.CUT.search(sentence, end, hi)
    return cut_before, (m.start() if m else hi)


_NEXT_CHARS = 200  # enough for an answer ("I had, badly, and...")


class Sentences:
    """The sentences of a text, and which of them hold a word: one str.find sweep instead of a regex each."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.all = text.translate(words.SENTENCE_BREAKS).split("\n")
        self.starts = list(accumulate((len(s) + 1 for s in self.all[:-1]), initial=0))
        self._next: dict[int, str] = {}

    def holding(self, needles: tuple[str, ...]) -> set[int]:
        found = set()
        for needle in needles:
            at = self.text.find(needle)
            while at >= 0:
                index = bisect_right(self.starts, at) - 1
                found.add(index)
                # the rest of this sentence can add nothing: jump to the next one
                at = self.text.find(needle, max(at + 1, self.starts[index] + len(self.all[index])))
        return found

    def asked(self, index: int) -> bool:
        """Did the sentence end with a question mark ("Upper back sore? Nope.", "tingling from the strap? or nerves?")?"""
        end = self.starts[index] + len(self.all[index])
        return self.text[end:end + 1] == "?"

    def next_sentence(self, index: int) -> str:
        """The start of the next sentence with words in it (within three), or "" (read once per sentence)."""
        found = self._next.get(index)
        if found is None:
            found = self._next[index] = next(
                (s.lstrip()[:_NEXT_CHARS] for s in islice(self.all, index + 1, index + 4) if s.strip()), "")
        return found

    def next_words(self, index: int, limit: int = 3) -> str | None:
        """The next sentence with words in it when it is short ("Upper back? Fine."), else None."""
        following = next((s for s in islice(self.all, index + 1, index + 4) if s.strip()), "")
        return following.strip() if following and len(following.split()) <= limit else None

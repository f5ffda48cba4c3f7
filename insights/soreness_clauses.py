"""One sentence, clause by clause: which places it names, what state each is in, and its assertion.

The clause reading of :mod:`insights.soreness`: a sentence is split at commas, "and",
"but" and "except"; each clause notes its places, tags, soreness words, ratings and
severity words; a place lends or borrows a state across a clause ("upper back, a bit
sore"); and each place mention gets its assertion (:mod:`insights.soreness_context`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from insights import soreness_context as context
from insights import soreness_words as words
from insights.soreness_report import SEVERITY_WORDS, SorenessReport, rated, severity_of
from insights.soreness_text import negated, negation_floor

_DIGIT = re.compile(r"\d")
ASKED = "asked"  # a clause that asks about the upper back ("coach asked if my upper back was sore")


@dataclass
class Clause:
    """What one clause of a sentence says. A clause without a place may lend its state to a neighbour."""

    joiner: str  # how it joins the clause before: "", "comma", "and", "but", "except"
    start: int
    end: int = 0
    places: int = 0
    tags: list[tuple[int | None, bool]] = field(default_factory=list)  # (explicit severity, negated) per tag
    pos: bool = False  # a soreness word, not negated
    neg: bool = False  # a negated soreness word, or "fine"
    rating: int | None = None
    levels: tuple[int, ...] = ()
    first_place: int = -1  # where the first place word starts in the sentence
    said: str = context.AFFIRMED  # the assertion of the clause's place mention
    past_state: tuple = (False, False, None, ())  # what a past clause said, before it was set aside
    hedged_rating: bool = False  # its rating is a hedged bare number: "maybe a 7"
    _other_part: tuple | None = field(default=None, repr=False, compare=False)

    def forget_state(self) -> None:
        self.pos = self.neg = False
        self.rating, self.levels = None, ()

    @property
    def about_upper_back(self) -> bool:
        return bool(self.places or self.tags)

    @property
    def has_state(self) -> bool:
        return self.pos or self.neg or self.rating is not None

    def other_part(self, sentence: str) -> bool:
        """Does the clause name another body part? Asked once per qualifier found in it, so kept
        (the clause's bounds are final by then): a long clause of many qualifiers stays linear."""
        key = (self.start, self.end)
        if self._other_part is None or self._other_part[0] != key:
            self._other_part = (key, words.OTHER_PART.search(sentence, self.start, self.end) is not None)
        return self._other_part[1]

    def reports(self) -> list[SorenessReport]:
        out = [rated(sev) for sev, _ in self.tags if sev is not None]
        bare_tags = [denied for sev, denied in self.tags if sev is None]
        level = max(self.levels) if self.levels else None
        if not (self.places or bare_tags):
            return out
        if self.rating is not None:
            out.append(rated(self.rating))
        elif self.pos:
            out.append(SorenessReport(True, level))
        elif self.neg:
            out.append(SorenessReport(False))
        elif bare_tags:  # a tag alone means sore, "no #upperback" means not
            out.append(SorenessReport(False) if all(bare_tags) else SorenessReport(True, level))
        return out


def _tied_level(sentence: str, start: int, end: int) -> bool:
    """Is a severity word about the upper back's soreness ("mild ache", "upper back: moderate",
    "traps stiff, mild"), not about the pace, the weather or the wind ("moderate pace", "mild morning")?"""
    return (words.LEVEL_BEFORE.match(sentence, end) is not None
            or words.LEVEL_AFTER.search(sentence, max(0, start - 40), start) is not None
            or (words.LEVEL_ALONE.search(sentence, max(0, start - 5), start) is not None
                and words.LEVEL_ALONE_END.match(sentence, end) is not None))


def _effort_rating(sentence: str, start: int, end: int) -> bool:
    """"RPE 8/10", "10/10 effort", "5/10 intervals", "8/10 for the session": a rating of the workout."""
    return (words.EFFORT_BEFORE.search(sentence, max(0, start - 25), start) is not None
            or words.EFFORT_AFTER.match(sentence, end) is not None
            or words.RATES_SOMETHING_ELSE.match(sentence, end) is not None)


def read_clauses(sentence: str, tags: list[int | None], after_someone_elses: bool = False) -> list[Clause]:
    """Split a sentence into clauses and note what each says (``after_someone_elses``: the sentence before
    was about someone else's back, so "mine" here is the runner's)."""
    clauses = [Clause("", 0)]
    floor = previous_end = 0
    for m in words.TOKEN.finditer(sentence):
        kind, word, start, clause = m.lastgroup or "", m.group(), m.start(), clauses[-1]
        if kind in words.JOINERS and len(clauses) > 1 and not sentence[clause.start:start].strip():
            if kind != "comma":  # ", but" joins as "but", ", and" as "and"
                clause.joiner = kind
            elif sentence[clause.start - 7:clause.start].rstrip().endswith("though"):
                clause.joiner = kind  # "sore after the hills though, 3/10": a trailing "though"
            clause.start = floor = previous_end = m.end()
        elif kind in words.JOINERS:
            clause.end = start
            clauses.append(Clause(kind, m.end()))
            floor = previous_end = m.end()
        elif kind == "slot" and int(m.group("index")) < len(tags):
            clause.tags.append((tags[int(m.group("index"))], negated(sentence, start, floor)))
        elif kind == "place":
            clause.places += 1
            if clause.first_place < 0:
                clause.first_place = start
            _bare_rating(clause, sentence, m.end())
        elif kind == "rating":
            if _effort_rating(sentence, start, m.end()):
                continue
            rating = severity_of(m.group("number"), out_of_ten=True) or 0
            clause.rating = rating if clause.rating is None else max(clause.rating, rating)
        elif kind in words.LEVELS:
            if not negated(sentence, start, floor) and _tied_level(sentence, start, m.end()):
                clause.levels += (SEVERITY_WORDS[words.LEVELS[kind]],)
                clause.pos = clause.pos or word in words.STATE_LEVELS
        elif kind == "nothing":  # "nothing in the upper back today"
            clause.neg = True
        elif kind in ("sore", "intense", "fine", "free"):
            floor = negation_floor(sentence, floor, previous_end, start)
            denied, previous_end = negated(sentence, start, floor), m.end()
            if denied and words.UNTIL_NOW.match(sentence, m.end(), m.end() + 40):
                denied = False  # "no upper back pain this week until today": there is, today
            hedged = words.HEDGE.search(sentence, max(floor, start - 30), start) or (
                denied and kind == "intense" and not word.startswith("really"))  # "not very sore"
            if kind in ("fine", "free"):
                clause.pos, clause.neg = clause.pos or denied, clause.neg or not denied  # "not great" is sore
            elif not hedged and (denied or words.GONE.match(sentence, m.end())):
                clause.neg = True
            else:  # "really tight", "killing me": sore, and no number; "not too sore" is sore too
                clause.pos = True
                # "upper back sore (6)", "upper back tight 4 after the run"; not "upper back tight from the knee
                # pain 7" (a bounded look back keeps a sentence of many places linear)
                if clause.places and not words.OTHER_PART.search(sentence, max(clause.first_place, start - 60), start):
                    _bare_rating(clause, sentence, m.end())
    clauses[-1].end = len(sentence)
    for clause in clauses:
        if clause.places or clause.has_state:
            continue
        if words.CAME_BACK.search(sentence, clause.start, clause.end):
            clause.pos = True  # "went away after 3 rest days but came back today"
        elif (hedged := words.HEDGED_NUMBER.fullmatch(sentence, clause.start, clause.end)) is not None:
            clause.rating = severity_of(hedged.group("number"), out_of_ten=False)  # "tight as, reckon about a 6"
            clause.hedged_rating = True
    for i, clause in enumerate(clauses):
        # a rating alone rates the soreness before it: "upper back took the hit and it's sore now, maybe 5/10",
        # "upper back hurts, sharp on deep breaths, 5/10" (over at most two clauses that only qualify the pain
        # today; never over a workout: "upper back sore, intervals, 5/10" rates the intervals)
        if (i == 0 or clause.joiner != "comma" or clause.rating is None or clause.places or clause.pos or clause.neg
                or not words.BARE_RATING.fullmatch(sentence, clause.start, clause.end)):
            continue
        for before in (clauses[i - 1], clauses[i - 2] if i > 1 else None, clauses[i - 3] if i > 2 else None):
            if before is None or before.other_part(sentence) and not before.places:
                break
            if before.pos and before.rating is None:
                before.rating = clause.rating
                break
            text = sentence[before.start:before.end]
            if (before.places or before.has_state or not _qualifies(text)
                    or context.assertion(text, 0) != context.AFFIRMED):
                break
    _assert(sentence, clauses, after_someone_elses)
    return clauses


def _qualifies(text: str) -> bool:
    """Does the text only say how the pain is ("sharp on deep breaths", "worse at night")?"""
    return any(rx.search(text) for rx in words.GATED_QUALIFIERS.values())


def _bare_rating(clause: Clause, sentence: str, at: int) -> None:
    """A bare 0-10 at ``at`` (right after a place or its soreness word) rates the clause."""
    bare = words.BARE_NUMBER.match(sentence, at)
    if bare and (value := severity_of(bare.group("number"), out_of_ten=False)) is not None:
        clause.rating = value if clause.rating is None else max(clause.rating, value)


def _assert(sentence: str, clauses: list[Clause], someone_elses: bool) -> None:
    """Give each clause's place mention its assertion; forget what a non-affirmed clause says."""
    for clause in clauses:
        if not clause.places and someone_elses:
            mine = words.MINE.search(sentence, clause.start, clause.end)  # "her traps were tight, mine fine"
            if too := words.ME_TOO.search(sentence, clause.start, clause.end):  # "her traps are tight, mine too"
                clause.places, clause.first_place, clause.pos = 1, too.start(), True
            elif mine:
                clause.places, clause.first_place = 1, mine.start()
            elif not_mine := words.NOT_MINE.search(sentence, clause.start, clause.end):
                clause.places, clause.first_place, clause.neg = 1, not_mine.start(), True
        if not clause.places:
            continue
        text = sentence[clause.start:clause.end]
        clause.said = context.assertion(text, clause.first_place - clause.start,
                                        context.person_scope(sentence, clause.first_place))
        if clause.said == context.AFFIRMED:
            continue
        someone_elses = someone_elses or clause.said == context.OTHER
        clause.past_state = (clause.pos, clause.neg, clause.rating, clause.levels)
        clause.forget_state()
        if clause.said == context.HYPOTHETICAL and words.ASKED.search(text):
            clause.said = ASKED  # a question; its answer may follow: "asked if my upper back was sore, said it's fine"
        elif clause.said != context.PAST:
            clause.places = 0  # someone else's, or a worry: not about this runner's back today


def lend_states(sentence: str, clauses: list[Clause]) -> None:
    """Pair place and state across a clause: "upper back, a bit sore", "sore legs and upper back"."""
    for i, clause in enumerate(clauses):
        if not clause.about_upper_back:
            continue
        after = clauses[i + 1].joiner if i + 1 < len(clauses) else ""
        for j, joiner in ((i + 1, after), (i - 1, clause.joiner)):
            other = clauses[j] if joiner and 0 <= j < len(clauses) else None
            if other is None or other.about_upper_back:
                continue
            if (not other.has_state and clause.said != context.PAST) or (clause.said == ASKED and j < i):
                continue
            if clause.said == context.PAST:
                # "sore yesterday, fine today", "sore last week, sore again today": a later clause that
                # speaks of now gives today's state; "sore yesterday and today" keeps the clause's own
                if j < i or not context.NOW.search(sentence, other.start, other.end):
                    continue
                now = words.NOW_NUMBER.match(sentence, other.start) if clause.past_state[2] is not None else None
                if now and (rating := severity_of(now.group("number"), out_of_ten=False)) is not None:
                    clause.pos, clause.neg, clause.rating = rating > 0, rating == 0, rating  # "6 yesterday, 3 today"
                elif not other.has_state:
                    if (other.other_part(sentence) or _DIGIT.search(sentence, other.start, other.end)
                            or not (words.CONTINUES.search(sentence, other.start, other.end)
                                    or words.TODAY_ALONE.fullmatch(sentence, other.start, other.end))):
                        continue  # "6 yesterday, legs 3 today", "8 yesterday, parkrun today": nothing about it today
                    clause.pos, clause.neg, clause.rating, clause.levels = clause.past_state
                elif not other.other_part(sentence):  # "sore on Sunday but fine today", not "... but legs fine"
                    clause.pos, clause.neg, clause.rating, clause.levels = (other.pos, other.neg, other.rating,
                                                                            other.levels)
                break
            if joiner == "except":
                if j > i or not other.neg or clause.has_state:
                    continue
                clause.pos = True  # "all fine except my upper back"
            elif joiner == "but":
                if j < i or not other.pos or other.other_part(sentence):
                    continue
                clause.pos, clause.neg = True, False  # "upper back fine but a bit tight"
            elif joiner == "and" or not other.other_part(sentence):  # "upper back, calves sore" is about calves
                if clause.neg and not clause.pos and other.hedged_rating:
                    continue  # "upper back fine, maybe a 7": a guessed number never overrides the runner's "fine"
                if clause.pos or clause.neg:
                    if other.other_part(sentence):
                        continue  # "knee is a 5/10 and the upper back is sore": the 5 is the knee's
                    if (clause.rating is not None or other.rating is None) and (clause.levels or not other.levels):
                        continue  # nothing to borrow
                else:
                    clause.pos, clause.neg = other.pos, other.neg
                if clause.rating is None:
                    clause.rating = other.rating
            else:
                continue
            clause.levels = clause.levels or other.levels
            break


def clause_qualifiers(sentence: str, clauses: list[Clause]) -> set[str]:
    """Qualifiers whose clause, or the clause before it, holds this runner's symptom today."""
    found: set[str] = set()
    starts = [c.start for c in clauses]
    for code, rx in words.GATED_QUALIFIERS.items():
        for m in rx.finditer(sentence):
            index = max(0, bisect_right(starts, m.start()) - 1)
            clause = clauses[index]
            # "couldn't sleep last night because of the pain, still there this morning": last night's pain is today's
            night_before = code == "night_or_rest" and clause.said == context.PAST and clause.pos
            # bounded windows around the qualifier keep a sentence of many of them linear
            lo, hi = max(clause.start, m.start() - 100), min(clause.end, m.end() + 100)
            if not night_before and (clause.said != context.AFFIRMED
                                     or (clause.other_part(sentence) and not clause.about_upper_back)
                                     or context.assertion(sentence[lo:hi], m.start() - lo, condition=True)
                                     != context.AFFIRMED):
                continue
            near = [clause]
            for back in range(index - 1, max(-1, index - 3), -1):
                if clauses[back + 1].joiner not in ("comma", "and"):
                    break
                if clauses[back].other_part(sentence) and not clauses[back].about_upper_back:
                    # "Stitch on the right side, hurt every deep breath": the stitch's, not the back's
                    near = [] if not any(c.about_upper_back for c in near) else near
                    break
                near.append(clauses[back])
            if code == "worse_on_deep_breath":  # "sore", or rated: "shoulder blades 6/10 and sharp when I breathe in"
                symptom = any(c.pos or (c.places and c.rating) for c in near)
            else:
                symptom = any(c.pos or (c.about_upper_back and c.said == context.AFFIRMED) for c in near)
            if code == "worse_on_deep_breath" and words.DEEP_BREATH_HELPS.match(sentence, m.end()):
                continue  # "deep breaths help actually"
            if symptom and not negated(sentence, m.start(), lo):
                found.add(code)
    return found



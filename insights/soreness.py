"""Upper-back soreness reports, read from what a runner types on Strava.

A runner reports in the activity title, description or private note, with a tag (``#upperback 6``,
``#ubp``, ``#upperback 0``) or in plain words ("sore between my shoulder blades", "upper back fine").
:func:`parse_soreness` reads one text, :func:`combine_reports` merges the texts of one activity or day.

**Linear time, and a cap.** Only the first ``MAX_FIELD_CHARS`` (5,000) characters of each field are
read: no runner writes more about their back, and no text, however long or hostile, can hold the
server. Within the cap every step is linear in the text's length (whitespace runs are collapsed
first, the patterns have no repeats that trade characters, and each mention's context is read in
a bounded window), so ten times the text costs about ten times the time.

**Each mention carries its assertion** (the ConText idea, adapted to runners' words; see
:mod:`insights.soreness_context` and :mod:`insights.soreness_flags`): a place, a symptom or a red
flag counts only when *affirmed* — not negated ("no upper back pain", "no chest pain or arm
tingling", "Chest pain no."), not past ("sore yesterday, fine today", "in 2023"), not a worry or a
plan ("hope it holds up on Sunday"), and not someone else's ("my friend had chest pain"). A past
mention is not recorded for another day either; "sore again today" and "still sore" are today's.

Severity is 0..10 and comes only from a number or word tied to the upper back: the tag
(``#upperback 6``, ``6/10``, ``:6``, ``=6``, ``#ubp7``), ``N/10`` / ``N out of 10`` beside the place,
alone in the sentence right after an unrated sore upper back ("Upper back stiff. 3/10"), or
mild = 3, moderate = 5, severe = 8 beside the soreness ("mild ache", "traps stiff, mild"). Effort
and workout numbers ("RPE 8/10", "10/10 effort", "5/10 intervals", "6x800") are never a severity,
and neither are intensifiers or hedges ("really tight", "killing me", "a bit sore"): the runner gave
no number, so the note quotes none. Decimals round half up, a bare number above 10 is not a
severity (``#upperback 12km``) and ``11/10`` counts as 10.

Decisions on ambiguous phrasing, leaning toward the runner's safety:

* A tag ends at a word boundary or a number: ``#upperbackpain`` is an alias, ``#upperbacks`` and
  ``#upperbackday`` (a gym session) are not tags. A tag alone means sore; "no #upperback" means not.
* Places are the upper and mid back, shoulder blades, thoracic spine (T-spine), rhomboid(s),
  traps and trapezius; a place word one typo away counts ("sholder blades", "uper back"). "Back",
  "shoulders" and "lower back" alone give no report. "Rhomboid" followed by "note", "says" or "app"
  is us, not the muscle. "Upper back stretches" is no report.
* "Better" is not an explicit no; "not too sore" is soreness with no number. A place shares the
  state of the next or previous clause ("upper back, a bit sore"), unless that clause names
  another body part.
* Red flags count anywhere, with or without an upper-back mention, when affirmed. Everyday wording
  counts ("crushing pain behind my breastbone", "tight band across my chest", "my left arm ached",
  "gasping for air even walking", "lost 4 kg without trying", "a car clipped me"); idioms do not
  ("marathon fever", "chest strap", "breathless views", "spine-tingling"). Nausea, vomiting and
  sweating count only with the pain; a fall only when the text reports pain. See
  :mod:`insights.soreness_flags`.
* Qualifiers are kept when nothing was said about the upper back (a private note may add detail to
  a tag in the title) but dropped with an explicit no.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable

from insights import soreness_context as context
from insights import soreness_words as words
from insights.activities import Activity
from insights.block import readable_text
from insights.soreness_flags import read_red_flags
from insights.soreness_text import Sentences, has_any, negated, negation_floor

MAX_FIELD_CHARS = 5_000  # characters read per title, description or private note (see the module docstring)

QUALIFIERS = ("worse_on_waking", "worse_on_deep_breath", "sharp", "night_or_rest", "not_eased_by_rest")
RED_FLAGS = ("chest_pain", "breathless", "radiating_pain", "sweating_or_nausea", "coughing_blood",
             "numbness_or_weakness", "fever", "after_fall", "weight_loss")
RED_FLAG_LABELS: dict[str, str] = {
    "chest_pain": "chest pain, pressure or tightness",
    "breathless": "shortness of breath",
    "radiating_pain": "pain spreading to the arm, jaw or neck",
    "sweating_or_nausea": "sweating or nausea with the pain",
    "coughing_blood": "coughing blood",
    "numbness_or_weakness": "numbness, tingling or weakness",
    "fever": "fever or night sweats",
    "after_fall": "pain after a fall or crash",
    "weight_loss": "unexplained weight loss",
}
SEVERITY_WORDS: dict[str, int] = {"mild": 3, "moderate": 5, "severe": 8}


@dataclass(frozen=True)
class SorenessReport:
    """What one text (or one day) says about the upper back.

    ``sore`` is True for sore, False for an explicit "not sore" and None when nothing was said:
    an untagged run is unknown, never "not sore".
    """

    sore: bool | None
    severity: int | None = None
    qualifiers: frozenset[str] = frozenset()
    red_flags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.severity is not None and not 0 <= self.severity <= 10:
            raise ValueError(f"severity must be 0..10, got {self.severity!r}")

    @property
    def reported(self) -> bool:
        return self.sore is not None


NO_REPORT = SorenessReport(sore=None)


def _severity(number: str, out_of_ten: bool) -> int | None:
    value = int(float(number.replace(",", ".").replace("·", ".")) + 0.5)  # round half up: 6.5/10 is 7
    if value > 10:
        return 10 if out_of_ten else None  # "11/10" is a rating, "#upperback 12km" is not
    return value


def _rated(severity: int) -> SorenessReport:
    return SorenessReport(severity > 0, severity)


@dataclass
class _Clause:
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
        return words.OTHER_PART.search(sentence, self.start, self.end) is not None

    def reports(self) -> list[SorenessReport]:
        out = [_rated(sev) for sev, _ in self.tags if sev is not None]
        bare_tags = [denied for sev, denied in self.tags if sev is None]
        level = max(self.levels) if self.levels else None
        if not (self.places or bare_tags):
            return out
        if self.rating is not None:
            out.append(_rated(self.rating))
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
            or words.LEVEL_AFTER.search(sentence, max(0, start - 40), start) is not None)


def _effort_rating(sentence: str, start: int, end: int) -> bool:
    """"RPE 8/10", "10/10 effort", "5/10 intervals", "8/10 for the session": a rating of the workout."""
    return (words.EFFORT_BEFORE.search(sentence, max(0, start - 25), start) is not None
            or words.EFFORT_AFTER.match(sentence, end) is not None)


def _clauses(sentence: str, tags: list[int | None]) -> list[_Clause]:
    """Split a sentence into clauses and note what each says."""
    clauses = [_Clause("", 0)]
    floor = previous_end = 0
    for m in words.TOKEN.finditer(sentence):
        kind, word, start, clause = m.lastgroup or "", m.group(), m.start(), clauses[-1]
        if kind in words.JOINERS:
            clause.end = start
            clauses.append(_Clause(kind, m.end()))
            floor = previous_end = m.end()
        elif kind == "slot" and int(m.group("index")) < len(tags):
            clause.tags.append((tags[int(m.group("index"))], negated(sentence, start, floor)))
        elif kind == "place":
            clause.places += 1
            if clause.first_place < 0:
                clause.first_place = start
        elif kind == "rating":
            if _effort_rating(sentence, start, m.end()):
                continue
            rating = _severity(m.group("number"), out_of_ten=True) or 0
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
            hedged = words.HEDGE.search(sentence, max(floor, start - 30), start) or (
                denied and kind == "intense" and not word.startswith("really"))  # "not very sore"
            if kind in ("fine", "free"):
                clause.pos, clause.neg = clause.pos or denied, clause.neg or not denied  # "not great" is sore
            elif hedged:
                clause.pos = True  # "not too sore" is sore, with no number the runner did not give
            elif denied or words.GONE.match(sentence, m.end()):
                clause.neg = True
            else:
                clause.pos = True  # "really tight", "killing me": sore, and no number
    clauses[-1].end = len(sentence)
    _assert(sentence, clauses)
    return clauses


def _assert(sentence: str, clauses: list[_Clause]) -> None:
    """Give each clause's place mention its assertion; forget what a non-affirmed clause says."""
    someone_elses = False
    for clause in clauses:
        if not clause.places and someone_elses:
            mine = words.MINE.search(sentence, clause.start, clause.end)  # "her traps were tight, mine fine"
            if mine:
                clause.places, clause.first_place = 1, mine.start()
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
        if clause.said != context.PAST:
            clause.places = 0  # someone else's, or a worry: not about this runner's back today


def _lend_states(sentence: str, clauses: list[_Clause]) -> None:
    """Pair place and state across a clause: "upper back, a bit sore", "sore legs and upper back"."""
    for i, clause in enumerate(clauses):
        if not clause.about_upper_back:
            continue
        after = clauses[i + 1].joiner if i + 1 < len(clauses) else ""
        for j, joiner in ((i + 1, after), (i - 1, clause.joiner)):
            other = clauses[j] if joiner and 0 <= j < len(clauses) else None
            if other is None or other.about_upper_back:
                continue
            if not other.has_state and clause.said != context.PAST:
                continue
            if clause.said == context.PAST:
                # "sore yesterday, fine today", "sore last week, sore again today": a later clause that
                # speaks of now gives today's state; "sore yesterday and today" keeps the clause's own
                if j < i or not context.NOW.search(sentence, other.start, other.end):
                    continue
                if not other.has_state:
                    clause.pos, clause.neg, clause.rating, clause.levels = clause.past_state
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
                if clause.pos or clause.neg:
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


def _qualifiers(sentence: str, clauses: list[_Clause]) -> set[str]:
    """Qualifiers whose clause, or the clause before it, holds this runner's symptom today."""
    found = set()
    starts = [c.start for c in clauses]
    for code, rx in words.GATED_QUALIFIERS.items():
        for m in rx.finditer(sentence):
            index = max(0, bisect_right(starts, m.start()) - 1)
            clause = clauses[index]
            if clause.said != context.AFFIRMED or (clause.other_part(sentence) and not clause.about_upper_back):
                continue
            if context.assertion(sentence[clause.start:clause.end], m.start() - clause.start) != context.AFFIRMED:
                continue
            near = [clause] + ([clauses[index - 1]] if index and clause.joiner in ("comma", "and") else [])
            if code == "worse_on_deep_breath":
                symptom = any(c.pos for c in near)
            else:
                symptom = any(c.pos or (c.about_upper_back and c.said == context.AFFIRMED) for c in near)
            if code == "worse_on_deep_breath" and words.DEEP_BREATH_HELPS.match(sentence, m.end()):
                continue  # "deep breaths help actually"
            if symptom and not negated(sentence, m.start(), clause.start):
                found.add(code)
    return found


def _answer_after(sentences: Sentences, index: int, said: list[SorenessReport]) -> SorenessReport | None:
    """A place, then its answer as the next short sentence: "Upper back? Fine.", "Upper back stiff. 3/10"."""
    following = sentences.next_words(index)
    if following is None:
        return None
    combined = combine_reports(said)
    rating = words.BARE_RATING.fullmatch(following)
    if rating and combined.sore is not False and combined.severity is None:
        return _rated(_severity(rating.group("number"), out_of_ten=True) or 0)
    if combined.sore is None and words.BARE_STATE.fullmatch(following):
        state = words.BARE_STATE.fullmatch(following)
        return SorenessReport(state.lastgroup == "sore")
    return None


def _read(text: str) -> str:
    """The text as the parser reads it: capped, lowercased, spaced once, with place typos fixed."""
    text = text[:MAX_FIELD_CHARS].lower().translate(words.NORMALISE)
    text = words.SPACES.sub(" ", text)
    return context.fix_typos(text)


def parse_soreness(text: str | None) -> SorenessReport:
    """Read what one title, description or note says about the upper back."""
    if not text or text.isspace():
        return NO_REPORT
    text = _read(text)
    tags: list[int | None] = []

    def slot(m: re.Match[str]) -> str:
        tags.append(_severity(m.group("num"), bool(m.group("ten"))) if m.group("num") else None)
        return f" ubptag{len(tags) - 1} "

    if "#" in text:
        text = words.TAG.sub(slot, text)
    if "10" in text:
        text = words.DECIMAL.sub(r"\1·\2", text)
    sentences = Sentences(text)
    reports: list[SorenessReport] = []
    sore_sentences: set[int] = set()
    qualifiers: set[str] = set()
    cued = sentences.holding(words.QUALIFIER_NEEDLES)
    symptomatic = {i for i in cued if has_any(sentences.all[i], words.SORE_NEEDLES)}
    # only a place, or a symptom with a qualifier cue, needs the clause-by-clause reading
    for index in sorted(sentences.holding(words.PLACE_NEEDLES) | symptomatic):
        sentence = sentences.all[index]
        clauses = _clauses(sentence, tags)
        _lend_states(sentence, clauses)
        if index in cued:
            qualifiers |= _qualifiers(sentence, clauses)
        said = [report for clause in clauses for report in clause.reports()]
        if any(c.about_upper_back for c in clauses) and (answer := _answer_after(sentences, index, said)) is not None:
            said.append(answer)
        if any(r.sore for r in said):
            sore_sentences.add(index)
        reports.extend(said)
    if any(words.NOT_EASED.search(sentences.all[i]) for i in sentences.holding(("rest", "off", "break"))):
        qualifiers.add("not_eased_by_rest")
    found = combine_reports(reports)

    def pain() -> bool:  # asked only when a fall is mentioned: a full scan of the text
        return bool(found.sore) or any(
            m.lastgroup in ("sore", "intense") and not negated(text, m.start()) for m in words.TOKEN.finditer(text))

    flags = read_red_flags(sentences, sore_sentences, pain)
    return SorenessReport(
        sore=found.sore,
        severity=found.severity,
        qualifiers=frozenset() if found.sore is False else frozenset(qualifiers),
        red_flags=tuple(code for code in RED_FLAGS if code in flags),
    )


def combine_reports(reports: Iterable[SorenessReport]) -> SorenessReport:
    """Merge the reports of one activity or one day: any "sore" wins, then any explicit "no"."""
    reports = list(reports)
    sore = [r for r in reports if r.sore]
    if sore:
        severities = [r.severity for r in sore if r.severity is not None]
        head: tuple[bool | None, int | None] = (True, max(severities) if severities else None)
    elif any(r.sore is False for r in reports):
        head = (False, 0 if any(r.sore is False and r.severity == 0 for r in reports) else None)
    else:
        head = (None, None)
    flags = {code for r in reports for code in r.red_flags}
    return SorenessReport(
        sore=head[0],
        severity=head[1],
        qualifiers=frozenset(q for r in reports for q in r.qualifiers if q in QUALIFIERS),
        red_flags=tuple(code for code in RED_FLAGS if code in flags),
    )


def activity_reports(activity: Activity) -> tuple[SorenessReport, SorenessReport]:
    """(everything the activity says, what its public texts say).

    The private note counts toward advice and escalation, but the note we write
    sits in the public description: it may repeat only what the title and the
    runner's own description already show.
    """
    public = combine_reports(parse_soreness(text) for text in (activity.name, readable_text(activity.description)))
    return combine_reports([public, parse_soreness(activity.private_note)]), public


def activity_soreness(activity: Activity) -> SorenessReport:
    """Soreness from the title, the runner's own description (never our block) and the private note."""
    return activity_reports(activity)[0]

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
alone in the sentence right after an unrated sore upper back ("Upper back stiff. 3/10"), a bare 0..10
right after the place or its soreness word that ends its clause or says when it hurts ("upper back
6", "traps 4, calves fine", "upper back 7 at night", "sore (6)", "about a 5", "5ish"; never "upper
back 6 miles in", "2 days ago", "3x10", "sore at 7 this morning", "3 in a row"), or
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
  sweating count only with the pain; a fall only when the text reports pain, and not one long ago ("in
  2022"); tingling put down to kit in its clause ("from the watch strap") is not nerves, unless asked as a
  question; a fever the runner says has gone ("had a fever, it's gone now") is not today's (a chest pain or a
  tingling that went away still counts). See
  :mod:`insights.soreness_flags`.
* Someone else's back then "mine too" / "I don't" is the runner's own sore / not sore; "asked if my upper
  back was sore" takes its answer from the next clause; night pain "last night" with "still there this
  morning" keeps the night qualifier.
* Qualifiers are kept when nothing was said about the upper back (a private note may add detail to
  a tag in the title) but dropped with an explicit no.
"""

from __future__ import annotations

import re

from insights import soreness_context as context
from insights import soreness_words as words
from insights.activities import Activity
from insights.block import readable_text
from insights.soreness_clauses import ASKED, clause_qualifiers, lend_states, read_clauses
from insights.soreness_flags import read_red_flags
from insights.soreness_report import (
    NO_REPORT,
    QUALIFIERS,
    RED_FLAG_LABELS,
    RED_FLAGS,
    SEVERITY_WORDS,
    SorenessReport,
    combine_reports,
    rated,
    severity_of,
)
from insights.soreness_text import Sentences, has_any, negated

__all__ = ["MAX_FIELD_CHARS", "NO_REPORT", "PRIVATE_SOURCES", "QUALIFIERS", "RED_FLAGS", "RED_FLAG_LABELS",
           "SEVERITY_WORDS", "SOURCES", "SorenessReport", "activity_reports", "activity_soreness", "combine_reports",
           "field_reports", "parse_soreness"]

# where a report came from; a private note and a check-in count toward the advice, but a public note
# never names their signs (see insights.history.SorenessEntry)
SOURCES = ("title", "description", "private_note", "checkin")
PRIVATE_SOURCES = frozenset({"private_note", "checkin"})
MAX_FIELD_CHARS = 5_000  # characters read per title, description or private note (see the module docstring)


def _answer_after(sentences: Sentences, index: int, said: list[SorenessReport], today: bool) -> SorenessReport | None:
    """A place, then its answer as the next short sentence: "Upper back? Fine.", "Upper back stiff. 3/10",
    "Upper back sore? Nope." (the answer replaces what the question seemed to say). ``today``: the place
    is named as today's ("Upper back was sore yesterday. Severe." rates nothing)."""
    following = sentences.next_words(index, limit=6)  # "6/10 today and sharp", "A: nope, all good today 🙌"
    if following is None:
        return None
    combined = combine_reports(said)
    answer = words.BARE_STATE.fullmatch(following)
    if answer and sentences.asked(index) and combined.sore and combined.severity is None:
        said.clear()  # the question only named it
        return SorenessReport(answer.lastgroup == "sore")
    rating = words.BARE_RATING.fullmatch(following)
    if rating and (combined.sore or (combined.sore is None and today)) and combined.severity is None:
        if rating.group("level"):
            return SorenessReport(True, SEVERITY_WORDS[rating.group("level")])
        return rated(severity_of(rating.group("number"), out_of_ten=True) or 0)
    if combined.sore is None and words.BARE_STATE.fullmatch(following):
        state = words.BARE_STATE.fullmatch(following)
        return SorenessReport(state.lastgroup == "sore")
    return None


def _follow_on_qualifiers(sentences: Sentences, candidates: set[int], sore_sentences: set[int]) -> set[str]:
    """Qualifiers said in the sentence right after an upper-back soreness report, of it: "Upper back sore
    again. Worst when I wake up.", "Between my shoulder blades hurts. Sharp, like a knife when I breathe in."
    Only a sentence that goes on about "it" (no other part, no other person, not another day)."""
    found: set[str] = set()
    for index in candidates:
        before = next((i for i in range(index - 1, max(-1, index - 4), -1) if sentences.all[i].strip()), None)
        sentence = sentences.all[index]
        if (before not in sore_sentences or not words.FOLLOW_ON.match(sentence)
                or words.OTHER_PART.search(sentence) or context.assertion(sentence, len(sentence)) != context.AFFIRMED):
            continue
        # clause by clause, leaving out one that says it is fine then: "It's fine once warm, but sharp when I
        # breathe in", "It's worst first thing, eases off by lunchtime"; never "it's not sharp"
        for clause in words.FOLLOW_ON_CUT.split(sentence):
            if not words.FOLLOW_ON_FINE.search(clause):
                found |= {name for name, rx in words.GATED_QUALIFIERS.items()
                          if any(not negated(clause, m.start()) for m in rx.finditer(clause))}
    return found


def _not_eased(sentence: str) -> bool:
    """Rest did not help, said of the runner's own back today: not "rest made no difference to my calf",
    "my mate rested it for a week and it still hurts" or "had a week off in June and it was still sore"."""
    for m in words.NOT_EASED.finditer(sentence):
        end = min(len(sentence), m.end() + 25)
        while end < len(sentence) and sentence[end].isalpha() and end < m.end() + 45:
            end += 1  # whole words: "shoulder blades", not "shoulder bla"
        span = sentence[m.start():end]
        if (words.OTHER_PART.search(words.NOT_A_PART.sub(" ", span)) or words.PAST_REST.search(span)
                or context.assertion(span, 0, sentence[max(0, m.start() - 40):m.start()] + span) != context.AFFIRMED):
            continue
        return True
    return False


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
        tags.append(severity_of(m.group("num"), bool(m.group("ten"))) if m.group("num") else None)
        return f" ubptag{len(tags) - 1} "

    if "#" in text:
        text = words.TAG.sub(slot, text)
    if "10" in text:
        text = words.DECIMAL.sub(r"\1·\2", text)
    if "." in text:
        text = words.POINT.sub("·", text)
    sentences = Sentences(text)
    reports: list[SorenessReport] = []
    sore_sentences: set[int] = set()
    qualifiers: set[str] = set()
    cued = sentences.holding(words.QUALIFIER_NEEDLES)
    symptomatic = {i for i in cued if has_any(sentences.all[i], words.SORE_NEEDLES)}
    # only a place, or a symptom with a qualifier cue, needs the clause-by-clause reading
    others = -9  # the last sentence about someone else's back: "Emma's upper back was sore; mine's sore today"
    placed = sentences.holding(words.PLACE_NEEDLES) | sentences.holding(("mine",)) | symptomatic
    for index in sorted(placed):
        sentence = sentences.all[index]
        clauses = read_clauses(sentence, tags, index - others <= 3
                               and not any(s.strip() for s in sentences.all[others + 1:index]))
        if any(c.said == context.OTHER for c in clauses):
            others = index
        lend_states(sentence, clauses)
        if index in cued:
            qualifiers |= clause_qualifiers(sentence, clauses)
        said = [report for clause in clauses for report in clause.reports()]
        today = any(c.about_upper_back and c.said in (context.AFFIRMED, ASKED) for c in clauses)
        if any(c.about_upper_back for c in clauses) and (answer := _answer_after(sentences, index, said, today)):
            said.append(answer)
        if any(r.sore for r in said):
            sore_sentences.add(index)
        reports.extend(said)
    qualifiers |= _follow_on_qualifiers(sentences, cued - placed, sore_sentences)
    if any(_not_eased(sentences.all[i]) for i in sentences.holding(("rest", "off", "break", "running"))):
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


def field_reports(activity: Activity) -> dict[str, SorenessReport]:
    """What each of the activity's texts says, by source: ``title``, ``description`` (the runner's
    own text, never our block) and ``private_note`` (see :data:`PRIVATE_SOURCES`)."""
    return {
        "title": parse_soreness(activity.name),
        "description": parse_soreness(readable_text(activity.description)),
        "private_note": parse_soreness(activity.private_note),
    }


def activity_reports(activity: Activity) -> tuple[SorenessReport, SorenessReport]:
    """(everything the activity says, what its public texts say).

    The private note counts toward advice and escalation, but the note we write
    sits in the public description: it may repeat only what the title and the
    runner's own description already show.
    """
    texts = field_reports(activity)
    public = combine_reports(texts[source] for source in texts if source not in PRIVATE_SOURCES)
    return combine_reports([public, texts["private_note"]]), public


def activity_soreness(activity: Activity) -> SorenessReport:
    """Soreness from the title, the runner's own description (never our block) and the private note."""
    return activity_reports(activity)[0]

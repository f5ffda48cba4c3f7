"""Red flags in a runner's own words, each mention read with its assertion.

A red flag counts when it is *affirmed*: not denied ("no chest pain or arm
tingling", "no numbness, tingling or fever", "Chest pain no.", "Chest pain? No",
"chest pain: none"), not someone else's ("my friend had chest pain"), not in
the past ("chest pain in 2019, all checked") and not a worry ("hope it's not
my heart"). A "no" reaches along a list joined by "or" (and the commas before
that "or"), never past "but", "just" or "still": "no chest pain but short of
breath" denies only the first.

Special cases, leaning toward the runner's safety where the words allow it:

* nausea, vomiting and sweating count only *with the pain*: said so ("threw up
  with the pain", "nauseous with it"), or beside chest or radiating pain or an
  upper-back soreness report in the same sentence, unless that clause puts it
  down to gels, food, heat or effort ("gels made me sick");
* a fall or crash counts only when the text also reports pain, and a crash
  yesterday with pain today still counts;
* numb fingers in the cold are weather, not nerves;
* a fever the runner says has gone ("had a fever, it's gone now",
  "recovered from the fever"), or a fall they say has healed, is not a red
  flag today, unless it came back or is still there ("thought it had gone
  but it's back", "temp still 38.5", "healed but my back still hurts");
  numbness, chest pain, breathlessness and the rest still count when they
  went away: a chest pain that settles with rest, or a tingling that
  passed, still needs checking;
* the sentences around a mention count too: an answer ("GP asked if I'd
  been short of breath. I had, badly." affirms; "Any chest pain? Nah, all
  good" denies, but a no about a cause does not: "is it my heart? No,
  probably the cold"), a question asked for someone else ("Asking for my
  flatmate, she's..."), a day label ("Yesterday: fever 38.8."), and chest
  pain "again" in the next sentence ("Chest felt tight on Saturday. Tight
  again today.");
* an earlier day set against today in one sentence is that day's ("Yesterday
  I got a stitch and some chest tightness, today totally fine"; "had a fever
  and chills on wednesday"), unless the today part says it is still there,
  back or worse ("..., today it's worse", "... yesterday and today"); a
  present-tense mention is never made past by a day said elsewhere ("my
  chest hurts, it was fine yesterday");
* a symptom read as past that the runner says is back counts today, in its
  sentence or the next ("last night woke up with chest pain. ran this
  morning and it came back at mile 2"; "Chest tight on Saturday. Today
  it's worse.");
* a weekday's session ("at Saturday's race") that a doctor has cleared since,
  or that has given "nothing since", is not today's ("Chest pain at
  Saturday's race, all clear at the GP since"), unless the all clear is
  awaited, older than the pain, or someone else's;
* chest soreness put down to the gym ("chest sore from push-ups") is a
  muscle, unless tightness, pressure or pain is said with it.
* unsure is not a denial: "can't tell if it's muscle or chest pain", "no idea
  whether the tightness across my chest was the cold" tell of one;
* breathlessness that belongs to the effort (reps, sprints, the finish, a
  quick recovery) is not a red flag, unless something about it is not
  ordinary: at rest, long after stopping, stopping the run, wheezing, fear;
  working for breath while still or out of proportion is one ("couldn't talk
  at rest", "winded carrying the shopping in"), and so is a strain the next
  sentence calls out of the ordinary ("That has never happened before.");
* one limb gone weak counts, unless its clause puts it down to the muscles,
  the miles, the gym or the shoes and it did not come on out of nowhere
  ("suddenly", "buckled", "first time ever");
* a fall today counts with pain or with an injury told near it ("wrist
  swollen and throbbing"); a "no" reaches along a list whose other items we
  do not read ("No upper back pain, stiffness or chest pain").
* a clinician's no counts as one: "pt denies CP, SOB, N/V, fever" denies the
  whole list, "neg for CP/SOB/fever", "haemoptysis: neg", "SOB -, CP -"; but
  "denied a sub 20 by chest pain", "negative splits" and "can't deny the
  chest pain" deny nothing. "CP" alone is chest pain only with a symptom's
  words around it ("some CP at 4k", "CP w sweating"): it is also a
  checkpoint, critical power, a park, a person;
* a word quoted and taken back ("scratch the 'short of breath' from the
  title", "the 'fever' in my title is marathon fever"), or what the title
  said with a correction that says what it was instead ("title said chest
  pain, my mistake - meant CHEST STRAP pain"), is not a report: the title is
  read on its own;
* a question about a symptom in general ("does upper back pain ever spread
  to the arm in runners?") answered "mine never has" or "I'm fine" is not a
  report; one that names today ("chest pain at 5k today - normal?") is.

Hurried and dictated notes ("CHESTTTT", "chess pain", "shortness of breadth",
"goin into my jaw", "last wk", "none rn") are read as meant: see
:func:`insights.soreness_context.fix_typos`.

Whose a mention is, including company ("ran with my friend and chest felt
tight" is the runner's), is read in :mod:`insights.soreness_context`; when it
was, against the day words around it, in :mod:`insights.soreness_when`.
"""

from __future__ import annotations

import re
from typing import Callable

from insights import soreness_context as context
from insights import soreness_flag_words as flag_words
from insights import soreness_when as when
from insights import soreness_words as words
from insights.soreness_text import Sentences, clause_bounds, negated, negation_floor

_WITH_PAIN = re.compile(r"\b(?:with|from|because\s+of|and|while)\s+(?:the|my|that|a|an)\s+(?:(?!(?:but|no|not|without|any)\b)\w+\s+){0,3}?"
                        r"(?:pain|ache)\b"
                        r"|\bwith\s+it\b|\bwith\s+(?:a|the|my|that)\s+(?:(?:really|very|bit|so)\s+)?(?:tight|heavy|painful|sore"
                        r"|crushing|squeez\w*)\s+chest\b|\bwith\s+(?:the\s+|that\s+)?(?:chest\s+(?:pain|tightness)|tightness)\b")
_BENIGN_CAUSE = re.compile(r"\b(?:gels?|food|pizza|curry|beer|drink\w*|heat|hot|humid\w*|sun|degrees?|effort|intervals?|reps"
                           r"|sprints?|400s|800s|pb|parkrun|finish|race|dog|baby|kids?|hangover|bug|virus)\b")
_SAID_NO_NEXT = re.compile(r"(?:a:\s*)?(?:no|nope|none|nah|not at all|not really(?:\W+no)?|yeah\W+nah|negative|nil|0)"
                           r"(?:\s+to\s+(?:all|both|any|each|either)(?:\s+\w+)?|\s+of\s+(?:them|those|these|the\s+above))?"
                           r"(?:\W+(?:all\s+good|all\s+fine|fine|ok|okay|thankfully|luckily|phew))?\W*")
_DENIED_CAUSE = re.compile(r"\b(?:no|not|nowhere\s+near|barely|wasn't|wasnt|without|never|\w+n't)\b[^,;.]*$")
_NEAR_CAUSE = re.compile(r"\b(?:gels?|food|pizza|curry|beer|drink\w*|heat|hot|humid\w*|degrees?|hangover|bug|virus|at\s+the\s+finish"
                         r"|too\s+(?:hard|fast)|all\s+out|max\s+effort)\b")
_CAUSE_REACH = 40  # characters either side of a sweat or sickness clause read for a cause
_PAIN_FLAGS = frozenset({"chest_pain", "radiating_pain"})
# flags that no longer count once the runner says they went away
# (not numbness: a tingling or numbness that passed is what a doctor wants to hear about)
_RESOLVABLE = frozenset({"fever", "after_fall"})
# ...still there after all: a fever's temperature, a fall's pain
_STILL_THERE = {
    "fever": re.compile(r"\bstill\s+(?:(?:got\s+|have\s+|has\s+)?(?:a\s+)?(?:temp\w*|hot|high|feverish|shivery)"
                        r"|3[89]|4[01])\b"),
    "after_fall": re.compile(r"\bstill\s+(?:hurts?|hurting|sore|aches?|aching|painful|killing)\b"),
}
# told of over a recent past span and still a red flag today, unless long ago ("fell off my bike in 2022")
_OVER_TIME = frozenset({"after_fall", "weight_loss"})
# "it's gone now", "went away once I loosened the strap", "fully recovered": within the
# mention's own part of the sentence (never past "but"), and not "hasn't gone"
_RESOLVED = re.compile(
    # the subject is the symptom itself: "fever gone", "fever's gone", "had a fever, it's gone now", "the
    # fever from Monday has cleared up"; never another thing that went ("fever, the cough has cleared up")
    # "fell 2 weeks ago, knee all healed now": what the fall hurt, healed
    r"(?:'s|s)?\s*+(?:(?:from|over|since|on|in|at)\s+(?:\w+\s+){1,2}?|last\s+\w+\s*+|(?:\w+\s+){1,2}?ago\b\s*+)?,?\s*+"
    r"(?:(?:and\s+)?(?:it|its|that|which|this)\b\s*+|(?:my\s+|the\s+)?(?:wrist|arm|elbow|ribs?|ankle|knee|hand|palm|hip|shoulder"
    r"|leg|face|head|chin|graze|bruise|cut)s?\s+)?"
    r"(?:(?:'s|is|has|had|was|were|have)\s+)?(?:(?:all|finally|now|completely|totally|fully|since)\s+)?"
    r"(?P<not>(?:\w+n't|\w+nt|not|never|nearly|almost|mostly|half|partly)\b\s*+(?:(?:yet|really|fully|completely|quite"
    r"|totally|all)\s+)*)?"
    r"(?:gone(?!\s+(?:out|for|to|on|off|up|down|into|in|through|over|home|numb|weak|dead)\b)|went\s+away(?!\s+(?:for|to|on)\b)"
    r"|disappeared|vanished|cleared(?:\s+up)?|subsided|resolved|passed|broken|broke|over(?=\s+now\b|\s*[,.!?]|\s*$)"
    r"|done(?=\s*[,.!?]|\s*$|\s+now\b)|back\s+to\s+normal"
    r"|(?:fully\s+|all\s+)?(?:recovered|healed)(?!\s+from\s+(?:the\s+|my\s+|a\s+)?(?!it\b|that\b|fever\b)\w)"
    r"|over\s+it)\b")


_PAST_OF = re.compile(r"\b(?:last\s+(?:week|night|month|year|weekend|run|time|session)|yesterday|the\s+other\s+day)'s"
                      r"\s+(?:\w+\s+)?$")
_PAST_LABEL = re.compile(r"\s*+(?:(?:last\s+(?:week|weekend|month)|yesterday)'s\s+\w+(?:\s+\w+){0,2}?(?=\s*+:)"
                         r"|yesterday|last\s+(?:night|week|weekend|run)|(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
                         r"|\d+\s+days?\s+ago)\s*+[:=–—-]")
# an answer to a question about the runner's symptom, in the next sentence
_ASKED_IF = re.compile(r"\basked\s+(?:me\s+)?(?:if|whether)\s+(?:i|i'd|i've|i'm|my)\b")
# a yes is a yes ("I had, badly", "I have, about 6kg", "It does.", "Honestly yes"; not "I was fine", "I had
# to laugh")...
_YES = re.compile(r"(?:[a-z]+\W+){0,3}?(?:yes|yep|yeah|yup|definitely|absolutely)\b(?!\W+nah)"
                  r"|(?:i\s+(?:had|have|did|was|am|do)|it\s+(?:does|did))\s*+(?:[,.!;]|$|(?:badly|loads|lots|really|actually)\b)")
# "Any chest pain? Nah, all good, just breathless on the hills.": an answer that opens with a no denies a
# question about the symptom ("Any chest pain?", "Q: chest pain?", a short one), not about its cause
# ("Chest pain again, is it my heart? No, probably the cold." still tells of chest pain)
_SYMPTOM_QUESTION = re.compile(r"\s*+(?:q:\s*+)?(?:any|did\s+you|have\s+you|had\s+any|do\s+you|is\s+there|was\s+there"
                               r"|were\s+there)\b")
_NO_LEAD = re.compile(r"(?:a:\s*)?(?:no|nope|nah|not\s+at\s+all|not\s+really|yeah\W+nah|negative|none)\b"
                      r"(?!\W*(?:idea|clue|worse|still|way|doubt|better|change|difference|sure|chance)\b)")
# ...and no no in the answer's first clause ("I was fine, just slow", "I nearly said yes but honestly no",
# "told him definitely not"; but "Yes, left hand, ok now" and "Honestly yes, not going to lie" are yeses)
_NO_IN_ANSWER = re.compile(r"[^,;.]*?\b(?:no|nope|nah|not|nothing|never|none|fine|ok|okay|all\s+good|\w+n't)\b")
_NOT_YET = re.compile(r"(?:no|nope|nah|not\s+(?:yet|really|quite))\b(?![^.]{0,40}\b(?:normal|gone|fine)\b)"
                      r"|still\s+(?:\w+\s+){0,2}?(?:3[89]|4[01]|temp\w*|fever\w*|hot|high|shivery|there|got\s+it)\b")
# a question asked for someone the runner then speaks of ("asking for a friend" alone is the runner's joke)
_ASKING_FOR = re.compile(r"asking\s+for\s+(?:my|a|our)\s+(?:\w+\s+)?\w+(?:\s*+[,:;(–—-]\s*+|\s+(?:as|because|since|cos|coz)\s+)"
                         r"(?:she|he|they)\b")
_GENERAL_QUESTION = re.compile(r"\s*+(?:is|are|can|could|does|do|should|would|what|how|anyone|any)\b")
# a question about a symptom in general, by a runner who then says they have none ("does upper back pain ever
# spread to the arm in runners? mine never has", "asking for a friend: is chest pain on a run ever normal? I'm
# fine", "chest pain when running - when to see a doctor? reading up before my first marathon")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|my|me|mine|myself)\b")
_IN_GENERAL = re.compile(r"\b(?:ever|in\s+(?:runners|marathoners|athletes)|in\s+general|when\s+to\s+see|how\s+common"
                         r"|is\s+it\s+normal\s+to|do\s+people)\b")
_THIS_TIME = re.compile(r"\b(?:today|this\s+morning|tonight|mid[\s-]run|since\s+the\s+(?:run|race|session|finish|start)|again"
                        r"|now)\b|\bat\s+\d")
_NONE_OF_MINE = re.compile(r"\s*+(?:(?:but\s+)?(?:i'm|im|i\s+am)\s+(?:fine|ok|okay|good)|mine\s+(?:never|hasn't|hasnt|doesn't|doesnt)"
                           r"|(?:i've\s+|ive\s+|i\s+have\s+)?never\s+had\s+(?:it|that|this|one)|no\s+symptoms|not\s+me\b|reading\s+(?:up|an?\s+(?:\w+\s+)?(?:article|study|paper|post|thread))"
                           r"|(?:just\s+)?(?:asking\s+)?(?:out\s+of\s+curiosity|curious))")
# two symptoms in one breath share their time and person: "sick and sweaty", "dizzy, clammy"
_JOINED = re.compile(r"\s*+(?:,\s*+)?(?:(?:and|&)\s++)?(?:(?:very|really|quite|so|a\s+bit|a\s+little)\s++)?")


# a jaw that aches, not a pain that went to it
_JAW_ALONE = re.compile(r"jaw\b|pain\s+in\s+(?:my\s+)?jaw\b")
# "Breathing trouble? Only in the bushfire smoke on Tuesday, fine today.": an answer that puts it on another day
_ONLY_THEN = re.compile(r"only\b[^.!?]{0,60}?(?:\b(?:on|last)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\byesterday\b"
                        r"|\blast\s+(?:week|night|month)\b)")
# "Breathless? Only on the hill sprints."
_ONLY_ON_EFFORT = re.compile(r"only\s+(?:on|in|during|at|up|when|for)\b[^.!?]{0,30}?\b(?:reps?|repeats|intervals?|sprints?"
                             r"|strides|efforts?|hills?|the\s+finish|race)\b")
_KIT_ANYWAY = re.compile(r"\b(?:still|anyway|even\s+after|even\s+with|crushing|squeezing|pressure|pain|no\s+(?:change"
                         r"|better|difference)|didn't\s+help)\b")
_JUST_KIT = re.compile(r"\bbut\s+(?:it\s+was|it's|turned\s+out\s+(?:to\s+be|it\s+was))\s+(?:just|only)\s+(?:my\s+|the\s+)?"
                       r"(?:hr\s+|heart\s+rate\s+|new\s+)?(?:strap|monitor|bra|vest|hrm|backpack|harness)\b")
_OWNER_INSIDE = re.compile(r"\b(?:my|his|her|their)\b")
# a "no" that opens a list of things we do not read, closed by "or" before the mention ("No upper back pain,
# stiffness or chest pain today"), or three and more items long ("No cough, cold, sore throat, fever"); never past
# "but", "just", "only" or "still" ("no fever, chest pain this morning" stays chest pain: two items, no "or")
_ITEM = (r"(?!(?:but|just|only|still|now|and|today|yesterday|no|not)\b)[\w'-]+"
         r"(?:\s+(?!(?:but|just|only|still|now|and|today|yesterday|no|not)\b)[\w'-]+){0,3}")
_LIST_DENIED = re.compile(rf"\b(?:no|nor|without|not\s+any)\s+{_ITEM}(?:\s*+,\s*+{_ITEM}){{0,5}}\s*+,?\s*+(?:or|nor)\s+(?:any\s+)?$")
# a clinician's list, each item denied: "pt denies CP, SOB, N/V, fever", "neg for CP/SOB/fever" (never past a
# finding: "denies CP, reports SOB")
_FINDING = r"(?!(?:but|reports?|endorses|c/o|complains?|has|had|have|with|now|today|yes|pos|positive|though|except)\b)"
_CLINICAL_ITEM = rf"{_FINDING}[\w'-]+(?:\s+{_FINDING}[\w'-]+){{0,2}}"
_DENIED_LIST = re.compile(rf"\bdenies\s+{_CLINICAL_ITEM}"
                          rf"(?:\s*+[,/]\s*+{_CLINICAL_ITEM}){{0,6}}\s*+(?:[,/]|\bor\b|\band\b|[,/]\s*+(?:or|and)\b)\s*+$"
                          # "neg for CP/SOB/fever": a slashed list only ("tested negative for covid, fever 38.6" tells of one)
                          r"|\bneg(?:ative)?\s+for\s+(?:[\w'-]+\s*+/\s*+){1,6}$")
_LIST_OF_COMMAS = re.compile(rf"\b(?:no|without)\s+{_ITEM}(?:\s*+,\s*+{_ITEM}){{2,6}}\s*+,\s*+$")
# ... the mention ending that list ("No cough, cold, sore throat, fever."), not a clause of its own ("No watch, no
# music, no gels, chest pain from 5k"; "No warm-up, cold morning, legs heavy, chest tight from the start")
_LIST_END = re.compile(r"\s*+(?:[.,;!?)]|$|(?:today|this\s+week|either|at\s+all|thankfully)\b)")
_LIST_REACH = 120  # characters of a list read back from a mention
_THOUGHT = re.compile(r"\b(?:thought|i\s+thought)\b")
_NOT_MUSCLE = re.compile(r"\b(?:tight\w*|pressure|heav\w*|crush\w*|squeez\w*|burning|pain|ache|aching)\b")
_ANSWER_REACH = 200  # characters of an answer after a dash read
_ANSWER_DASH = re.compile(r"\s[-–—]\s|\?\s*+")
# A word quoted and taken back ("scratch the 'short of breath' from the title", "ignore 'chest tight' in the
# title, autocorrect", "the 'fever' in my title is marathon fever"), or what the title said, corrected ("title
# said chest pain, my mistake - meant CHEST STRAP pain", "earlier note said i fell. correction - i didnt fall").
# The title and the notes are read on their own: taking a word back here hides nothing they say.
_TAKEN_BACK_BEFORE = re.compile(r"(?<!n't\s)(?<!nt\s)(?<!not\s)(?<!never\s)(?<!to\s)(?<!try\s)\b(?:scratch|ignore|disregard|delete|remove|strike|forget|cross\s+out|take\s+back"
                                r"|taking\s+back)\s+(?:the\s+|that\s+|my\s+|all\s+the\s+)?['\"]\s*+$")
_QUOTED_AS = re.compile(r"\s*+['\"]\s*+(?:(?:in|from)\s+(?:my|the)\s+(?:title|note|post|description|check[\s-]?in|caption)\s+"
                        r"(?:is|was)\s+(?:just\s+|only\s+)?(?:marathon|race|taper|cup|a\s+joke|a\s+typo|autocorrect|wrong"
                        r"|a\s+mistake|(?:a\s+)?figure\s+of\s+speech|not\s+(?:literal|real|true))\b"
                        r"|(?:in|from)\s+(?:my|the)\s+(?:title|note|post)[^.!?]{0,20}?\bautocorrect)")
_SAID_IN = re.compile(r"\b(?:title|note|post|check[\s-]?in|caption|description)\s+(?:said|says)\s+(?:that\s+)?(?:i\s+)?"
                      r"(?:had\s+(?:a\s+)?)?['\"]?\s*+$")
# ... a correction that says what it was instead, or that it did not happen ("That's not true, it was crushing" is no
# correction of a chest pain)
_CORRECTED = re.compile(r"[^.!?]{0,20}?\bbut\s+(?:it's|its|it\s+is|it\s+was|that's|was)\s+(?:just\s+)?(?:the|my|a)\s+"
                        r"(?:hrm\s+|heart\s+rate\s+|hr\s+)?(?:strap|vest|bra|monitor|typo|autocorrect|pack)\b"
                        r"|[^.!?]{0,40}?\b(?:my\s+mistake|correction|scratch\s+that|not\s+true|(?<!not\s)(?<!n't\s)wrong|typo"
                        r"|autocorrect)\s*+[-–—:,]\W*+"
                        r"(?:[\w']+\s+){0,4}?(?:didn't|didnt|did\s+not|wasn't|wasnt|was\s+not|no|not|never|meant(?!\s+it\b))\b")
_TAKEN_BACK_REACH = 40


def _answered_no(sentences: Sentences, index: int) -> bool:
    """Does the next sentence answer no to this one ("Chest pain? No.", "GP asked: numbness, tingling,
    weakness? No to all three.", "Any chest pain? Nah, all good, just breathless")?"""
    if _SAID_NO_NEXT.fullmatch(sentences.next_words(index, 4) or ""):
        return True
    sentence = sentences.all[index]
    return (sentences.asked(index) and (_SYMPTOM_QUESTION.match(sentence) is not None or len(sentence.split()) <= 5)
            and _NO_LEAD.match(sentences.next_sentence(index)) is not None)


def _said(sentences: Sentences, index: int, start: int, end: int, lo: int, hi: int, joined: str | None,
          labelled_past: bool) -> str:
    """Whose and when, for the mention at ``start`` (its clause ``lo:hi``): what its clause says
    (:func:`insights.soreness_context.assertion`), then what the words around it add. ``joined`` is how
    the mention just before was read when the two are said in one breath ("sick and sweaty")."""
    sentence = sentences.all[index]
    # a possessive inside the mention names its owner: "the tightness in my chest", "pain in his chest"
    owner = _OWNER_INSIDE.findall(sentence, start, end)
    said = context.assertion(sentence[lo:hi], start - lo,
                             context.person_scope(sentence, start) + (f" {owner[-1]} " if owner else ""))
    if said == context.AFFIRMED and joined not in (None, context.AFFIRMED) and not context.NOW.search(sentence, lo, hi):
        said = joined  # "on Friday I felt sick and sweaty": the sweat was on Friday too
    if said == context.AFFIRMED and (labelled_past or _PAST_OF.search(sentence, max(0, start - 40), start)):
        said = context.PAST  # "Yesterday: fever 38.8."; "about last month's chest pain, all clear" on a visit today
    if said in (context.AFFIRMED, context.PAST) and not labelled_past:
        said = when.against_today(sentence, start, lo, hi, said)
    if said == context.AFFIRMED and when.shares_later_time(sentence, lo, hi):
        said = context.PAST  # "had a fever and chills on wednesday"
    if said == context.AFFIRMED and when.cleared(sentences, index, start, lo, hi):
        said = context.PAST  # "Chest pain at Saturday's race, all clear at the GP since"
    if said in (context.HYPOTHETICAL, context.OTHER) and when.returned_as_feared(sentences, index, start, end, said):
        said = context.AFFIRMED  # "doc said come back if the chest pain returned... well it did"
    if said == context.HYPOTHETICAL and _ASKED_IF.search(sentence, max(0, start - 60), start):
        # the answer in the next sentence, or after a dash in this one ("coach asked if I had any chest
        # pain - yeah, a bit on the last rep")
        dash = _ANSWER_DASH.search(sentence, start, start + 80)
        answer = sentence[dash.end():dash.end() + _ANSWER_REACH].lstrip() if dash else sentences.next_sentence(index)
        if _YES.match(answer) and not _NO_IN_ANSWER.match(answer):
            said = context.AFFIRMED  # "Husband asked if I'd been short of breath. I had, badly."
    return said


def _taken_back(sentences: Sentences, index: int, start: int, end: int) -> bool:
    """Is the mention at ``start:end`` a word quoted and taken back, or what another field said, corrected?"""
    sentence = sentences.all[index]
    before = sentence[max(0, start - _TAKEN_BACK_REACH):start]
    if _TAKEN_BACK_BEFORE.search(before) or _QUOTED_AS.match(sentence, end, end + 60):
        return True
    return _SAID_IN.search(before) is not None and (
        _CORRECTED.match(sentence, end, end + 100) is not None or _CORRECTED.match(sentences.next_sentence(index)) is not None)


def _resolved(sentence: str, start: int, end: int, code: str) -> bool:
    """Does the runner say the symptom at ``start:end`` has gone, and not that it came back or is still there?"""
    said = _RESOLVED.match(sentence, end)
    if said is None:
        # "recovered from the fever", "first run after the fever"
        return code == "fever" and flag_words.RESOLVED_BEFORE.search(sentence, max(0, start - 40), start) is not None
    if said["not"] is not None:
        return False
    # bounded windows, so a sentence of many mentions still reads in linear time
    return (when.CAME_BACK.search(sentence, said.end(), said.end() + 60) is None
            and _STILL_THERE[code].search(sentence, said.end(), said.end() + 60) is None)


def _chains(sentence: str, found: list[tuple[int, int, str]]) -> list[list[int]]:
    """Runs of mentions joined as a list: by "or", or by commas that an "or" later closes."""
    chains: list[list[int]] = []
    kinds: list[list[str]] = []
    for i, (start, _, _) in enumerate(found):
        if i and words.OR_GAP.match(sentence, found[i - 1][1], start):
            chains[-1].append(i)
            kinds[-1].append("or")
        elif i and words.COMMA_GAP.match(sentence, found[i - 1][1], start):
            chains[-1].append(i)
            kinds[-1].append("comma")
        else:
            chains.append([i])
            kinds.append([])
    out = []
    for chain, joins in zip(chains, kinds):
        if "or" in joins or (joins and words.OR_AFTER.match(sentence, found[chain[-1]][1])):
            out.append(chain)  # "no numbness, tingling or fever": one list
        else:
            out.extend([i] for i in chain)  # "no fever, chest pain": the comma ends the "no"
    return out


def _cause_said(cause: re.Pattern[str], sentence: str, lo: int, hi: int, denied: re.Pattern[str] = _DENIED_CAUSE,
                look_back: int = 25) -> bool:
    """Is a symptom put down to ``cause`` (gels, food, heat, effort; the muscles or the miles) within ``lo:hi``,
    and not denied in the ``look_back`` characters before it ("no gel today", "not the usual tired")?"""
    return any(not denied.search(sentence, max(0, m.start() - look_back), m.start())
               for m in cause.finditer(sentence, max(0, lo), hi))


def _kit_on_chest(sentence: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Is the kit the cause: named before the chest in its clause ("HRM strap across my chest a bit tight"),
    or after it as a cause ("sore from chafing", "squeezed in the new race vest")? Not "took off my vest but no
    change", nor "nipples chafed too"."""
    if _JUST_KIT.search(sentence, end, min(len(sentence), end + 80)) and _THOUGHT.search(sentence, max(0, start - 40), start):
        return True  # "Thought I felt a twinge in my chest but it was just my HR strap"
    if _KIT_ANYWAY.search(sentence, lo, min(len(sentence), hi + 80)):
        return False
    return flag_words.CHEST_KIT.search(sentence, lo, start) is not None \
        or flag_words.KIT_AS_CAUSE.match(sentence, end, min(len(sentence), hi + 40)) is not None


def _asserted(rx: re.Pattern[str], sentence: str, lo: int, hi: int) -> bool:
    """Does ``rx`` match in ``lo:hi`` where no "not" is said around it ("not from my nose", "lip wasn't cut")?"""
    return any(not flag_words.DENIED_NEAR.search(sentence, max(0, m.start() - 25), min(len(sentence), m.end() + 15))
               for m in rx.finditer(sentence, lo, hi))


def _limb_explained(sentence: str, start: int, end: int, lo: int) -> bool:
    """Is a limb's weakness (not numbness) put down to the muscles, the miles or the gym, from its clause on,
    and did it not come on out of nowhere?"""
    said = sentence[start:end]
    if any(w in said for w in ("numb", "tingl", "needles")):
        return False
    reach = min(len(sentence), end + 120)
    if flag_words.LIMB_ALARMING.search(sentence, lo, reach):
        return False  # "Left leg suddenly went weak on my long run today, had to stop"
    if any(w in said for w in ("slap", "flop")) and flag_words.FOOT_SHOES.search(sentence, lo, reach):
        return True  # "Left foot kept slapping in the new carbon shoes"
    if any(w in said for w in ("leg", "foot", "toe")):
        return _cause_said(flag_words.LEG_FATIGUE, sentence, lo, reach, flag_words.LEG_FATIGUE_DENIED, look_back=30)
    return ("arm" in said or "hand" in said) and flag_words.ARM_GYM.search(sentence, lo, reach) is not None


# a sentence that says the last one was not ordinary
_NOT_ORDINARY = re.compile(r"\s*+(?:(?:weird|odd|strange|scary)\s+one\W+)?(?:that\s+(?:has\s+)?never\s+happened(?:\s+before)?"
                           r"|that's\s+never\s+happened(?:\s+before)?|never\s+(?:had\s+that|happened)\s+before"
                           r"|not\s+like\s+me(?:\s+at\s+all)?|(?:that's|that\s+is|it's|this\s+is)\s+not\s+(?:normal(?:\s+for\s+me)?|like\s+me)"
                           r"|not\s+normal\s+for\s+me|never\s+like\s+this|(?:totally\s+|completely\s+|way\s+|so\s+)?out\s+of\s+proportion"
                           r")\s*+(?:[,!?)]|$)"
                           # "I'm usually chatting at that pace with the group"
                           r"|\s*+(?:(?:i'm|i\s+am|im)\s+(?:usually|normally)|(?:usually|normally)\s+(?:i'm|i\s+am|im|i))\s+"
                           r"(?:chatting|talking|chatty|fine|comfortable)\s+(?:at|in)\s+(?:that|this)\s+(?:pace|speed)\b"
                           # "It was a RECOVERY run!", "Way more than the effort deserved.", "Pace was conversational for the group"
                           r"|\s*+it\s+was\s+(?:only\s+|just\s+)?an?\s+(?:recovery|easy|gentle)\s+(?:run|jog)\b"
                           r"|\s*+(?:(?:way|far|much|a\s+lot)\s+)?more\s+than\s+the\s+(?:effort|pace)\s+(?:deserved|warranted|called\s+for)\b"
                           r"|\s*+(?:the\s+)?pace\s+was\s+(?:conversational|chatty|easy\s+chat)\b")


_KNOCKED_ME = re.compile(r"\b(?:knocked|bowled|pulled|dragged|yanked|clipped|hit|struck)\s+me\b")


def _strained_then_unusual(sentences: Sentences) -> bool:
    """Is hard work for breath (read nowhere as a red flag) said in one sentence and called out of the ordinary in
    one of the next two ("By the second km I could barely get a sentence out ... Weird one, not like me at all.",
    "... Totally out of proportion.", "... I'm usually chatting at that pace")?"""
    for index in sentences.holding(("gasp", "breath", "pant", "winded", "sentence", "talk", "speak", "puff")):
        if not flag_words.STRAIN_RX.search(sentences.all[index]):
            continue
        for following in range(index + 1, min(index + 3, len(sentences.all))):
            text = sentences.all[following]
            if text.strip() and _NOT_ORDINARY.match(text) and not negated(text, 0):
                return True
    return False


def _injured(sentences: Sentences, falls: list[int]) -> bool:
    """Does a fall today come with an injury told near it ("wrist swollen and throbbing", "think it might be broken")?"""
    if not falls:
        return False
    return any(_asserted(flag_words.FALL_INJURY, sentences.all[i], 0, len(sentences.all[i]))
               for i in range(min(falls), min(max(falls) + 3, len(sentences.all))))


def read_red_flags(sentences: Sentences, sore_sentences: set[int], pain_anywhere: Callable[[], bool],
                   carry: bool = True) -> set[str]:
    """Affirmed red flags anywhere in the text.

    ``sore_sentences`` are the sentences with an upper-back soreness report;
    ``pain_anywhere()`` says whether the text reports pain at all (asked only for a fall);
    ``carry`` reads a pain taken up by "it" in the next sentence (:func:`_carried`).
    """
    candidates: dict[int, list[tuple[str, re.Pattern[str]]]] = {}
    for code, (needles, rx) in flag_words.RED_FLAG_RX.items():
        for index in sentences.holding(needles):
            candidates.setdefault(index, []).append((code, rx))
    flags: set[str] = set()
    falls: list[int] = []  # sentences that tell of a fall today: its injury is read there and in the next two
    past: dict[int, list[tuple[int, str]]] = {}  # mentions read as past, by sentence: are they back today?
    for index, checks in candidates.items():
        sentence = sentences.all[index]
        found = sorted((m.start(), m.end(), code) for code, rx in checks for m in rx.finditer(sentence))
        if not found:
            continue
        if sentences.asked(index) and _GENERAL_QUESTION.match(sentence) and \
                _ASKING_FOR.match(sentences.next_sentence(index)):
            continue  # "Is a cough with blood normal? Asking for my flatmate, she's freaking out."
        if sentences.asked(index) and _IN_GENERAL.search(sentence) and not _FIRST_PERSON.search(sentence) \
                and not _THIS_TIME.search(sentence) and _NONE_OF_MINE.match(sentences.next_sentence(index)):
            continue  # "does upper back pain ever spread to the arm in runners? mine never has"
        answered_no = _answered_no(sentences, index)
        denied = set()
        list_head: dict[int, int] = {}  # where the "no" opening a mention's list is ("no dizziness, nausea or ...")
        floor = previous_end = 0
        for i, (start, end, code) in enumerate(found):
            floor = negation_floor(sentence, floor, previous_end, start)
            previous_end = end
            head = _LIST_DENIED.search(sentence, max(0, start - _LIST_REACH), start) or \
                _DENIED_LIST.search(sentence, max(0, start - _LIST_REACH), start)
            if head is not None:
                list_head[i] = head.start()
            if head is not None or negated(sentence, start, floor) or words.SAID_NO_RX.match(sentence, end) or answered_no \
                    or (("'" in sentence or '"' in sentence or "said" in sentence or "says" in sentence)
                        and _taken_back(sentences, index, start, end)) \
                    or (_LIST_END.match(sentence, end) and _LIST_OF_COMMAS.search(sentence, max(0, start - _LIST_REACH), start)) or (
                    code in _RESOLVABLE and _resolved(sentence, start, end, code)
                    and not (sentences.asked(index) and _NOT_YET.match(sentences.next_sentence(index)))):
                denied.add(i)  # but "Fever gone? no, still 38.5" tells of a fever
        for chain in _chains(sentence, found):
            if denied.intersection(chain[:1]):
                denied.update(chain)
            elif len(chain) > 1 and chain[-1] in list_head:  # the last one is denied: it is in list_head
                # "no dizziness, nausea or chest pain": the whole list after its "no" (not "Left arm tingling, no
                # chest pain or breathlessness", whose tingling comes before it)
                denied.update(i for i in chain if found[i][0] >= list_head[chain[-1]])
        cold = funny_bone = unusual_breath = None  # read once per sentence, when first needed (linear time)
        # "Yesterday: fever 38.8." labels the whole sentence, unless it also says now ("still there now")
        labelled_past = _PAST_LABEL.match(sentence) is not None and not context.NOW.search(sentence)
        affirmed: list[tuple[int, int, str]] = []
        last_said, last_end = None, -1
        for i, (start, end, code) in enumerate(found):
            if i in denied:
                continue
            lo, hi = clause_bounds(sentence, start, end)
            joined = last_said if _JOINED.fullmatch(sentence, last_end, start) else None
            said = _said(sentences, index, start, end, lo, hi, joined, labelled_past)
            last_said, last_end = said, end
            if sentences.asked(index) and _ONLY_THEN.match(sentences.next_sentence(index)):
                continue  # "Breathing trouble? Only in the bushfire smoke on Tuesday"
            if said == context.OTHER and code == "after_fall" and _KNOCKED_ME.search(sentence, start, end):
                said = context.AFFIRMED  # "A kid on a scooter knocked me flying": the runner fell
            if said == context.OTHER or (said == context.HYPOTHETICAL and not flag_words.UNSURE.search(sentence, lo, hi)):
                continue  # someone else's, or a worry; "not sure if it's chest pain" still tells of one
            if code == "after_fall" and context.LONG_AGO.search(sentence, lo, hi) and not _THIS_TIME.search(sentence, lo, hi):
                continue  # "since the bike crash two years ago": long ago, whatever hurts today
            if said == context.PAST and (code not in _OVER_TIME or (context.LONG_AGO.search(sentence, lo, hi)
                                                                    and not _THIS_TIME.search(sentence, lo, hi))):
                if code not in _OVER_TIME:  # a fall long ago that "still hurts when it rains" stays long ago
                    past.setdefault(index, []).append((start, code))
                continue  # a crash yesterday with pain today, weight lost over the last month: still red flags
            if code == "numbness_or_weakness":
                if cold is None:
                    cold = flag_words.COLD.search(sentence) is not None and not flag_words.NOT_COLD.search(sentence)
                if "grip" in sentence[start:end] and _asserted(flag_words.GRIP_EXCUSE, sentence, max(0, lo - 60),
                                                                min(len(sentence), hi + 60)):
                    continue  # "hands so sweaty in the humidity I couldn't grip my bottle"
                if _limb_explained(sentence, start, end, lo):
                    continue  # "Weak in my left leg by 30k, but the right was just as dead": the miles
                if funny_bone is None:
                    funny_bone = flag_words.FUNNY_BONE.search(sentence) is not None \
                        and flag_words.LASTED.search(sentence) is None
                if funny_bone:
                    continue  # "whacked my funny bone on the door frame, tingle for 5 seconds"
                if cold or ((flag_words.KIT_CAUSE.search(sentence, lo, hi)
                             or (flag_words.POSTURE_CAUSE.search(sentence, max(0, lo - 60), min(len(sentence), hi + 40))
                                 if flag_words.FEET.search(sentence, lo, hi) else flag_words.POSTURE_CAUSE.search(sentence, lo, hi)))
                            and not sentences.asked(index)):
                    continue  # numb fingers in the cold are weather, a tight strap is kit, not nerves
            if code == "breathless" and (
                    flag_words.BREATH_EFFORT.search(sentence, lo, hi)
                    or flag_words.BREATH_RECOVERED.search(sentence, max(0, lo - 100), min(len(sentence), hi + 100))
                    or (sentences.asked(index) and _ONLY_ON_EFFORT.match(sentences.next_sentence(index)))):
                if unusual_breath is None:
                    unusual_breath = flag_words.BREATH_UNUSUAL.search(sentence) is not None
                if not unusual_breath:
                    continue  # "breathless on the last two reps, as planned", "Breathless? Only on the hill sprints": the effort
            if code == "breathless" and ("talk" in sentence[start:end] or "speak" in sentence[start:end]) \
                    and flag_words.MOVED.search(sentence, lo, min(len(sentence), hi + 60)) \
                    and flag_words.CELEBRATED.search(sentence, max(0, lo - 100), min(len(sentence), hi + 100)) \
                    and not flag_words.FRIGHTENED.search(sentence, max(0, lo - 100), min(len(sentence), hi + 100)):
                continue  # "couldn't speak sitting down at the finish, tears everywhere"
            if code == "radiating_pain" and sentence.startswith("left arm", start) \
                    and _asserted(flag_words.ARM_CAUSE, sentence, max(0, lo - 100), min(len(sentence), hi + 100)):
                continue  # "Left arm was painful all day from the flu jab"
            if code == "chest_pain" and "sore" in sentence[start:end] and not _NOT_MUSCLE.search(sentence, lo, hi + 60) \
                    and flag_words.GYM_SORE.search(sentence, lo, hi):
                continue  # "chest sore from push-ups": the muscle worked, not the heart
            if code == "chest_pain" and "round" in sentence[start:end] \
                    and not sentence.startswith(("tight", "heavy", "felt like", "like"), start) \
                    and flag_words.WRAP_EXCUSE.search(sentence, max(0, lo - 80), min(len(sentence), hi + 80)):
                continue  # "HRM strap pain going round to my chest": the strap, not the heart
            if code == "chest_pain" and _kit_on_chest(sentence, start, end, lo, hi):
                continue  # "HRM strap across my chest a bit tight, loosened it at 2k"
            if code == "weight_loss" and (
                    _asserted(flag_words.ILLNESS_LOSS, sentence, lo, min(len(sentence), hi + 60))
                    or _cause_said(flag_words.CHOSEN_LOSS, sentence, lo, min(len(sentence), hi + 80))):
                continue  # "down 2 kg after the stomach bug last week": explained
            before = max(0, lo - 60)
            if code == "coughing_blood" and _asserted(
                    flag_words.MOUTH_BLOOD, sentence, lo if flag_words.AGAINST.search(sentence, before, lo) else before,
                    min(len(sentence), hi + 40)):
                continue  # "spat a bit of blood from a nosebleed"
            if code == "weight_loss" and flag_words.SWEAT_LOSS.search(sentence, lo, hi):
                continue  # "lost 2kg on the long run": sweat
            if code == "fever" and (sentence[start].isdigit() or sentence.startswith("temp", start)) and \
                    flag_words.WEATHER.search(sentence, lo, hi):
                continue  # "temp was 38.2 at the start, scorcher": the weather
            if code == "after_fall" and said == context.AFFIRMED:
                falls.append(index)  # a fall today: its injury may stand for the pain (not last month's broken wrist)
            affirmed.append((start, end, code))
        codes = {code for _, _, code in affirmed}
        if "after_fall" in codes and "radiating_pain" in codes:
            # "Face planted on the cobbles, split my chin and my jaw aches": the jaw that hit the ground
            affirmed = [a for a in affirmed if a[2] != "radiating_pain" or not _JAW_ALONE.match(sentence, a[0])]
            codes = {code for _, _, code in affirmed}
        for start, end, code in affirmed:
            if code != "sweating_or_nausea":
                flags.add(code)
                continue
            lo, hi = clause_bounds(sentence, start, end)
            # beside chest or radiating pain only a cause in its own clause unlinks it; beside an upper-back
            # report alone, one said near it too ("took a gel at 15k and felt sick", "sweaty mess, 90% humidity");
            # never a cause denied ("no gel or food today", "not from the heat")
            linked = _WITH_PAIN.search(sentence, start) is not None or (
                (codes & _PAIN_FLAGS or index in sore_sentences) and not _cause_said(_BENIGN_CAUSE, sentence, lo, hi)
                and (codes & _PAIN_FLAGS or not _cause_said(_NEAR_CAUSE, sentence, lo - _CAUSE_REACH, hi + _CAUSE_REACH)))
            if linked:
                flags.add(code)
    if past:
        flags |= when.came_back(sentences, past)
    if "chest_pain" not in flags:
        flags |= when.chest_again(sentences)
    if "breathless" not in flags and _strained_then_unusual(sentences):
        flags.add("breathless")  # "...gasping and had to stop on the landing. That has never happened before."
    if "after_fall" in flags and not pain_anywhere() and not _injured(sentences, falls):
        flags.discard("after_fall")  # a fall without pain is not a red flag
    if "weight_loss" not in flags and _lost_between_readings(sentences.text):
        flags.add("weight_loss")  # "Scales say 71 kg. I was 78 in the summer and eating more if anything."
    if carry:
        flags |= _carried(sentences, sore_sentences, pain_anywhere)
    return flags


def _lost_between_readings(text: str) -> bool:
    """Weight lost told as two readings, with no reason and a word that there is none ("Weighed 62 this
    morning. Was 67 at Christmas, not dieting at all", "Down to 9st 10 from 10st 8 ... I haven't changed a
    thing", "68 -> 65 -> 63 over six weeks. Haven't changed what I eat"). Not a cut, a race weight or a
    plan (they say no such word), not a gain, not someone else's."""
    if len(text) > _READINGS_REACH or not flag_words.WEIGHT_CUE.search(text) \
            or not flag_words.NO_REASON_FOR_LOSS.search(text) or flag_words.GAINED_OR_THEIRS.search(text):
        return False
    readings = [int(m["st"]) * 14 + int(m["lb"] or 0) for m in flag_words.STONE_READING.finditer(text)]
    readings += [float(next(n for n in m.groups() if n).replace("·", ".")) for m in flag_words.WEIGHT_READING.finditer(text)]
    readings = [r for r in readings if 35 <= r <= 250]
    return any(0.04 <= (high - low) / high <= 0.3 for high in readings for low in readings if high > low)


_READINGS_REACH = 600  # a weight told as two readings is a short text; a long one is read sentence by sentence


def _carried(sentences: Sentences, sore_sentences: set[int], pain_anywhere: Callable[[], bool]) -> set[str]:
    """Where a pain went, told in the sentence after it with "it": "Rhomboids tight. It's now moving round into
    the front of my chest", "Upper back ache all week. Around mile 3 it crept into my jaw", "Upper back pain
    flared on the hills. By the top it was so intense I was drenched in a cold sweat". The two sentences are
    read as one, for where a pain goes and what comes with it only."""
    joins = {i for i in range(1, len(sentences.all)) if _IT_OPENS.match(sentences.all[i])
             and (i - 1 in sore_sentences or _PAIN_BEFORE.search(sentences.all[i - 1]))}
    if not joins:
        return set()
    merged: list[str] = []
    moved: dict[int, int] = {}
    for i, sentence in enumerate(sentences.all):
        if i in joins:
            merged[-1] += ", " + sentence
        else:
            merged.append(sentence)
        moved[i] = len(merged) - 1
    joined = Sentences("\n".join(merged))
    carried = read_red_flags(joined, {moved[i] for i in sore_sentences}, pain_anywhere, carry=False) & _CARRIED
    if not any(_IT_WORSE.match(sentences.all[i]) for i in joins):
        carried.discard("sweating_or_nausea")  # "Upper back ache. It got better..., sweaty day though": the day's
    return carried


# "it" (or "this", "that" before a verb: not "this morning") as the subject near a sentence's start, after at most two openers ("Around mile 3 it
# started creeping round into my jaw", "By the top it was so intense")
_IT_OPENS = re.compile(r"\s*+(?:(?:and|then|now|so|but|soon|later|this\s+time|by\s+the\s+(?:top|end|finish|bottom)|around\s+(?:mile|km|k)\s*+\d+"
                       r"|at\s+\d+\s*+(?:k|km|mi|miles?)|after\s+(?:a\s+)?(?:few|\d+)\s+\w+)\b[\s,]*+){0,2}"
                       r"(?:it(?:'s\b|\s)|(?:this|that)(?:'s\b|\s+(?:then\s+)?(?:went|moved|spread|crept|started|got|was|is|became|came|comes)\b))")
_IT_WORSE = re.compile(r"[^.!?]{0,40}?\b(?:(?:it|this|that)(?:'s|\s+(?:was|got|became|is|felt|went))\s+(?:so\s+|really\s+|very\s+|that\s+)?"
                       r"(?:intense|bad|severe|painful|strong|crushing|awful|horrible|unbearable|worse)"
                       r"|(?:it|this|that)\s+(?:came|comes|was)\s+with|(?:it|this|that)\s+brought\s+on)\b")
_PAIN_BEFORE = re.compile(r"\b(?:pain|ache|aching|achy|sore(?:ness)?|tight(?:ness)?|pressure|hurt\w*|twinge|stiff(?:ness)?)\b")
_CARRIED = frozenset({"radiating_pain", "chest_pain", "sweating_or_nausea"})

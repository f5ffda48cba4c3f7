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

Whose a mention is, including company ("ran with my friend and chest felt
tight" is the runner's), is read in :mod:`insights.soreness_context`.
"""

from __future__ import annotations

import re
from typing import Callable

from insights import soreness_context as context
from insights import soreness_flag_words as flag_words
from insights import soreness_words as words
from insights.soreness_text import Sentences, clause_bounds, negated, negation_floor

_WITH_PAIN = re.compile(r"\b(?:with|from|because\s+of|and)\s+(?:the|my|that)\s+(?:\w+\s+){0,3}?(?:pain|ache)\b"
                        r"|\bwith\s+it\b|\bwith\s+(?:a|the|my|that)\s+(?:\w+\s+){0,2}?(?:chest|tightness|pressure)\b")
_BENIGN_CAUSE = re.compile(r"\b(?:gels?|food|pizza|curry|beer|drink\w*|heat|hot|humid\w*|sun|effort|intervals?|reps"
                           r"|sprints?|400s|800s|pb|parkrun|finish|race|dog|baby|kids?|hangover|bug|virus)\b")
_SAID_NO_NEXT = re.compile(r"(?:a:\s*)?(?:no|nope|none|nah|not at all|not really(?:\W+no)?|yeah\W+nah|negative|nil|0)"
                           r"(?:\s+to\s+(?:all|both|any|each|either)(?:\s+\w+)?|\s+of\s+(?:them|those|these|the\s+above))?"
                           r"(?:\W+(?:all\s+good|all\s+fine|fine|ok|okay|thankfully|luckily|phew))?\W*")
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
    r"(?:'s|s)?\s*+(?:(?:from|over|since|on|in|at)\s+(?:\w+\s+){1,2}?)?,?\s*+(?:(?:and\s+)?(?:it|its|that|which|this)\b\s*+)?"
    r"(?:(?:'s|is|has|had|was|were|have)\s+)?(?:(?:all|finally|now|completely|totally|fully|since)\s+)?"
    r"(?P<not>(?:\w+n't|\w+nt|not|never|nearly|almost|mostly|half|partly)\b\s*+(?:(?:yet|really|fully|completely|quite"
    r"|totally|all)\s+)*)?"
    r"(?:gone(?!\s+(?:out|for|to|on|off|up|down|into|in|through|over|home|numb|weak|dead)\b)|went\s+away(?!\s+(?:for|to|on)\b)"
    r"|disappeared|vanished|cleared(?:\s+up)?|subsided|resolved|passed|broken|broke|over(?=\s+now\b|\s*[,.!?]|\s*$)"
    r"|done(?=\s*[,.!?]|\s*$|\s+now\b)|back\s+to\s+normal"
    r"|(?:fully\s+|all\s+)?(?:recovered|healed)(?!\s+from\s+(?:the\s+|my\s+|a\s+)?(?!it\b|that\b|fever\b)\w)"
    r"|over\s+it)\b")
# ...unless it came back: "thought the fever had gone but it's back", "...then it returned"
_CAME_BACK = re.compile(rf"\b(?:but|then|and\s+now)\b[^.!?]{{0,40}}?(?:{words.CAME_BACK.pattern}|\bagain\b"
                        r"|\bstill\s+(?:there|got|have|has|feel\w*|running)\b)")


_PAST_OF = re.compile(r"\b(?:last\s+(?:week|night|month|year|weekend|run|time|session)|yesterday|the\s+other\s+day)'s"
                      r"\s+(?:\w+\s+)?$")
_PAST_LABEL = re.compile(r"\s*+(?:(?:last\s+(?:week|weekend|month)|yesterday)'s\s+\w+(?:\s+\w+){0,2}?(?=\s*+[:=–—-])"
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
# two symptoms in one breath share their time and person: "sick and sweaty", "dizzy, clammy"
_JOINED = re.compile(r"\s*+(?:,\s*+)?(?:(?:and|&)\s++)?(?:(?:very|really|quite|so|a\s+bit|a\s+little)\s++)?")


# "Chest felt tight on Saturday. Tight again today": the chest, named in the sentence before
_AGAIN = re.compile(r"\s*+(?:(?:tight|heavy|painful|hurting|hurts|pressure)\s+(?:again|still)"
                    r"|still\s+(?:tight|heavy|painful|hurting)|same\s+again|(?:back\s+)?again\s+(?:today|this\s+morning|now"
                    r"|tonight)(?!\s+(?:for|at|to|on\s+the\s+track)\b)|(?:it's|its|it\s+is)\s+back(?!\s+(?:to|at|for|in|on|with|into)\b)"
                    r"|(?:it|that)\s+came\s+back)\b(?![^,;]*\b(?:tomorrow|next|will|gonna)\b)")
# "Still sore today from the downhills": a cause named, the legs not the chest
_CAUSE = re.compile(r"\bfrom\s+(?:the|my|all|those|that|this)\b")


_CLAUSE_END = re.compile(r"[,;]|\b(?:and|but)\b")
_TODAY = re.compile(r"\b(?:today|now|this\s+(?:morning|afternoon|evening|run)|tonight)\b")
_SETTLED = re.compile(r"\b(?:fine|ok|okay|better|gone|settled|eased|cleared|normal|great|grand|perfect|all\s+good"
                      r"|no\s+(?:problems?|issues?|pain|bother))\b")
_UPPER_BACK = re.compile(r"\b(?:upper\s+back|shoulder\s+blades?|rhomboids?|traps?|thoracic)\b")


# "Yesterday I got a stitch and some chest tightness, today totally fine": a day set against today. A
# mention whose own clause is that day's ("Yesterday I had chest pain, ..."), or that joins it by "and" without
# a verb of its own ("Yesterday I got a stitch and some chest tightness, ..."), is that day's; it counts today
# only if the today part says it is still there ("..., today it's worse", "and today it's back again", "and
# today."). A present-tense mention ("my chest hurts, it was fine yesterday, today ...") is never made past.
_THEN_TODAY = re.compile(r"(?:[,;]|\s[-–—]\s|\b(?:but|and|while|whereas)\b)\s*+(?:(?:but|and|so)\s+)?"
                         r"(?:today|this\s+morning)\b(?!'s)")
# the today part says the symptom is there: said of "it" (or nothing), and ending its clause, so that
# "today I'm back running", "today the same hills felt easy", "today less sore legs" are not it
_PERSISTS = re.compile(
    r"\s*+,?\s*+(?:(?P<it>it's|its|it\s+is|it\s+was|it|that's|that\s+is|the\s+(?:pain|tightness|pressure|tingling"
    r"|numbness|fever|temp\w*|symptoms?)(?:\s+(?:is|was|has\s+been|'s))?)\s+|(?:i'm|im|i\s+am)\s+)?"
    r"(?:(?:even|much|a\s+bit|still|getting|really)\s+)?"
    # "it's back on the stairs" is the pain, "back on the treadmill" the runner
    r"(?:(?(it)back(?:\s+again)?|back(?:\s+again)?(?!\s+(?:on|in|at|to|out|home|running|from|into|up|down|off|with|for)\b))|worse|still\s+(?:there|tight|sore|hurt\w*|painful|heavy|aching|the\s+same|got\s+it|have\s+it"
    r"|shivery|feverish|numb|tingl\w*)|the\s+same|came\s+back|(?:has\s+|'s\s+)?come\s+back|returned|again"
    r"|started\s+again|too|as\s+well|not\s+(?:as|so)\s+bad|no\s+better|less\s+(?:tight|sore|painful|bad)"
    r"|bad|i\s+(?:still\s+)?(?:have|had|got)\s+it(?:\s+again)?|i've\s+(?:still\s+)?got\s+it(?:\s+again)?)"
    r"(?=\s*+(?:[,.;!?)]|$|(?:and|but|on|in|at|during|when|after|this|today|though|again|too|so|because|cos|coz|now"
    r"|since|than|which)\b))")
_TODAY_START = re.compile(r"\s*+(?:(?:and|but|so)\s+)?(?:today|this\s+morning|now)\b(?!'s)")
_VERB = re.compile(r"\b(?:i|i've|i'm|ive|im|felt|feel|feels|feeling|was|is|are|am|got|get|have|has|had|hurts?|started"
                   r"|woke|can't|cant|couldn't|couldnt|came|went|kept|keeps)\b")
# "Chest pain at Saturday's race, all clear at the GP since": a weekday's session may be today's (a red flag
# leans to safety), but one a doctor has cleared since is not
_DAY_OF = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|weds|thu|thurs"
                     r"|fri|sat|sun|last\s+week|the\s+weekend|yesterday)'s\b")
_ALL_CLEAR = re.compile(r"\b(?:(?:got|given|gave\s+me|had)\s+the\s+)?all[\s-]+clear\b(?!\s+of\b)"
                        r"|\b(?:checked\s+(?:me|it)\s+(?:over|out)|(?:had|got)\s+it\s+checked(?:\s+out)?"
                        r"|(?:ecg|ekg|bloods?|tests?|scans?|x-?rays?|echo)\b[^.!?,;]{0,25}?\b(?:all\s+)?(?:normal|clear|fine|ok"
                        r"|okay|negative)|nothing\s+(?:wrong|found|serious|showed))\b")
# the all clear came from someone who can give one
_CLINICIAN = re.compile(r"\b(?:gp|doc|doctor|dr|a&e|er|hospital|cardiolog\w*|consultant|nurse|ecg|ekg|bloods?|tests?"
                        r"|scans?|x-?rays?|echo|urgent\s+care|walk-in|clinic|paramedics?|ambulance"
                        r"|(?:had|got)\s+it\s+checked|checked\s+(?:me|it)\s+(?:over|out))\b")
# ...and it is not awaited, nor older than the pain, nor about someone or something else
_NOT_CLEARED = re.compile(r"\b(?:not|no|waiting|awaiting|wait|until|before|hope\w*|yet|even|though|although|despite|but"
                          r"|again|still|wants?|need\w*|booked|tomorrow|next|if|should|crossed|visit|appt|appointment"
                          r"|google|his|her|their|dad|mum|mom|wife|husband|partner|friend|mate|knee|ankle|legs?|hip"
                          r"|foot|calf|hamstring|shin|ice|roads?)\b")
_CLEARED_BEFORE = re.compile(rf"[^.!?]{{0,40}}?\b(?:last\s+(?:week|month|year|time|episode)|ago|before|previously|back\b"
                             rf"|in\s+(?:19|20)\d\d|in\s+(?:{context.MONTHS})|in\s+the\s+(?:summer|spring|autumn|winter|past)"
                             r"|at\s+my\s+(?:check-?up|medical|sports\s+medical)|after\s+my\s+last|then\b)")
# "...today totally fine until the last hill where it came back"
_BACK_LATER = re.compile(r"[^.!?]{0,80}?\b(?:(?:it|that|the\s+(?:pain|tightness|pressure))\s+(?:all\s+)?(?:came|comes"
                         r"|is\s+coming)\s+back|it's\s+back|it\s+returned)\b")
_NOTHING_SINCE = re.compile(r"\s*+,\s*+(?:(?:and\s+)?(?:nothing|none|fine|ok|okay|all\s+good|no\s+(?:issues|problems|pain"
                            r"|more))\s+since)\b(?![^.!?,;]{0,30}\b(?:except|but|until|today)\b)")
_NOT_MUSCLE = re.compile(r"\b(?:tight\w*|pressure|heav\w*|crush\w*|squeez\w*|burning|pain)\b")
_ANSWER_REACH = 200  # characters of an answer after a dash read
_ANSWER_DASH = re.compile(r"\s[-–—]\s|\?\s*+")
_PENDING = re.compile(r"\s*+(?:yet|pending)\b")
_SENTENCE_END = re.compile(r"\s*+(?:[.!?]|$)")
_LIKE_BEFORE = re.compile(r"\b(?:like|as)\s+(?:i|i've|when|the\s+one|last|before)\b|\bsame\s+as\b")  # a comparison
_AND_START = re.compile(r"\s*+(?:and|&)\s++")
_NEXT_CUT = re.compile(r"[,;:]|\b(?:and|but|so|then)\b")
_AND_END = re.compile(r"(?:\band|&)\s*+$")


def _against_today(sentence: str, start: int, lo: int, hi: int, said: str) -> str:
    """The mention at ``start`` (its clause ``lo:hi``) read against a later "today" in its sentence."""
    then = _THEN_TODAY.search(sentence, start, start + 120)
    if then is None:
        return said
    persists = (_PERSISTS.match(sentence, then.end()) is not None or _BACK_LATER.match(sentence, then.end()) is not None
                or ("and" in then.group() and _SENTENCE_END.match(sentence, then.end()) is not None))  # "... yesterday and today"
    if said == context.PAST:
        return context.AFFIRMED if persists else said
    if persists:
        return said
    own = sentence[lo:hi]
    if context.past_time(own) and not _LIKE_BEFORE.search(own):
        return context.PAST  # "Yesterday I had chest pain, today fine"
    joined = _AND_END.search(sentence[max(0, lo - 5):lo])
    if joined is not None and not _VERB.search(sentence, lo, then.start()):
        and_at = max(0, lo - 5) + joined.start()
        before = sentence[max(0, and_at - 80):and_at]
        cut = max((m.end() for m in re.finditer(r"[,;]", before)), default=0)
        if context.past_time(before[cut:]):
            return context.PAST  # "Yesterday I got a stitch and some chest tightness, today totally fine"
    return said


def _shares_later_time(sentence: str, lo: int, hi: int) -> bool:
    """Is the clause ``lo:hi`` joined by "and" to a verbless one that says when, in the past ("had a fever
    and chills on wednesday", "chest tight and breathless on Sunday")?"""
    joined = _AND_START.match(sentence, hi)
    if joined is None or context.NOW.search(sentence, lo, hi):
        return False
    cut = _NEXT_CUT.search(sentence, joined.end(), joined.end() + 60)
    following = sentence[joined.end():cut.start() if cut else joined.end() + 60]
    return not _VERB.search(following) and context.past_time(following)


def _cleared(sentences: Sentences, index: int, start: int, lo: int, hi: int) -> bool:
    """Did a doctor clear since the symptom at ``start``, said of a weekday's session ("at Saturday's race")?"""
    sentence = sentences.all[index]
    part = sentence.find(",", start, start + 80)
    part = max(hi, part if part > 0 else hi)  # "breathless and dizzy at Saturday's parkrun, ..."
    if not _DAY_OF.search(sentence, lo, part) or context.NOW.search(sentence, lo, hi):
        return False  # "Chest pain on my run this arvo, went to A&E, all clear" stays a red flag today
    if _NOTHING_SINCE.match(sentence, part):
        return True  # "Bit of chest tightness on Tuesday's session, nothing since"
    clear = _ALL_CLEAR.search(sentence, start, start + 100)
    if clear is not None:
        between, after = sentence[start:clear.start()], sentence[clear.end():clear.end() + 60]
        who = sentence[start:clear.end() + 40]
    else:
        following = sentences.next_sentence(index)
        clear = _ALL_CLEAR.search(following, 0, 60)
        if clear is None:
            return False
        between, after, who = following[:clear.start()], following[clear.end():clear.end() + 60], following[:100]
    return (_CLINICIAN.search(who) is not None and not _NOT_CLEARED.search(between)
            and not _CAME_BACK.search(after) and not _CLEARED_BEFORE.match(after) and not _PENDING.match(after))


def _answered_no(sentences: Sentences, index: int) -> bool:
    """Does the next sentence answer no to this one ("Chest pain? No.", "GP asked: numbness, tingling,
    weakness? No to all three.", "Any chest pain? Nah, all good, just breathless")?"""
    if _SAID_NO_NEXT.fullmatch(sentences.next_words(index, 4) or ""):
        return True
    sentence = sentences.all[index]
    return (sentences.asked(index) and (_SYMPTOM_QUESTION.match(sentence) is not None or len(sentence.split()) <= 5)
            and _NO_LEAD.match(sentences.next_sentence(index)) is not None)


def _said(sentences: Sentences, index: int, start: int, lo: int, hi: int, joined: str | None,
          labelled_past: bool) -> str:
    """Whose and when, for the mention at ``start`` (its clause ``lo:hi``): what its clause says
    (:func:`insights.soreness_context.assertion`), then what the words around it add. ``joined`` is how
    the mention just before was read when the two are said in one breath ("sick and sweaty")."""
    sentence = sentences.all[index]
    said = context.assertion(sentence[lo:hi], start - lo, context.person_scope(sentence, start))
    if said == context.AFFIRMED and joined not in (None, context.AFFIRMED) and not context.NOW.search(sentence, lo, hi):
        said = joined  # "on Friday I felt sick and sweaty": the sweat was on Friday too
    if said == context.AFFIRMED and (labelled_past or _PAST_OF.search(sentence, max(0, start - 40), start)):
        said = context.PAST  # "Yesterday: fever 38.8."; "about last month's chest pain, all clear" on a visit today
    if said in (context.AFFIRMED, context.PAST) and not labelled_past:
        said = _against_today(sentence, start, lo, hi, said)
    if said == context.AFFIRMED and _shares_later_time(sentence, lo, hi):
        said = context.PAST  # "had a fever and chills on wednesday"
    if said == context.AFFIRMED and _cleared(sentences, index, start, lo, hi):
        said = context.PAST  # "Chest pain at Saturday's race, all clear at the GP since"
    if said == context.HYPOTHETICAL and _ASKED_IF.search(sentence, max(0, start - 60), start):
        # the answer in the next sentence, or after a dash in this one ("coach asked if I had any chest
        # pain - yeah, a bit on the last rep")
        dash = _ANSWER_DASH.search(sentence, start, start + 80)
        answer = sentence[dash.end():dash.end() + _ANSWER_REACH].lstrip() if dash else sentences.next_sentence(index)
        if _YES.match(answer) and not _NO_IN_ANSWER.match(answer):
            said = context.AFFIRMED  # "Husband asked if I'd been short of breath. I had, badly."
    return said


def _chest_again(sentences: Sentences) -> set[str]:
    """Chest pain back today in a sentence that leaves the chest unsaid, after one that names it."""
    chest = flag_words.RED_FLAG_RX["chest_pain"][1]
    previous = ""
    for index, sentence in enumerate(sentences.all):
        if not sentence.strip():
            continue
        cut = _CLAUSE_END.search(sentence)
        first = sentence[:cut.start()] if cut else sentence  # "Tight again today on the hill, and my upper back..."
        if _AGAIN.match(first) and not sentences.asked(index) and not context.past_time(first, _TODAY) \
                and not _SETTLED.search(sentence, 0, 300) and not _UPPER_BACK.search(first) \
                and not _CAUSE.search(first) \
                and not words.OTHER_PART.search(sentence, 0, 300):
            named = chest.search(previous)
            if named and not negated(previous, named.start()) and not words.SAID_NO_RX.match(previous, named.end()) \
                    and context.assertion(previous, named.start(), context.person_scope(previous, named.start())) \
                    != context.OTHER:
                return {"chest_pain"}
        previous = sentence
    return set()


# "last night woke up sweaty with chest pain. ran anyway this morning and it came back at mile 2": a symptom
# read as past, back today, in its own sentence after it or at a clause start of the next
_RETURNED = re.compile(
    r"(?:^|[,;]|\b(?:and|but|then|now|today|so)\b)\s*+(?:(?:today|now|this\s+morning|tonight)\s+)?(?:"
    r"(?:it|that|they|the\s+(?:pain|tightness|pressure|fever|temp\w*|tingling|numbness|symptoms?))\s+"
    r"(?:came|has\s+come|'s\s+come|is\s+coming)\s+back(?!\s+(?:from|to|home|later|up|negative|clear|normal|fine)\b)"
    r"|(?:it's|its|it\s+is|it\s+was)\s+back(?!\s+(?:to|at|for|in|on|with|into|home|out|up|down|off|from)\b)"
    r"|(?:it's|it\s+is|it\s+was|it's\s+been|it\s+has\s+been)\s+(?:\w+\s+)?(?:tight|heavy|sore|painful|hurting|bad|numb"
    r"|tingl\w*)\s+again"
    r"|(?:it|that)\s+happened\s+again|(?:had|got)\s+it\s+again|i've\s+got\s+it\s+again"
    r"|same\s+again|(?:back\s+)?again\s+(?:today|this\s+morning|now|tonight)(?!\s+(?:for|at|to|on\s+the\s+track)\b)"
    r"|(?:3[89]|4[01])(?:[.,·]\d)?\s*+(?:°?\s*+c\s+)?again)\b")
_RETURN_REACH = 200  # characters read for it, after the past mention or at the start of the next sentence


def _came_back(sentences: Sentences, past: dict[int, list[tuple[int, str]]]) -> set[str]:
    """The flags of mentions read as past that the runner says are back today."""
    found: set[str] = set()
    for index, mentions in past.items():
        codes = {code for _, code in mentions if code != "sweating_or_nausea"}  # that one counts only with the pain
        if not codes:
            continue
        sentence = sentences.all[index]
        last = max(start for start, _ in mentions)
        back = None if sentences.asked(index) else _RETURNED.search(sentence, last, last + _RETURN_REACH)
        if back is not None and not _SETTLED.search(sentence, back.end(), back.end() + _RETURN_REACH):
            found |= codes
            continue
        following = next((i for i in range(index + 1, min(index + 4, len(sentences.all)))
                          if sentences.all[i].strip()), None)
        if following is not None and not sentences.asked(following):
            text = sentences.all[following]
            today = _TODAY_START.match(text)
            if (_RETURNED.search(text, 0, _RETURN_REACH) or (today and _PERSISTS.match(text, today.end()))) \
                    and not words.OTHER_PART.search(text, 0, _RETURN_REACH) \
                    and not _SETTLED.search(text, 0, _RETURN_REACH):  # "Again today, 10k, felt great"
                found |= codes
    return found


def _resolved(sentence: str, start: int, end: int, code: str) -> bool:
    """Does the runner say the symptom at ``start:end`` has gone, and not that it came back or is still there?"""
    said = _RESOLVED.match(sentence, end)
    if said is None:
        # "recovered from the fever", "first run after the fever"
        return code == "fever" and flag_words.RESOLVED_BEFORE.search(sentence, max(0, start - 40), start) is not None
    if said["not"] is not None:
        return False
    # bounded windows, so a sentence of many mentions still reads in linear time
    return (_CAME_BACK.search(sentence, said.end(), said.end() + 60) is None
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
        if "or" in joins:
            out.append(chain)  # "no numbness, tingling or fever": one list
        else:
            out.extend([i] for i in chain)  # "no fever, chest pain": the comma ends the "no"
    return out


def read_red_flags(sentences: Sentences, sore_sentences: set[int], pain_anywhere: Callable[[], bool]) -> set[str]:
    """Affirmed red flags anywhere in the text.

    ``sore_sentences`` are the sentences with an upper-back soreness report;
    ``pain_anywhere()`` says whether the text reports pain at all (asked only for a fall).
    """
    candidates: dict[int, list[tuple[str, re.Pattern[str]]]] = {}
    for code, (needles, rx) in flag_words.RED_FLAG_RX.items():
        for index in sentences.holding(needles):
            candidates.setdefault(index, []).append((code, rx))
    flags: set[str] = set()
    past: dict[int, list[tuple[int, str]]] = {}  # mentions read as past, by sentence: are they back today?
    for index, checks in candidates.items():
        sentence = sentences.all[index]
        found = sorted((m.start(), m.end(), code) for code, rx in checks for m in rx.finditer(sentence))
        if not found:
            continue
        if sentences.asked(index) and _GENERAL_QUESTION.match(sentence) and \
                _ASKING_FOR.match(sentences.next_sentence(index)):
            continue  # "Is a cough with blood normal? Asking for my flatmate, she's freaking out."
        answered_no = _answered_no(sentences, index)
        denied = set()
        floor = previous_end = 0
        for i, (start, end, code) in enumerate(found):
            floor = negation_floor(sentence, floor, previous_end, start)
            previous_end = end
            if negated(sentence, start, floor) or words.SAID_NO_RX.match(sentence, end) or answered_no or (
                    code in _RESOLVABLE and _resolved(sentence, start, end, code)
                    and not (sentences.asked(index) and _NOT_YET.match(sentences.next_sentence(index)))):
                denied.add(i)  # but "Fever gone? no, still 38.5" tells of a fever
        for chain in _chains(sentence, found):
            if denied.intersection(chain[:1]):
                denied.update(chain)
        cold = None
        # "Yesterday: fever 38.8." labels the whole sentence, unless it also says now ("still there now")
        labelled_past = _PAST_LABEL.match(sentence) is not None and not context.NOW.search(sentence)
        affirmed: list[tuple[int, int, str]] = []
        last_said, last_end = None, -1
        for i, (start, end, code) in enumerate(found):
            if i in denied:
                continue
            lo, hi = clause_bounds(sentence, start, end)
            joined = last_said if _JOINED.fullmatch(sentence, last_end, start) else None
            said = _said(sentences, index, start, lo, hi, joined, labelled_past)
            last_said, last_end = said, end
            if said == context.OTHER or (said == context.HYPOTHETICAL and not flag_words.UNSURE.search(sentence, lo, hi)):
                continue  # someone else's, or a worry; "not sure if it's chest pain" still tells of one
            if said == context.PAST and (code not in _OVER_TIME or context.LONG_AGO.search(sentence, lo, hi)):
                past.setdefault(index, []).append((start, code))
                continue  # a crash yesterday with pain today, weight lost over the last month: still red flags
            if code == "numbness_or_weakness":
                if cold is None:
                    cold = flag_words.COLD.search(sentence) is not None and not flag_words.NOT_COLD.search(sentence)
                if cold or ((flag_words.KIT_CAUSE.search(sentence, lo, hi) or flag_words.POSTURE_CAUSE.search(sentence, lo, hi))
                            and not sentences.asked(index)):
                    continue  # numb fingers in the cold are weather, a tight strap is kit, not nerves
            if code == "chest_pain" and "sore" in sentence[start:end] and not _NOT_MUSCLE.search(sentence, lo, hi + 60) \
                    and flag_words.GYM_SORE.search(sentence, lo, min(len(sentence), hi + 40)):
                continue  # "chest sore from push-ups": the muscle worked, not the heart
            if code == "weight_loss" and flag_words.SWEAT_LOSS.search(sentence, lo, hi):
                continue  # "lost 2kg on the long run": sweat
            if code == "fever" and (sentence[start].isdigit() or sentence.startswith("temp", start)) and \
                    flag_words.WEATHER.search(sentence, lo, hi):
                continue  # "temp was 38.2 at the start, scorcher": the weather
            affirmed.append((start, end, code))
        codes = {code for _, _, code in affirmed}
        for start, end, code in affirmed:
            if code != "sweating_or_nausea":
                flags.add(code)
                continue
            lo, hi = clause_bounds(sentence, start, end)
            # a cause said near it counts too: "took a gel at 15k and felt sick", "sweaty mess, 90% humidity"
            linked = _WITH_PAIN.search(sentence, start) is not None or (
                (codes & _PAIN_FLAGS or index in sore_sentences)
                and not _BENIGN_CAUSE.search(sentence, max(0, lo - _CAUSE_REACH), hi + _CAUSE_REACH))
            if linked:
                flags.add(code)
    if past:
        flags |= _came_back(sentences, past)
    if "chest_pain" not in flags:
        flags |= _chest_again(sentences)
    if "after_fall" in flags and not pain_anywhere():
        flags.discard("after_fall")  # a fall without pain is not a red flag
    return flags

"""When a red flag was: today, an earlier day, back again, or cleared since.

The rules of :mod:`insights.soreness_flags` that read a mention against the
day words around it, in its sentence and the next: an earlier day set against
today ("Yesterday I got a stitch and some chest tightness, today totally
fine" is that day's; "..., today it's worse" is today's), a verbless "and"
clause lending its day ("had a fever and chills on wednesday"), a symptom
read as past that is back ("it came back at mile 2"; "Chest tight on
Saturday. Today it's worse."), chest pain "again" in the next sentence, and a
weekday's session that a doctor has cleared since ("Chest pain at Saturday's
race, all clear at the GP since"). Each reads a bounded window around its
mention, so a text of many mentions still reads in linear time.
"""

from __future__ import annotations

import re

from insights import soreness_context as context
from insights import soreness_flag_words as flag_words
from insights import soreness_words as words
from insights.soreness_text import Sentences, negated

# a symptom said to have gone, back after all: "thought the fever had gone but it's back", "...then it returned"
CAME_BACK = re.compile(rf"\b(?:but|then|and\s+now)\b[^.!?]{{0,40}}?(?:{words.CAME_BACK.pattern}|\bagain\b"
                       r"|\bstill\s+(?:there|got|have|has|feel\w*|running)\b)")


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
    r"\s*+[,:]?\s*+(?:"
    # "today I'm still shivery" (but "today I'm back!" is the runner)
    r"(?:i'm|im|i\s+am)\s+(?:still\s+(?:shivery|feverish|numb|tingl\w*|breathless|sore|hurting|tight|struggling|coughing)|worse)"
    r"|(?:(?P<it>it's|its|it\s+is|it\s+was|it|that's|that\s+is|the\s+(?:pain|tightness|pressure|tingling"
    r"|numbness|fever|temp\w*|symptoms?)(?:\s+(?:is|was|has\s+been|'s))?)\s+)?"
    r"(?:(?:even|much|a\s+bit|still|getting|really)\s+)?"
    # "it's back on the stairs" is the pain, "back on the treadmill" the runner
    r"(?:(?(it)back(?:\s+again)?|back\s+again(?!\s+(?:on|in|at|to|out|home|running|from|into|up|down|off|with|for)\b))"
    r"|worse|still\s+(?:there|tight|sore|hurt\w*|painful|heavy|aching|the\s+same|got\s+it|have\s+it"
    r"|shivery|feverish|numb|tingl\w*)|(?:the\s+)?same|came\s+back|(?:has\s+|'s\s+)?come\s+back|returned|again"
    r"|started\s+again|too|as\s+well|not\s+(?:as|so)\s+bad|no\s+better|less\s+(?:tight|sore|painful|bad)"
    r"|bad|i\s+(?:still\s+)?(?:have|had|got)\s+it(?:\s+again)?|i've\s+(?:still\s+)?got\s+it(?:\s+again)?))"
    r"(?=\s*+(?:[,.;!?)]|$|(?:and|but|on|in|at|during|when|after|this|today|though|again|too|so|because|cos|coz|now"
    r"|since|than|which)\b))")
_TODAY_START = re.compile(r"\s*+(?:(?:and|but|so)\s+)?(?:today|this\s+morning|now)\b(?!'s)\s*+[:=–—-]?")
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
# someone or something else's all clear: "Doc gave my wrist the all clear after the cast came off"
_OTHERS = (r"his|her|their|dad|mum|mom|wife|husband|partner|friend|mate|knee|ankle|legs?|hip|foot|calf|hamstring|shin"
           r"|wrist|elbow|shoulder|toe|achilles|cast")
_CLEARED_OTHER = re.compile(rf"\b(?:{_OTHERS})\b")
_NOT_CLEARED = re.compile(r"\b(?:not|no|waiting|awaiting|wait|until|before|hope\w*|yet|even|though|although|despite|but"
                          r"|again|still|wants?|need\w*|booked|tomorrow|next|if|should|crossed|visit|appt|appointment"
                          rf"|google|{_OTHERS}|ice|roads?)\b")
# more to come after it: "ECG normal but the doc wants a stress test"
_MORE_TO_COME = re.compile(r"[^.!?]{0,40}?\b(?:but|wants?|needs?|more\s+tests?|referr\w*|booked|follow-?up|stress\s+test"
                           r"|echo|monitor|results?\s+(?:next|pending))\b")
_CLEARED_BEFORE = re.compile(rf"[^.!?]{{0,40}}?\b(?:last\s+(?:week|month|year|time|episode|summer|spring|autumn|winter"
                             r"|season)|ago|before|previously|back\b"
                             rf"|in\s+(?:19|20)\d\d|in\s+(?:{context.MONTHS})|in\s+the\s+(?:summer|spring|autumn|winter|past)"
                             r"|at\s+my\s+(?:check-?up|medical|sports\s+medical)|after\s+my\s+last|then\b)")
# "...today totally fine until the last hill where it came back"
_BACK_LATER = re.compile(r"[^.!?]{0,80}?\b(?:(?:it|that|the\s+(?:pain|tightness|pressure))\s+(?:all\s+)?(?:came|comes"
                         r"|is\s+coming)\s+back|it's\s+back|it\s+returned)\b")
_NOTHING_SINCE = re.compile(r"\s*+,\s*+(?:(?:and\s+)?(?:nothing|none|fine|ok|okay|all\s+good|no\s+(?:issues|problems|pain"
                            r"|more))\s+since)\b(?![^.!?,;]{0,30}\b(?:except|but|until|today)\b)")
# ...and not still there after all: "ECG normal, but chest still hurts on the stairs", "apart from a twinge"
_STILL_HERE = re.compile(r"\b(?:still\s+(?:hurts?|hurting|getting|tight|sore|there|aching|painful|numb|tingl\w*)"
                         r"|apart\s+from|except|twinge|again|came\s+back)\b")
_PENDING = re.compile(r"\s*+(?:yet|pending)\b")
_SENTENCE_END = re.compile(r"\s*+(?:[.!?]|$)")
_LIKE_BEFORE = re.compile(r"\b(?:like|as)\s+(?:i|i've|when|the\s+one|last|before)\b|\bsame\s+as\b")  # a comparison
_SYMPTOM_NOUN = re.compile(r"\b(?:chills|shiver\w*|cough\w*|headache|sore\s+throat|temp\w*|fever\w*|sweat\w*|dizz\w*"
                           r"|nause\w*|sick|breathless\w*|short\s+of\s+breath|tight\w*|numb\w*|tingl\w*|pins\s+and\s+needles)\b")
_LEGS = re.compile(r"\b(?:legs?|calf|calves|quads?|hamstrings?|knees?|feet|foot|ankles?|hips?|glutes?|shins?|doms)\b")
_ALSO = re.compile(r"\b(?:too|also|as\s+well|again|same)\b|^\s*+(?:on|at|in|during|over|a\s+bit|a\s+little)\b")
_ONGOING = re.compile(r"\b(?:been|is|are|am|keeps?|keep\s+getting)\b")
_AND_START = re.compile(r"\s*+(?:and|&)\s++")
_NEXT_CUT = re.compile(r"[,;:]|\b(?:and|but|so|then)\b")
_AND_END = re.compile(r"(?:\band|&)\s*+$")


def against_today(sentence: str, start: int, lo: int, hi: int, said: str) -> str:
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
    if joined is not None and not _VERB.search(sentence, lo, then.start()) and not context.NOW.search(sentence, lo, hi):
        and_at = max(0, lo - 5) + joined.start()
        before = sentence[max(0, and_at - 80):and_at]
        cut = max((m.end() for m in re.finditer(r"[,;]", before)), default=0)
        if context.past_time(before[cut:]):
            return context.PAST  # "Yesterday I got a stitch and some chest tightness, today totally fine"
    return said  # a verbless "and" clause's day ("Short of breath and chest tight on Sunday, today fine") is
    # lent by shares_later_time, which the caller asks next


def shares_later_time(sentence: str, lo: int, hi: int) -> bool:
    """Is the clause ``lo:hi`` joined by "and" to a verbless one that says when, in the past ("had a fever
    and chills on wednesday", "chest tight and breathless on Sunday")?"""
    joined = _AND_START.match(sentence, hi)
    if joined is None or context.NOW.search(sentence, lo, hi) or _ONGOING.search(sentence, lo, hi):
        return False
    cut = _NEXT_CUT.search(sentence, joined.end(), joined.end() + 60)
    following = sentence[joined.end():cut.start() if cut else joined.end() + 60]
    # "chest tight on the climb and the same last week", "... and on wednesday too": also then, not only then
    # ...and it names a symptom of its own ("chills"), not another part's ("legs tired from Sunday"), and says
    # when, not from when ("and a sore throat from last weekend" is the throat's)
    return " from " not in f" {following} " and not _VERB.search(following) and not _ALSO.search(following) and _SYMPTOM_NOUN.search(following) is not None \
        and not _LEGS.search(following) and context.past_time(following)


def cleared(sentences: Sentences, index: int, start: int, lo: int, hi: int) -> bool:
    """Did a doctor clear since the symptom at ``start``, said of a weekday's session ("at Saturday's race")?"""
    sentence = sentences.all[index]
    part = sentence.find(",", start, start + 80)
    part = max(hi, part if part > 0 else hi)  # "breathless and dizzy at Saturday's parkrun, ..."
    if not _DAY_OF.search(sentence, max(0, lo - 40), part) or context.NOW.search(sentence, lo, hi):
        return False  # "Chest pain on my run this arvo, went to A&E, all clear" stays a red flag today
    if _NOTHING_SINCE.match(sentence, part) and not _STILL_HERE.search(sentence, part, part + 80):
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
            and not CAME_BACK.search(after) and not _STILL_HERE.search(after) and not _CLEARED_BEFORE.match(after)
            and not _MORE_TO_COME.match(after) and not _CLEARED_OTHER.search(who)
            and not _PENDING.match(after))


def chest_again(sentences: Sentences) -> set[str]:
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
# read as past, back today, later in its sentence or in the next few. Said of "it" anywhere ("on today's easy
# run it came back"); the weaker words ("same again", "still there", "38.4 again") only opening a clause, and
# never of a time to come ("same again next weekend")
# "back" that is not a return: "back to normal", "back at work", "back home", "back from the GP"
_BACK_ELSEWHERE = r"to|at|for|in|on|with|into|home|out|up|down|off|from|under"
_RETURNED = re.compile(
    r"\b(?:(?:it|the\s+(?:pain|tightness|pressure|fever|temp\w*|tingling|numbness|symptoms?))\s+"
    r"(?:came|has\s+come|'s\s+come|is\s+coming)\s+back(?!\s+(?:from|to|home|later|up|negative|clear|normal|fine|with|all"
    r"|ok|okay)\b)"
    rf"|(?:it's|it\s+is|it\s+was)\s+back(?!\s+(?:{_BACK_ELSEWHERE})\b)"
    r"|its\s+back(?=\s+(?:today|again|now|this))"  # not "the dog hurt its back"
    r"|(?:it's|its|it\s+is|it\s+was|it\s+got|it's\s+got|it\s+has\s+got)\s+(?:even\s+|much\s+|a\s+bit\s+|way\s+)?worse"
    r"|(?:it's|it\s+is|it\s+was|it's\s+been|it\s+has\s+been)\s+(?:\w+\s+)?(?:tight|heavy|sore|painful|hurting|bad|numb"
    r"|tingl\w*)\s+again"
    r"|(?<!never\s)(?<!not\s)it\s+happened\s+again"
    # not "never had it again"
    r"|(?<!never\s)(?<!not\s)(?<!n't\s)(?<!nt\s)(?:had|got|felt|feel|feeling|getting)\s+it\s+again|i've\s+got\s+it\s+again"
    r"|still\s+get(?:ting)?\s+it|it\s+(?:was|is|'s)\s+there\s+again)\b"
    r"|(?:^|[,;:]|\b(?:and|but|then|now|today|so)\b)\s*+(?:(?:today|now|this\s+morning|tonight)\s*+[:,]?\s*+)?(?:"
    r"same\s+again|(?:(?:it's|its|it\s+is)\s+)?still\s+(?:(?:a\s+bit|a\s+little|quite|slightly)\s+)?(?:there|am|is|hurts?"
    r"|hurting|tight|numb|sore|tingl\w*|got\s+it"
    r"|have\s+it)|(?:then\s+)?(?<!back\s)again\s+(?:today|this\s+morning|tonight)\s+(?:on|at|during|in)\b"
    r"|(?<![:\d])(?:3[89]|4[01])(?:[.,·]\d)?\s*+(?:°?\s*+c\s+)?again)\b"  # not a pace, "5:38 again"
    r"(?![^.!?]{0,30}\b(?:next|tomorrow|will|gonna|weekend|planned|booked)\b)")
# what else comes back: "sent my watch off for repair and it came back", "the ECG came back clear"
_THINGS_THAT_RETURN = re.compile(r"\b(?:watch|results?|tests?|scans?|bloods|ecg|parcel|package|phone|bike|shoes?|order|kit"
                                 r"|refund|club|session|track|race|coach|sun|rain|weather|power|signal|gps|wifi|internet"
                                 r"|strap|hrm|battery|appetite|energy|motivation|mojo|form|speed|legs)\b")
_TO_COME = re.compile(r"\b(?:next|tomorrow|will|gonna)\b")  # "it's back next week"
_RETURN_REACH = 200  # characters read for it, after the past mention and in the sentences after


def _another_part(text: str, back: re.Match[str]) -> bool:
    """Is what is still there another part's ("still sore legs today", "still sore quads from it")?"""
    return _LEGS.search(text, back.start(), back.end() + 12) is not None  # the noun right after it


def _of_it(text: str, lo: int, back: re.Match[str]) -> bool:
    """Is the return at ``back`` the symptom's, not a thing's ("my watch ... it came back") nor to come?"""
    subject = text[max(lo, back.start() - 40):back.start()]
    subject = subject[subject.rfind(",") + 1:]  # "GP did an ECG, all clear, but this morning it's tight again"
    return not _THINGS_THAT_RETURN.search(subject + back.group()) \
        and not _TO_COME.search(text, back.end(), back.end() + 30)


# "It's back 😞 the fever I had last week": the return said first, the symptom right after it
_BACK_FIRST = re.compile(r"\s*+(?:(?:and|well|ugh|so|yep)\W+)?(?:it's|its|it\s+is|it\s+has\s+come|it's\s+come|it\s+came)\s+back"
                         r"(?:\s+again)?\b[^\w]{0,8}")
_BACK_FIRST_REACH = 12  # characters from the return to the symptom ("😞 the ")
# "GP said come back if the chest tightness returned. It did, around 4k today.": the return feared, then told
_IF_BEFORE = re.compile(r"\bif\b")
# a clinician's condition is the runner's symptom ("GP said come back if the chest tightness returned")
_CLINICIAN_SAID = re.compile(r"\b(?:gp|doc|doctor|physio|nurse|cardiologist|consultant|a&e|111)\s+(?:said|says|told\s+me"
                             r"|tells\s+me)\b")
_RETURNS = re.compile(r"\s*+(?:\w+\s+){0,4}?(?:returned|returns|came\s+back|comes\s+back|happened\s+again|happens\s+again"
                      r"|recurred|recurs|got\s+worse|gets\s+worse|was\s+back|is\s+back|started\s+again|starts\s+again)\b")
_IT_DID = re.compile(r"[\W]*+(?:(?:well|and|but|sadly|guess\s+what|yep|yes|so|which)\W+){0,2}(?:(?:it's|its|it\s+is)\s+back\b"
                     rf"(?!\s+(?:{_BACK_ELSEWHERE}|negative|clear|normal)\b)"
                     r"|it\s+came\s+back\b(?!\s+(?:negative|positive|clear|normal|fine|ok|okay|from|with|all|to)\b)|(?:it|they|that|she|he)\s+(?:did|has|does|have|had)\b)(?!n't|\s+not|\s+never|\s+for\s+(?:my|him|her|them|his|a|the)\b)")


def returned_as_feared(sentences: Sentences, index: int, start: int, end: int, said: str) -> bool:
    """Was the symptom at ``start:end`` named only as a condition to come back on ("come back if the chest pain
    returned"), and the runner then says it did ("... well it did, today at 5k")? Read as someone else's
    (``said``), only when that someone is a clinician setting the condition."""
    sentence = sentences.all[index]
    if not _IF_BEFORE.search(sentence, max(0, start - 40), start):
        return False
    if said == context.OTHER and not _CLINICIAN_SAID.search(sentence, max(0, start - 60), start):
        return False
    returns = _RETURNS.match(sentence, end)
    if returns is None:
        return False
    rest = sentence[returns.end():returns.end() + 60]
    return _IT_DID.match(rest) is not None or _IT_DID.match(sentences.next_sentence(index)) is not None


# "Breathless lying in bed last night and again this morning before I'd even got up": in the mention's own sentence
_AGAIN_SAME_SENTENCE = re.compile(r"\band\s+again\s+(?:today|this\s+morning|tonight)\s+(?:before|when|while|as\s+soon\s+as)\b")


def came_back(sentences: Sentences, past: dict[int, list[tuple[int, str]]]) -> set[str]:
    """The flags of mentions read as past that the runner says are back today."""
    found: set[str] = set()
    for index, mentions in past.items():
        codes = {code for _, code in mentions if code != "sweating_or_nausea"}  # that one counts only with the pain
        if not codes:
            continue
        sentence = sentences.all[index]
        first = min(start for start, _ in mentions)
        back_first = _BACK_FIRST.match(sentence)
        if back_first is not None and not sentences.asked(index) and first - back_first.end() <= _BACK_FIRST_REACH:
            found |= codes
            continue
        last = max(start for start, _ in mentions)
        back = None if sentences.asked(index) else (_RETURNED.search(sentence, last, last + _RETURN_REACH)
                                                     or _AGAIN_SAME_SENTENCE.search(sentence, last, last + _RETURN_REACH))
        if back is not None and not _SETTLED.search(sentence, back.end(), back.end() + _RETURN_REACH) \
                and _of_it(sentence, last, back) and not _another_part(sentence, back):
            found |= codes
            continue
        read = 0  # the next sentences, up to the reach ("All clear at A&E. Today on my jog the pain came back.")
        for following in range(index + 1, min(index + 4, len(sentences.all))):
            text = sentences.all[following]
            if read >= _RETURN_REACH:
                break
            read += len(text)
            if not text.strip() or sentences.asked(following):
                continue
            today = _TODAY_START.match(text)
            back = _RETURNED.search(text, 0, _RETURN_REACH)
            if ((back and _of_it(text, 0, back) and not _another_part(text, back))
                    or (today and _PERSISTS.match(text, today.end()))) \
                    and not words.OTHER_PART.search(text, 0, _RETURN_REACH) and not _UPPER_BACK.search(text, 0, _RETURN_REACH) \
                    and not _CAUSE.search(text, 0, _RETURN_REACH) \
                    and not _SETTLED.search(text, 0, _RETURN_REACH):  # "Again today, 10k, felt great"
                found |= codes
                break
    return found

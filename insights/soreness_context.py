"""Whose, and when: the assertion of each mention, as a careful reader takes it (ConText, for runners).

Clinical text processing (ConText: Harkema et al. 2009) reads every mention of a
symptom with its *assertion*: affirmed, negated, historical, hypothetical, or
experienced by someone else. :mod:`insights.soreness` handles negation (it has
to pair places with soreness words anyway); this module reads the other three
from the words around a mention, within its clause:

* **someone else** — the last person named before the mention in its clause is
  not the runner ("my friend had chest pain", "her traps were tight", "Tom's
  rhomboid", "Sarah got the chest pain"); "my partner and I" includes the
  runner, and "my" alone is the runner ("my coach said my upper back looked
  tense"). Company is not who feels it ("ran with my friend and chest felt
  tight" is the runner's), unless the person owns the symptom ("with my
  daughter's fever", "past a man coughing up blood", "with a mate who had
  chest pain"). A first name is a person only when it does something
  ("Sarah got...", "Rob's got..."), not in "Ben Nevis" or "St Mary's";
* **hypothetical** — a hope, a worry, a plan or a condition ("hope my upper back
  holds up on Sunday", "if it gets sore", "might be stiff tomorrow");
* **past** — placed in another time ("yesterday", "last week", "2 weeks ago",
  "in 2023", "back in January", "on Monday", "used to") unless the clause also
  says it is now ("sore again today", "still sore", "since yesterday").
  "Yesterday's long run" is about the run, not the soreness: no past.

Mentions not affirmed count for nothing: not today, and not another day either.

Typos: a place word one slip away from the real one ("sholder blades", "uper
back", "rhomboyds", "thorasic") is read as the real one (:func:`fix_typos`).
"""

from __future__ import annotations

import re
from functools import lru_cache

AFFIRMED, PAST, HYPOTHETICAL, OTHER = "affirmed", "past", "hypothetical", "other"

_RELATIONS = (
    r"friends?|mates?|buddy|buddies|pals?|wife|husband|partner|girlfriend|boyfriend|gf|hubby|missus"
    r"|fianc[eé]e?|coach|dad|father"
    r"|mum|mom|mother|brother|sister|son|daughter|kids?|teammates?|club\s?mates?|running\s+(?:buddy|partner|mate)"
    r"|someone|somebody|guys?|girls?|lads?|fellas?|bloke|lady|ladies|man|woman|runners?|clients?|patients?|colleague"
    r"|people|mountaineers|climbers|athletes|players|soldiers|guest|host|author|detective|character|cyclist|driver"
    r"|walker|hiker|marshal|spectator"
    r"|boss|kiddo|toddler|baby|little\s+one|dog|pup|puppy|pug|spaniel|collie|whippet|terrier|cat|neighbou?r|flatmates?|housemates?|roommates?|aunt|auntie|uncle"
    r"|nan|nana|gran|granny|grandma|grandad|grandpa|grandmother|grandfather|cousin|nephew|niece|in-laws"
    r"|physio|doctor|gp|he|she|his|her|him|they|them|their|everyone|everybody|half\s+of\s+them|others?"
)
_NOT_PEOPLE = ("it", "that", "what", "there", "here", "today", "yesterday", "tomorrow", "week", "month", "year",
               "one", "who", "let", "he", "she", "life", "everyone", "nobody", "someone", "everything", "nothing",
               "parkrun", "run", "race", "morning", "night", "weekend", "day")
# First names a runner writes of friends by ("Sarah got the chest pain", "Rob's got a fever"), without
# the ones that are everyday words too ("will", "may", "mark", "max", "kit", "pat", "grace"...)
_NAMES = (
    "sarah|sara|jake|emma|emily|hannah|laura|lauren|rachel|rebecca|becky|jess|jessica|kate|katie|lucy|sophie|amy|anna"
    "|claire|helen|jen|jenny|jennifer|lisa|louise|megan|nicola|sam|sophia|olivia|chloe|ellie|zoe|priya|aisha|fatima"
    "|maria|mary|julia|karen|susan|linda|michelle|nicole|amanda|stephanie|natalie|vicky|gemma|jo|jane|liz|beth|kim"
    "|tom|tommy|rob|robert|bob|james|jim|jamie|john|jon|jonny|dave|david|mike|michael|chris|matt|matthew|dan|daniel"
    "|ben|joe|josh|luke|adam|andy|andrew|pete|peter|paul|steve|steven|stephen|tony|gary|simon|mo|mohammed|ali|raj"
    "|ravi|arjun|carlos|juan|luis|pedro|marco|luca|pierre|hans|lars|sven|ollie|oliver|harry|charlie|jack(?:ie)?"
    "|george|alex|alexander|sean|shaun|ryan|kevin|brian|colin|neil|ian|iain|stuart|craig|lee|liam|connor|kieran"
    "|callum|euan|ewan|fraser|gareth|rhys|dylan|owen|nathan|aaron|jason|eric|greg|jeff|kyle|scott|tim|nick|phil"
)
# "me" names who feels it only after a verb that does something to them ("left me breathless"),
# not as company ("the guy next to me was coughing up blood")
_ME = "(?:" + "|".join(rf"(?<=\b{verb}\s)" for verb in (
    "left", "leaves", "made", "makes", "gave", "gives", "got", "gets", "sent", "found", "noticed", "saw",
    "caught", "drove", "took", "rushed", "brought")) + ")"  # not "woke me" or "kept me up": "my husband woke me with
# chest pain" is his; "the missus drove me to A&E with chest pain" is mine
# a name is a person when it does something ("Sarah got the chest pain", "Rob's got a fever"), not a
# place or a hero ("Ben Nevis", "Lee Valley", "felt like Mo Farah", "Kyle of Lochalsh"); "St Mary's
# churchyard" and "James's Park" are places
_NAME_VERBS = (r"(?:(?:also|suddenly|really|then|just|still|actually|again)\s+)?"
               r"(?:got|gets|had|has|have|was|is|felt|feels|said|says|kept|keeps|started|ended|went|thinks|thought"
               r"|complained|complaining|needed|needs|reckons|told|ran|did|does|couldn't|can't|isn't|wasn't|came"
               r"|collapsed|fainted|struggled|struggling|began|looked|seemed|suffered|suffering|developed)")
_PLACE_AFTER = (r"\s+(?:park|church\w*|hill|road|lane|loop|wood|green|way|common|field|bridge|gate|street"
                r"|hospital|college|school|cathedral|well|head|point|bay|island|pier|square|meadow\w*|seat|canal"
                r"|cross|tent|arms|inn|wharf|quay|mill|rock|tor|beacon|heath|fell|pike|crag|bridge|reservoir)\b")
# "a guy from my work", "a lady at my parkrun": my place, their symptom
_PLACE_OF_MINE = (r"(?:work|office|club|gym|team|school|job|company|church|class|group|running\s+club|building|street|road"
                  r"|parkrun|race)\b")
_PERSON = re.compile(
    rf"\b(?P<me>(?:\w+\s+and\s+(?:i|me)|i|i'm|im|i've|ive|i'd|{_ME}me|my(?!\s+(?:{_RELATIONS})\b)(?!(?<=\bfrom\smy)\s+{_PLACE_OF_MINE})(?!(?<=\bat\smy)\s+{_PLACE_OF_MINE})"
    r"|mine|myself)\b)"
    rf"|\b(?P<other>(?<!\bst\s)(?<!\bst\.\s)(?:{_NAMES})(?:'s\b(?!{_PLACE_AFTER})|\s+(?=(?:and\s+(?:i|me)|{_NAME_VERBS})\b))"
    rf"|(?<!\bas\sa\s)(?<!\blike\sa\s)(?:my\s+)?(?:{_RELATIONS})\b"  # not "sick as a dog"
    rf"|(?<!\bst\s)(?<!\bst\.\s)(?!(?:{'|'.join(_NOT_PEOPLE)})'s)[a-z]+'s\b"
    rf"(?!\s+(?:been|got|gone|not|a|the|just|so|all|fine|ok|sore)\b)(?!{_PLACE_AFTER}))"
)
# a person after one of these is company or a place, not who feels it ("parkrun with my dad and chest was
# tight", "ran to my mum's"), unless "who" makes them the subject ("with my dad who has chest pain")
_COMPANION = re.compile(r"\b(?:with|behind|beside|alongside|past|near|to|chasing|pacing|following|than|told|tell|telling|asked"
                        r"|showed|texted|messaged|emailed|rang|called|phoned|warned|by|overtook|passed|helped|beat)\s+"
                        r"(?:(?:a\s+)?(?:couple|few|bunch|group|pair|load|lot|handful|some|one|two|three|rest)\s+of\s+)?"
                        r"(?:(?:my|a|an|the|our|some|two|three|few|other)\s+){0,2}(?:[\w']+\s+)?$")
_WHO = re.compile(r"\s*,?\s*(?:who|whose|that\s+(?:has|had|was|is|got)|with|(?:coughing|shivering|sweating|vomiting"
                  r"|wheezing|gasping|struggling|complaining|suffering|having|clutching|holding|collapsing|being)\b)")
_DOING = re.compile(r"[a-z]+ing\b")
# a possessive names whose it is, company or not: "up all night with my daughter's fever", "with her fever"
_OWNER = re.compile(r"'s(?:\s+(?!(?:and|then|for|to|house|place|flat|after|before|with)\b)[a-z]|\s*+$)")
_RELATION_NEXT = re.compile(rf"'s\s+(?:{_RELATIONS})\b")
# a "my X and I" subject names the runner too
_WE = re.compile(r"\b(?:and\s+i|and\s+me|we|both\s+of\s+us|us)\b")


def _owner(text: str, person: re.Match[str]) -> bool:
    """Does the person own what follows ("my daughter's fever", "her fever"), not name a place ("my mum's and")?"""
    if person.group() in ("her", "his", "their"):
        return True
    end = person.end() - 2 if person.group().endswith("'s") else person.end()
    owned = _OWNER.match(text, end)
    # "with Tom's wife": the wife is the company, and Tom with her
    return owned is not None and _RELATION_NEXT.match(text, end) is None


MONTHS = _MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DAY_SHORT = r"mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun"
# "in my 20s" is the past, but not "first time in my forties I've been short of breath"
_IN_MY_YOUTH = (r"(?<!first\stime\s)(?<!now\s)(?<!i'm\s)(?<!im\s)(?<!am\s)(?<!still\s)"
                r"\bin\s+my\s+(?:teens|youth|twenties|thirties|forties|fifties|[1-9]0s|[1-9]0's)\b")
_PAST = re.compile(
    r"\byesterday\b(?!'s)|\blast\s+(?:week|night|month|year|time|weekend|run|session|season|summer|winter|spring"
    rf"|autumn|fall|{_DAYS}|{_DAY_SHORT})\b(?!'s)|\b(?:\d+|a|an|one|two|three|four|few|couple\s+of|several|many)\s+"
    r"(?:days?|weeks?|months?|years?)\s+ago\b|\bago\b|\bin\s+(?:19|20)\d\d\b|\bback\s+in\b|^\s*+back\s+then\b"
    rf"|\bin\s+(?:{_MONTHS})\b|\b(?:on|from)\s+(?:{_DAYS})\b(?!'s)|\bthe\s+other\s+day\b|\bearlier\s+(?:this|in\s+the)\s+week\b"
    r"|\b(?:on|during)\s+yesterday's\s+(?:\w+\s+)?(?:run|race|session|workout|jog|parkrun|intervals|tempo)\b"
    r"|\bused\s+to\b|\bpreviously\b|\bbefore\s+christmas\b|\byears\s+ago\b|\b(?:on|at|over)\s+the\s+weekend\b"
    r"|\bfrom\s+last\s+(?:week|night|month|weekend|run|session)'s\b"
    r"|\blast\s+(?:week|night|month|weekend)'s\s+(?:chest|fever|temperature|breathlessness|tingling|numbness|cough)"
    r"|\btook\s+(?:weeks|months|ages|a\s+while|days)\s+to\s+(?:clear|go|settle|recover|shift)\b"
    r"|\bin\s+(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b"
    rf"|\bon\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
    r"\s+(?:i|we)\s+(?:wrote|had|was|were|felt|got|logged|noted|ran)\b"
    rf"|\b(?:was|were|had)\b[^,;]{{0,30}}?\b(?:{_DAYS})\b(?!'s)"
    # "Had chest pain on March 12th", "The chest pain I had on 5 June": a date with the past tense (alone it may
    # be a race to come)
    rf"|\b(?:was|were|had|got|felt)\b(?:(?!appointment|booked|booking|seeing|scheduled|race|marathon)[^,;]){{0,40}}?\bon\s+(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS}"
    rf"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?)\b"
    # "on sat", "yday", "Friday I had ...", "in my 20s"
    # "sat" and "sun" are days only where a day would end ("on sat, ...", "on sat and sun", "on sat night"), not
    # "came on sat in the car", "on sun-baked tarmac"
    r"|\b(?:on|from)\s+(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri)\b(?!'s)"
    r"|\b(?:on|from)\s+(?:sat|sun)\b(?=\s*+(?:[,.;!?)]|$|(?:and|night|morning|afternoon|evening|i|we|my|it)\b))"
    r"|\b(?:yday|yest|ystday|yesterdy|yestarday|yesteday)\b(?!'s)"
    rf"|^\s*+(?:{_DAYS})\s+(?:i|we)\s+(?:had|got|was|were|felt|did|ran)\b|{_IN_MY_YOUTH}"
    r"|\bas\s+a\s+(?:kid|child|teenager|teen|youngster|junior)\b|\bwhen\s+i\s+was\s+(?:a\s+kid|younger|little|young|a\s+child)\b"
)
# Long enough ago that a fall then does not explain pain today ("fell off my bike in 2022")
LONG_AGO = re.compile(r"\bin\s+(?:19|20)\d\d\b|\b(?:years?|months?)\s+ago\b|\blast\s+(?:year|season|summer|winter"
                      r"|spring|autumn)\b|\bback\s+in\b|\bused\s+to\b|\bas\s+a\s+(?:kid|child|teenager)\b"
                      rf"|{_IN_MY_YOUTH}")
_NOW = re.compile(
    r"\btoday\b|\bnow\b|\bstill\b|\bagain\b|\bcurrently\b|\bthis\s+(?:morning|evening|afternoon|run)\b|\btonight\b"
    r"|\bsince\b|\bso\s+far\b|\bat\s+the\s+moment\b|\bright\s+now\b|\b(?<!earlier\s)this\s+(?:year|week|month)\b"
)
_HYPOTHETICAL = re.compile(
    r"'ll\b|\bnot\s+sure\b|\bunsure\b|\b(?:hop(?:e|es|ed|ing|efully)\b"
    r"|(?P<cond>(?<=worse\s)|(?<=hurts\s)|(?<=aches\s)|(?<=sore\s)|(?<=painful\s)|(?<=tight\s)|(?<=catches\s))?(?:(?<!someone\s)(?<!doctor\s)(?<!worry\s)if\b"
    r"|if\b(?!\s+i\s+(?:coughed|had|got|felt|was)\b[^.?!]{0,40}?\b(?:today|today's|this\s+morning|tonight)\b))"
    # ("do I need to see someone if I coughed up blood after today's intervals?" tells of it; "if I had chest pain
    # today I'd stop" does not)
    r"|\bin\s+case\b|\bworr(?:y|ied|ying)\b|\bafraid\b|\bscared\b|\bdread\w*"
    r"|\bmight\b|\bmay\s+be\b|\bwill\b|\bgoing\s+to\b(?!\s+(?:my|the)\s+(?:left\s+|right\s+)?(?:arm|jaw|neck|chest|back|shoulder))|\bgonna\b|\btomorrow\b(?!'s)"
    rf"|\bnext\s+(?:week|run|time|session|race|{_DAYS})\b|\bfingers\s+crossed\b|\bexpect\w*|\bavoid\w*|\bprevent\w*"
    r"|\bdon't\s+want\b|\bwonder\w*|\bwhether\b|\bholds?\s+up\b|\b(?:thinking|thought)\s+(?:i'd|i\s+would|i\s+might|i'll)\b"
    r"|\b(?:thinking|thought)\s+i\s+(?:was|am|might\s+be)\s+(?:coming|going)\s+down\s+with\b)"
)


_PERSON_CUT = re.compile(r"[,;:()]|\s[-–—]+\s|\b(?:but|however|though|although|whereas|so|then)\b"
                         r"|[\U0001F000-\U0001FAFF\u2600-\u27BF]")
NOW = re.compile(_NOW.pattern)


def past_time(text: str, now: re.Pattern[str] = _NOW) -> bool:
    """Does ``text`` place itself in the past and not also ``now`` ("sore on Monday", not "still sore since Monday")?"""
    return _any(text, _PAST_NEEDLES) and _PAST.search(text) is not None and not now.search(text)


def person_scope(sentence: str, start: int) -> str:
    """Where the experiencer of the mention at ``start`` is named: back to the last comma or "but"
    (through "and": "my friend felt sick and dizzy with chest pain" is the friend's)."""
    lo = max(0, start - 100)
    cut = lo
    for m in _PERSON_CUT.finditer(sentence, lo, start):
        aside = _SHORT_ASIDE.match(sentence, m.start())
        if (aside and m.start() + len(aside.group(1)) + 2 <= start) \
                or _SHORT_ASIDE_END.search(sentence, max(0, m.start() - 22), m.end()) \
                or (m.group() == "," and _WHO_NEXT.match(sentence, m.end())):
            continue  # "My dad (72) came out ... and got short of breath"; "my aunt, who's in with a fever"
        cut = m.end()
    return sentence[cut:start]


_SHORT_ASIDE = re.compile(r"\((?=(\s*+(?:aged\s+)?\d{1,3}(?:s|'s)?\s*+)\))")
_SHORT_ASIDE_END = re.compile(r"\(\s*+(?:aged\s+)?\d{1,3}(?:s|'s)?\s*+\)$")
_WHO_NEXT = re.compile(r"\s*+(?:who|who's|whose|who\s+has|who\s+had)\b")


_COMPARED = re.compile(r"\blike\s+(?:i\s+had|i've\s+had|i\s+got|the\s+one|when|last\s+time|before)\b"
                       r"|\bas\s+(?:i've\s+had|before|last\s+(?:time|year|week|month|summer|winter|spring|autumn))\b|\bsame\s+as\b|\bas\s*+$")  # "same chest tightness as last year"  # not "as I got to the top"
# "gasping on the stairs which never happened when I was younger": the past of a clause about the mention
_RELATIVE = re.compile(r"\b(?:which|that)\s+(?:(?:i\s+)?(?:only\s+ever|never)|i've\s+only|i\s+haven't|hasn't"
                       r"|i\s+(?:could|used\s+to|would)\s+(?:do|run|manage))\b")
_HYPOTHETICAL_NEEDLES = ("sure", "hop", "if", "case", "worr", "afraid", "scared", "dread", "might", "may", "will", "'ll",
                         "going", "gonna", "tomorrow", "next", "crossed", "expect", "avoid", "prevent", "want",
                         "wonder", "whether", "hold", "thinking", "thought")
_PAST_NEEDLES = ("yesterday", "yday", "yest", "ystday", "last", "ago", "in 19", "in 20", "back in", "in ", "on ",
                 "other day", "earlier", "as a ", "when i was",
                 "used to", "previously", "christmas", "from ", "weekend", "took", "monday", "tuesday", "wednesday",
                 "thursday", "friday", "saturday", "sunday")


def _any(text: str, needles: tuple[str, ...]) -> bool:
    return any(needle in text for needle in needles)


@lru_cache(maxsize=2048)
def assertion(clause: str, mention_at: int, before: str | None = None, condition: bool = False) -> str:
    """How the clause asserts the mention that starts at ``mention_at`` (an offset in ``clause``);
    ``before`` is where to look for the person (default: the clause up to the mention). ``condition``:
    the mention says when it hurts, so "hurts if I breathe in" asserts it."""
    before = clause[:mention_at] if before is None else before
    person = None
    for m in _PERSON.finditer(before):
        if m.lastgroup == "other" and _COMPANION.search(before, max(0, m.start() - 40), m.start()) \
                and not _owner(before, m) and not _WHO.match(before, m.end()) \
                and not (not before[m.end():].strip() and _DOING.match(clause, mention_at)):
            # "ran with my friend and chest felt tight": the friend came along, the chest is the runner's;
            # but "ran past a man coughing up blood" (the mention, a doing, right after the person) is the man's
            continue
        person = m.lastgroup
    if person == "other" and not _WE.search(before):
        return OTHER
    if _any(clause, _HYPOTHETICAL_NEEDLES) and any(
            m["cond"] is None or (m.start() < mention_at and not condition) for m in _HYPOTHETICAL.finditer(clause)):
        # "upper back sore if I sit too long" is today's; "worse if I had chest pain" is not chest pain
        return HYPOTHETICAL
    if _any(clause, _PAST_NEEDLES) and (past := _PAST.search(clause)) and not _NOW.search(clause) \
            and not _COMPARED.search(clause, mention_at, past.start()) \
            and not _RELATIVE.search(clause, mention_at, past.start()):
        return PAST  # but "chest pain on my run like I had back in March" is today's, like March's
    return AFFIRMED


# Place words and their typos: a word within one edit (a swap counts as one) of a target is the target.
_TYPO_TARGETS = {
    "upper": ("up",), "back": ("ba", "bk", "bc"), "shoulder": ("sh", "so"), "shoulders": ("sh", "so"),
    "blade": ("bl", "ba"), "blades": ("bl", "ba"), "thoracic": ("th", "to"), "rhomboid": ("rh", "ro"),
    "rhomboids": ("rh", "ro"), "trapezius": ("tr",), "between": ("be", "bt"), "breastbone": ("br", "be"),
}
_BY_LETTER: dict[str, list[str]] = {}
for _target in _TYPO_TARGETS:
    _BY_LETTER.setdefault(_target[0], []).append(_target)
# Soreness and red-flag words with a common slip ("chest pian", "shortnes of breath"): fixed word for word
_SORE_TYPOS = {"soer": "sore", "sroe": "sore", "soore": "sore", "achess": "aches", "achey": "achy", "stif": "stiff", "tite": "tight", "tigth": "tight",
               "painfull": "painful", "hurst": "hurts", "pian": "pain", "pani": "pain", "shortnes": "shortness",
               "breathles": "breathless", "numbess": "numbness", "numbnes": "numbness",
               "tinglng": "tingling", "tinglig": "tingling", "nausous": "nauseous", "nauseus": "nauseous",
               "rigth": "right", "rihgt": "right", "lfet": "left", "chst": "chest", "chets": "chest"}
_SORE_TYPO = re.compile(rf"\b(?:{'|'.join(sorted(_SORE_TYPOS, key=len, reverse=True))})\b")
_KNOWN = frozenset({*_TYPO_TARGETS, "up", "uppers", "bake", "bank", "black", "backs", "bach", "beck", "buck",
                    "shoulder", "blame", "blaze", "bladder", "bleed", "bled", "bald", "bale", "baled", "trapeze",
                    "thorax", "taco", "bad", "bag", "bat", "hack", "pack", "rack", "sack", "tack", "lack", "jack",
                    "rhombus", "super", "paper", "puppet", "supper", "uppercut", "upped", "utter", "udder", "bark", "beaten",
                    "betwixt", "soldier", "smoulder", "boulder", "rhomboid's", "thoracics", "tracks", "traps",
                    "sure", "store", "score", "trapezes", "bonk", "bask", "bacon", "track", "trap", "troops", "blader", "bladed"})
_WORD = re.compile(r"\b[ubstr][a-z]{2,10}\b")


def _within_one_edit(word: str, target: str) -> bool:
    """Levenshtein distance ≤ 1, or one swap of neighbours."""
    if word == target:
        return True
    lw, lt = len(word), len(target)
    if abs(lw - lt) > 1:
        return False
    if lw == lt:
        diffs = [i for i in range(lw) if word[i] != target[i]]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and word[diffs[0]] == target[diffs[1]] and word[diffs[1]] == target[diffs[0]])
    short, long_ = (word, target) if lw < lt else (target, word)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def _fix(m: re.Match[str]) -> str:
    return _fixed(m.group())


@lru_cache(maxsize=8192)
def _fixed(word: str) -> str:
    if word in _KNOWN:
        return word
    for target in _BY_LETTER.get(word[0], ()):
        if abs(len(word) - len(target)) <= 1 and _within_one_edit(word, target):
            return target
    for target in _LONG_TARGETS:  # a long word may take two slips ("thorassic"); short ones would turn "should" into "shoulder"
        if word[:2] == target[:2] and len(word) >= 7 and abs(len(word) - len(target)) <= 2 and _edits(word, target) <= 2:
            return target
    return word


_LONG_TARGETS = ("thoracic", "rhomboid", "rhomboids", "trapezius")


def _edits(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap of neighbours) from ``a`` to ``b``; both are at most 11 letters."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


_SPLIT_JOINED = re.compile(r"(?<!#)\bupper(back|bak|bck)\b|\bshoulderblades?\b")


# Typed in a hurry or dictated to a phone right after the run, as the runner meant it: letters held down
# ("CHESTTTT", "sooo"), dictation's homophones ("chess pain", "shortness of breadth", "went num", "tinkling down my
# arm", "upper bag"), dropped g's ("goin into my jaw") and "n" for and, and text-speak ("last wk", "none rn", "w/o").
# Each form is tied to the words around it: "chess club", "the tinkling of the wind chimes" stay as they are.
_HELD_LETTERS = re.compile(r"([a-z])\1{2,}")
_HELD_TWICE = frozenset("oels")  # "nooo" stays "noo" (a groan, not a "no"), "stilll" "still", "feeeling" "feeling"
_HURRIED = [(needle, re.compile(pattern), replacement) for needle, pattern, replacement in (  # (needle: run only then)
    ("noo", r"\bnoo\b(?=\s*+(?:[.!?,;]|$|idea\b))", "no"),  # "any chest pain? nooo", "nooo idea why"; not "nooo chest pain again"
    ("chess", r"\bchess\b(?=\s+(?:pains?|felt\s+tight|tightness|pressure|strap))|(?<=\bmy\s)chess\b", "chest"),
    ("breadth", r"\bbreadth\b", "breath"),
    ("num", r"(?<!bum's\s)(?<!bum\s)(?<!butt\s)(?<!arse\s)"
     r"\b(went|gone|goes|going|is|was|bit|slightly|totally|arm|hand|hands|fingers)\s+num\b"
     r"(?!\s*+(?:\d|one|two|three|1st|2nd))", r"\1 numb"),
    ("tinkl", r"\btinkl(ing|y|e)\b(?=\s+(?:in|down|into|up|through|along)\s+(?:my|the|both)\s+(?:left\s+|right\s+)?"
     r"(?:arms?|hands?|fingers?|legs?|feet|foot|face|lips?|toes?|shoulders?)\b)", r"tingl\1"),
    ("n", r"\b(?:nausia|nausious|nautious|nauseus|noshus|nausus|nauseaus|nausiated)\b", "nauseous"),
    ("upper bag", r"\bupper\s+bag\b", "upper back"),
    ("in ", r"\b(go|spread|shoot|creep|mov|com|radiat|hurt|ach|throbb|tingl|burn|gasp|pant|struggl|wheez|sweat|cough"
     r"|spitt|vomit|limp|bleed)in\b", r"\1ing"),
    (" n ", r"(?<=[a-z])\s+n\s+(?=[a-z])", " and "),
    ("wk", r"\bwks\b", "weeks"), ("wk", r"\bwk\b", "week"), ("rn", r"\brn\b", "right now"),
    ("w/", r"\bw/o(?:ut)?\b", "without"), ("w/", r"\bw/e\b", "weekend"), ("w/", r"\bw/(?=\s|[a-z])\s*+", "with "),
    ("smth", r"\bsmth\b", "something"), ("abt", r"\babt\b", "about"),
)]


def _held(m: re.Match[str]) -> str:
    return m.group(1) * (2 if m.group(1) in _HELD_TWICE else 1)




# A nurse's patient: "oncology nurse, pt lost 10kg unexplained", "ED nurse life: pt with crushing central chest
# pain", "2 pts febrile" where the text names the ward; never "pt denies CP" (runners write of themselves so), "pt at
# the clinic" or "pt session" (physical therapy, a personal trainer)
_NURSING = re.compile(r"\b(?:nurse|nursing|ward|paramedic|ambo|oncology|resus|icu|a&e\s+shift)\b")
_PATIENT = re.compile(r"\bpt(s?)\b(?=\s+(?:with|lost|had|has|was|got|febrile)\b)")


def fix_typos(text: str) -> str:
    """Place words with one slip, as the runner meant them: "sholder blades", "uper back", "thorasic"; and the
    forms of a hurried or dictated note (see ``_HURRIED``)."""
    text = _HELD_LETTERS.sub(_held, text)
    if "pt" in text and _NURSING.search(text):
        text = _PATIENT.sub(r"patient\1", text)
    for needle, pattern, replacement in _HURRIED:
        if needle in text:
            text = pattern.sub(replacement, text)
    text = _SPLIT_JOINED.sub(lambda m: "upper back" if m.group(1) else m.group(), text)
    text = _SORE_TYPO.sub(lambda m: _SORE_TYPOS[m.group()], text)
    return _WORD.sub(_fix, text)

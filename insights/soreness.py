"""Upper-back soreness reports, read from what a runner types on Strava.

A runner reports in the activity title, description or private note, with a tag (``#upperback 6``,
``#ubp``, ``#upperback 0``) or in plain words ("sore between my shoulder blades", "upper back fine").
:func:`parse_soreness` reads one text, :func:`combine_reports` merges the texts of one activity or day.

Severity is 0..10. Numbers come from the tag (``#upperback 6``, ``6/10``, ``:6``, ``=6``, ``#ubp7``)
or from ``N/10`` / ``N out of 10`` beside plain words; decimals round half up, a bare number above
10 is not a severity (``#upperback 12km``) and ``11/10`` counts as 10. Words map onto
``SEVERITY_WORDS``: mild=3 (mild, slight, a bit, a little), moderate=5 (moderate, quite, fairly,
pretty), severe=8 (severe, agony, killing, and very/really/so right before a soreness word).

Decisions on ambiguous phrasing, leaning toward the runner's safety:

* A tag ends at a word boundary or a number: ``#upperbackpain`` is an alias, ``#upperbacks`` and
  ``#upperbackday`` (a gym session) are not tags. A tag alone means sore; "no #upperback" means not.
* Places are the upper and mid back, shoulder blades, thoracic spine, rhomboids and traps. "Back",
  "shoulders" and "lower back" alone give no report. Singular "rhomboid" counts only as
  "my/left/right rhomboid", because Rhomboid is also our name. "Upper back stretches" is no report.
* "Better" is not an explicit no; "not too sore" is mild soreness. A place shares the state of the
  next or previous clause ("upper back, a bit sore"), unless that clause names another body part.
* Red flags count anywhere, with or without an upper-back mention, unless negated in their clause
  ("no chest pain or tingling", "chest pain: none"). "Breathless" and "short of breath" always count;
  "out of breath" only at rest, sitting, walking, on stairs or for no reason. Sweating counts as a
  cold sweat, clammy, or with the pain; nausea and vomiting always count. Numbness in the cold is
  weather. A fall counts only when the text also reports pain.
* Qualifiers are kept when nothing was said about the upper back (a private note may add detail to
  a tag in the title) but dropped with an explicit no.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable

from insights.activities import Activity
from insights.block import runner_text

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
    "fever": "fever",
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

# Every pattern reads lowercased text: re.IGNORECASE makes `re` several times slower.
_SORE_WORDS = (
    r"sore(?:ness|r|st)?|sore-?ish|ach(?:e|es|ed|y|ey|ing)|pain(?:s|ful|full)?|tight(?:ness|er)?"
    r"|stiff(?:ness|er)?|hurt(?:s|ing)?|niggl(?:e|es|y|ing)|twing(?:e|es|y)|tender(?:ness)?|knot(?:s|ted|ty)?"
    r"|spasm(?:s|ing)?|cramp(?:s|ing|ed)?|throb(?:s|bing)?|burning|stabbing|shooting|pulled|strain(?:ed)?"
    r"|tweak(?:ed)?|bad|worse|issues?|problems?|trouble|playing up|acting up|flar(?:ed|ing|e-?up)|killing"
    r"|agony|bother(?:s|ed|ing)?|locked|seized|still there")
_PLACE_WORDS = (
    r"upper\s*(?:and|&|/|\+)\s*lower[\s-]*back|lower\s*(?:and|&|/|\+)\s*upper[\s-]*back|upper[\s-]*back"
    r"|mid(?:dle)?[\s-]*back|(?:in\s+)?between\s+(?:my\s+|the\s+|both\s+)?shoulder[\s-]*blades?"
    r"|shoulder[\s-]*blades?|scapula[es]?|thoracic(?:\s+spine)?|t[\s-]?spine|rhomboids|(?:left|right|my)\s+rhomboid"
    r"|(?<!speed\s)(?<!sand\s)(?<!tourist\s)traps|(?:left|right|upper|mid|middle|lower)\s+trap|trapezius")
_SEPARATOR = r"[,()]|\s[-–—]+\s|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]+"
_NEGATOR = (r"(?:\b(?:no|not|never|without|zero|nil|nor|neither|none|cannot|almost|nearly|free\s+of)\b|n't\b"
            r"|\b(?:did|do|does|was|were|is|are|has|have|had|could|can|wo)nt\b)")
# Words that end a negation's reach: in "no rain just a tight upper back" the "just" does.
_BREAK = (r"(?:just|only|still|some|except|apart|now|then|also|plus|yet|instead|rather|mild|slight|slightly"
          r"|bit|little|quite|pretty|lots?)\b")

_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\U0001F44D": " fine ", "\u2705": " fine "})
_SENTENCE_BREAKS = str.maketrans({c: "\n" for c in ".!?;\r…"})
_DECIMAL = re.compile(r"(\d)[.,](\d\s*(?:/|out of)\s*10)")  # "6.5/10" must survive the split on "."
_TAG = re.compile(
    r"#(?:upper[_-]?back(?:sore|pain)?|ubp)(?![a-z_])(?:[ \t]*[:=–-]?[ \t]*(?P<num>\d{1,2}(?:[.,]\d)?)"
    r"(?P<ten>\s*/\s*10)?(?![\w/]|[.,]\d|[ \t]*(?:km|k|mi|miles?|m|mins?|minutes|hrs?|hours?|days?|x|reps|%)\b))?")
# One pass over a sentence finds every word that matters; earlier alternatives win at the same place.
# The shared \b up front lets `re` reject mid-word positions at once (several times faster).
_TOKEN = re.compile(
    rf"(?P<comma>{_SEPARATOR})|(?P<and>[&+]|\b(?:and|plus)\b)|\b(?:"
    rf"(?P<noise>(?:{_PLACE_WORDS})\s+(?:stretch\w*|mobility|exercises?|workout|routine|session|day|strength\w*"
    r"|drills?|rolling|massage|opener|rotations?|extensions?|raises|rows?|squeezes)\b"
    r"|pain\s+cave\b|no\s+pain,?\s+no\s+gain\b|growing\s+pains\b)"
    r"|(?P<but>(?:but|however|though|although|whereas)\b)|(?P<except>(?:except|apart from|other than)\b)"
    r"|(?P<slot>ubptag(?P<index>\d+)\b)"
    r"|(?P<free>(?:pain|ache|niggle|sore(?:ness)?|symptom|issue|problem|trouble|injury)[\s-]*free\b)"
    r"|(?P<rating>(?<![\d.,·])(?P<number>\d{1,2}(?:[.,·]\d)?)\s*(?:/|out\s+of)\s*10(?!\d))"
    rf"|(?P<place>(?:{_PLACE_WORDS})\b)"
    rf"|(?P<intense>(?:very|really|super|so|extremely|incredibly|seriously)\s+(?:{_SORE_WORDS})\b)"
    rf"|(?P<sore>(?:{_SORE_WORDS})\b)"
    r"|(?P<fine>(?:fine|ok|okay|good|great|grand|perfect|happy|solid|loose|relaxed|normal|settled|spot on"
    r"|no bother|none)\b|100\s?%)"
    r"|(?P<l8>(?:severe(?:ly)?|agoni[sz]\w+|excruciating|unbearable|terrible|awful|horrible)\b)"
    r"|(?P<l5>(?:moderate(?:ly)?|quite|fairly|pretty|somewhat|rather)\b)"
    r"|(?P<l3>(?:mild(?:ly)?|slight(?:ly)?|bit|little|tad|minor|faint(?:ly)?|barely|hardly)\b))")
_JOINERS = frozenset({"comma", "and", "but", "except"})
_LEVELS = {"l8": SEVERITY_WORDS["severe"], "l5": SEVERITY_WORDS["moderate"], "l3": SEVERITY_WORDS["mild"]}
_STATE_LEVELS = frozenset({"mild", "moderate", "severe"})  # "upper back: moderate" is a report on its own
_CUT = re.compile(rf"{_SEPARATOR}|:|\b(?:and|but|however|though|although|whereas|except)\b|&")
_NEG_TAIL = re.compile(rf"{_NEGATOR}(?:[^\w']+(?!{_BREAK})[\w'-]+){{0,4}}[^\w']*$")
_HEDGE = re.compile(r"(?:\bnot|n't)\s+(?:too|that|so|very|overly|super|all that|massively|hugely|terribly|much|as)\s+$")
# "chest pain: none", "pain 0/10"
_SAID_NO = r"\s*(?:[:=–—-]\s*(?:no|none|nil|zero)\b|[:=–—-]?\s*0(?:\s*/\s*10)?(?![\d/.,·]))"
_SAID_NO_RX = re.compile(_SAID_NO)
_GONE = re.compile(rf"\s*(?:is\s+|has\s+|had\s+|was\s+)?(?:all\s+)?(?:gone|disappeared|vanished|went away|cleared)\b"
                   rf"|{_SAID_NO}")
_OTHER_PART = re.compile(
    r"\b(?:calf|calves|hamstrings?|hammies|quads?|knees?|hips?|ankles?|feet|foot|shins?|legs?|achilles|glutes?"
    r"|lower back|low back|lumbar|neck|shoulders?|arms?|elbows?|wrists?|chest|it ?band|itb|toes?|heels?|groin"
    r"|stomach|head|lungs?|abs|core|plantar)\b")
_OR_GAP = re.compile(r"\s*(?:,\s*)?(?:or|nor|/)\s*$")

# Substring screens: a sentence is only tokenised, a red-flag pattern only run, when a needle is there.
_PLACE_NEEDLES = ("upper", "mid", "blade", "thoracic", "spine", "rhomboid", "trap", "scapula", "ubptag")
_SORE_NEEDLES = ("sore", "ach", "pain", "tight", "stiff", "hurt", "niggl", "twing", "tender", "knot", "spasm",
                 "cramp", "throb", "burn", "stab", "shoot", "pull", "strain", "tweak", "bad", "worse", "issue",
                 "problem", "trouble", "playing up", "acting up", "flar", "killing", "agony", "bother", "locked",
                 "seized")
_QUALIFIER_NEEDLES = ("wak", "woke", "morning", "first thing", "bed", "night", "rest", "lying", "sleep", "awake",
                      "sharp", "stab", "knife", "shoot", "sear", "electric", "breath", "inhal")
_NEGATOR_NEEDLES = ("no", "n't", "nt", "never", "without", "zero", "nil", "almost", "nearly", "free of")

# Qualifiers that need a symptom in their clause: "at night" alone is a night run.
_GATED_QUALIFIERS = {
    "worse_on_waking": re.compile(
        r"\b(?:on|when|after|upon)\s+(?:i\s+)?(?:wak(?:e|ing)|woke)\b|\bwak(?:e|ing)\s+up\b"
        r"|\bwhen\s+i\s+(?:get|got)\s+up\b|\bfirst\s+thing\b|\bin\s+the\s+mornings?\b|\bmornings\b"
        r"|\bevery\s+morning\b|\bwoke\s+up\b|\bmorning\s+(?:stiffness|pain|soreness|ache)\b|\bout\s+of\s+bed\b"),
    "night_or_rest": re.compile(
        r"\bat\s+night\b|\bnights\b|\bovernight\b|\bin\s+bed\b|\bat\s+rest\b|\blying\s+down\b|\beven\s+resting\b"
        r"|\b(?:while|when)\s+(?:i'm\s+|i\s+am\s+)?(?:resting|lying|asleep|sleeping)\b|\bwak(?:es|ing)\s+me\b"
        r"|\b(?:keeps?|kept|keeping)\s+me\s+(?:up|awake)\b|\bwoke\s+me\b|\bdisturb\w*\s+(?:my\s+)?sleep\b"
        r"|\b(?:can't|couldn't|cannot|unable to)\s+sleep\b"),
    "sharp": re.compile(r"\b(?:sharp|stabbing|stabby|knife-?like|like\s+a\s+knife|shooting|searing|electric)\b"),
    "worse_on_deep_breath": re.compile(
        r"\bdeep(?:ly)?\s+breath\w*|\bbreath(?:e|ing)?\s+(?:in\s+)?deep(?:ly)?\b|\bbig\s+breaths?\b|\binhal\w+"
        r"|\bbreath(?:e|ing)\s+in\b|\b(?:to|when(?:\s+i)?|on)\s+breath(?:e|ing)?\b"),
}
_REST = r"(?:rest\w*|days?\s+off|time\s+off|week\s+off|a\s+break)"
_NOT_EASED = re.compile(  # says so itself, so it needs no symptom nearby
    r"\brest(?:ing)?\b[^.,]{0,20}?(?:\b\w+n't|\bnot|\bnever|\bno)\s+(?:\w+\s+)?"
    r"(?:help\w*|eas\w*|work\w*|fix\w*|improv\w*|chang\w*|make\s+(?:a|any)\s+difference)"
    r"|\b(?:not|no|isn't|hasn't|doesn't|didn't|without)\s+(?:\w+\s+){0,2}?(?:eas\w*|better|improv\w*|settl\w*)\b"
    rf"[^.,]{{0,15}}?\b(?:with|by|after|despite)\s+(?:\w+\s+){{0,3}}?{_REST}"
    rf"|\b(?:despite|even\s+(?:with|after)|in\s+spite\s+of)\s+(?:\w+\s+){{0,2}}?{_REST}"
    r"|\bstill\s+(?:\w+\s+){0,2}?(?:sore|there|hurt\w*|ach\w*|tight|stiff|pain\w*|bad)\b[^.,]{0,40}?"
    rf"\bafter\s+(?:\w+\s+){{0,3}}?{_REST}")

_LIMB = r"(?:(?:my|the|both|left|right)\s+)*(?:arms?|hands?|legs?|fingers?|grip)"
_RED_FLAG_PATTERNS = {  # code: (needles, pattern); each pattern reads one sentence
    "chest_pain": (("chest", "angina"), (
        r"\bchest\s+(?:pains?|pressure|tight(?:ness)?|aches?|aching|hurts?|hurting|discomfort|squeez\w*|heav\w*"
        r"|crushing|sore\w*|burning)\b|\btight(?:ness)?[\s-]+chest(?:ed)?\b|\bangina\b"
        r"|\b(?:pains?|pressure|tightness|ache|aching|discomfort|heaviness|squeezing|crushing|burning)\s+"
        r"(?:in|across|on|around|through)\s+(?:my\s+|the\s+)?chest\b"
        r"|\bchest\s+(?:felt|feels|feeling|was|is|got|getting|went)\s+(?:\w+\s+)?"
        r"(?:tight|heavy|sore|painful|crushed|constricted)\b")),
    "breathless": (("breath",), (
        r"\bshort(?:ness)?\s+of\s+breath\b|\bbreathless(?:ness)?\b"
        r"|\b(?:couldn't|could not|can't|cannot|unable to|struggl\w* to|hard to|trouble|difficulty|difficult to)\s+"
        r"(?:(?:catch(?:ing)?|get(?:ting)?)\s+(?:my\s+)?breath\b|breath(?:e|ing)\b)"
        r"|\bout\s+of\s+breath\b(?=.{0,40}?\b(?:at rest|resting|sitting|lying|walking|stairs|for no reason)\b)"
        r"|\b(?:at rest|resting|sitting|lying|walking|stairs)\b[^,]{0,20}?\bout\s+of\s+breath\b")),
    "radiating_pain": (("arm", "jaw", "neck"), (
        r"\b(?:spread\w*|radiat\w*|shoot\w*|travel\w*|going|goes|moving|moves)\s+(?:\w+\s+){0,3}?"
        r"(?:to|into|down|up|through)\s+(?:\w+\s+){0,2}?(?:arms?|jaw|neck)\b"
        r"|\b(?:pain|ache|aching|hurts?|hurting|throbbing|sore(?:ness)?)\s+(?:\w+\s+){0,2}?"
        r"(?:down|into|up\s+into|up\s+to|through\s+to|to)\s+(?:(?:my|the|both|left|right)\s+)*(?:arms?|jaw|neck)\b"
        r"|\bjaw\s+(?:pain|ache|aching|hurts?|hurting)\b|\bpain\s+in\s+(?:my\s+)?jaw\b"
        r"|\bleft\s+arm\s+(?:pain|ache|aching|hurts?)\b|\bpain\s+(?:in|down)\s+(?:my\s+)?left\s+arm\b")),
    "sweating_or_nausea": (("nause", "queasy", "vomit", "threw", "throwing", "sick", "sweat", "clammy"), (
        r"\bnause\w*|\bqueasy\b|\bvomit\w*|\bthrew\s+up\b|\bthrowing\s+up\b"
        r"|\b(?:felt|feel|feeling|feels)\s+(?:\w+\s+){0,2}?sick\b(?!\s+of)|\bcold\s+sweats?\b|\bclammy\b"
        r"|\bbroke\s+(?:out\s+)?in(?:to)?\s+a\s+(?:cold\s+)?sweat\b|\bsweat\w*\s+(?:at rest|for no reason)"
        r"|\bsweat\w*\s+(?:\w+\s+){0,3}?(?:with|from|because of)\s+(?:the\s+)?pain\b")),
    "coughing_blood": (("blood", "moptysis"), (
        r"\bcough\w*\s+(?:up\s+)?(?:\w+\s+){0,3}?blood\b|\bspit(?:ting)?\s+(?:up\s+)?blood\b|\bha?emoptysis\b"
        r"|\bblood\s+(?:in|when|with)\s+(?:my\s+)?(?:spit|sputum|phlegm|mucus|cough\w*)"
        r"|\b(?:bloody|blood-?stained|blood-?streaked)\s+(?:spit|sputum|phlegm|mucus)\b")),
    "numbness_or_weakness": (("numb", "tingl", "needles", "weak", "gave", "buckled"), (
        rf"\bnumb(?:ness|ed)?\b|\btingl\w*|\bpins\s+and\s+needles\b|\bweak\s+(?:arms?|hands?|grip)\b"
        rf"|\bweakness\s+(?:in|of)\s+{_LIMB}\b|\b(?:arms?|hands?|legs?|grip)\s+weakness\b"
        rf"|\b(?:arms?|hands?|grip|fingers?)\s+(?:\w+\s+)?weak\b|\blegs?\s+(?:gave way|gave out|buckled)\b")),
    "fever": (("fever", "febrile", "temp"), (
        r"(?<!hay\s)(?<!cabin\s)(?<!race\s)(?<!spring\s)(?<!night\s)\bfever\w*|\bfebrile\b"
        r"|\ba\s+(?:high\s+|slight\s+|bit\s+of\s+a\s+)?temp(?:erature)?\b(?!\s+(?:of|outside|today))"
        r"|\btemp(?:erature)?\s+(?:of\s+)?(?:3[89]|4[01]|10[0-4])\b")),
    "after_fall": (("fall", "fell", "tumble", "spill", "crash", "trip", "slipped", "stacked", "went down",
                    "plant", "came off", "hit by"), (
        r"\b(?:had|took|after|since|from|in)\s+(?:a|the|my|that)\s+(?:\w+\s+)?(?:fall|tumble|spill|crash)\b"
        r"(?!\s+(?:marathon|half|race|\d+k|season|colou?rs?|leaves|run))"
        r"|\bfell\s+(?:over|down|hard|heavily|badly|on|onto|flat|and|backwards|off\s+(?:my|the|a)\s+(?!pace))\b"
        r"|\btripp(?:ed|ing)\b|\bslipped\s+(?:on|and|over|off|down)\b|\bstacked\s+it\b|\bwent\s+down\s+hard\b"
        r"|\bface-?plant\w*|\bcrashed\s+(?:my\s+bike|into|off)\b|\b(?:bike|cycling)\s+crash\b"
        r"|\bcame\s+off\s+(?:my|the)\s+bike\b|\bhit\s+by\s+a\s+(?:car|bike|cyclist)\b")),
    "weight_loss": (("weight", "without", "reason", "unexpectedly"), (
        r"\b(?:unexplained|unintentional|unintended|unexpected|sudden|mysterious)\s+weight\s*loss\b"
        r"|\b(?:losing|lost|lose|dropping|dropped)\s+(?:\w+\s+){0,2}?"
        r"(?:weight|\d+(?:\.\d+)?\s*(?:kg|kilos?|lbs?|pounds|stone))\s+(?:\w+\s+){0,2}?"
        r"(?:without\s+(?:trying|meaning\s+to|dieting)|for\s+no\s+(?:apparent\s+)?reason|unexpectedly)")),
}
_RED_FLAG_RX = {code: (needles, re.compile(pattern)) for code, (needles, pattern) in _RED_FLAG_PATTERNS.items()}
_COLD = re.compile(r"\b(?:cold|freez\w*|frozen|chilly|icy|ice|frost\w*|winter|gloves?|snow\w*|wind\s?chill"
                   r"|sub-?zero)\b|-\d+\s*°")


def _has(text: str, needles: tuple[str, ...]) -> bool:
    return any(needle in text for needle in needles)


def _negated(text: str, start: int, floor: int = 0) -> bool:
    """Is the phrase at ``start`` negated by a word shortly before it, in its clause, after ``floor``?"""
    prefix = text[max(floor, start - 60):start]
    if not _has(prefix, _NEGATOR_NEEDLES):
        return False
    cuts = [m.end() for m in _CUT.finditer(prefix)]
    return _NEG_TAIL.search(prefix, cuts[-1] if cuts else 0) is not None


def _floor(text: str, floor: int, previous_end: int, start: int) -> int:
    """Where a negation may start: after the previous phrase, unless joined by "or" ("no pain or stiffness")."""
    return floor if _OR_GAP.match(text, previous_end, start) else previous_end


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
    tags: tuple[tuple[int | None, bool], ...] = ()  # (explicit severity, negated) per tag
    pos: bool = False  # a soreness word, not negated
    neg: bool = False  # a negated soreness word, or "fine"
    rating: int | None = None
    levels: tuple[int, ...] = ()

    @property
    def about_upper_back(self) -> bool:
        return bool(self.places or self.tags)

    @property
    def has_state(self) -> bool:
        return self.pos or self.neg or self.rating is not None

    def other_part(self, sentence: str) -> bool:
        return _OTHER_PART.search(sentence, self.start, self.end) is not None

    def reports(self) -> list[SorenessReport]:
        out = [_rated(sev) for sev, _ in self.tags if sev is not None]
        bare_tags = [negated for sev, negated in self.tags if sev is None]
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


def _clauses(sentence: str, tags: list[int | None]) -> list[_Clause]:
    """Split a sentence into clauses and note what each says."""
    clauses = [_Clause("", 0)]
    floor = previous_end = 0
    for m in _TOKEN.finditer(sentence):
        kind, word, start, clause = m.lastgroup or "", m.group(), m.start(), clauses[-1]
        if kind in _JOINERS:
            clause.end = start
            clauses.append(_Clause(kind, m.end()))
            floor = previous_end = m.end()
        elif kind == "slot" and int(m.group("index")) < len(tags):
            clause.tags += ((tags[int(m.group("index"))], _negated(sentence, start, floor)),)
        elif kind == "place":
            clause.places += 1
        elif kind == "rating":
            rating = _severity(m.group("number"), out_of_ten=True) or 0
            clause.rating = rating if clause.rating is None else max(clause.rating, rating)
        elif kind in _LEVELS:
            if not _negated(sentence, start, floor):
                clause.levels += (_LEVELS[kind],)
                clause.pos = clause.pos or word in _STATE_LEVELS
        elif kind in ("sore", "intense", "fine", "free"):
            floor = _floor(sentence, floor, previous_end, start)
            negated, previous_end = _negated(sentence, start, floor), m.end()
            hedged = _HEDGE.search(sentence, max(floor, start - 30), start) or (
                negated and kind == "intense" and not word.startswith("really"))  # "not very sore"
            if kind in ("fine", "free"):
                clause.pos, clause.neg = clause.pos or negated, clause.neg or not negated  # "not great" is sore
            elif hedged:
                clause.pos, clause.levels = True, clause.levels + (SEVERITY_WORDS["mild"],)
            elif negated or _GONE.match(sentence, m.end()):
                clause.neg = True
            else:
                clause.pos = True
                if kind == "intense" or word in ("killing", "agony"):
                    clause.levels += (SEVERITY_WORDS["severe"],)
    clauses[-1].end = len(sentence)
    return clauses


def _lend_states(sentence: str, clauses: list[_Clause]) -> None:
    """Pair place and state across a clause: "upper back, a bit sore", "sore legs and upper back"."""
    for i, clause in enumerate(clauses):
        if not clause.about_upper_back:
            continue
        after = clauses[i + 1].joiner if i + 1 < len(clauses) else ""
        for j, joiner in ((i + 1, after), (i - 1, clause.joiner)):
            other = clauses[j] if joiner and 0 <= j < len(clauses) else None
            if other is None or other.about_upper_back or not other.has_state:
                continue
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
    found = set()
    for code, rx in _GATED_QUALIFIERS.items():
        for m in rx.finditer(sentence):
            clause = next(c for c in reversed(clauses) if c.start <= m.start())
            symptom = clause.pos if code == "worse_on_deep_breath" else clause.pos or clause.about_upper_back
            if symptom and not _negated(sentence, m.start(), clause.start):
                found.add(code)
    return found


class _Sentences:
    """The sentences of a text, and which of them hold a word: one str.find sweep instead of a regex each."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.all = text.translate(_SENTENCE_BREAKS).split("\n")
        self.starts = list(accumulate((len(s) + 1 for s in self.all[:-1]), initial=0))

    def holding(self, needles: tuple[str, ...]) -> set[int]:
        found = set()
        for needle in needles:
            at = self.text.find(needle)
            while at >= 0:
                found.add(bisect_right(self.starts, at) - 1)
                at = self.text.find(needle, at + 1)
        return found


def _red_flags(sentences: _Sentences, sore: bool) -> set[str]:
    """Red flags anywhere in the text that no "no" reaches."""
    candidates: dict[int, list[tuple[str, re.Pattern[str]]]] = {}
    for code, (needles, rx) in _RED_FLAG_RX.items():
        for index in sentences.holding(needles):
            candidates.setdefault(index, []).append((code, rx))
    flags: set[str] = set()
    for index, checks in candidates.items():
        sentence = sentences.all[index]
        floor = previous_end = 0
        for start, end, code in sorted((m.start(), m.end(), code) for code, rx in checks
                                       for m in rx.finditer(sentence)):
            floor = _floor(sentence, floor, previous_end, start)  # "no fever, chest pain" is chest pain
            previous_end = end
            if _negated(sentence, start, floor) or _SAID_NO_RX.match(sentence, end):
                continue
            if code == "numbness_or_weakness" and _COLD.search(sentence):
                continue  # numb fingers in the cold are weather, not nerves
            flags.add(code)
    if "after_fall" in flags and not sore and not any(
            m.lastgroup in ("sore", "intense") and not _negated(sentences.text, m.start())
            for m in _TOKEN.finditer(sentences.text)):
        flags.discard("after_fall")  # a fall without pain is not a red flag
    return flags


def parse_soreness(text: str | None) -> SorenessReport:
    """Read what one title, description or note says about the upper back."""
    if not text or text.isspace():
        return NO_REPORT
    text = text.lower().translate(_NORMALISE)
    tags: list[int | None] = []

    def slot(m: re.Match[str]) -> str:
        tags.append(_severity(m.group("num"), bool(m.group("ten"))) if m.group("num") else None)
        return f" ubptag{len(tags) - 1} "

    if "#" in text:
        text = _TAG.sub(slot, text)
    if "10" in text:
        text = _DECIMAL.sub(r"\1·\2", text)
    sentences = _Sentences(text)
    reports: list[SorenessReport] = []
    qualifiers: set[str] = set()
    cued = sentences.holding(_QUALIFIER_NEEDLES)
    symptomatic = {i for i in cued if _has(sentences.all[i], _SORE_NEEDLES)}
    # only a place, or a symptom with a qualifier cue, needs the clause-by-clause reading
    for index in sorted(sentences.holding(_PLACE_NEEDLES) | symptomatic):
        sentence = sentences.all[index]
        clauses = _clauses(sentence, tags)
        _lend_states(sentence, clauses)
        if index in cued:
            qualifiers |= _qualifiers(sentence, clauses)
        for clause in clauses:
            reports.extend(clause.reports())
    if any(_NOT_EASED.search(sentences.all[i]) for i in sentences.holding(("rest", "off", "break"))):
        qualifiers.add("not_eased_by_rest")
    found = combine_reports(reports)
    flags = _red_flags(sentences, bool(found.sore))
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


def activity_soreness(activity: Activity) -> SorenessReport:
    """Soreness from the title, the runner's own description (never our block) and the private note."""
    texts = (activity.name, runner_text(activity.description), activity.private_note)
    return combine_reports(parse_soreness(text) for text in texts)

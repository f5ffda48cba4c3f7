"""The words and patterns the soreness parser reads: places, soreness and severity words,
negations, qualifier cues and red flags, as compiled regexes and substring screens.

Kept apart from :mod:`insights.soreness` so the parser reads top to bottom; the decisions
these tables encode are listed in that module's docstring.
"""

from __future__ import annotations

import re

# Every pattern reads lowercased text: re.IGNORECASE makes `re` several times slower.
_SORE_WORDS = (
    r"sore(?:ness|r|st)?|sore-?ish|ach(?:e|es|ed|y|ey|ing|in)|pain(?:s|ful|full)?|tight(?:ness|er)?"
    r"|stiff(?:ness|er)?|hurt(?:s|ing)?|niggl(?:e|es|y|ing)|twing(?:e|es|y)|tender(?:ness)?|knot(?:s|ted|ty)?"
    r"|spasm(?:s|ing)?|cramp(?:s|ing|ed)?|throb(?:s|bing)?|burning|stabbing|shooting|pulled(?!\s+me\s+(?:off|over|down|along|out|to|towards?|away|back)\b)|strain(?:ed)?"
    r"|tweak(?:ed)?|bad|worse|issues?|problems?|trouble|playing up|acting up|flar(?:ed|ing|e-?up)|killing?"
    r"|agony|bother(?:s|ed|ing)?|locked|seized|still there|screaming")
_PLACE_WORDS = (
    r"upper\s*(?:and|&|/|\+)\s*lower[\s-]*back|lower\s*(?:and|&|/|\+)\s*upper[\s-]*back|upper[\s-]*backs?"
    r"|mid(?:dle)?[\s-]*back|(?:in\s+)?between\s+(?:my\s+|the\s+|both\s+)?shoulder(?:[\s-]*blades?|s)"
    r"|shoulder[\s-]*blades?|scapula[es]?|interscapular|thoracic(?:\s+spine)?|t[\s-]?spine|rhomboids"
    r"|rhomboid(?!\s+(?:note|notes|app|says|said|told|suggested|message|sent|wrote|post\w*))|ub(?=\s+(?:sore|tight|stiff|ach\w*|pain|fine|ok))"
    r"|(?<!speed\s)(?<!sand\s)(?<!tourist\s)traps|(?:left|right|upper|mid|middle|lower)\s+trap|trapezius")
_SEPARATOR = r"[,()]|\s[-–—]+\s|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]+"
# "denies": a clinician's no, as runners who work in health write their notes (not "denied", "denying": "was
# denied a sub 20 by chest pain", "been denying the chest pain for weeks")
# ("nothing special" is an ordinary run, not a no; "nothing special like chest pain" is one)
_NEGATOR = (r"(?:\b(?:no|not|never|without|zero|nil|nor|neither|none|nothing(?!\s+(?:special|exciting|new|unusual)\b(?!\s+like\b))"
            r"|cannot|almost|nearly|free\s+of"
            r"|denies|neg(?:ative)?\s+for)\b|n't\b"
            r"|\b(?:did|do|does|was|were|is|are|has|have|had|could|can|wo)nt\b)")
# Words that end a negation's reach: in "no rain just a tight upper back" the "just" does.
_BREAK = (r"(?:just|only|still|some|except|apart|now|then|also|plus|yet|instead|rather|mild|slight|slightly"
          r"|bit|little|quite|pretty|lots?|even\s+(?:with|though)|sure"
          # unsure, not a denial: "can't tell if it's muscle or chest pain", "no idea if that was chest pain"
          r"|(?:tell|know|say|decide|work\s+out|figure\s+out|be\s+sure|idea|clue)\s+(?:if|whether))\b")  # "not sure if it's chest pain" denies nothing

NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\U0001F44D": " fine ", "\u2705": " fine ",
                           # "coughed up 🩸", "pain ➡️ into my jaw" (an arrow, not an emoji that ends a clause)
                           "\U0001FA78": " blood ", "\u27A1": " \u2192 ", "\uFE0F": ""})
SENTENCE_BREAKS = str.maketrans({c: "\n" for c in ".!?;\r…"})
DECIMAL = re.compile(r"(\d)[.,](\d\s*(?:/|out of)\s*10)")  # "6.5/10" must survive the split on "."
POINT = re.compile(r"(?<=\d)\.(?=\d)")  # "upper back 6.5", "6.5 miles in": one number, not two sentences
TAG = re.compile(
    r"#(?:upper[_-]?back(?:sore|pain)?|ubp)(?![a-z_])(?:[ \t]*[:=–-]?[ \t]*(?P<num>\d{1,2}(?:[.,]\d)?)"
    r"(?P<ten>\s*/\s*10)?(?![\w/]|[.,]\d|[ \t]*(?:km|k|mi|miles?|m|mins?|minutes|hrs?|hours?|days?|x|reps|%)\b))?")
_RATING = r"(?P<number>\d{1,2}(?:[.,·]\d)?)\s*(?:/|out\s+of)\s*10"  # "6/10", "6 out of 10"; "6.5" is "6·5" by now
# A bare 0-10 right after the place or its soreness word, ending its clause or followed by when it hurts:
# "upper back 6", "traps: 4, calves fine", "upper back 7 at night", "upper back sore (6)", "about a 5",
# "5ish"; never a distance, a time or a count ("upper back 6 miles in", "upper back 2 days ago", "traps
# 3x10", "sore 3 in a row", "sore at 7 this morning", "sore 7 am")
BARE_NUMBER = re.compile(
    r"[ \t]*+(?:[:=]|[-–—](?=[ \t]*\d)|\()?[ \t]*+(?:(?:was|is|still)[ \t]++)?"
    r"(?:(?:about|around|maybe|roughly|probably|like)[ \t]++)?"
    r"(?:an?[ \t]++)?(?P<number>\d{1,2}(?:·\d)?)(?:ish\b|\))?"
    r"(?=[ \t]*+(?:$|[,()!?;]|[-–—]\s(?![ \t]*\d)|[\U0001F000-\U0001FAFF\u2600-\u27BF]"
    r"|(?:but|today|tonight|now|again|though|too|also|tbh|lol|at|when|whenever|while|during|after|before|all"
    r"|yesterday|last|earlier)\b|and\b(?![ \t]+(?:a[ \t]+(?:half|bit|quarter)|\d))"
    r"|this[ \t]+(?:morning|evening|afternoon|run)\b|on\b(?![ \t]+(?:the[ \t]+(?:trot|bounce)|\d))"
    r"|in\b(?![ \t]+(?:a[ \t]+row|\d)|[ \t]*+$)))")
# A bare number of today after a rated past clause: "upper back 6 yesterday, 3 today"
NOW_NUMBER = re.compile(r"\s*+(?:(?:is|it's)\s++)?(?:(?:still|only|just|down\s+to|up\s+to|about|around|maybe)\s++)?"
                        r"(?:an?\s++)?"
                        r"(?P<number>\d{1,2}(?:·\d)?)(?=\s++(?:today|now|tonight|this\s+(?:morning|afternoon|evening))\b)")
# A sentence that is only a rating: "Upper back stiff. 3/10" rates the sentence before it.
BARE_RATING = re.compile(rf"\s*(?:(?:severity|pain|rating|score|level)\s*[:=]?\s*)?"
                         rf"(?:(?:about|around|maybe|probably|prob|like|roughly)\s+)?(?:{_RATING}|(?P<level>mild|moderate|severe))"
                         rf"(?:\s+(?:today|now|tonight|tbh|atm|tho|though|i'd\s+say|id\s+say|i\s+reckon|i\s+think"
                         rf"|but\s+annoying))?(?:\s*+(?:,|and)\s*+(?:sharp|stabbing|achy|aching|tight|stiff))?"
                         rf"\s*")  # "...between my shoulder blades. Severe.", "6/10 today and sharp"
# One pass over a sentence finds every word that matters; earlier alternatives win at the same place.
# The shared \b up front lets `re` reject mid-word positions at once (several times faster).
TOKEN = re.compile(
    rf"(?P<comma>{_SEPARATOR})|(?P<and>[&+]|\b(?:and|plus)\b)|\b(?:"
    rf"(?P<noise>(?:{_PLACE_WORDS})\s+(?:stretch\w*|mobility|exercises?|workout|routine|session|day|strength\w*"
    r"|drills?|rolling|massage|opener|rotations?|extensions?|raises|rows?|squeezes)\b"
    r"|pain\s+cave\b|no\s+pain,?\s+no\s+gain\b|growing\s+pains\b)"
    r"|(?P<but>(?:but|however|though|although|whereas)\b)|(?P<except>(?:except|apart from|other than)\b)"
    r"|(?P<slot>ubptag(?P<index>\d+)\b)"
    r"|(?P<free>(?:pain|ache|niggle|sore(?:ness)?|symptom|issue|problem|trouble|injury)[\s-]*free\b)"
    rf"|(?P<rating>(?<![\d.,·]){_RATING}(?!\d))"
    rf"|(?P<place>(?:{_PLACE_WORDS})\b)"
    rf"|(?P<intense>(?:very|really|super|so|extremely|incredibly|seriously)\s+(?:{_SORE_WORDS})\b)"
    rf"|(?P<sore>(?:{_SORE_WORDS})\b)"
    r"|(?P<fine>(?:fine|ok|okay|good|great|grand|perfect|happy|solid|loose|relaxed|normal|settled|spot on"
    r"|no bother|none)\b|100\s?%)"
    r"|(?P<nothing>nothing\b)"
    r"|(?P<l8>severe(?:ly)?\b)|(?P<l5>moderate(?:ly)?\b)|(?P<l3>mild(?:ly)?\b)"
    r"|(?P<hedge>(?:quite|fairly|pretty|somewhat|rather|slight(?:ly)?|bit|little|tad|minor|faint(?:ly)?|barely"
    r"|hardly)\b))")
JOINERS = frozenset({"comma", "and", "but", "except"})
LEVELS = {"l8": "severe", "l5": "moderate", "l3": "mild"}  # TOKEN's groups of SEVERITY_WORDS
STATE_LEVELS = frozenset({"mild", "moderate", "severe", "mildly", "moderately", "severely"})  # "upper back: moderate" is a report on its own
CUT = re.compile(rf"{_SEPARATOR}|:|\b(?:and|but|however|though|although|whereas|except)\b|&")
NEG_TAIL = re.compile(rf"{_NEGATOR}(?:[^\w']++(?!{_BREAK})[\w'-]++){{0,6}}[^\w']*$")
NOT_TOLD = re.compile(r"(?:n't|not|never|(?:did|do|does|has|have|had|was|were)nt)\s++(?:(?:yet|even|really|ever)\s++)?"
                      r"(?:tell|told|telling|mention(?:ed|ing)?|let\s+on|bring\s+up|brought\s+up|admit(?:ted)?\s+to)\b")
NONE_AFTER = re.compile(r"\b(?:because|as|since|cos|coz|cause)\s+(?:there\s+(?:wasn't|was\s+no(?:ne)?|isn't|is\s+no(?:ne)?|wasnt|isnt)"
                        r"|i\s+(?:didn't|did\s+not|didnt|haven't|hadn't|don't)\s+(?:have|had|get|got|feel|felt))\b")
# "can't deny the chest was tight", "not denying it": two noes make a yes
NOT_DENIED = re.compile(r"(?:n't|not|never|cannot|nt|no)\s++(?:(?:really|honestly|even|gonna|going\s+to|point|use)\s++){0,2}"
                        r"den(?:y|ying|ied|ies)\b")
PRESUPPOSED = re.compile(r"\b(?:the|my|this|that|these|those)\s++(?:[\w'-]++\s++)?$")
HEDGE = re.compile(r"(?:\bnot|n't)\s+(?:too|that|so|very|overly|super|all that|massively|hugely|terribly|much|as)\s+$")
# "chest pain: none", "pain 0/10"
_SAID_NO = (r"\s*+(?:[:=–—-]\s*+(?:no|none|nil|zero|nope|neg(?:ative)?(?!\s+(?:splits?|ecg|ekg|tests?|lateral|covid|pcr|results?|for)\b)"
            r"(?=\s*+(?:[,;]|$)))\b|[:=–—-]?+\s*+0(?:\s*+/\s*+10)?(?![\d/.,·])"
            r"|(?:no|none|nope|nil|negative)\s*+$"
            r"|(?<=\s)[-–—](?=\s*+[,;]))")  # a clinician's list of negatives: "SOB -, CP -, dizziness -"
SAID_NO_RX = re.compile(_SAID_NO)
GONE = re.compile(rf"\s*+(?:is\s+|has\s+|had\s+|was\s+|'s\s+)?(?:(?:all|finally|now|completely|totally)\s+)?"
                  rf"(?:gone|disappeared|vanished|went away|cleared)\b"
                  rf"|\s*+eased\s+off(?=\s*+,?\s*+(?:and\s+)?(?:all\s+good|fine|ok|okay|no\s+pain|pain[\s-]free)\b)"
                  rf"|\s*+(?:is\s+|has\s+|had\s+|was\s+|'s\s+)?(?:finally|completely|totally|fully)\s+"
                  rf"(?:eased(?:\s+off)?|settled(?:\s+down)?)\b(?!\s+(?:a\s+bit|slightly|a\s+little|a\s+touch|somewhat|a\s+tad))"
                   rf"|{_SAID_NO}")
OTHER_PART = re.compile(
    r"\b(?:calf|calves|hamstrings?|hammies|quads?|knees?|hips?|ankles?|feet|foot|shins?|legs?|achilles|glutes?"
    r"|lower back|low back|lumbar|neck|shoulders?|arms?|elbows?|wrists?|chest|it ?band|itb|toes?|heels?|groin"
    r"|stomach|head|lungs?|abs|core|plantar|stitch)\b")
# "no pain or stiffness", "no chest pain or arm tingling": a list joined by "or" shares its "no"
# "no chest pain or arm tingling"; "no chest pain, palpitations or breathlessness" (a list item we do not read between)
OR_GAP = re.compile(r"\s*+(?:,\s*+(?:(?!(?:but|just|only|still|now|and|no|not)\b)[\w'-]++\s*+){1,3}){0,3}(?:,\s*+)?(?:or|nor|/)"
                    r"(?:\s++(?:any|my|the)\b)?(?:\s++(?!(?:but|just|only|still|now)\b)[\w'-]++){0,2}\s*+$")
# "no numbness, tingling, fever or cough": a list of commas that an "or" closes after its last mention
OR_AFTER = re.compile(r"\s*+(?:,\s*+)?(?:or|nor)\s++(?:any\s++)?[\w'-]++")
COMMA_GAP = re.compile(r"\s*+,\s*+(?:(?!(?:but|just|only|still|now|and)\b)[\w'-]++\s++){0,2}$")

# Substring screens: a sentence is only tokenised, a red-flag pattern only run, when a needle is there.
PLACE_NEEDLES = ("upper", "mid", "blade", "between", "thoracic", "spine", "rhomboid", "trap", "scapula", "ubptag", "ub ")
SORE_NEEDLES = ("sore", "ach", "pain", "tight", "stiff", "hurt", "niggl", "twing", "tender", "knot", "spasm",
                 "cramp", "throb", "burn", "stab", "shoot", "pull", "strain", "tweak", "bad", "worse", "issue",
                 "problem", "trouble", "playing up", "acting up", "flar", "killin", "agony", "bother", "locked", "scream",
                 "seized")
QUALIFIER_NEEDLES = ("wak", "woke", "morning", "first thing", "bed", "night", "rest", "lying", "sleep", "awake",
                      "sharp", "stab", "knife", "shoot", "sear", "electric", "breath", "inhal", "sitting", "sofa",
                      "couch", "sat ", "get up", "got up")
NEGATOR_NEEDLES = ("no", "n't", "nt", "never", "without", "zero", "nil", "almost", "nearly", "free of", "nothing",
                   "denies", "neg")

# Qualifiers that need a symptom in their clause: "at night" alone is a night run.
GATED_QUALIFIERS = {
    "worse_on_waking": re.compile(
        r"\b(?:on|when|after|upon)\s+(?:i\s+)?(?:wak(?:e|ing)|woke)\b|\bwak(?:e|ing)\s+up\b"
        r"|\bwhen\s+i\s+(?:first\s+)?(?:get|got)\s+up\b|\bfirst\s+thing\b|\bin\s+the\s+mornings?\b|\bmornings\b"
        r"|\bevery\s+morning\b|\bwoke\s+up\b|\bmorning\s+(?:stiffness|pain|soreness|ache)\b|\bout\s+of\s+bed\b"),
    "night_or_rest": re.compile(
        r"\bat\s+night\b|\bnights\b|\bovernight\b|\bin\s+bed\b|\bat\s+rest\b|\blying\s+down\b|\beven\s+resting\b"
    r"|\beven\s+(?:when\s+)?(?:i'm\s+|im\s+|i\s+am\s+)?(?:just\s+)?(?:sitting|sat|resting|lying|on\s+the\s+sofa)\b"
        r"|\b(?:while|when)\s+(?:i'm\s+|i\s+am\s+|im\s+)?(?:just\s+)?(?:resting|lying|asleep|sleeping|sitting)\b|\bwak(?:es|ing)\s+me\b"
        r"|\b(?:keeps?|kept|keeping)\s+me\s+(?:up|awake)\b|\bwoke\s+me\b|\bdisturb\w*\s+(?:my\s+)?sleep\b"
        r"|\b(?:can't|couldn't|cannot|unable to)\s+sleep\b"),
    "sharp": re.compile(r"\b(?:sharp|stabbing|stabby|knife-?like|like\s+a\s+knife|shooting|searing|electric)\b"),
    "worse_on_deep_breath": re.compile(
        r"\bdeep(?:ly)?\s+breath\w*|\bbreath(?:e|ed|es|ing)?\s+(?:in\s+)?deep(?:ly)?\b|\bbig\s+breaths?\b|\binhal\w+"
        r"|\bbreath(?:e|ed|es|ing)\s+in\b|(?<!\bstruggling\s)(?<!\bstruggled\s)(?<!\bhard\s)(?<!\bunable\s)(?<!\btrying\s)"
        r"(?<!\bfighting\s)\b(?:to|when(?:\s+i)?|on)\s+breath(?:e|ing)?\b"
        r"|\bbreaths?\s+in\b|\b(?:every|each)\s+(?:deep\s+)?breath\b"),
}
_REST = (r"(?:rest\w*|days?\s+off|time\s+off|week\s+off|a\s+break|(?:the\s+)?weekend\s+off"
         r"|(?:a\s+(?:whole\s+)?week|\w+\s+days|\w+\s+weeks)\s+(?:of\s+)?(?:no|not|without)\s+running)")
# words that name no other part: "shoulder blades" (the upper back), "days off the legs"
NOT_A_PART = re.compile(r"shoulder[\s-]*blades?|off\s+(?:the|my)\s+(?:legs|feet)")
# "had a week off in June and it was still sore after", "rest made no difference last time": not today
PAST_REST = re.compile(r"\b(?:was|were)\s+still\b|\blast\s+time\b|\bback\s+in\b|\bin\s+(?:19|20)\d\d\b"
                       r"|\bin\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b")
NOT_EASED = re.compile(  # says so itself, so it needs no symptom nearby
    r"\brest\w*(?:\s+\w+){0,3}?\s+(?:made|makes|making)\s+(?:zero|no|little|not\s+much)\s+difference"
    # "had the weekend off ... but it's still sore", "rested it since Thursday and it still hurts", "three days
    # of no running and the rhomboids still ache"
    rf"|(?:\b(?:had|took|taken|after)\s+(?:\w+\s+){{0,2}}?{_REST}|\brested\b(?:\s+it)?"
    r"|\b(?:\w+\s+days|\w+\s+weeks|a\s+(?:whole\s+)?week)\s+(?:of\s+)?(?:no|not|without)\s+running)\b[^.]{0,60}?"
    r"\bstill\s+(?:\w+\s+)?(?:sore|hurts?|hurting|ach\w*|tight|stiff|pain\w*|there|bad)\b|"
    r"\brest(?:ing)?\b[^.,]{0,20}?(?:\b\w+n't|\b\w+nt\b|\bnot|\bnever|\bno)\s+(?:\w+\s+)?"
    r"(?:help\w*|eas\w*|work\w*|fix\w*|improv\w*|chang\w*|make\s+(?:a|any)\s+difference)"
    r"|\b(?:not|no|isn't|hasn't|doesn't|didn't|without)\s+(?:\w+\s+){0,2}?(?:eas\w*|better|improv\w*|settl\w*)\b"
    rf"[^.,]{{0,15}}?\b(?:with|by|after|despite)\s+(?:\w+\s+){{0,3}}?{_REST}"
    rf"|\b(?:despite|even\s+(?:with|after)|in\s+spite\s+of)\s+(?:\w+\s+){{0,2}}?{_REST}"
    r"|\b(?:doesn't|does\s+not|didn't|did\s+not|no)\s+matter\s+how\s+(?:much|long)\s+i\s+rest"
    r"|\bstill\s+(?:\w+\s+){0,2}?(?:sore|there|hurt\w*|ach\w*|tight|stiff|pain\w*|bad)\b[^.,]{0,40}?"
    rf"\bafter\s+(?:\w+\s+){{0,3}}?{_REST}"
    rf"|\b(?:\d|two|three|four|five|few|couple\s+of)\s+(?:rest\s+days|days?\s+(?:off|of\s+rest))\b[^.]{{0,30}}?\bstill\s+"
    r"(?:\w+\s+)?(?:sore|there|hurt\w*|ach\w*|tight|stiff|pain\w*|bad)\b"
    rf"|\b(?:took|had|taken|after)\s+(?:\w+\s+){{0,2}}?{_REST}\b[^.]{{0,30}}?\b(?:no|not|isn't|hasn't|didn't|still)\s+"
    r"(?:any\s+)?(?:better|eased|improved|helped|gone|changed)\b")

# Severity words bind only when tied to the soreness: "mild ache", "moderately sore" (a soreness word or a
# place right after), or "upper back: moderate", "traps stiff, mild" (one right before)
LEVEL_BEFORE = re.compile(rf"\s*+(?:(?:upper\s+)?back\s+)?(?:{_SORE_WORDS}|{_PLACE_WORDS}|ubptag\d+)\b")
LEVEL_AFTER = re.compile(rf"(?:{_SORE_WORDS}|{_PLACE_WORDS}|ubptag\d+)\b[\s:,=–-]*+(?:(?:a|is|was|felt|feels)\s+)?"
                         rf"(?:(?:mild|moderate|severe)\w*\s*+(?:to|or|[-–/])\s*+)?$")  # "moderate to severe"
# A severity word that is a clause of its own: "upper back stiff from all the coughing, mild"
LEVEL_ALONE = re.compile(r"(?:,|[\U0001F000-\U0001FAFF\u2600-\u27BF])\s*+$")
LEVEL_ALONE_END = re.compile(r"\s*+(?:$|,)")
# "Traps tight as, reckon about a 6": a hedged bare number that is a whole clause rates its neighbour
HEDGED_NUMBER = re.compile(r"\s*+(?:(?:i\s+)?(?:reckon|guess|think|say|i'd\s+say|id\s+say)\s++)?"
                           r"(?:(?:maybe|probably|prob|about|around|roughly|like)\s++)+(?:an?\s++)?"
                           r"(?P<number>\d{1,2}(?:·\d)?)(?:ish)?(?:\s*+/\s*+10)?(?:\s++(?:today|now|tonight|atm|tbh))?\s*+")
# "sore yesterday, still today", "sore yesterday and today": yesterday's state goes on
CONTINUES = re.compile(r"\b(?:still|again|too|also|as\s+well|same|even\s+more|worse)\b")
TODAY_ALONE = re.compile(r"\s*+(?:today|now|this\s+morning)\W*")
# "...but came back on today's run": soreness that returned
CAME_BACK = re.compile(r"\b(?:came|come|comes|coming)\s+back\b(?!\s+(?:from|to|home|later|up)\b)"
                       r"|\breturned\b(?!\s+(?:from|to|home)\b)"
                       r"|\b(?:it's|its|it\s+is|is)\s+back\b")
# A rating of the workout, not the back: "RPE 8/10", "10/10 effort", "5/10 intervals", "8/10 for the session"
_EFFORT = (r"rpe|effort|exertion|intervals?|reps?|sets?|session|workout|tempo|run|race|pace|legs|hr|heart\s+rate"
           r"|feel|felt|difficulty|intensity|hard(?:ness)?|fitness|energy|mood|sleep|fatigue|tiredness|km|k|miles?")
EFFORT_BEFORE = re.compile(rf"\b(?:{_EFFORT})\b(?:\s+(?:of|at|was|is|=|:))?[\s:=]*+(?:about\s+|around\s+|~)?$")
# ("upper back 4/10 RPE 6": an effort word followed by its own number starts a new item)
EFFORT_AFTER = re.compile(rf"\s*+(?:(?:for|on|in)\s+(?:the|my|this|that)\s+)?(?:{_EFFORT})\b(?!\s*+[:=@]?\s*+\d)")
# "9/10 for boredom", "10/10 for vibes": a rating of something else (not "7/10 for the upper back")
RATES_SOMETHING_ELSE = re.compile(
    r"\s*+for\s+(?:the\s+)?(?:boredom|vibes?|views?|scenery|fun|style|weather|company|music|podcasts?|coffee|cake"
    r"|enjoyment|motivation|mood|sunrise|sunset|atmosphere|crowds?|organi[sz]ation|banter|volunteers|marshals)\b")
# A whole short sentence that answers a place on its own: "Upper back? Fine." / "Upper back? Sore."
_AS_EVER = r"(?:\s+(?:as\s+usual|as\s+always|as\s+ever|again|today|still))?\W*"  # "Upper back? Sore as usual."
# an answer may be labelled ("A: nope") or lead with a word ("surprisingly not", "thankfully fine")
_ANSWER_LEAD = r"(?:(?:a|answer)\s*+:\s*+)?(?:(?:surprisingly|thankfully|luckily|actually|honestly|weirdly)\s*+,?\s*+)?"
_ALL_GOOD = r"(?:\s*+,\s*+(?:all\s+good|all\s+fine|fine|ok|okay|good|no\s+pain|pain[\s-]free)(?:\s+today)?)?"
BARE_STATE = re.compile(rf"{_ANSWER_LEAD}(?:(?P<fine>(?:fine|ok|okay|good|great|grand|all good|no|none|nope|nothing|0"
                        rf"|not(?!\s+again)(?:\s+(?:really|at\s+all))?){_ALL_GOOD}{_AS_EVER})"
                        rf"|(?P<sore>(?:sore|tight|stiff|achy|aching|painful|yes|bad){_AS_EVER}))")
# a sentence that goes on about the soreness just reported ("Worst when I wake up.", "Now it's sharp...")
FOLLOW_ON = re.compile(r"\s*+(?:(?:now|and|but|also|plus)\s+)?(?:(?:it's|its|it\s+is|it\s+gets|it\s+feels|it\s+hurts|it)"
                       r"\s+(?!was\b)|worst\b|worse\b|(?:(?:really|very|quite|so|super|proper)\s+)?"
                       r"(?:sharp|stabbing|stabby|shooting|searing)\s*+(?=,|when|on|if|like|with|every|whenever)|(?:especially|mostly|mainly|only|even|always)\s+(?:when|on|at|in|if"
                       r"|first|lying|sitting|resting|after))")
# ...but not one that says it is fine then: "It's fine when I breathe in though"
FOLLOW_ON_CUT = re.compile(r"[,;]|\b(?:but|then)\b")
FOLLOW_ON_FINE = re.compile(r"\b(?:fine|ok|okay|better|good|helps?|eases?|no\s+pain)\b")
UNTIL_NOW = re.compile(r"(?:(?!\b(?:so|and|but|then|because|cos)\b)[^,.;])*?\b(?:until|till|til|'til)\s+"
                       r"(?:today|tonight|this\s+(?:morning|afternoon|evening|run))\b(?!'s)")
SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u3000]++")
ASKED = re.compile(r"\b(?:asked|asking|wondered|wanted\s+to\s+know)\s+(?:me\s+)?(?:if|whether)\b")
MINE = re.compile(r"\bmine(?:'s)?\b")  # "her traps were tight, mine fine": the runner's own upper back
# "my husband has upper back pain, I don't": the runner's own, and a no
ME_TOO = re.compile(r"\b(?:i\s+(?:do|have)\s+too|me\s+too|so\s+do\s+i|mine\s+too|same\s+here)\W*$")
NOT_MINE = re.compile(r"\b(?:i\s+(?:don't|dont|do\s+not|am\s+not|haven't|havent)|i'm\s+not|im\s+not|not\s+me)\W*$")
DEEP_BREATH_HELPS = re.compile(r"\s*+(?:helps?|helped|eases?|eased|feels?\s+good|loosens?)\b")

"""The red flags' words: one pattern per red flag, in a runner's own words, and the screens that
keep each pattern from running on a sentence that cannot hold it.

Kept apart from :mod:`insights.soreness_words` (the places, soreness and severity words); the
decisions these patterns encode are listed in :mod:`insights.soreness_flags`.
"""

from __future__ import annotations

import re

_LIMB = r"(?:(?:my|the|both|left|right)\s+)*(?:arms?|hands?|legs?|fingers?|grip)"
# the part of a limb a pain reaches: "the inside of my left arm", "the back of my neck", "the side of my jaw"
_LIMB_PART = (r"(?:(?:the|my|left|right|inside|outside|back|front|side|base|top|upper|lower|whole|of)\s+){0,6}?")
# where a pain is, before the verb that moves it: "pain in my back between shoulders went..." (no new subject)
_WHERE = (r"(?:(?!(?:i|we|when|and|but|so|then|after|as|while|which|it|au|where|who|he|she|they|therapist|physio|masseur"
          r"|masseuse|osteo)\b)[\w']+,?\s+){0,9}?")
_WHERE_NO_KIT = (r"(?:(?!(?:i|we|when|and|but|so|then|after|as|while|which|that|it|strap|hrm|vest|bra|harness|backpack"
                 r"|monitor)\b)[\w']+\s+){0,6}?")
# "fell" is a fall when a person fell: "I fell", "tripped and fell", or "Fell this morning" with the
# subject left out; never when a pace, a heart rate or the rain fell, nor in "fell asleep/behind".
_FELL_BY = "|".join([*(rf"(?<=\b{w}\s)" for w in (
    "i", "we", "i've", "ive", "i'd", "he", "she", "they", "then", "just", "also", "literally", "actually",
    "finally", "totally", "had", "have", "when", "because", "until")),
    r"(?<!\brose\sand\s)(?<=\band\s)",  # "tripped and fell", not "rose and fell"
    r"(?<!\w)(?<!\w\s)"])  # the start of a clause: "Fell this morning", "slipped, fell"
_THINGS = "".join(rf"(?<!\b{w}\s)" for w in (
    "pace", "hr", "rate", "speed", "cadence", "temp", "temperature", "rain", "snow", "sleet", "hail", "night",
    "dark", "darkness", "leaves", "split", "splits", "power", "watch", "phone", "gel", "bottle", "time", "times",
    "average", "avg", "effort", "mileage", "volume", "sun", "dusk", "fog", "mood", "energy", "motivation",
    "numbers", "weight", "bpm", "battery", "gps", "signal", "it", "that", "which", "plan", "plans", "tree",
    "branch", "race", "day", "form", "hrv", "zone", "level", "levels", "wind", "score", "rank", "ranking",
    "the", "a", "this", "big", "steep"))  # "up the fell and back": a fell is also a hill
_NOT_FALLING = (
    r"(?!\s+(?:asleep|behind|apart|short|through|away|silent|quiet|ill|sick|pregnant|foul|victim|prey|for"
    r"|race|races|run|runs|running|runner|runners|top|tops|side|walk|walking|club|series|shoes?"
    r"|back\s+(?:to|into|in|behind|a\s+(?:bit|little|few))|in\s+(?:love|step|line|with|behind)"
    r"|into\s+(?:(?:a|my|the|an)\s+)?(?:\w+\s+)?(?:rhythm|groove|step|line|place|pace|routine|habit)"
    r"|off\s+(?:the\s+|my\s+)?pace|off\s+(?:a\s+)?cliff|out\s+(?:with|of\s+love)|to\s+(?:pieces|bits|\d)"
    r"|(?:by|from)\s+\d)\b)")
# breathing that is hard work (not "gasping for a pint", "breathless views") ...
_HARD_BREATHING = (r"(?:gasping(?!\s+for\s+(?:a|an|some|my|the|another)\b)|panting|huffing|winded|heaving\s+for\s+(?:air|breath)"
                   r"|wheezing|breathing\s+(?:\w+\s+)?hard"
                   r"|out\s+of\s+(?:breath|puff)|short\s+of\s+breath"
                   r"|breathless(?!\s+(?:views?|scenery|vistas?|sunrise|sunset|beauty|landscape|trails?|panorama)))")
_STRAIN = (rf"(?:{_HARD_BREATHING}|(?:couldn't|couldnt|could\s+not|can't|cant|cnt|cannot)\s+(?:talk|speak|finish\s+a\s+sentence"
           r"|get\s+(?:a\s+)?(?:sentence|word|words)\s+out|say\s+a\s+(?:sentence|word)|string\s+a\s+sentence\s+together)"
           r"|(?:could\s+)?(?:barely|hardly)\s+(?:talk|speak|breathe|get\s+(?:a\s+)?(?:sentence|word|words)\s+out)"
           r"|(?:couldn't|couldnt|could\s+not|can't|cant|cannot)\s+talk\s+in\s+(?:full\s+)?sentences)")
# everyday effort that should not take the breath away: "winded carrying the shopping in", "walking up the stairs to our flat"
_MILD_EXERTION = (r"(?:carrying\s+(?:the\s+)?(?:shopping|bags?|washing)|getting\s+dressed"
                  r"|tying\s+my\s+(?:shoes|laces)|walking\s+up\s+(?:the\s+)?stairs|(?:climbing|going\s+up)\s+(?:the\s+)?stairs"
                  r"\s+(?:to|at)\s+(?:our|my|the)\s+(?:flat|house|home|office|room))")
_WORKED_BREATH = (rf"(?:{_HARD_BREATHING}|puffing(?!\s+(?:on|away\s+on)\b)|labou?red\s+breathing"
                  r"|breathing\s+(?:was\s+|felt\s+|got\s+)?(?:really\s+|very\s+|so\s+)?(?:labou?red|heavy\s+and\s+shallow|shallow)"
                  r"|(?:couldn't|couldnt|could\s+not|can't|cant)\s+say\s+(?:two|2|three|3|a\s+few)\s+words)")
_EASY_GOING = (r"\b(?:(?:on|at|during)\s+(?:an?\s+|the\s+|my\s+)?(?:gentle|easy|slow|recovery|conversational|chatting|talking)\b"
               r"|the\s+whole\s+(?:easy|gentle|slow|recovery)\b)"
               r"(?![^.!?,]{0,25}\b(?:recover\w*|between|reps?|intervals?|efforts?)\b)")  # the jog between reps
STRAIN_RX = re.compile(rf"\b{_STRAIN}\b")  # hard work for breath anywhere in a sentence
# ... while still, said right beside it: "couldn't talk at rest", "couldn't speak sitting down", "gasping
# climbing the stairs to bed", "sat in the car and still breathing very hard" (not "HR at rest 52", "stood
# still to take in the view", "standing still between reps", "sitting behind the pacers", "sat nav")
_AT_REST = (r"(?:(?<!hr\s)(?<!rate\s)(?<!pulse\s)at\s+rest\b(?!\s+(?:between|in\s+the\s+recover|\d))"
            r"|resting\b(?!\s+(?:hr|heart|pulse|bpm|rate|hrv|\d))"
            r"|sat\s+(?:still|in\s+(?:the|my)\s+car)\b|sit(?:ting)?\s+in\s+(?:the\s+|my\s+)?car\b"
            r"|st(?:oo|an)d(?:ing)?\s+still\b(?!\s+(?:to|at|between|for\s+the|in\s+(?:the\s+)?(?:[\w-]+\s+){0,2}recover))"
            r"|lying\s+(?:down|in\s+bed)\b|on\s+the\s+(?:sofa|couch)\b|in\s+bed\b"
            r"|(?:climbing\s+|going\s+up\s+|up\s+|on\s+)?(?:the\s+)?stairs\s+(?:to\s+bed|at\s+home)\b"
            r"|sitting(?:\s+down|\s+still)?\b(?!\s+(?:at|on\s+\d|in\s+\d|behind|in\s+(?:the\s+)?(?:group|pack)"
            r"|in\s+(?:first|second|third|fourth|fifth)))|sat\s+down\b)")
# ... or out of all proportion
_OUT_OF_PROPORTION = (r"(?:out\s+of\s+(?:all\s+)?proportion|at\s+a\s+pace\s+i\s+(?:normally|usually|can|always)\s+(?:chat|talk)"
                      r"|(?:way\s+|much\s+|far\s+)?worse\s+than\s+(?:usual|normal|ever))\b")  # not "harder than ever": a PB
# a joke, not a symptom: "puffing and panting on the sofa just watching the Olympics 😂"
_JOKING = r"(?![^.!?]{0,40}?(?:\bwatching\b|\blol\b|\bhaha\w*|😂|🤣))"
# ... or long after stopping: "15 minutes like this", "two hours after", "breathing wouldn't settle"
_LONG_AFTER = (r"(?:(?:[1-9]\d|ten|fifteen|twenty|thirty)\s+min(?:ute)?s?\s+like\s+this"
               r"|(?:[1-9]|[1-9]\d|five|ten|fifteen|twenty)\s+min(?:ute)?s?\s+after\s+(?:i'd\s+|i\s+had\s+|i\s+)?stopped"
               r"|even\s+after\s+stopping\s+and\s+(?:standing|sitting)"
               r"|(?:an?|one|two|three|four|\d)\s+hours?\s+(?:later|after)"
               r"|(?:breathing|breath|it)\s+(?:still\s+)?(?:wouldn't|wouldnt|didn't|didnt|hadn't|hasn't|would\s+not|did\s+not)"
               r"\s+(?:settle|calm\s+down|ease)|still\s+(?:hadn't|hasn't|not)\s+(?:settled|eased|back\s+to\s+normal))\b")
# an arrow or a word after an arm, jaw or neck that names what helped or the kit, not where a pain went ("pain ->
# neck stretches sorted it", "CP -> arm warmers off")
_WHAT_HELPED = (r"(?!\s*+(?:warmers?|sleeves?|bands?|stretch\w*|swing|carriage|exercises?|mobility|rolls?|massage"
                r"|felt\s+better|better|sorted|drills?|clench\w*)\b)")
# a temperature that is the weather's ("Temp 39 in Adelaide", "38.5 degrees in the shade")
_NOT_WEATHER = (r"(?!\s*+(?:°\s*+)?(?:degrees?\s+)?(?:[cf]\s+)?(?:in\s+the\s+shade|outside|out\s+there|forecast"
                r"|in\s+(?!the\s+(?:morning|evening|night))[a-z]+))")
_RED_FLAG_PATTERNS = {  # code: (needles, pattern); each pattern reads one sentence
    "chest_pain": (("chest", "angina", "breastbone", "sternum", "heart", "cp", "retrosternal", "substernal"), (
        # clinical shorthand: "c/o central CP", "retrosternal tightness" (never "CP 2 at 14k" nor "CP -> CP2": checkpoints)
        r"\b(?:c/o|complain\w*\s+of|central|crushing|retrosternal|substernal|exertional|atypical|isch(?:a)?emic)\s+cp\b"
        r"|\bcp\s++radiat\w*"
        # "CP" alone told as a symptom: "some CP at 4k", "bit of CP", "got CP again", "CP on the hill again, 2 min",
        # "CP 4/10", "CP w sweating", "CP and SOB". CP is also a checkpoint ("CP3 at 22k", "the CP on the hill had jelly
        # babies"), critical power ("3x8min at CP", "some CP work", "held CP"), a park ("CP & back"), a person ("CP w
        # me at the track") and cerebral palsy ("I have CP"): only a symptom's words around it make it a pain
        r"|\b(?:mild|some|slight|severe|bad|sharp|got|getting|felt|feeling|(?:a\s+)?(?:bit|touch)\s+of|(?:a\s+)?little)\s+cp\b"
        r"(?!\s*+\d(?!\d?\s*+/\s*+10))(?!\s+(?:work|intervals?|efforts?|reps?|pace|power|tests?|marshals?|water|stations?"
        r"|volunteers?|up|w/?\s+(?:me|the|my|us)|with\s+(?:me|the|my|us)|loops?|laps?)\b)"
        # ... and only where a symptom's place or time follows (not critical power's "mild CP drift", "slight CP
        # bump", "feeling CP creep up", "little CP block", nor "bad CP placement")
        r"(?=\s*+(?:$|[,.;!?+&]|\d{1,2}\s*+/\s*+10|(?:at|again|on|and|w|with|during|today|when|while|radiat\w*|after|for"
        r"|going|walking|climbing|running|jogging|like|that|which|since|now|tonight|this|all|every|spreading|in\s+the)\b))"
        # (the word before it read after "cp" is found: a lookbehind tried at every position is slow)
        r"|\bcp(?<!\bat\scp)(?<!\bto\scp)(?<!\bthe\scp)(?<!\bof\scp)(?<!\bmy\scp)(?<!\bw\scp)(?<!\bw/\scp)(?<!\bwith\scp)"
        r"(?<!\bheld\scp)(?<!\bhave\scp)(?<!\bhaving\scp)(?<!\bfrom\scp)(?<!\bstryd\scp)(?<!\bnew\scp)(?<!\bmore\scp)"
        r"(?<!\breached\scp)(?<!\bmissed\scp)(?<!\bnext\scp)(?<!\blast\scp)(?<!\beach\scp)(?<!\bevery\scp)(?:\s*+(?:"
        r"\d{1,2}\s*+/\s*+10|[:=]?\s*+(?:pos(?:itive)?\b|\+(?:ve\b)?)|w/?\s+(?:sweat\w*|nause\w*|sob|dizz\w*|short|breath\w*)"
        r"|with\s+(?:the\s+)?(?:sweat\w*|nause\w*|dizz\w*|sob|breath\w*)\b"
        r"|(?:and|&|\+)\s*+(?:sob|short\s+of\s+breath|sweat\w*|nause\w*|dizz\w*|palp\w*|breathless\w*)\b"
        r"|(?:->|→)\s*+(?:(?:in)?to\s+)?(?:the\s+|my\s+)?(?:(?:l|r|left|right)\.?\s*+)?(?:arm|jaw|neck)\b"
        rf"{_WHAT_HELPED}"
        r")|\s++(?:again\s+today|on\s+exertion|at\s+rest|came\s+on|present)\b"
        r"|\s++(?:again\s+)?on\s+(?:the\s+)?(?:hills?|climbs?|inclines?|uphills?)\b(?=[^.!?]{0,40}\b(?:again|eased|settled|stopp\w*"
        r"|walk\w*|sweat\w*|sob|breath\w*|pain|tight\w*)\b))"
        r"|\b(?:retrosternal|substernal)\s+(?:pain|pressure|tightness|discomfort|ache|heaviness|burning)\b|"
        r"\b(?:crushing|squeezing|squeezy|heavy|tight|burning|pressing)\s+(?:\w+\s+){0,2}?(?:behind|in|across|on|around"
        r"|through|under)\s+(?:(?:my|the)\s+)?(?:(?:middle|centre|center)\s+of\s+(?:my\s+|the\s+)?)?"
        r"(?:chest|breastbone|sternum)\b"
        r"|\b(?:pains?|ache|aching|pressure|tightness|hurt\w*)\s+(?:behind|under|in)\s+(?:my\s+|the\s+)?(?:breastbone|sternum)\b"
        r"|\b(?:breastbone|sternum)\s+(?:pains?|ache|aching|hurt\w*|pressure)\b"
        r"|\b(?:tight|heavy)\s+band\s+(?:across|around|round)\s+(?:my\s+(?:own\s+)?|the\s+)?chest\b|\bheavy[\s-]+chest\b"
        r"|\b(?:pains?|pressure|tightness|ache|aching|discomfort|heaviness|squeezing|crushing|burning)\s+in\s+the\s+"
        r"(?:middle|centre|center)\s+of\s+(?:my\s+|the\s+)?chest\b"
        r"|\belephant\s+(?:sitting\s+)?on\s+my\s+chest\b"
        r"|\ba\s+(?:tight\s+|big\s+|horrible\s+|real\s+|strange\s+|weird\s+)?squeeze\s+(?:in|across|around)\s+(?:my\s+|the\s+)?chest\b"
        r"(?!\s+(?:press|strap|day|workout|fl(?:y|ies)|muscles?)\b)(?![^.!?]{0,40}\b(?:from|by)\s+(?:my|a|the|our|her|his)\b)"
        r"|\b(?:pain|ache|aching|tightness|pressure)\s+(?:that\s+)?(?:\w+\s+){0,2}?from\s+(?:my\s+|the\s+)?chest\b"
        r"(?!\s+(?:day|strap|workout|session|press|fl(?:y|ies)|exercises?|muscles?|hair|rig|harness|mount)\b)"
        r"|\bchest\s+(?:felt|feels|feeling)\s+(?:like|as\s+if|as\s+though)\s+(?:[\w']+\s+){0,6}?(?:sitting|standing|sat|stood"
        r"|crush\w*|squeez\w*|vice|weight(?!\s+(?:had\s+|has\s+|was\s+)?(?:been\s+)?lifted)|pressing|clamp\w*)\b"
        r"|\bchest\s*+[:=–-]?\s*+(?:pains?|pressure|tight(?:ness)?|aches?|aching|hurts?|hurting|discomfort|squeez\w*|heav\w*"
        r"|crushing|sore\w*|burning)\b|\btight(?:ness)?[\s-]+chest(?:ed)?\b|\bangina\b"
        r"|\b(?:pains?|pressure|tightness|ache|aching|discomfort|heaviness|squeezing|crushing|burning|twinges?)\s+"
        r"(?:in|across|on|around|through)\s+(?:my\s+|the\s+)?(?:(?:upper|left|right|lower)\s+)?chest\b"
        r"|\bchest\s+(?:felt|feels|feeling|was|is|got|getting|went)\s+(?:\w+\s+)?(?:\w+\s+)?"
        r"(?:tight|heavy|sore|painful|crushed|constricted|squeezed|squeezy|compressed)\b"
        r"|(?<!worked\s)(?<!:\s)(?<!and\s)\bchest(?:\s+(?:though|too|also|as\s+well))?,\s+"
        r"(?:(?:really|so|very|quite|a\s+bit)\s+)?(?:heavy|tight|crushing|painful)(?:\s+and\s+(?:heavy|tight|painful))?"
        r"(?=\s*+(?:[,.!?;]|$|(?:the\s+whole|all\s+the|on\s+the)\b))"
        # 12. "chest still tight", "chest was hurting on the climb", "someone sitting on my chest"
        r"|\bchest\s+(?:still|was|is|kept|keeps)\s+(?:\w+\s+){0,2}?(?:tight|heavy|hurting|hurts|aching|burning|painful|sore)\b"
        r"|\bchest(?:'s|\s+has)\s+been\s+(?:\w+\s+)?(?:tight|heavy|hurting|aching|burning|painful|sore)\b"
        r"|\b(?:someone|something|an?\s+\w+)\s+(?:sitting|standing|sat|stood)\s+on\s+my\s+chest\b"
        # "hard to tell if it was a stitch or my chest": unsure of the word, not of the pain
        r"|\b(?:stitch|muscle|muscular|heartburn|indigestion|reflux|a\s+cramp)\s+or\s+(?:my\s+|the\s+|actually\s+)?(?:chest|heart)\b"
        r"(?![\s-]+(?:rate|strap|monitor|fitness|health|lungs|and\s+lungs|holding|limit\w*|engine))"
        # not what held a performance back: "no idea if that finish was muscle or heart"
        r"(?<!finish\swas\smuscle\sor\sheart)(?<!sprint\swas\smuscle\sor\sheart)(?<!effort\swas\smuscle\sor\sheart)"
        # "the chest thing from Sunday is back today": a chest symptom the runner will not name, said to be back
        r"|\bchest\s+(?:thing|issue|problem)\b(?![^.!?,]{0,15}\b(?:gone|sorted|over|better|fine|cleared|resolved)\b)"
        r"(?=[^.!?,]{0,25}\b(?:is\s+back|'s\s+back|came\s+back|again|returned)\b)"
        # "the pain between my shoulder blades wrapping round to the front of my chest"
        rf"|\b(?:pain|ache|aching)\s+{_WHERE_NO_KIT}(?:that\s+|which\s+)?(?:wrap\w*|spread\w*|radiat\w*|going|goes|went|moving|moved|shoot\w*"
        r"|shot|coming|came)\s+(?:right\s+|straight\s+)?(?:round|around|through)\s+(?:to\s+)?(?:the\s+)?(?:front\s+of\s+)?(?:my\s+|the\s+)?"
        r"(?:ribs?\s+(?:and|&)\s+(?:my\s+)?)?chest\b"
        r"(?!\s+(?:press|strap|day|workout|fl(?:y|ies)))"
        # "now it's creeping round into the front of my chest"
        r"|\b(?:pain|ache|aching|sore(?:ness)?|tight(?:ness)?|pressure|hurt\w*|\d{1,2}/10)\b[^.!?]{0,80}?"
        r"\b(?:it's|it\s+is|it\s+was|it)\s+(?:now\s+)?(?:creeping|spreading|wrapping|going|coming|moving|radiating|crept|spread"
        r"|wrapped|wraps|went|came|moved|moves|spreads|goes)\s+(?:(?:round|around|through)\s+(?:in)?to\s+(?:the\s+)?(?:front\s+of\s+)?"
        r"|into\s+(?:the\s+)?front\s+of\s+)(?:my\s+|the\s+)?chest\b(?!\s+(?:press|strap|day|workout|fl(?:y|ies)))"
        # "it squeezed right in the middle of my chest", "I feel in the chest a big pressure"
        r"|\bsqueez(?:ed|ing)\s+(?:right\s+)?(?:in|across|around)\s+(?:the\s+(?:middle|centre|center)\s+of\s+)?(?:my\s+|the\s+)?chest\b"
        r"(?![^.!?]{0,30}\b(?:gym|tris|triceps|bench|press|workout|weights)\b)"
        r"|\bin\s+(?:my\s+|the\s+)?chest\s+(?:a\s+)?(?:big\s+|strong\s+|bad\s+|heavy\s+)?(?:pressure|pain|tightness|squeez\w*)\b"
        # "my chest feels like someone's pulling a belt tight round it", "weighed down like a sandbag"
        r"|\bchest\s+(?:feels|felt|feeling)\s+like\s+(?!my\b)[^.!?]{0,40}?(?<!hr\s)(?<!rate\s)(?<!chest\s)\b(?:belt|band|strap|vice|rope)\b"
        r"[^.!?]{0,20}?\b(?:tight|round|around)\b"
        r"|\bchest\s+(?:felt|feels|feeling|was)\s+(?:weighed\s+down|like\s+a\s+(?:sandbag|brick|rock|ton"
        r"|weight(?!\s+(?:had\s+|has\s+|was\s+)?(?:been\s+)?lifted)))\b"
        # "chest a bit tight on the climb"
        r"|\bchest\s+(?:a\s+(?:bit|little|touch)|quite|really|very|so|slightly|bit|kinda|abit)\s+(?:tight|heavy|sore|painful"
        r"|achy|burning)\b")),
    "breathless": (("breath", "gasping", "air", "sentence", "talk", "speak", "words", "puff", "panting", "sob", "blue", "winded",
                    "heaving", "wheez", "dyspn", "dib"), (
        # clinical shorthand: "dyspnoea", "dyspnoeic", "SOBOE" (short of breath on exertion), "DIB at rest" (difficulty
        # in breathing; alone it is a name too: "ran with Dib")
        r"\bdyspn(?:o)?(?:ea|eic|ic)\b|\bsoboe\b|\bdib\s+(?:at\s+rest|on\s+(?:exertion|the\s+stairs)|walking|lying|sitting)\b|"
        # "breathing felt really short even jogging slowly"
        r"\bbreath(?:ing)?\s+(?:felt|was|feels|is|got|getting)\s+(?:\w+\s+)?short\b|"
        # "breathing trouble from the first km even at walking pace"
        r"\b(?:breathing\s+(?:trouble|difficult(?:y|ies)|problems?)|trouble\s+breathing)\b|"
        # lips turning blue: air not getting in
        r"\b(?:lips|face)\s+(?:went|turned|were|was|going|looked)\s+(?:a\s+bit\s+|slightly\s+)?blue\b"
        r"(?![^.!?]{0,60}\b(?:cold|chilly|freez\w*|swim\w*|open\s+water|sea|lake|icy|winter|lipstick|paint|costume|slush\w*"
        r"|ice\s+lolly)\b)"
        r"|\bshort(?:ness)?\s+of\s+breath\b|\b(?:breathless(?:ness)?|brathless|breathles|brethless|breatheless)\b(?!\s+(?:views?|scenery|vistas?|sunrise|sunset|beauty"
        r"|landscape|trails?|climb\s+views|panorama))"
        r"|\bgasping\s+for\s+(?:air|breath)\b(?=.{0,40}?\b(?:at rest|resting|sitting|lying|walking|stairs|even|for no reason"
        r"|easy)\b)"
        r"|\b(?:even|at rest|resting|sitting|lying|walking)\b[^,]{0,20}?\bgasping\s+for\s+(?:air|breath)\b"
        r"|\b(?:couldn't|couldnt|could not|can't|cant|cannot)\s+get\s+(?:enough\s+)?air\b"
        r"|\b(?:couldn't|couldnt|could not|can't|cant|cnt|cannot|unable to|struggl\w* to|hard to|trouble|difficulty"
        r"|difficult to)\s+"
        r"(?:(?:catch(?:ing)?|get(?:ting)?)\s+(?:my\s+)?breath\b|breath(?:e|ing)\b)|\bdifficult\s+to\s+breath\b"
        r"|\b(?:out\s+of\s+(?:breath|puff)|puffed\s+out)\b(?=.{0,40}?\b(?:at rest|resting|sitting|lying|walking|stairs|for no reason)\b)"
        r"|\b(?:out\s+of\s+(?:breath|puff)|puffed\s+out|breathless|short\s+of\s+breath)\b(?!\s+(?:views?|scenery|vistas?|sunrise"
        r"|sunset|beauty|landscape|trails?|panorama))(?=.{0,60}?\b(?:never\s+happens|not\s+normal"
        r"|(?:not\s+like|unusual\s+for)\s+me|at\s+that\s+(?:effort|pace)|(?:on|after)\s+(?:an?|the|my)\s+easy)\b)"
        # "my chest went tight and I was gasping, which never happens"
        r"|\b(?:gasping|panting|heaving|winded)\b(?=[^.!?]{0,30}?\b(?:which\s+never\s+happens|never\s+happens|not\s+like\s+me)\b"
        r"(?!\s+(?:because|to|for|when)\b))"
        # "sit on a bench for 10 minutes just to breathe normally"
        r"|\b(?:sit|sat|sitting|stop|stopped|stand|stood)\b[^.!?]{0,30}?\bfor\s+(?:ten|fifteen|twenty|[1-9]\d)\s+min\w*\s+"
        r"(?:just\s+to|before\s+i\s+could|until\s+i\s+could|to)\s+(?:breathe|catch\s+my\s+breath|get\s+my\s+breath)"
        r"(?!\s+(?:back\s+)?and\s+(?:eat|have|enjoy|take|admire|look|chat))"
        # "couldn't get up the stairs to my flat without stopping twice for breath"
        r"|\bstairs\b[^.!?]{0,60}?\bstop(?:ping|ped)?\s+(?:\w+\s+){0,2}?(?:for|to\s+catch|to\s+get)\s+(?:my\s+)?(?:breath|air)\b"
        # "breathing still hadn't settled an hour after parkrun" (not "between reps")
        r"|\bbreathing\s+(?:still\s+)?(?:hadn't|hasn't|wouldn't|didn't|won't|would\s+not|did\s+not)\s+(?:settle|calm\s+down)\w*\b"
        r"(?!\s+(?:between|in\s+the\s+recover))"
        r"|\b(?:at rest|resting|sitting|lying|walking|stairs)\b[^,]{0,20}?\bout\s+of\s+(?:breath|puff)\b"
        r"|\b(?:struggl\w*|fight\w*|fought|labou?r\w*)\s+for\s+(?:my\s+)?(?:breath|air)\b(?![^,.]{0,30}\blaugh)"
        r"|\b(?:couldn't|couldnt|could\s+not|can't|cant|cannot)\s+(?:get|take|catch)\s+a\s+(?:full|proper|deep|decent)\s+breath\b"
        r"|\b(?:struggl\w*\s+to|hard\s+to|unable\s+to)\s+(?:get|take|catch)\s+a\s+(?:full|proper|deep|decent)\s+breath\b"
        r"(?![^.!?]{0,40}\b(?:reps?|400s?|800s?|intervals?|sprints?|repeats|vest|strap|expect|point)\b)"
        # "gasping on the stairs at home", "couldn't talk walking up the stairs"
        r"|\bgasping\s+(?:on|up|going\s+up|climbing)\s+(?:the\s+)?stairs\s+(?:at\s+(?:home|work|the\s+office)|in\s+the\s+(?:house"
        r"|office))\b"
        r"|\b(?:couldn't|couldnt|could\s+not|can't|cant)\s+(?:talk|speak)\s+(?:walking|going|climbing)?\s*(?:up|on)\s+the\s+stairs\b"
        r"|\bbreathing\s+through\s+a\s+straw\b"
        r"|\b(?:could\s+)?(?:barely|hardly)\s+breathe\s+(?:even\s+)?(?:walking|at\s+rest|sitting|lying)\b"
        # as a learner writes it: "the breath was missing", "I cannot take the air"
        r"|\b(?:the\s+|my\s+)?breath\s+(?:was|is|were)\s+missing\b|\b(?:can't|cannot|couldn't|could\s+not)\s+take\s+(?:the\s+)?air\b(?=\s*+(?:[,.;!?]|$|(?:and|when|while|even|since|after|walking|sitting|lying|now)\b))"
        # working for breath at a pace that should not take it: "winded on a gentle downhill jog", "puffing like a
        # train at conversational pace", "laboured breathing on the flat from the first km" (not "laboured up the hill")
        rf"|\b{_WORKED_BREATH}\b[^.!?,]{{0,30}}?{_EASY_GOING}|{_EASY_GOING}[^.!?,]{{0,30}}?\b{_WORKED_BREATH}\b"
        r"|\blabou?red\s+breathing\s+on\s+the\s+flat\b"
        # working for breath while still, or out of all proportion: "couldn't talk at rest", "gasping climbing the
        # stairs to bed", "breathing very hard in the car, 15 minutes like this", "couldnt finish a sentence ...
        # I'd been stood still for 10 mins", "gasping like it was a sprint. Totally out of proportion"
        rf"|\b{_STRAIN}\s+(?:(?:even|just|also|while|when|still)\s+){{0,2}}(?:i\s+(?:sit|sat|lie|lay|stand)\s+)?{_AT_REST}{_JOKING}"
        rf"|\b{_AT_REST}[^.!?,;]{{0,20}}?\b{_STRAIN}\b{_JOKING}"
        rf"|\b{_STRAIN}\s+(?:just\s+)?{_MILD_EXERTION}|\b{_MILD_EXERTION}[^.!?,;]{{0,40}}?\b{_STRAIN}\b"
        rf"|\b{_STRAIN}\b[^.!?]{{0,60}}?\b{_OUT_OF_PROPORTION}|\b{_OUT_OF_PROPORTION}[^.!?]{{0,30}}?\b{_STRAIN}\b"
        # "at what should be chatting pace but I couldn't say a sentence"
        rf"|\bwhat\s+should\s+be\s+(?:chatting|conversational|talking|an?\s+easy)\s+pace\b[^.!?]{{0,30}}?\b{_STRAIN}\b"
        rf"|\b{_HARD_BREATHING}\b[^.!?]{{0,60}}?\b{_LONG_AFTER}"
        # a coach's shorthand, opening its clause, not a cry ("had a little sob walking back", "post-race sob")
        r"|(?:^|(?<=[,;:(/+&])|(?<=[,;:(/+&]\s)|(?<=\band\s)|(?<=\bwith\s)|(?<=\bc/o\s)|(?<=\breports\s)|(?<=\bendorses\s))\s*+sob\b"
        r"(?=\s+(?:at\s+rest|on\s+(?:minimal\s+)?exertion|walking|lying|sitting|even|post[\s-]?run"
        r"|(?:from|at)\s+(?:\d+\s*(?:k|km|mi\w*)|the\s+(?:start|first))|with\s+(?:the\s+)?(?:cp|chest))\b)"
        # "gasping even on the jog recoveries" (not "gasping for a brew", nor at the top of a hill rep)
        r"|\bgasping\s+(?:even\s+(?:(?:on|at|when|while|during)\s+(?:the\s+|an?\s+|my\s+)?(?:\w+\s+)?(?:jog\w*|easy|recover\w*|walk\w*|rest"
        r"|warm)|walking|sitting|jogging)|at\s+rest|sitting|lying)\b"
        # "couldnt get a sentence out on an easy jog" (not "can't talk on my easy runs": the talk test)
        r"|\b(?:couldn't|couldnt|could\s+not|can't|cant)\s+(?:get\s+a\s+(?:sentence|word)\s+out)\s+"
        r"(?:(?:even|just|at\s+all)\s+)?(?:on\s+(?:an?\s+|the\s+|my\s+)?(?:easy|gentle|slow|recovery)\b|at\s+rest\b|walking\b"
        r"|sitting\b|lying\b|(?:up|on)\s+the\s+stairs\b)")),
    "radiating_pain": (("arm", "jaw", "neck"), (
        # shorthand: "CP -> L arm", "pain → jaw"
        r"\b(?:cp|pain|ache|pressure|tightness)\b[^.!?]{0,40}?(?:->|→)\s*+(?:(?:in)?to\s+)?(?:the\s+|my\s+)?(?:(?:l|r|left|right)\.?\s*+)?"
        rf"(?:arm|jaw|neck)\b{_WHAT_HELPED}|"
        r"\b(?:pain(?!\s+au\b)|ache|aching)\s+(?:(?!(?:i|we|he|she|they|once)\b)\w+\s+){0,4}?(?:went|moved|shot)\s+(?:\w+\s+){0,2}?"
        rf"(?:to|into|down|up|through)\s+(?:\w+\s+){{0,2}}?{_LIMB_PART}(?:arms?(?!-)|jaw|neck)\b"
        # "pain in my back between shoulders went up into my jaw", "the ache went down the inside of my left arm"
        rf"|\b(?:pain(?!\s+in\s+the\s+(?:neck|arse|ass|butt|backside)\b)|ache|aching|pressure|tightness|twinge)\s+{_WHERE}"
        rf"(?:and\s+)?(?:which\s+|that\s+)?(?:went|moved|shot|spread\w*|travel\w*|radiat\w*|shooting|crept|creeping"
        rf"|goes|go|going)\s+(?:up\s+|down\s+|right\s+)?(?:to|into|down|up|through)\s+{_LIMB_PART}(?:arms?|jaw|neck)\b"
        # a learner's "the pain of the back goes until the jaw"
        r"|\b(?:pain|ache)\b[^.!?]{0,30}?\b(?:goes|went)\s+(?:until|till)\s+(?:the\s+|my\s+)?(?:left\s+|right\s+)?(?:jaw|neck|arms?)\b"
        # "Upper back pain, then it went down my left arm"
        rf"|\b(?:pain|ache|aching|twinge|pressure|tightness)\b[^.!?]{{0,120}}?(?:,\s*+|\s+)(?:and\s+)?(?:then\s+)?it\s+"
        rf"(?:(?:then|started|starts|began|kept)\s+)?(?:went|moved|shot|spread|travelled|traveled|radiated|go|goes|going|spreads"
        rf"|crept|creeping|spreading|moving|radiating|shooting|travelling|traveling)\s+(?:up\s+|down\s+|round\s+|around\s+)?"
        rf"(?:to|into|down|up|through)\s+{_LIMB_PART}(?:arms?|jaw|neck)\b"
        r"|\b(?:pain|ache|aching)\s+(?:\w+\s+){0,3}?travel\w*\s+(?:\w+\s+){0,2}?(?:to|into|down|up|through)\s+"
        r"(?:\w+\s+){0,4}?(?:arms?|jaw|neck)\b"
        r"|\b(?:spread\w*|radiat\w*|shoot\w*|travel\w*|going|goes|moving|moves|running|runs|ran)\s+(?:\w+\s+){0,6}?"
        r"(?:to|into|down|up|through)\s+(?:\w+\s+){0,2}?(?:(?:shoulder|neck|chest)\s+(?:and|&)\s+(?:my\s+)?(?:left\s+|right\s+)?)?"
        r"(?<!kings\s)(?<!king's\s)(?<!queens\s)(?<!queen's\s)(?:arms?|jaw|neck)\b"
        r"|\b(?:pain|ache|aching|hurts?|hurting|throbbing|sore(?:ness)?)\s+(?:in\s+(?:my|the)\s+chest\s+and\s+)?(?:\w+\s+){0,2}?"
        r"(?:down|into|up\s+into|up\s+to|through\s+to|to)\s+(?:(?:my|the|both|left|right)\s+)*(?:arms?|jaw|neck)\b"
        r"|\bjaw\s+(?:and\s+(?:my\s+)?neck\s+)?(?:(?:started|began|were|was|kept)\s+)?(?:pain|aches?|ached|aching|hurts?|hurting)\b"
        r"|\bpain\s+in\s+(?:my\s+)?jaw\b"
        r"|\bleft\s+arm(?:'s\s+been|'s)?\s+(?:(?:has\s+been|had\s+been|is|was|kept|keeps|started|starts|began)\s+)?"
        r"(?:pain|painful|ache|ached|aches|aching|hurts?|hurt|hurting|(?:was|felt|went)\s+(?:\w+\s+)?(?:sore|aching|heavy"
        r"|dead|weird|funny|painful))\b|\bpain\s+(?:in|down)\s+(?:my\s+)?left\s+arm\b"
        r"|\bpain\s+in\s+(?:my\s+|the\s+)?chest\s+and\s+(?:down|in|into)\s+(?:my\s+|the\s+)?(?:left\s+|right\s+)?arm\b")),
    "sweating_or_nausea": (("nause", "queasy", "vomit", "threw", "throwing", "sick", "sweat", "clammy", "🤢", "🤮",
                            "diaphore", "spew", "puk", "retch", "heaved up"), (
        r"\bdiaphore(?:tic|sis)\b|\bnause\w*|\bqueasy\b|\bvomit\w*|\bthrew\s+up\b|\bthrowing\s+up\b|\bsweaty\b|\bsweating\b|🤢|🤮"
        r"|\b(?:felt|feel|feeling|feels)\s+(?:\w+\s+){0,2}?sick\b(?!\s+of)|\bcold\s+sweats?\b|\bclammy\b"
        # "I was sick at 7k", "was physically sick", "spewed", "retching" (not "sick of the rain", "sick run!")
        # (the runner's: not "the trail was sick", "sick splits", "been sick with a cold all week", "spewing about the dnf")
        r"|(?:\bi\s+was|\bi've\s+been|\bive\s+been|\b(?:and|then)\s+was|(?<![a-z]\s)(?<![a-z'])was)\s+"
        r"(?:(?:physically|violently|actually|properly)\s+)?sick\b(?!\s+and\s+(?:sweaty|clammy|sweating))"
        r"(?!\s+(?:of|as|note|day|leave|bay|bug|run|time|pace|splits?|with\s+(?:a|the)\s+\w+|all\s+week|for\s+(?:a|the)\s+\w+)\b)"
        r"|\b(?:spewed|spew(?:ing)?\s+up|puk(?:ed|ing)|retch\w*|heaved\s+up\s+(?:my\s+(?:breakfast|lunch|dinner|guts|gel)|everything|breakfast|lunch|dinner))\b"
        r"|\bi\s+(?:was\s+)?sweat(?:ed|ing)?\s+(?:very\s+much|so\s+much|a\s+lot|like\s+(?:crazy|mad))\b"
        r"|\bbroke\s+(?:out\s+)?in(?:to)?\s+a\s+(?:cold\s+)?sweat\b|\bsweat\w*\s+(?:at rest|for no reason)"
        r"|\bsweat\w*\s+(?:\w+\s+){0,3}?(?:with|from|because of)\s+(?:the\s+)?pain\b")),
    "coughing_blood": (("blood", "moptysis", "pink", "rusty"), (
        r"\b(?:cough|hack)\w*\s+(?:up\s+)?(?:(?!(?:no|not|but|without|any|never)\b|so\s+(?:the|my|a|they|i)\b)\w+\s+){0,3}?blood\b"
        r"|\bcough\w*\s+(?:w|with)\s+(?:a\s+)?(?:bit|little|trace|spot|streak|fleck)s?\s+of\s+blood\b"
        r"|\b(?:cough|hack)\w*\s+(?:up\s+)?(?:\w+\s+){0,2}?(?:pink\w*|red|rusty|bloody|blood-?stained)\s+(?:stuff|phlegm|spit|sputum"
        r"|streaks|flecks|specks"
        r"|mucus|froth\w*|gunk|muck)\b|\bsp[ia]t(?:ting)?\s+(?:up\s+)?(?:some\s+|a\s+(?:bit|little)\s+of\s+)?"
        r"blood\b|\bha?emoptysis\b|\bblood\s+(?:after|when|while)\s+(?:i\s+)?cough\w*"
        r"|\bblood\s+(?:in|when|with)\s+(?:my\s+|the\s+|what\s+i\s+|i\s+)?(?:spit|sputum|phlegm|mucus|cough\w*)"
        r"|\b(?:bloody|blood-?stained|blood-?streaked)\s+(?:spit|sputum|phlegm|mucus)\b"
        r"|\bblood\s+(?:i|i'd|i've)\s+(?:coughed|hacked|brought)\s+up\b"
        r"|\bcough\w*\b[^.!?]{0,60}?\b(?:and|with|,)\s+(?:there\s+was\s+|there's\s+|there\s+is\s+)?"
        r"(?:(?:some|a\s+bit\s+of|fresh|bright|red|dark)\s+)*blood\s+in\s+(?:it|the\s+(?:spit|phlegm|mucus)"
        r"|what\s+i\s+(?:brought|coughed)\s+up)\b"
        r"|\bsp[ia]t(?:ting)?\s+out\s+(?:some\s+|a\s+(?:bit|little)\s+of\s+)?blood\b(?!\s+orange)"
        r"|\b(?:phlegm|spit|sputum|mucus)\s+(?:had|has|with)\s+(?:some\s+|a\s+bit\s+of\s+|a\s+little\s+)?blood\b"
        r"|\bcough\w*\b[^.]{0,60}?\b(?:brought|bringing|bring|coughed)\s+up\s+(?:(?:some|a\s+bit\s+of|bright|fresh|dark|red)\s+)*"
        r"blood\b(?!\s+(?:pressure|tests?|sugar|oranges?))")),
    "numbness_or_weakness": (("numb", "tingl", "needles", "weak", "gave", "buckled", "lift", "raise", "grip", "floppy",
                              "dead", "limp", "power", "dragging", "slapping", "catching", "clipping", "scuffing", "jelly",
                              "wouldn't do", "mine", "drop", "grip", "esthesi", "sleeping", "asleep"), (
        r"\bpar(?:a)?esthesi(?:a|ae|as)\b|"
        # "my left arm is sleeping since the run" (not an arm that went to sleep on the sofa)
        r"\b(?:arms?|hands?|fingers)\s+(?:is|are|was|were|went|felt|feels|keeps)\s+(?:still\s+|kind\s+of\s+)?(?:sleeping|asleep)\b"
        r"(?![^.!?]{0,40}\b(?:sofa|couch|bed|slept|lying|lay|woke|night|pillow)\b)|"
        rf"\bnumb(?:ness|ed)?\b(?!\s+(?:bum|butt|arse|ass|backside|toes?)\b)|(?<!spine-)(?<!spine\s)\btingl\w*+(?!\s+(?:with|of|from)\s+(?:excitement|anticipation|joy|nerves|pride))|\bpins\s+(?:and|n|&|'n')\s+needles\b|\bweak\s+(?:arms?|hands?|grip)\b"
        rf"|\bweakness\s+(?:in|of)\s+{_LIMB}\b|\b(?:arms?|hands?|legs?|grip)\s+weakness\b"
        rf"|\b(?:arms?|hands?|grip|fingers?)(?:'s)?\s+(?!(?:swing|drive|carriage|action|form|position|movement|technique)\b)"
        rf"(?:\w+\s+)?weak\b|\blegs?\s+(?:gave way|gave out|buckled)\b"
        r"|\bweak\s+in\s+(?:my\s+|the\s+)?(?:left|right|one)\s+(?:arm|hand|leg|foot)\b"
        # one side, not both tired legs: "Left leg just went weak at 7k", "left leg went sort of floppy at 28k",
        # "my left leg suddenly was without power", "leg felt heavy & weak only on that side"
        r"|\b(?:left|right)\s+(?:arm|hand)\s+(?:(?:suddenly|just|then|kind\s+of|sort\s+of)\s+)?(?:felt|feels|went|was|going"
        r"|kept\s+going)\s+(?:\w+\s+(?:and\s+|&\s+)?)?(?:weak"
        r"|floppy|dead|like\s+jelly)\b"
        r"|\barms?\s+(?:went|felt|was)\s+(?:all\s+)?(?:floppy|useless|limp)\b"
        r"|\bdragging\s+my\s+(?:left|right)\s+(?:foot|leg)\b|\bfoot\s+(?:does\s+|did\s+)?(?:feel|feels|felt)\s+floppy\b"
        r"|\b(?:couldn't|couldnt|could\s+not|can't|cant|cannot)\s+grip\s+(?:my\s+|the\s+)?(?:bottle|gel|phone|keys|cup|handheld)\b"
        r"|\b(?:left|right|one)\s+(?:leg|foot)\s+(?:(?:just|suddenly|kind\s+of|sort\s+of|really|totally|completely"
        r"|then)\s+)?(?:felt|feels|went|was|going|go|goes|kept\s+going|got|started\s+(?:going|to\s+go|feeling))\s+"
        r"(?:(?:a\s+bit|sort\s+of|kind\s+of|\w+)\s+)?(?:weak|limp|without\s+(?:any\s+)?power|like\s+jelly)\b"
        r"|\b(?:left|right|one)\s+(?:leg|foot)\s+(?:went|felt|was)\s+(?:sort\s+of|kind\s+of|suddenly|all)\s+floppy\b"
        r"|\b(?:leg|foot|arm|hand)\b[^.!?]{0,40}?\bwouldn't\s+do\s+what\s+i\s+(?:told|asked|wanted)\b"
        r"|\b(?:leg|foot|arm)\s+(?:\w+\s+){0,4}?like\s+it\s+(?:wasn't|wasnt|was\s+not)\s+mine\b"
        r"|\b(?:leg|foot|arm|hand)\s+(?:[\w&]+\s+){0,3}?weak\b[^.!?]{0,20}?\b(?:only\s+on\s+(?:that|one|the\s+(?:left|right))\s+side"
        r"|on\s+one\s+side)\b"
        # the foot that will not lift: "foot kept dragging", "couldn't lift the toes" (not "kept catching my toes on the
        # roots", nor "couldn't lift my foot over the stile")
        r"|\bfoot\s+(?:kept|started|was|began|keeps|has\s+started|is|has\s+been|been)\s+(?:\w+\s+)?(?:slapping|dragging|flopping)\b"
        r"|\b(?:left|right)\s+foot\s+(?:slapping|dragging|flopping)\b"
        r"|\b(?:couldn't|couldnt|could\s+not|can't|cant|cannot)\s+(?:properly\s+)?lift\s+(?:my\s+|the\s+)?(?:(?:left|right)\s+)?"
        r"(?:toes|foot)\b(?!\s+(?:over|onto|up\s+onto))|\bfoot\s+drop\b"
        r"|\b(?:couldn't|could\s+not|can't|cannot|unable\s+to)\s+(?:properly\s+)?(?:lift|raise|grip|hold\s+up)\s+"
        r"(?:my\s+)?(?:left\s+|right\s+)?(?:arms?|hands?)\b")),
    "fever": (("🤒", "fever", "febrile", "temp", "night sweats", "thermometer", "today", "tonight", "morning", "still", "shiver",
               "back up",
               "pyrexi"), (
        r"\bpyrexi(?:a|al)\b|"
        # (first: at the same place it must win over the "fever" alone that "was gone" resolves)
        r"\b(?:fever|temp\w*)\b[^.!?]{0,60}?\bback\s+up\s+to\s+(?:3[89]|4[01])[.·]\d|"
        r"🤒\s*+(?:3[89]|4[01])(?:[.·]\d)?|🤒[^.!?]{0,20}?\b(?:shiver\w*|chills|feverish|hot\s+and\s+cold)\b|(?:3[89]|4[01])[.·]\d\s*+(?:°?\s*+c\s*+)?🤒|(?<!hay\s)(?<!cabin\s)(?<!race\s)(?<!spring\s)(?<!night\s)(?<!marathon\s)(?<!parkrun\s)(?<!running\s)"
        r"(?<!gold\s)(?<!olympic\s)\bfever\w*+(?!\s+(?:pitch|dream|pace|speed|tempo|rate))|\bfebrile\b|\bnight\s+sweats\b"
        r"|\bthermometer\s+(?:says|said|reads|read|showed|shows|hit)\s+(?:3[89]|4[01]|10[0-4])\b"
        r"|\ba\s+(?:high\s+|slight\s+|bit\s+of\s+a\s+)?temp(?:erature)?\b(?!\s+(?:of|outside)\b|\s+today\s+of\b)"
        # (not the weather: "Temp 39 in Adelaide", "38.5 degrees in the shade")
        rf"|\btemp(?:erature)?\s+(?:of\s+)?(?:3[89]|4[01]|10[0-4])\b{_NOT_WEATHER}"
        # "running temperatures of 38 since Tuesday" (not "in temperatures of 38", "temps of 40 in Dubai", "forecast")
        r"|(?<!\bin\s)\btemp(?:erature)?s\s+of\s+(?:3[89]|4[01]|10[0-4])\b"
        r"(?![^.!?]{0,30}?\b(?:in\s+(?!it\b)[a-z]+|forecast|outside|out\s+there|degrees|heat|sun|weather|humid\w*)\b)"
        r"|\btook\s+my\s+temp(?:erature)?\b[^.!?]{0,40}?\b(?:3[89]|4[01])[.·]\d\b"
        # a body temperature has a decimal ("temp was 38.4", "100.4F"); "temp was 38 outside" is the weather
        r"|\btemp(?:erature)?(?:'s)?\s+(?:still\s+)?(?:(?:was|is|of|at|hit|reached|read|reading)\s+)?(?:3[89]|4[01]|10[0-4])[.·]\d"
        r"(?:\s*+°?\s*+[cf])?\b|\b(?:3[89]|4[01])[.·]\d(?:\s*+°?\s*+c)?\s+temp\b"
        r"|\brunning\s+a\s+(?:high\s+|slight\s+|bit\s+of\s+a\s+)?temp(?:erature)?\b"
        # "Got my temp checked, 38.5 this morning"
        r"|\btemp(?:erature)?\s+(?:checked|taken)\b[^.!?]{0,20}?\b(?:3[89]|4[01])[.·]\d\b(?!\s*(?:min|km|k|mi|s|sec|%)(?!\w))"
        r"|\bstill\s+(?:got|have|has)\s+(?:a|the|that)\s+(?:high\s+|slight\s+)?(?:temperature|temp(?!\s+(?:session|run|job|work"
        r"|role|agency|contract|workout|effort|pace|as|to|on|this|next|tomorrow|tonight)\b))\b(?!\s+(?:of\s+the|outside)\b)"
        r"|\b(?:3[89]|4[01]|10[0-4])[.·]\d(?:\s*+°?\s*+[cf]\b)?\s+on\s+the\s+thermometer\b"
        r"|\bstill\s+(?:at\s+)?(?:3[89]|4[01])[.·]\d(?!\s*+(?:k|km|mi|miles?|kg|kilos?|lbs?|min\w*|s|secs?)\b)"
        # "Today: 38.6 and shivery", after "Yesterday: fever 38.8"
        # "38.5+ and shivery", "fever gone by tuesday, back up to 38.5 tonight" (not the weather's "38.9 today", a
        # 10k's "39.2 this morning", a VO2max "back up to 39.2")
        r"|\b(?:3[89]|4[01])[.·]\d\s*+\+?\s*+(?:°\s*+c?\s*+)?and\s+shiver\w*"

        rf"|^\s*+(?:today|now|this\s+morning|tonight)\s*+[:=–—-]\s*+(?:temp\w*\s+)?(?:3[89]|4[01])[.·]\d{_NOT_WEATHER}")),
    "after_fall": (("fall", "fell", "tumble", "spill", "crash", "trip", "slipped", "stacked", "went down",
                    "plant", "came off", "hit", "clipped", "knocked", "flying", "wiped", "landed", " over ", "mirror",
                    "caught", "doored", "tumbled", "ate", "kissed", "face first", "face-first", "off my feet"), (
        r"\b(?:had|took|after|since|from|in)\s+(?:a|the|my|that)\s+(?:\w+\s+)?(?:fall|tumble|spill|crash)\b"
        r"(?!\s+(?:marathon|half|race|\d+k|season|colou?rs?|leaves|run|diet|course|test|and\s+burn))"
        r"(?![^.!?]{0,30}\b(?:rankings|standings|league|table|stocks?|prices?|results)\b)"
        # "from yesterday's fall on the ice" (not "yesterday's sugar crash" nor "Sunday's fall 10k")
        r"|\b(?:after|since|from)\s+(?:yesterday's|last\s+(?:night|week)'s|\w+day's)\s+(?:(?:bike|cycling|road|trail|bad|nasty"
        r"|big|hard)\s+)?(?:fall|tumble|spill)\b(?!\s+(?:marathon|half|race|\d+k|season|colou?rs?|leaves|run|series))"
        r"|\b(?:after|since|from)\s+(?:yesterday's|last\s+(?:night|week)'s|\w+day's)\s+(?:bike|cycling|car|road)\s+crash\b"
        rf"|(?:{_FELL_BY})fell\b{_NOT_FALLING}"
        rf"|{_THINGS}\bfell\s+(?:over|down|hard|heavily|badly|on|onto|flat|and|backwards"
        r"|off\s+(?:my|the|a)\s+(?!pace|cliff))\b"
        r"|\b(?:after|since|from)\s+(?:falling|tripping|slipping|crashing)\b(?!\s+(?:asleep|behind|apart|short"
        r"|off\s+(?:the\s+|my\s+)?pace))"
        r"|\btripp(?:ed|ing)\b(?![^.;]{0,30}?\b(?:caught\s+myself|didn't\s+(?:go\s+down|fall)|did\s+not\s+fall"
        r"|stayed\s+(?:up|upright|on\s+my\s+feet)|saved\s+it)\b)"
        r"|(?:^\s*+|\b(?:a|one)\s+)(?:bad|nasty|big|hard|heavy)\s+(?:fall|tumble)\b(?!-)"
        r"(?!\s+(?:in|of|off|marathon|half|race|season|\d+k|block|build|training|plans?|colou?rs?|leaves|overnight)\b)"
        # "one proper fall, bruised hip", "Massive fall at 6k" (but "proper fall weather", "a real fall feel")
        r"|(?:^\s*+|\b(?:a|one)\s+)(?:proper|massive|huge|real)\s+(?:fall|tumble)\b"
        r"(?=\s*+(?:[,.;!]|$|(?:and|on|onto|at|down|off)\b(?!-)))"
        r"|\b(?:knocked|bowled)\s+me\s+(?:flying|over)\b|\b(?:got|was|been|getting|get)\s+knocked\s+(?:flying|over|down)\b"
        r"|\b(?:knocked|bowled)\s+(?:flying|over)\s+by\s+(?:a|an|the|some)\s+(?:[\w-]+\s+)?(?:dog|cyclist|bike|runner|kid|car"
        r"|van|scooter|child)\b|\bslipped\s+(?:on|and|over|off|down)\b(?!\s+(?:(?:my|the|a|some)\s+)?(?:new\s+)?(?:shoes|trainers|jacket|vest|top|kit|socks"
        r"|gloves|hat|headphones|earbuds|watch|tights|shorts)\b)(?!\s+to\b)|\bstacked\s+it\b|\bwent\s+down\s+(?:hard|heavily|in\s+a\s+heap(?!\s+(?:on\s+the\s+(?:sofa|couch|grass|bed|floor|ground)|after)))\b|\bate\s+(?:the\s+)?(?:pavement|tarmac|concrete|dirt|gravel|mud|grass)\b"
        r"|\b(?:went|fell|landed)\s+flat\s+on\s+my\s+face\b|\bi\s+(?:am|was|have)\s+fall\s+(?:on|in(?!\s+love)|down|over|from)\b"
        r"|\b(?:ended\s+up|went|landed)\s+face[\s-]+first\s+(?:in|into|on|onto)\s+(?:the\s+|a\s+)?(?:mud|ground|dirt|pavement|tarmac"
        r"|floor|grass|gravel|puddle|hedge|bush|brambles|nettles|trail|path|road|ice|snow|concrete)\b"
        # the dog that pulled me over ("She lunged at a squirrel and pulled me straight over"; not "coach pulled me over for a chat")
        r"|\b(?:dog|lead|leash|puppy|pup|husky|she|it)\b[^.!?]{0,50}?\b(?:pulled|dragged|yanked)\s+me\s+(?:straight\s+|right\s+|clean\s+)?"
        r"(?:over|off\s+my\s+feet)\b(?!\s+(?:to|for|towards?|at)\b)(?![^.!?]{0,60}\b(?:kept|stayed)\s+(?:on\s+)?my\s+feet\b)"
        r"|\bkissed\s+the\s+(?:tarmac|pavement)\b|\b(?:pothole|wheel|skidded|bike|cycling)\b[^.!?]{0,40}?\b(?:i|and|then)\s+came\s+off\b"
        r"|\bwent\s+over\s+on\s+(?:the\s+|some\s+|an?\s+)?(?:ice|icy|black\s+ice|wet|mud|muddy|slippery|leaves|roots?|gravel|scree"
        r"|loose|stones)\b"
        # ... or on the trail, unless it was the ankle that went ("went over on the kerb, ankle a bit sore": a sprain)
        r"|(?<!ankle,\s)(?<!ankle\s)(?<!ankle\sand\s)\bwent\s+over\s+on\s+(?:the\s+|a\s+)?(?:trail|kerb|curb|rocks?|descent"
        r"|cobbles)\b(?![^.!?]{0,40}\b(?:stayed\s+(?:up|upright|on\s+my\s+feet)|kept\s+my\s+feet|no\s+damage)\b)"
        r"(?![^.!?]{0,40}\bankle\b)"
        # "landed on my hip on the ice" (not "landed on my forefoot": a stride)
        r"|(?:\b(?:i|and|then)\s+|(?<![a-z]\s)(?<![a-z'])(?=l))landed\s+"
        r"(?:hard\s+|heavily\s+|awkwardly\s+|badly\s+|right\s+|smack\s+|full\s+)?(?:on|onto)\s+(?:my\s+)?"
        r"(?:hip|side|back|bum|butt|arse|backside|shoulder|elbow|wrist|hands?|knees?|face|head|coccyx|tailbone|ribs)\b"
        r"(?!\s+(?:on|in)\s+(?:the\s+|my\s+)?(?:sofa|couch|bed|mat|crash\s+mat|floor\s+after))"
        r"|\bwent\s+down\s+on\s+(?:the\s+|some\s+)?(?:wet|ice|icy|mud|muddy|slippery|gravel|kerb|curb|pavement|tarmac|rocks?|boardwalk|black\s+ice|leaves|cobbles)\b"
        r"|\bface[\s-]?plant\w*|\b(?:arse|ass)\s+over\s+(?:tit|teakettle|elbow)\b|\bcrashed\s+(?:my\s+bike|into|off)\b|\b(?:bike|cycling)\s+crash\b"
        r"|\bcame\s+off\s+(?:my|the)\s+(?:(?:tt|road|mountain|gravel|race|new|push)\s+)?bike\b(?!\s+(?:in\s+\d|at\s+\d{1,2}:\d\d|feeling|into\s+t2"
        r"|onto\s+the\s+run|and\s+(?:ran|onto|straight)))|\b(?:got|was|been|getting)\s+doored\b"
        r"|(?:(?<=\bi\s)|(?<=\bwe\s)|(?<=\bthen\s)|(?<=\band\s)|(?<!\w)(?<!\w\s))tumbled\s+(?:down|over|off|into)\b|\bhit\s+by\s+a\s+(?:car|bike|cyclist|van|bus|lorry|truck)\b"
        r"|\b(?:car|van|bus|bike|cyclist|lorry|truck|scooter|runner|dog|taxi|cab|motorbike|mirror)\s+(?:clipped|hit|knocked"
        r"|struck)\s+(?:me|my\s+(?:arm|shoulder|hip|elbow|leg|side|back|hand))\b"
        r"|\b(?:car|van|bus|lorry|truck|taxi|cab|motorbike|mirror)\s+caught\s+my\s+(?:arm|shoulder|hip|elbow|leg|side|back|hand)\b"
        # pushed into something solid by someone or something (not "the heat knocked me into the wall at 32k")
        r"|\b(?:car|van|bus|bike|cyclist|lorry|truck|scooter|runner|dog|taxi|cab|motorbike|mirror|someone|kid|child)\w*\s+"
        r"knocked\s+me\s+(?:into|onto)\s+(?:a|the)\s+(?:lamp\s*post|wall|hedge|ditch|fence|road|car|kerb|curb|railings?|bush\w*"
        r"|post|bin|tree|ground|barrier|gate|verge)\b"
        r"|\bknocked\s+me\s+(?:into|onto)\s+(?:a|the)\s+(?:lamp\s*post|hedge|ditch|fence|road|kerb|curb|railings?|bush\w*"
        r"|bin|barrier|gate|verge)\b"
        r"|\b(?:got|was|been|get|getting)\s+knocked\s+(?:off|over|down|into\s+(?:a|the)\s+(?:bush\w*|hedge|ditch|road|wall|fence"
        r"|lamp\s*post|railings?|kerb|curb|verge))\b|\bknocked\s+(?:off|over|down)\s+"
        r"(?:(?:my|the)\s+bike|by)\b|\bclipped\s+by\s+(?:a|the)\b|\bcrashed\s+(?:the|my)\s+bike\b"
        r"|\bwent\s+flying\b(?!\s+(?:past|by|along|through|round|around|up|down\s+the\s+(?:hill|descent)))"
        r"|\btook\s+a\s+tumble\b(?![^.!?]{0,30}\b(?:rankings|standings|league|table|stocks?|prices?|results)\b)|\bwent\s+over\s+the\s+(?:handle)?bars\b|\bcrashed\s+on\s+my\s+bike\b|\bwiped\s+out\s+(?:on|in|over)\b|\bhit\s+the\s+(?:deck|ground)\b(?!\s+running)"
        r"|\blanded\s+(?:hard\s+|heavily\s+|flat\s+|badly\s+|right\s+)?on\s+my\s+(?:back|side|shoulder)\b"
        r"(?!\s+(?:on|in)\s+(?:the\s+|my\s+)?(?:sofa|couch|bed|mat|crash\s+mat))")),
    "weight_loss": (("weight", "losing", "without", "dieting", "reason", "unexpectedly", "eating", "dieting", "trying", "changed", "why", "upped",
                     "increased", "w/o", "unintention", "unexplained", "wt loss"), (
        r"\b(?:unexplained|unintentional|unintended|unexpected|sudden|mysterious)\s+weight\s*loss\b"
        r"|\b(?:losing|lost|lose|dropping|dropped)\s+(?:\w+\s+){0,2}?"
        r"(?:weight|\d+(?:[.·]\d+)?\s*(?:kg|kilos?|lbs?|pounds|stone))\s+(?:\w+\s+){0,2}?"
        r"(?:without\s+(?:trying|meaning\s+to|dieting)|for\s+no\s+(?:apparent\s+)?reason|unexpectedly|unintentionally)"
        r"|(?:\b(?:dropped|lost|losing|down|(?:wt|weight)\s+loss(?:\s+of)?)\s+(?:\w+\s+){0,3}?(?:\d+(?:[.·]\d+)?\s*)?"
        r"|(?<![\w/-])-\s*+\d+(?:[.·]\d+)?\s*)"
        r"(?:kg|kilos?|lbs?|pounds|stone)\b[^.]{0,50}?"
        r"(?:(?:without|w/o)\s+(?:trying|dieting|meaning\s+to|changing\s+(?:anything|a\s+thing|what|how|my))"
        r"|not\s+(?:even\s+)?(?:trying|dieting)|eating\s+the\s+same"
        r"|no\s+reason|eating\s+(?:loads|normally|more|plenty|lots|well)|unintention(?:al|ally)\b|unintended|unexplained"
        r"|without\s+(?:to\s+)?(?:make|making|do|doing)\s+(?:a\s+|any\s+)?diet"
        r"|(?:haven't|have\s+not|not|didn't)\s+(?:changed|upped|increased)\s+(?:anything|a\s+thing|what\s+i|how\s+(?:much|i)"
        r"|my\s+(?:mileage|training|running|diet|eating))|nothing(?:'s|\s+has)\s+changed"
        r"|(?:no\s+idea|(?:don't|dont|do\s+not)\s+know|not\s+sure)\s+why(?=\s*+(?:[,.!?;)]|$)))"
        r"|\b\d+(?:[.·]\d+)?\s*(?:kg|kilos?|lbs?|pounds)\s+(?:wt|weight)\s+loss\b[^.]{0,50}?(?:unintention\w*|unexplained|no\s+reason"
        r"|without\s+trying)"
        r"|\b\d+(?:[.·]\d+)?\s*(?:kg|kilos?|lbs?|pounds)\s+(?:i've|ive|i\s+have)\s+(?:lost|dropped)\b[^.]{0,60}?"
        r"(?:(?:haven't|have\s+not|not|didn't)\s+(?:changed|upped|increased)\s+(?:anything|a\s+thing|my\s+(?:mileage|training"
        r"|running|diet|eating))|without\s+(?:trying|dieting)|no\s+reason|not\s+(?:trying|dieting))"
        r"|\b(?:can't\s+stop|keep|keeps)\s+losing\s+weight\b"
        r"|\b(?:not\s+(?:even\s+)?(?:dieting|trying)(?!\s+for\b|\s+to\s+(?!lose|drop)\b)|without\s+trying)\b[^.]{0,40}?\b\d+(?:[.·]\d+)?\s*"
        r"(?:kg|kilos?|lbs?|pounds|stone)\s+(?:gone|off|down|lost)\b"
        r"|\b(?:losing|lost|dropping)\s+weight\b[^.]{0,60}?(?:eating\s+(?:more|loads|normally|plenty|lots|well|the\s+same)"
        r"|without\s+trying|no\s+reason|not\s+(?:trying|dieting))"
        r"|\bweight\s+(?:keeps\s+|is\s+|has\s+been\s+)?(?:dropping|falling|coming\s+off)\b[^.]{0,40}?"
        r"(?:eating|without\s+(?:trying|dieting)|no\s+reason|not\s+(?:trying|dieting))")),
}
RED_FLAG_RX = {code: (needles, re.compile(pattern)) for code, (needles, pattern) in _RED_FLAG_PATTERNS.items()}
# "arm tingling from the watch strap": pressure from kit, said so in the same clause, is not the nerves
KIT_CAUSE = re.compile(r"\b(?:from|because\s+of|due\s+to|thanks\s+to|(?:once|after|when)\s+i\s+(?:loosened|adjusted"
                       r"|took\s+off|removed|undid))\s+(?:the\s+|my\s+|a\s+)?(?:\w+\s+)?"
                       r"(?:straps?|watch|watchband|band|sleeve|armband|vest|backpack|pack|bra|bladder|compression)\b")
# "not sure if this counts as breathless": unsure of the word, not of the symptom
UNSURE = re.compile(r"\b(?:not\s+sure|unsure|(?:don't|dont|didn't|didnt)\s+know|dunno|idk|no\s+(?:idea|clue)|wonder(?:ing)?"
                    r"|hard\s+to\s+(?:tell|say)|(?:can't|cant|couldn't|couldnt|cannot)\s+(?:tell|say|decide|work\s+out"
                    r"|figure\s+out))\s+(?:if|whether)\s+(?!(?:anyone|anybody|any\s+of\s+you|others|everyone|someone|people|you)\b)"
                    r"(?:\w+\s+){0,9}?(?:is|was|counts?\s+as|'s|it's|its|this's|felt|had|got|means|meant|matters"
                    r"|should\s+(?:mention|tell|show|get|see))\b"
                    r"(?!\s*+(?:ok|okay|safe|normal|worth|fine|allowed|wise|a\s+good\s+idea|bad)\b)")
# breathlessness that belongs to the effort ("absolutely breathless on the last two reps, as planned",
# "Breathless at the end of every rep, back to normal in the 200 jog")...
BREATH_EFFORT = re.compile(r"\b(?:reps?|repeats?|intervals?|sprints?|strides|efforts|\d+\s*x\s*\d+\w*|[1-9]\d0s|vo2\w*"
                           r"|the\s+finish|finishing\s+(?:straight|kick)|kick|last\s+(?:rep|lap|interval)|race\s+pace"
                           r"|(?:every|each|the\s+last)\s+(?:[1-9]\d0|1k|km|mile|lap)|as\s+planned)\b")
# ... or that passed at once ("completely breathless at the top of the final climb, but I recovered within a minute")
BREATH_RECOVERED = re.compile(r"\brecovered\s+(?:within|in|after)\s+(?:a|one|\d+|a\s+few)\s+(?:minute|min|sec|moment)\w*\b")
# a left arm painful for a reason of its own
ARM_CAUSE = re.compile(r"\b(?:jab|vaccin\w*|injection|booster|bench|press|gym|weights|tattoo|blood\s+test|carrying|carried"
                       r"|(?:fell|landed)\s+(?:on|onto)\s+(?:my\s+)?(?:left\s+)?arm)\b")
# ...unless something about it is not ordinary
BREATH_UNUSUAL = re.compile(
    rf"\b{_OUT_OF_PROPORTION}|\b{_LONG_AFTER}|\b(?:walking\s+(?:home|up\s+(?:the\s+)?stairs)|stairs|not\s+like\s+me"
    r"|never\s+(?:had\s+(?:that|this|it)|happens|been\s+like\s+(?:this|that))|(?:more|worse)\s+than\s+(?:usual|normal|ever)"
    r"|unusual|for\s+no\s+reason|even\s+(?:on|at|when|while|in|during|walking|jogging|easy|\w+ing)|at\s+rest|in\s+bed"
    r"|lying\s+down|sitting|on\s+the\s+(?:sofa|couch)|(?:didn't|didnt|wouldn't|wouldnt|hadn't|hasn't)\s+(?:ease|recover|go|settle)"
    r"|not\s+back\s+to\s+normal|(?:an?|one|two|three|\d)\s+hours?\s+(?:later|after)"
    r"|for\s+(?:a\s+good\s+|about\s+|over\s+|nearly\s+)?(?:[1-9]\d|ten|fifteen|twenty|thirty|forty)\s+min\w*"
    r"|took\s+(?:[1-9]\d|ten|fifteen|twenty|thirty|forty)\s+min\w*\s+to\s+(?:settle|recover|calm)"
    r"|rest\s+of\s+the\s+(?:day|evening|night)|all\s+(?:day|evening)|couldn't\s+shake\s+it|wheez\w*"
    r"|(?:minimal|the\s+slightest|any)\s+(?:effort|exertion)|skipped\s+the|since\s+the\s+(?:cold|virus|covid|flu|bug)"
    r"|doing\s+nothing|weird|easy\s+(?:recovery\s+)?(?:jog|run|day)|from\s+the\s+(?:first|start)"
    r"|so\s+i\s+(?:bailed|stopped|pulled\s+out|cut\s+it|quit|abandoned)|had\s+to\s+(?:stop|bail|pull\s+out)"
    r"|scared|frightened|ambulance|paramedics?|medics|blue\s+lips|lips\s+(?:went\s+)?blue"
    r"|chest\b(?!\s+(?:strap|cold|infection|bug))|dizzy|faint)\b")
# one leg weak from the muscles or the miles, or weaker than the other in the gym ("Left leg felt weak on the
# last mile, hamstring tight all week", "Weak in my left leg by 30k, but the right was just as dead", "weak in my
# left leg compared to the right"), not "foot slapping, not tired at all"
LEG_FATIGUE = re.compile(r"\b(?:quads?|hamstrings?|glutes?|calf|calves|shins?|achilles|hip\s+flexors?|shot|fatigue\w*|tired"
                         r"|leg\s+day|compared\s+to|than\s+(?:the|my)\s+(?:left|right|other)|both\s+(?:legs|sides|of\s+them)"
                         r"|the\s+(?:right|left|other)\s+(?:one\s+)?(?:was|too|as\s+well)|just\s+as|standard|as\s+expected"
                         r"|squats?|lunges?|strength|imbalance|strain\w*|rehab|recovering|cramp\w*|sat\s+funny"
                         r"|after\s+(?:\w+\s+){0,2}?(?:marathon|ultra)|long\s+run|expected|(?:the|marathon)\s+wall|knackered"
                         r"|exhausted|cooked|wrecked|bonk\w*"
                         r"|downhill|descent|descending|balance|push-?off|stryd|power\s+(?:meter|output)|blisters?|injur\w*|niggle)\b")
# a foot that slaps or drags in new shoes
FOOT_SHOES = re.compile(r"\b(?:shoes?|trainers|carbon|plates?|spikes|super\s*shoes)\b")
# ... not when the arm gave out at the gym ("arms felt weak doing pull-ups")
ARM_GYM = re.compile(r"\b(?:pull-?ups?|push-?ups?|press-?ups?|chin-?ups?|dips|gym|weights|bench(?:\s+press)?|curls|lifting|plank\w*"
                     r"|carrying|holding\s+(?:my|the|a)\s+(?:toddler|baby|kid|son|daughter|bag|shopping)"
                     r"|(?:from|after)\s+holding\s+(?:my|the|a)\s+phone"
                     r"|swim\w*|rowing|paddl\w*|kayak\w*)\b")
# "Hands so sweaty I couldn't grip my bottle": the grip, not the nerve
GRIP_EXCUSE = re.compile(r"\b(?:sweat\w*|slippery|wet|cold|frozen|freezing|numb\s+from\s+the\s+cold|gloves?|teeth)\b")
# ... and never when it came on out of nowhere ("suddenly went weak on my long run, had to stop")
LIMB_ALARMING = re.compile(r"\b(?:suddenly|out\s+of\s+nowhere|had\s+to\s+stop|scar(?:y|ed)|frightening|never\s+had"
                           r"|wouldn't\s+do\s+what|giv(?:e|es|ing)\s+(?:way|out)|gave\s+(?:way|out)|buckl\w*|weak\s+and\s+dragg\w*"
                           r"|first\s+time"
                           r"|never\s+before|(?:wasn't|wasnt|not)\s+(?:even\s+)?tired|went\s+limp)\b")
# "not the usual tired", "nothing like normal fatigue": the explanation denied
LEG_FATIGUE_DENIED = re.compile(r"(?:\bno|\bnot|\bnothing\s+like|\bnever|\bwithout|n't)\b[^,;.]{0,20}$")
# an ache round to the chest from kit or the gym ("HRM strap pain going round to my chest", "ache in my lats
# wrapping around to my chest from yesterday's bench session")
WRAP_EXCUSE = re.compile(r"\b(?:hrm|strap|vest|bra|band|harness|backpack|bench|press|pecs?|lats|doms|chest\s+day|push-?ups?"
                         r"|press-?ups?|flyes|flys|gym|weights|deadlifts?|rows?|sunburn\w*|rash|chaf\w*|rubb\w*|itch\w*)\b")
_BODY = (r"(?:wrist|arm|elbow|collar\s*bone|ribs?|ankle|knee|hand|palms?|finger|thumb|toe|nose|hip|shoulder|leg|thigh|shin|chin|face"
         r"|head|cheek|jaw|back|neck)")
FALL_INJURY = re.compile(
    rf"\b(?:broke|broken|fractured?|dislocated|sprained|smashed|split|cracked|bashed|whacked|bruised|grazed|scraped|skinned"
    rf"|cut|gashed|busted)"
    rf"\s+(?:my\s+|a\s+|both\s+)?{_BODY}\b"
    rf"|\b{_BODY}(?:'s|\s+is|\s+was|\s+(?:might|may|could)\s+be|\s+(?:looks|feels))?\s+(?:(?:really|very|so|badly|quite)\s+)?"
    rf"(?:\w+\s+and\s+)?(?:broken|fractured"
    r"|swollen|swelling(?:\s+up)?|puffed\s+up|swelled(?:\s+up)?|ballooned|busted(?:\s+open)?|broke(?=\s+in\b)|dislocated|throbbing"
    r"|bleeding|bruised|grazed|scraped"
    r"|stinging|shredded|bloody|bloodied)\b"
    r"|\b(?:it's|its|it\s+is)\s+(?:swelling\s+up|swollen|bruised|throbbing|bleeding)\b|\bthink\s+it(?:'s|\s+is|\s+might\s+be|\s+may\s+be)\s+broken\b"
    r"|\b(?:i'm|im|i\s+am|i\s+was|and|now)\s+limping\b|\bhobbl(?:ed|ing)\s+(?:off|home|back|in|the\s+(?:last|rest))\b|\bconcuss(?:ed|ion)\b|\bbig\s+lump\b")
# "Face planted on the cobbles, split my chin and my jaw aches": the jaw hit the ground
# "couldn't speak sitting down at the finish, tears everywhere": moved, not out of breath
MOVED = re.compile(r"\b(?:tears|crying|cried|emotional|sobbing|overwhelmed|choked\s+up|speechless)\b")
# ... at a finish or a PB, and not frightened ("ended up in tears, scared", "my wife was crying, ambulance called")
CELEBRATED = re.compile(r"\b(?:finish\w*|marathon|pb|pr|medal|done|line|proud|first|happy|joy)\b")
FRIGHTENED = re.compile(r"\b(?:scared|frightened|terrified|worried|ambulance|a&e|paramedics?|999|911|hospital)\b")
# "wasn't even cold out": the cold said not to be there explains nothing
NOT_COLD = re.compile(r"\b(?:wasn't|was\s+not|isn't|not|wasnt)\s+(?:even\s+|that\s+|very\s+|the\s+)?(?:cold|freezing|chilly)\b")
# "pins and needles in my foot from sitting cross-legged": posture, not nerves
POSTURE_CAUSE = re.compile(r"\b(?:foot|feet|toes?|legs?|bum|butt)\b[^,.;]{0,40}?(?:\b(?:from|after)\s+(?:sitting|kneeling)\b"
                           r"|\bcross-?legged\b|\b(?:fell|went)\s+asleep\b)"
                           # "laced them way too tight, toes went a bit numb"
                           r"|\b(?:toes?|feet|foot)\b[^.;]{0,40}?\b(?:laces?|laced|shoes?|trainers)\b[^.;]{0,30}?\b(?:tight|narrow|small|snug)"
                           r"|\b(?:laces?|laced|shoes?|trainers)\b[^.;]{0,30}?\btight\w*\b[^.;]{0,40}?\b(?:toes?|feet|foot)\b"
                           # "arm numb from sleeping on it"
                           r"|\b(?:arms?|hands?|fingers?)\b[^,.;]{0,40}?\bfrom\s+(?:sleeping|lying|laying)\s+on\s+(?:it|them|my)\b")
FEET = re.compile(r"\b(?:toes?|feet|foot)\b")
# a knock on the elbow's nerve, anywhere in the sentence
FUNNY_BONE = re.compile(r"\b(?:hit|whacked|banged|knocked|bashed|caught|smacked)\s+(?:my\s+)?funny\s*bone\b")
# ... unless the tingling stayed ("... but the tingling in my left hand has lasted all day")
LASTED = re.compile(r"\b(?:lasted|all\s+day|still|hasn't|won't|hours?|since)\b")
# 14. weight lost in sweat on a run, a temperature that is the weather
# "chest still sore from the push-up challenge": a muscle's soreness from the gym, said of soreness alone
GYM_SORE = re.compile(r"\b(?:from|after|since)\s+(?:the\s+|my\s+|all\s+the\s+|yesterday's\s+|a\s+|too\s+many\s+)?(?:\w+\s+)?"
                      r"(?:push[-\s]?ups?|press[-\s]?ups?|bench(?:ing)?|bench\s+press|gym|chest\s+day|weights|dips|fl(?:y|ies|yes)"
                      r"|pull[-\s]?ups?|burpees|planks?|push[-\s]?up\s+challenge|strength\s+session)\b|\(chest\s+day\)")
# "HRM strap across my chest a bit tight", "chest sore from chafing": the kit on the chest, not the heart
CHEST_KIT = re.compile(r"\b(?:hrm|heart\s+rate\s+(?:monitor|strap)|chest\s+strap|vest|sports\s+bra|bra|harness|backpack"
                       r"|nip\s+guards?|chaf\w*|squeezed\s+in|strap\s+rubb\w*|(?:from|where)\s+the\s+strap)\b")
KIT_AS_CAUSE = re.compile(r"[^.;]{0,25}?\b(?:from|because\s+of|due\s+to|where|in|for)\s+(?:the\s+|my\s+|a\s+)?(?:\w+\s+){0,2}?"
                          r"(?:hrm|strap|vest|bra|harness|backpack|nip\s+guards?|chaf\w*|rubb\w*)\b")
# "down 2 kg after the stomach bug": weight lost for a reason the runner names
# "haven't changed my running but I've gone keto", "from cutting out beer": weight lost on purpose or by training
_GIVEN_UP = r"(?:the\s+|my\s+|all\s+)?(?:\w+\s+)?(?:beer|booze|alcohol|sugar|chocolate|sweets|bread|carbs|snacks|wine|drinking|takeaways?|crisps)"
CHOSEN_LOSS = re.compile(rf"\b(?:keto|(?<!\bone\s)diet(?:ing)?|low\s+carb|fasting|calorie\s+deficit|counting\s+calories"
                         rf"|cut(?:ting)?\s+out\s+{_GIVEN_UP}|gave\s+up\s+{_GIVEN_UP}|off\s+the\s+(?:beer|booze|sugar)"
                         r"|(?:doubled|increased|upped)\s+(?:my\s+)?(?:mileage|training|volume)|increased\s+(?:mileage|volume|training)"
                         r"|more\s+(?:mileage|miles|training)|(?:training|marathon)\s+block|race\s+weight"
                         r"|on\s+purpose|slimming|weight\s+watchers|ozempic|wegovy|trying\s+to|nicely|steadily|on\s+track|goal|target"
                         r"|started\s+eating|eating\s+(?:more\s+(?:veg|fruit|protein|healthily)|healthier|better|less|fewer)"
                         r"|fewer\s+(?:biscuits|snacks|sweets)|🎉)")
ILLNESS_LOSS = re.compile(r"\b(?:after|from|with|since|because\s+of|due\s+to)\s+(?:the|a|my|that|this)?\s*+(?:\w+\s+)?"
                          r"(?:bug|virus|flu|illness|covid|norovirus|noro|food\s+poisoning|sickness|gastro|stomach\s+bug)\b")
# "spat a bit of blood from a nosebleed": the nose, gums or a bitten lip, not the lungs
MOUTH_BLOOD = re.compile(r"\b(?:nosebleed|nose\s*bleed|nose|gums?|lip|tongue|cheek|tooth|teeth|mouth\s+ulcer|dentist|braces)\b")
# a clause before that is set against it ("Lip healed up nicely, but coughed up blood after the intervals")
AGAINST = re.compile(r"\b(?:but|however|though|although)\b")
# a cause denied does not explain anything: "definitely not from my nose or gums", "my lip wasn't cut"
DENIED_NEAR = re.compile(r"\b(?:not|no|never|nothing|fine|normal)\b|n't\b")
SWEAT_LOSS = re.compile(r"\b(?:on|during|in)\s+(?:the|my|a|today's)\s+(?:long\s+)?(?:run|race|heat|session|marathon)\b"
                        r"|\bsweat\w*")
WEATHER = re.compile(r"\b(?:scorcher|outside|out\s+there|heat|hot\s+day|sun|sunny|weather|humid\w*|in\s+the\s+shade|sweltering"
                     r"|melting|scorching|roasting|boiling|garmin|watch"
                     r"|bath|sauna|hot\s+tub|jacuzzi|thermostat)\b")
# 13. a fever told of as over before its mention: "recovered from the fever", "first run after the fever"
RESOLVED_BEFORE = re.compile(r"\b(?:recovered|recovering|back|over)\s+from\s+(?:the|my|a|that)\s+(?:\w+\s+)?$"
                             r"|\b(?:first|easy|second)\s+(?:\w+\s+)?(?:run|jog)\s+(?:back\s+)?(?:after|since)\s+"
                             r"(?:the|my|a|that)\s+(?:\w+\s+)?$|\bafter\s+(?:the|my|that)\s+$")
COLD = re.compile(r"\b(?:cold|freez\w*|frozen|chilly|icy|ice|frost\w*|winter|gloves?|snow\w*|hail(?:storm|stones?|ing)?|sleet|wind\s?chill"
                   r"|sub-?zero)\b|-\d+\s*°")

# 14. weight lost told as two readings (see soreness_flags._lost_between_readings)
WEIGHT_CUE = re.compile(r"\b(?:scales?|weigh\w*|weight|kgs?|kilos?|lbs?|pounds|stones?|belt|jeans|clothes)\b|\d\s*st\b")
NO_REASON_FOR_LOSS = re.compile(
    r"\b(?:(?:haven't|have\s+not|not)\s+been\s+(?:trying|dieting)|no\s+(?:idea|clue)\s+(?:why|where|how)|(?:don't|dont|do\s+not)\s+know\s+why|can't\s+explain|not\s+(?:even\s+)?(?:trying|dieting)"
    r"|without\s+(?:trying|dieting)|(?:haven't|have\s+not|not|didn't|did\s+not)\s+changed?\s+(?:a\s+thing|anything|what\s+i\s+eat"
    r"|how\s+(?:much\s+)?i\s+eat|my\s+(?:diet|eating))|eating\s+(?:more|loads|the\s+same|normally|plenty|lots)|appetite(?:'s|\s+is)?\s+(?:normal|fine|good)"
    r"|wish\s+it\s+was\s+on\s+purpose|not\s+on\s+purpose|eat\s+(?:the\s+)?same|same\s+(?:like|as)\s+before"
    r"|(?:don't|dont|do\s+not)\s+(?:make|do|go\s+on)\s+(?:a\s+)?diet)")
GAINED_OR_THEIRS = re.compile(
    r"\b(?:gain\w*|put\s+on|piled\s+on|heavier|back\s+up\s+to|he|she|his|her|they|their"
    r"|my\s+(?:husband|wife|partner|dad|mum|mom|father|mother|son|daughter|friend|brother|sister|dog|cat))\b")
STONE_READING = re.compile(r"\b(?P<st>\d{1,2})\s*(?:st|stone)\b\s*(?P<lb>\d{1,2}\b(?!\s*(?:kg|k|km|mi|min)))?")
# a number that is a weight: with its unit, after the scales or "I was", or before when it was ("67 at Christmas")
_NOT_A_WEIGHT = r"(?!\s*(?:k\b|km|mi\b|miles?|mins?|minutes|bpm|%|x\b|/|:|st\b|stone|s\b|sec))"
WEIGHT_READING = re.compile(
    r"(?:\b(?:weigh\w*|scales?(?:\s+(?:say|said|says|showed|shows|read|reads))?|weight\s+(?:now\s+)?(?:is\s+)?|i\s+was|was|sit\s+at"
    rf"|down\s+to|from|before\s+\w+)\s*+:?\s*+|(?:->|→)\s*+)(?P<n>\d{{2,3}}(?:[.·]\d)?)\b{_NOT_A_WEIGHT}"
    r"|(?<![\d.·/:-])(?P<unit>\d{2,3}(?:[.·]\d)?)\s*(?:kg|kgs|kilos?|lbs?|pounds)\b"
    r"|(?<![\d.·/:-])(?P<when>\d{2,3}(?:[.·]\d)?)(?=\s*+(?:->|→)|\s+(?:now|today|this\s+morning|in\s+(?:the\s+)?(?:spring|summer|autumn|winter"
    r"|january|february|march|april|may|june|july|august|september|october|november|december)|at\s+christmas|at\s+easter)\b)")

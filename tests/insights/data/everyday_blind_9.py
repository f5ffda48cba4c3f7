# Held out when first scored (written from design.md alone, in many voices): the session's starting reader
# 108/120 (6 warning signs missed entirely); b19313f 111/120 (3), with no phrase it read worse; after its
# misses were read 116/120 (0).
# Blind held-out set: red-flag reading of Strava run descriptions (today's run).
# Labels = red flags the runner reports as happening to THEM now (today / this run / ongoing).
# Codes: chest_pain, breathless, radiating_pain, sweating_or_nausea, coughing_blood,
#        numbness_or_weakness, fever, after_fall, weight_loss.
# Tuples list codes in that canonical order. () = no alarm.

CASES = [
    # ------------------------------------------------------------------ ALARMS (50)
    ("Felt a tight band across my chest around 5k, stopped and walked home. #upperback 5", ("chest_pain",)),
    ("not sure if it's chest pain or just a stitch but it was on the left and didn't go when I slowed down", ("chest_pain",)),
    ("CHEST FELT LIKE SOMEONE WAS SITTING ON IT AT MILE 3. WALKED BACK. UPPER BACK ACHING TOO", ("chest_pain",)),
    ("Today I have pressure in the chest when I run uphill, and my arm left also have pain. Upper back is sore like always.", ("chest_pain", "radiating_pain")),
    ("Upper back pain shooting down into my left arm on the last rep, had to stop", ("radiating_pain",)),
    ("between shoulder blades ache spreading up into my jaw, weird. 8k easy", ("radiating_pain",)),
    ("Rhomboids sore and the pain kind of travels up the side of my neck today", ("radiating_pain",)),
    ("chest tightness for the first 2k then it settled, rest of the run fine", ("chest_pain",)),  # settled during run still counts
    ("couldn't catch my breath even on the walk home, never had that before", ("breathless",)),
    ("no chest pain but really short of breath from the start, had to walk at 1k", ("breathless",)),  # denial scope covers chest only
    ("Gasping for air on a flat easy jog?? something's off. #ubp 3", ("breathless",)),
    ("crushing pain behind my breastbone + sweating like crazy, stopped at 4k and sat on a wall", ("chest_pain", "sweating_or_nausea")),
    ("Threw up with the pain between my shoulder blades at 10k. Not a gel thing, hadn't eaten anything.", ("sweating_or_nausea",)),
    ("upper back pain and nausea together this morning, cut it short at 3 miles", ("sweating_or_nausea",)),
    ("Coughed up a bit of blood after the tempo, upper back sore too", ("coughing_blood",)),
    ("coughing and there was blood in it again today. easy 5k", ("coughing_blood",)),
    ("Left hand went tingly around mile 4 and stayed like that for 10 min. warm morning, 19C", ("numbness_or_weakness",)),
    ("Right arm felt weak, couldn't swing it properly the whole run. rhomboids 4/10", ("numbness_or_weakness",)),
    ("Numbness down my left arm since yesterday, still there today. Upper back tight.", ("numbness_or_weakness",)),
    ("pins and needles in both hands during the run, 18C so not the cold", ("numbness_or_weakness",)),
    ("ran with a fever today (38.2), probably stupid. upper back achy", ("fever",)),
    ("Temp 38.5 this morning, still went out for 5k. shivery the whole way", ("fever",)),
    ("feverish and achy all over, incl. traps. 3 miles walk/jog", ("fever",)),
    ("Tripped on a root at 6k and landed on my back, upper back has hurt ever since", ("after_fall",)),
    # "painful to breathe in" = deep-breath qualifier, not breathlessness (debatable)
    ("a car clipped me at the junction, bruised shoulder blade, painful to breathe in", ("after_fall",)),
    ("Slipped on black ice, came down hard on my back. Thoracic pain 6/10.", ("after_fall",)),
    # crash was Sunday but the pain is ongoing today -> alarm (debatable)
    ("Bike crash on Sunday, back still really sore today, ran 4k anyway", ("after_fall",)),
    ("Lost 6kg since January without trying and the upper back ache won't go. 5k easy", ("weight_loss",)),
    # coach logging on the athlete's own activity: the athlete IS the runner (debatable third person)
    ("Coach log: Sam reported chest tightness on rep 5 of 6x800, session stopped.", ("chest_pain",)),
    ("Athlete says left arm tingling + upper back pain during warm-up. Pulled her from the session.", ("numbness_or_weakness",)),  # coach log, see above
    ("Had chest pain yesterday and it's back today on the hills", ("chest_pain",)),
    ("Fever last week, thought I was over it but it's back today, 38.1", ("fever",)),
    ("Doc gave me the all clear after the tingling on Monday but my fingers went numb again today (not cold, 20 degrees)", ("numbness_or_weakness",)),
    ("GP said it was muscular last week. Chest pain came back today at 3k though.", ("chest_pain",)),
    ("heavy chest the whole run, upper back tight, 5/10 effort", ("chest_pain",)),
    ("Q: sore? A: yes upper back 5/10. Q: chest pain? A: a bit, on the left. Q: breathless? A: no", ("chest_pain",)),
    ("Chest pain: yes. Arm pain: no. Breathing: ok. #upperback 6", ("chest_pain",)),
    ("short of breath + chest tight + sweaty. stopped at 2.3km. called my wife to pick me up", ("chest_pain", "breathless", "sweating_or_nausea")),
    ("Ultra training, 42k. Felt dizzy and sweaty with the chest pain around 30k, not the usual bonk", ("chest_pain", "sweating_or_nausea")),
    # jaw ache on exertion = radiating pattern even without a named source pain (debatable)
    ("tingling in my left arm and jaw ache while running, went away after I stopped", ("radiating_pain", "numbness_or_weakness")),
    ("Brathless on stairs today, upper bak pain worse than yesterday", ("breathless",)),
    ("still coughing blood a little since the race on saturday", ("coughing_blood",)),
    ("wk 3 of couch to 5k. my chest hurt a lot on run 2 and I had to stop, is that normal??", ("chest_pain",)),
    # pain going round to the chest counted as chest pain (debatable)
    ("pain in upper back going round to my chest and down the arm, stopped at 4k", ("chest_pain", "radiating_pain")),
    # night sweats with the back pain in the same sentence (design lists "night sweats"); debatable code
    ("Night sweats all week and the thoracic ache keeps me up. 6k slow", ("sweating_or_nausea",)),
    ("Feeling faint and nauseous with the pain in my chest after the intervals", ("chest_pain", "sweating_or_nausea")),
    ("Fell off the curb at mile 2, hit my shoulder blade, it really hurts now", ("after_fall",)),
    ("Weight keeps dropping (-3kg this month, eating normally, no idea why) and I'm wiped out. #ubp 5", ("weight_loss",)),
    ("Jaw and left arm ached from about 3k till the end, no idea why", ("radiating_pain",)),
    ("Was short of breath yesterday and it's worse today, 3k walk", ("breathless",)),

    # ------------------------------------------------ PLAIN UPPER-BACK SORENESS, NO RED FLAG (30)
    ("#upperback 4", ()),
    ("rhomboids tight after the long run", ()),
    ("desk posture again, upper back stiff all day", ()),
    ("Easy 10k. #ubp 3/10, better than Tuesday", ()),
    ("traps 4/10", ()),
    ("upper back mild", ()),
    ("between my shoulder blades aches after the 20 miler, foam rolled it", ()),
    ("UPPER BACK SORE AGAIN. TOO MUCH LAPTOP", ()),
    ("#upperbacksore:6 long run in the rain", ()),
    ("thoracic stiff first 2 miles, loosened up", ()),
    ("sholder blades achy today, prob the new hydration pack", ()),
    ("uper back pain 5/10 after hill reps", ()),
    ("Back between the blades hurts a bit - carried the toddler in the sling all morning then pushed the buggy for 5k", ()),
    ("Intervals 6x800 RPE 8/10. rhomboids stiff, mild.", ()),
    ("Long run 32k. Traps were killing me by the end, shoulders up by my ears", ()),
    ("Back up between the shoulder blades feel tired, is normal? I run 8 km today slow", ()),
    ("upper back tight, worse on waking, eased by 3k", ()),
    ("Sharp stab between my shoulder blades when I twist, upper back 6/10", ()),
    # worse on a deep breath is a qualifier, not shortness of breath (debatable)
    ("Hurts between my shoulder blades when I take a deep breath in, otherwise ok. #upperback 5", ()),
    ("dist 12.1 / pace 5:02 / HR 148 / ubp 3", ()),
    ("Upper back still sore from Sunday, 4/10", ()),
    ("rhomboid ache moderate, stretched after", ()),
    ("50 mile block wk 9. upper back & traps stiff from the vest straps. nothing major", ()),
    ("Upper back pain at night again, woke me up twice", ()),
    # neck stiffness alongside traps from the desk, not pain spreading to the neck (debatable)
    ("traps tight, neck stiff from the desk", ()),
    ("What hurts? Upper back. How bad? 3/10. Better or worse? Same.", ()),
    ("Thoracic spine stiff after 3 days off, still there after rest", ()),
    ("upper-back achy 4, parkrun PB though!!", ()),
    ("Coach log: Mia's upper back tight after track, 3/10, mobility drills assigned", ()),
    ("Uppr back sorness lvl 5 tdy", ()),

    # ------------------------------------------------ OTHER NON-ALARMS (40)
    # past and over
    ("Yesterday I had chest pain but today nothing, felt great. Upper back 3/10", ()),
    ("Fever last week, fine now. First run back, 5k easy.", ()),
    ("Had the flu with a fever in March, all good now", ()),
    ("Fell at parkrun 2 weeks ago, knee's fine now. upper back mild today from the long run", ()),
    ("Not short of breath at all today, huge improvement since the chest infection. #upperback 2", ()),
    # someone else
    ("My running buddy had chest pain at 8k so we walked back together, I was fine", ()),
    ("Dad's been coughing blood, spent the morning at A&E with him, ran in the evening to clear my head", ()),
    ("Son fell off his scooter while I ran alongside, he's ok, I'm ok", ()),
    ("the wife had a fever so I did the school run then ran 6k", ()),
    # denials
    ("no chest pain, no tingling, just tight rhomboids", ()),
    ("Chest pain no. Breathing fine. Arm fine. #upperback 4", ()),
    ("No numbness, tingling or fever. Upper back 5/10.", ()),
    ("Any of these? chest pain - no, short of breath - no, fever - no. Just #upperback 3", ()),
    ("Shortness of breath? Nope. Chest? Fine. Rhomboids? Cooked 6/10.", ()),
    # worry / hypothetical
    ("If this turns into chest pain I'll stop running and get it checked", ()),
    ("Googled upper back pain, now worried it's my lungs lol. no other symptoms", ()),
    ("hope I don't get the fever my kids have 🤞", ()),
    ("Worried about chest pain because my uncle had a heart attack at 50, so keeping it easy. felt fine", ()),
    # sweating / nausea without the pain, or put down to gels / food / heat / effort
    ("Felt sick after the second gel at 25k, upper back fine", ()),
    # nausea and traps in one sentence but put down to the heat (debatable)
    ("Nauseous from the heat, 31C, walked the hills. traps sore", ()),
    # sweating next to upper-back tightness but put down to humidity (debatable)
    ("sweating buckets in the humidity, rhomboids tight 3/10", ()),
    ("Too much curry last night, felt queasy the whole run", ()),
    ("Felt sweaty and sick after pushing hard at the end of the 5k, normal for me", ()),
    ("Clammy and nauseous at 35k from the heat and not enough salt. No pain anywhere.", ()),
    # fall without pain
    ("Slipped in the mud at 4k, no pain, just a muddy bum", ()),
    ("Fell over a dog lead lol, all fine, back fine", ()),
    # cold numb fingers = weather
    ("-12C, fingers numb despite gloves. traps tight from hunching", ()),
    ("cold morning, hands went numb and tingly for the first mile till they warmed up", ()),
    # gym chest soreness and look-alike words
    ("Chest day yesterday so pecs are wrecked, easy 5k", ()),
    ("Chest strap kept slipping, HR data rubbish", ()),
    ("MARATHON FEVER IS REAL, 3 WEEKS TO GO!!", ()),
    ("Breathless views from the top of the fell 😍", ()),
    # doctor all clear since an earlier symptom, not back
    ("Had tingling in my hand Monday, GP checked me, all clear, nothing since. #ubp 2", ()),
    ("Chest pain at the weekend - ECG and bloods normal, doc says 'costochondritis, fine to run'. no pain today", ()),
    ("Chest felt tight last Tuesday, saw cardiologist Friday, all clear. Ran 10k today, no issues.", ()),
    # explained / intentional weight loss
    ("Lost 5kg on purpose since Jan (cut the beer), feeling light", ()),
    # explained by illness, over (debatable)
    ("down 2 kg after the stomach bug last week, eating normally again", ()),
    # exertional breathing on hard reps (debatable)
    ("Hill reps had me sucking wind, as intended 😅", ()),
    # nosebleed blood is not coughing blood (debatable)
    ("Spat a bit of blood from a nosebleed in the cold air, nose only, no cough", ()),
    # clear abdominal stitch, not chest (debatable)
    ("Stitch on the right side under the ribs at 3k, went away after a few mins of slower breathing", ()),
]

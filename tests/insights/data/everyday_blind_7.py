# Held out when first scored (written from design.md alone): old reader 85/100 (9 warning signs missed
# entirely), this session's rules before its misses were read 85/100 (10); after 98/100 (1).
# Blind held-out set for red-flag reading in Strava descriptions (written without looking at the code).
# Each case: (text, expected_red_flags_tuple). Codes: chest_pain, breathless, radiating_pain,
# sweating_or_nausea, coughing_blood, numbness_or_weakness, fever, after_fall, weight_loss.

CASES = [
    # ---------------- alarms ----------------
    ("felt a weird pressure in my chest around 6k, eased off once i walked. upper back tight too", ("chest_pain",)),
    ("not sure if its heartburn or chest pain tbh, been there since the parkrun finish", ("chest_pain",)),  # debatable: unsure of the word, symptom is present
    ("upper back sore between the shoulder blades and it kept shooting down my left arm the last mile", ("radiating_pain",)),
    ("pain from my traps went right up into my jaw on the climb, weird one", ("radiating_pain",)),
    ("couldnt catch my breath on an easy jog today, had to walk home. never happens to me", ("breathless",)),
    ("yday my chest was a bit tight, today its worse so i cut the run short", ("chest_pain",)),
    ("still short of breath this morning after sat's race, even going up the stairs", ("breathless",)),
    ("coughed up a bit of blood after the tempo 😬 rhomboids aching too", ("coughing_blood",)),
    ("fingers on my right hand tingling the whole run and it wasnt even cold. traps 5/10", ("numbness_or_weakness",)),
    ("left hand went numb around 8k, upper back stiff as a board", ("numbness_or_weakness",)),
    ("running a temp of 38.5 since last night but went out anyway, back aching", ("fever",)),
    ("feverish and shivery today, upper back pain on top of that ugh", ("fever",)),
    ("slipped on black ice on the towpath this morning, landed flat on my back and it's been hurting since", ("after_fall",)),
    ("got clipped by a cyclist at the lights on the way out, upper back throbbing now", ("after_fall",)),
    ("lost about 5kg over the last couple of months without trying and my back keeps aching between the blades", ("weight_loss",)),
    ("weight keeps dropping and i'm not dieting, 4 kilos down since christmas. upper back sore again", ("weight_loss",)),
    ("upper back pain came on at 10k and i was drenched in sweat and felt sick with it, not a warm day at all", ("sweating_or_nausea",)),
    ("chest pain at the top of the hill and i went clammy and nauseous with it", ("chest_pain", "sweating_or_nausea")),
    ("tight band round my chest that spread into my neck, stopped and walked home", ("chest_pain", "radiating_pain")),
    ("breathless on the flat and a heavy feeling in my chest, gonna ring 111", ("chest_pain", "breathless")),
    ("chest felt squeezed for a minute or two at 3k then it settled and i finished the run fine", ("chest_pain",)),
    ("had pins and needles down both arms midway, went away after a few mins", ("numbness_or_weakness",)),
    ("coach asked if i had any chest pain - yeah, a bit on the last rep", ("chest_pain",)),
    ("q: any numbness? a: yep, left hand, on and off since tuesday", ("numbness_or_weakness",)),
    ("A&E tomorrow if it doesnt settle - crushing ache behind my sternum on the long run", ("chest_pain",)),
    ("bad fall on the trail on saturday, back still really sore today 😩", ("after_fall",)),
    ("came off my bike on the commute this morning then ran anyway, shoulder blade area killing me", ("after_fall",)),
    ("my wife says i looked grey when i got in. chest was tight and i was sweating buckets with it", ("chest_pain", "sweating_or_nausea")),
    ("tasted blood when i coughed after the intervals, bit of pink in the spit", ("coughing_blood",)),
    ("cough brought up blood again this morning, thoracic ache as well", ("coughing_blood",)),
    ("gp said it was just a chest infection last month but today i'm wheezy and breathless again on easy runs", ("breathless",)),  # debatable: old episode cleared, but it is back today
    ("ache between my shoulder blades spread up into my jaw and down my arm, felt really off", ("radiating_pain",)),
    ("out of puff just walking up the stairs after the run, something's not right", ("breathless",)),
    ("upper back 6/10, and my left leg felt weak and floppy for the last 2k", ("numbness_or_weakness",)),
    ("reckon i'm crook, temp of 38 this arvo, ran 5k slow anyway and my back's aching heaps", ("fever",)),
    ("still running a fever from the weekend, rhomboids tight", ("fever",)),
    ("chest pressure again today, same as on thursday", ("chest_pain",)),
    ("is it normal to get pain in my jaw when my upper back flares? had it on today's run", ("radiating_pain",)),
    ("knocked flying by an off-lead dog on the trail 🐕 my upper back hurts where i landed", ("after_fall",)),
    ("felt sick to my stomach with the pain across my upper back, had to stop twice", ("sweating_or_nausea",)),
    ("dizzy, sweaty and a pain in my chest at the end of the 10k, sat on the kerb for ages", ("chest_pain", "sweating_or_nausea")),
    ("my shorts are falling off me, down 6 kg and no idea why. back achey", ("weight_loss",)),
    ("tingling in my fingertips all run and it's 22 degrees out, back tight", ("numbness_or_weakness",)),
    ("couldn't get a full breath in for most of the run, like breathing through a straw", ("breathless",)),
    ("hard to tell if it was a stitch or my chest tbh, sharp under the left side on the hill", ("chest_pain",)),  # debatable: could be read as a plain stitch

    # ---------------- non-alarms ----------------
    ("upper back a bit tight today, 3/10, nothing major", ()),
    ("rhomboids stiff after yesterday's hill reps #upperback 4", ()),
    ("had chest pain back in 2021 and got the all clear, nothing today. traps sore", ()),
    ("yday i had a tight chest but it was gone by this morning, easy 8k", ()),
    ("tight chest on tuesday, cardiologist checked me thursday, all good. back sore between the blades", ()),
    ("my mate was short of breath the whole parkrun so i dragged him round. my upper back fine", ()),
    ("the guy next to me at the start said his arm was tingling, hope he's ok. i felt grand", ()),
    ("no chest pain, no breathlessness, just a stiff upper back", ()),
    ("no numbness or tingling, upper back 2/10", ()),
    ("bit worried the thoracic ache might turn into chest pain on sunday's long run", ()),
    ("hope i don't get breathless at altitude in flagstaff next week lol", ()),
    ("fingers went numb in the cold, -4 this morning brrr", ()),
    ("numb hands for the first 3k, forgot my gloves ❄️", ()),
    ("took a gel at 15k and felt sick for a bit, upper back sore too", ()),  # nausea blamed on the gel, though back pain is in the same sentence
    ("sweating like mad in the heat, 31 degrees, upper back a bit achy", ()),  # sweat blamed on heat
    ("chest day yesterday so my traps are toast today lol", ()),
    ("new chest strap chafed like hell. rhomboids fine", ()),
    ("breathless views over the bay this morning 😍", ()),
    ("marathon fever is real, 3 weeks to go!", ()),
    ("had a fever last week, all gone now, first run back", ()),
    ("took a tumble on the trail, no harm done just muddy", ()),
    ("fell over a kerb on sat, grazed knee, no pain now", ()),
    ("tripped on a root but caught myself, all good. upper back a touch tight from the desk", ()),  # debatable: trip + back soreness, but no fall and soreness put down to desk
    ("lost 3kg on purpose since jan, cutting for race season 💪", ()),
    ("dropped a few kilos since starting couch to 5k, well chuffed", ()),  # debatable: weight loss explained by training
    ("dad had chest pain at his parkrun last year so i'm a bit paranoid, all fine today though", ()),
    ("coach asked if i had any chest pain, nope, just sore traps", ()),
    ("any tingling? no. any fever? no. upper back 3/10", ()),
    ("coughed up blood years ago with pneumonia, nothing like that now thankfully", ()),
    ("my wife was coughing up blood last month, she's sorted now. i ran an easy 5", ()),
    ("out of breath on the last rep of the 400s, as you'd expect", ()),  # debatable: normal effort breathlessness
    ("upper back killing me after the long run, no idea why", ()),
    ("thoracic stiff on waking, loosened up by 3k", ()),
    ("between my shoulder blades aches when i take a deep breath, 5/10", ()),  # deep-breath qualifier, not breathlessness
    ("traps tight from carrying the kid on my shoulders all day at the zoo", ()),
    ("felt nauseous after the race from too many gels, back fine", ()),
    ("threw up at the finish, went out way too hard 🤢 upper back sore", ()),  # debatable: vomiting put down to effort, back pain in the same text
    ("sweaty mess, 90% humidity, rhomboids ache", ()),
    ("a&e last night for the chest pain, ecg normal, they said muscular. back sore today", ()),  # cleared by doctors since
    ("GP checked the tingling in my hand on monday, said it was nothing, all fine now", ()),
    ("saturday's race: coughing fit at the end but no blood, just the cold air. traps ok", ()),
    ("pain in my jaw? no. arm? no. just upper back 4/10", ()),
    ("someone in my club crashed his bike and hurt his back, reminded me to stretch mine", ()),
    ("upper back pain 7/10 tonight, worse at rest", ()),
    ("rhomboids achy, 5/10, desk job isn't helping", ()),
    ("neck and upper back stiff, probably from sleeping funny", ()),  # neck stiffness is not pain spreading
    ("sore between my sholder blades again, #ubp 6", ()),
    ("no fever, no weight loss, just tired. uper back tight", ()),
    ("if my chest ever hurt like that i'd stop, but today was just the usual thoracic ache", ()),
    ("last month i was breathless for weeks after covid, all good again now, smashed a 5k PB", ()),
    ("had a fall skiing in feb, back pain gone ages ago", ()),
    ("doc said the numbness in my fingers last week was just the cold, fine since", ()),
    ("pacer beside me was gasping for air at 30k, hope he made it. my upper back held up", ()),
    ("chest feels fine, breathing fine, just the usual upper back niggle 3/10", ()),
    ("bit of sweat and nausea on the treadmill but that's the gym heat, back ok", ()),
]

//! Breath and grounding techniques of the demo library.

use super::TechniqueSeed;

pub const INWARD: &[TechniqueSeed] = &[
    // ───────────────────────────── Breath ─────────────────────────────
    TechniqueSeed {
        slug: "grounding-breath",
        category: "breath",
        name: "Grounding breath",
        summary: "Five minutes of slow, low breathing with your attention resting in your feet and belly. The simplest way to arrive before anything else you practise.",
        guide: r#"**Why**

Most of the day we breathe high and quick, in the upper chest. Grounding breath invites the breath to drop lower and slow down, and pairs it with attention on the parts of you that touch the ground. It is the doorway to the rest of the library: almost every other technique starts with a minute of it.

**Steps**

1. Sit on a chair with both feet flat on the floor, or stand with your knees soft. Let your hands rest on your thighs or your belly.
2. Notice the contact points: soles of the feet, the backs of the legs on the chair, the weight of your hands.
3. Breathe in through the nose and let the belly swell first, as if the breath were filling a bowl from the bottom up. Don't force it.
4. Breathe out through the nose or softly parted lips, a little longer than the in-breath. Let the shoulders drop on each exhale.
5. On each out-breath, imagine the weight of your body sinking a little further into the floor.
6. Count ten breaths like this. If you lose count, simply start again at one; that is part of the practice, not a failure.
7. Finish with three ordinary breaths and notice how you feel compared with when you began.

**What to notice**

The belly moving under your hand, the pause at the bottom of the exhale, the moment your jaw or shoulders let go. Some people feel warmth or heaviness in the legs; others just feel a little calmer. Both are fine.

**Safety**

Keep the breath comfortable. If you feel light-headed, return to normal breathing for a while."#,
        media_url: None,
        minutes: 5,
        difficulty: 1,
        prerequisite: None,
        unlock: "{}",
        gateway: true,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "box-breathing",
        category: "breath",
        name: "Box breathing",
        summary: "Breathe in, hold, breathe out and hold again, each for the same count, tracing the four sides of a box. A steadying rhythm for before a class, a hard conversation or sleep.",
        guide: r#"**Why**

Box breathing gives a busy mind something simple and even to follow. The equal sides of the box make the rhythm predictable, and the short pauses teach you to rest in stillness without straining. It builds on grounding breath, so begin with a minute of that.

**Steps**

1. Sit upright but relaxed, feet on the floor. Take a minute of grounding breath to settle.
2. Breathe in through the nose for a count of four, filling low then high.
3. Hold gently for four. Keep the throat soft; the hold is a pause, not a clench.
4. Breathe out slowly for four.
5. Hold empty for four, staying relaxed in the belly and face.
6. That is one box. Repeat for five to eight minutes.
7. If four feels long, use three. If it feels easy after a few sessions, try five, but never push the count to the point of gasping.
8. To finish, let go of counting and breathe naturally for a few breaths.

**What to notice**

Where tension creeps in during the holds (jaw, shoulders, throat) and whether you can let it go while still pausing. Notice whether the empty hold feels different from the full one; many people find one of them harder.

**Safety**

The holds are short, but if you are pregnant, have a heart or blood-pressure condition, or feel dizzy, drop the holds and simply breathe in and out for four."#,
        media_url: None,
        minutes: 8,
        difficulty: 2,
        prerequisite: Some("grounding-breath"),
        unlock: r#"{"practice_count": 3}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "humming-breath",
        category: "breath",
        name: "Humming breath",
        summary: "A long, low hum on every out-breath, feeling the vibration in your face, throat and chest. Gentle, a little silly, and surprisingly calming.",
        guide: r#"**Why**

Humming naturally lengthens the out-breath and gives you something to feel: vibration in the lips, nose, throat and chest. It is a good practice for days when silent breathing feels too abstract, or when the mind keeps wandering. Groups enjoy it together at the start of a circle.

**Steps**

1. Sit comfortably with your eyes closed or your gaze resting on the floor.
2. Take a slow breath in through the nose.
3. With lips lightly closed and teeth apart, breathe out on a steady "mmm", as long as is comfortable.
4. Let the hum be low and easy, not loud. Find the pitch that makes your face buzz the most.
5. When the breath runs out, breathe in quietly through the nose and hum again.
6. After a few rounds, place one hand on your chest and one on your throat and feel where the sound lives.
7. Continue for about five minutes, then sit in silence for a minute and listen to how quiet it has become.

**What to notice**

The tingling in the lips and nose, the way the out-breath gets longer without effort, and the silence afterwards. Try moving the pitch slightly higher or lower and notice where the vibration moves in your body.

**Safety**

If you feel short of breath, take a few normal breaths between hums. Hum softly if you share walls with neighbours; the practice works just as well quietly."#,
        media_url: None,
        minutes: 5,
        difficulty: 1,
        prerequisite: None,
        unlock: r#"{"days_active": 2}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "coherent-breathing",
        category: "breath",
        name: "Coherent breathing",
        summary: "An even, unhurried rhythm of about five and a half breaths a minute, held for ten minutes or more. Less about technique, more about patience.",
        guide: r#"**Why**

Coherent breathing is box breathing without the holds and with a slower, smoother pace: roughly five or six seconds in and five or six seconds out. Many people find that this steady rhythm leaves them calm but alert. The challenge is not the breath itself but staying with it for ten minutes or longer.

**Steps**

1. Sit upright with support for your back if you need it. Take a minute of grounding breath.
2. Breathe in through the nose for a slow count of five (or use a timer app that chimes).
3. Without pausing, turn the breath and breathe out through the nose for a count of five.
4. Keep the breath quiet and smooth, as if someone next to you should not be able to hear it.
5. Once the rhythm feels easy, stretch both counts to five and a half or six, if that is still comfortable.
6. Let your attention rest on the turning points, the top and bottom of the breath, where the direction changes.
7. Continue for ten to fifteen minutes. When the mind wanders, come back to the count without comment.
8. Finish by letting the breath find its own rhythm again for a minute.

**What to notice**

How your body feels after minute five compared with minute one. Notice if the breath wants to speed up when you are bored or restless, and whether the hands or face feel warmer by the end.

**Safety**

If you feel air hunger, shorten the counts. This should feel like rest, not effort."#,
        media_url: None,
        minutes: 12,
        difficulty: 3,
        prerequisite: Some("box-breathing"),
        unlock: r#"{"practice_count": 5, "days_active": 4}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "breath-retention-rounds",
        category: "breath",
        name: "Breath retention rounds",
        summary: "Three rounds of fuller breathing followed by a relaxed hold on the out-breath and a short recovery breath. An advanced practice to approach slowly, always seated or lying down.",
        guide: r#"**Why**

Retention rounds are a stronger practice: a series of full breaths, a comfortable hold after breathing out, and a recovery breath. People often describe vivid sensations afterwards: tingling, warmth, a clear and quiet mind. It asks for maturity with the earlier breath practices, which is why it unlocks late and is verified by peers.

**Safety first**

- Do **not** practise this if you are pregnant, have a heart condition, high blood pressure, epilepsy or a history of fainting.
- Always sit or lie down. Never practise in or near water, while driving, or standing.
- Stop at once if you feel dizzy, faint or unwell, and breathe normally.
- The hold should end the moment you feel the urge to breathe. This is not a contest.

**Steps**

1. Lie on your back or sit well supported. Take two minutes of grounding breath.
2. Take thirty full, relaxed breaths: in through the nose or mouth filling belly then chest, out without pushing, just letting go.
3. After the last out-breath, relax and hold with empty lungs. Rest your attention on your body.
4. When you feel the first real urge to breathe, take a deep breath in and hold it gently for about ten seconds.
5. Breathe out and rest with a few normal breaths. That is one round.
6. Do three rounds in total. Keep a note of how each hold felt, not how long it lasted.
7. Finish with five minutes of quiet, normal breathing before you get up, and get up slowly.

**What to notice**

Sensations in the hands, feet and face during and after the rounds; how the quality of the mind changes between the first and third round; how your body tells you when the hold is over.

**For verification**

After you have practised this for a while, peers will ask you about your experience. There are no right answers, only honest ones."#,
        media_url: None,
        minutes: 20,
        difficulty: 5,
        prerequisite: Some("coherent-breathing"),
        unlock: r#"{"practice_count": 6, "streak": 5, "category_level": {"category": "breath", "level": 3}}"#,
        gateway: false,
        requires_verification: true,
        questions: &[
            "Describe what you notice in your hands and face at the end of the third round.",
            "How does your body tell you that a hold is over, and what do you do when it does?",
            "What changes in your mind between the first and the third round?",
        ],
    },
    // ──────────────────────────── Grounding ────────────────────────────
    TechniqueSeed {
        slug: "rooted-standing",
        category: "grounding",
        name: "Rooted standing",
        summary: "Stand still with soft knees and let your weight settle through your feet into the floor. A few quiet minutes that make everything after them steadier.",
        guide: r#"**Why**

Standing still is harder than it sounds. Rooted standing teaches you to find a balanced, relaxed stance where the skeleton holds you up and the muscles can rest. Dancers, martial artists and meditators all use some version of it. It is the gateway for the grounding path.

**Steps**

1. Stand with your feet hip-width apart, toes pointing forward, knees soft and not locked.
2. Rock gently forward and back on your feet, making the movements smaller and smaller until you find the point where you are neither leaning forward nor back.
3. Do the same from side to side.
4. Let your arms hang. Imagine a thread lifting the crown of your head while your tailbone grows heavy.
5. Notice three points under each foot: the big-toe mound, the little-toe mound and the heel. Let the weight spread evenly across them.
6. Breathe low and slow. On each out-breath, let something soften: the jaw, the shoulders, the belly, the knees.
7. Stay for five minutes. If your mind drifts, bring it back to the soles of your feet.
8. Finish by walking a few steps and noticing how the floor feels.

**What to notice**

The tiny constant adjustments your body makes to stay upright; warmth or tingling in the feet; the moment when standing stops feeling like effort.

**Safety**

If you have balance problems, stand near a wall or the back of a chair. Keep the knees soft but never bend them so far that they ache."#,
        media_url: None,
        minutes: 6,
        difficulty: 1,
        prerequisite: None,
        unlock: "{}",
        gateway: true,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "five-senses-landing",
        category: "grounding",
        name: "Five senses landing",
        summary: "Name five things you see, four you hear, three you feel, two you smell and one you taste. A quick way to come back to the present when your head is racing.",
        guide: r#"**Why**

When we are anxious or overwhelmed, attention tends to spin in thoughts about the past or future. The five senses landing gently pulls it back into the room you are in, using what is actually around you. It works anywhere: on a bus, before walking into a milonga, in a waiting room.

**Steps**

1. Pause and take one slow breath, out longer than in.
2. **Five things you can see.** Name them quietly to yourself, taking a moment with each: the colour, the shape, the light on it.
3. **Four things you can hear.** Near and far sounds, including quiet ones like your own breath or a fridge humming.
4. **Three things you can feel.** Your feet in your shoes, the chair under you, the air on your skin.
5. **Two things you can smell.** If nothing is obvious, notice the smell of your hands or your sleeve.
6. **One thing you can taste.** Even if it is just the taste of your own mouth.
7. Take one more slow breath and notice how you feel now.

**What to notice**

How much detail appears when you look closely at an ordinary thing; which sense is easiest for you to land in and which is hardest. Over time you may find one sense is your quickest way back.

**Safety**

This is a gentle practice for everyday stress. If you are in crisis or distress that does not ease, please reach out to someone you trust or to a professional; a technique is not a substitute for support."#,
        media_url: None,
        minutes: 4,
        difficulty: 1,
        prerequisite: None,
        unlock: "{}",
        gateway: true,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "slow-grounding-walk",
        category: "grounding",
        name: "Slow grounding walk",
        summary: "Walk at half your usual speed, feeling each foot land, roll and lift. Rooted standing, set in motion.",
        guide: r#"**Why**

Once standing feels settled, the next step is to keep that rootedness while moving. Slow walking lets you feel the whole cycle of a step, which normally happens far too fast to notice. It is a lovely practice outdoors on grass or indoors along a hallway.

**Steps**

1. Begin with a minute of rooted standing.
2. Shift your weight slowly onto your left foot until the right foot feels light.
3. Lift the right heel, then the whole foot, and move it forward at about half your usual pace.
4. Place the heel, then roll through the sole to the toes as your weight transfers forward.
5. Pause for a moment when the weight has fully arrived on the right foot. Feel the floor under you.
6. Repeat with the other side. Keep your gaze soft, a few metres ahead, not on your feet.
7. Coordinate with the breath if it helps: breathe in as you lift, out as you land.
8. Walk for ten minutes. At the end, stand still again and notice the difference.

**What to notice**

The moment of being on one leg; the wobbles and the way the body corrects them; how the pace of your thoughts changes when the pace of your feet does. Dancers will notice how much of walking is really about the weight transfer.

**Safety**

Walk somewhere clear of obstacles. If your balance is unsteady, walk beside a wall or rail and let your fingertips trail along it."#,
        media_url: None,
        minutes: 10,
        difficulty: 2,
        prerequisite: Some("rooted-standing"),
        unlock: r#"{"practice_count": 3}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "tree-posture",
        category: "grounding",
        name: "Tree posture",
        summary: "Stand with soft knees and your arms rounded as if holding a large tree, staying relaxed for up to fifteen minutes. Builds quiet strength and deep steadiness.",
        guide: r#"**Why**

Tree posture is a standing practice borrowed from traditional movement arts. Holding a simple shape for a longer time shows you where you grip and where you can let go. Over weeks it builds leg strength, patience, and a sense of being supported from below.

**Steps**

1. Start in rooted standing, feet hip- to shoulder-width apart.
2. Bend your knees a little more than usual, as if about to sit on a high stool. The knees stay behind the toes.
3. Raise your arms in front of your chest, elbows slightly lower than the wrists, as if gently hugging a large tree trunk. Leave space under the armpits.
4. Let the shoulders drop and the fingers stay soft and slightly apart.
5. Breathe low and slow. Scan from the crown down to the feet and release any effort that is not needed to hold the shape.
6. Start with five minutes. Add a minute or two each week, up to fifteen.
7. To finish, lower your arms slowly, straighten your legs, and shake out the legs gently.

**What to notice**

Trembling in the legs is normal and usually passes; notice whether it changes when you relax the breath. Notice warmth in the hands and forearms, and how the mind moves through boredom, restlessness and, often, stillness.

**Safety**

Stop if you feel pain in the knees, hips or back; burning muscles are fine, sharp or joint pain is not. Lower your arms whenever you need to; resting the hands on the belly is a perfectly good variation."#,
        media_url: None,
        minutes: 15,
        difficulty: 3,
        prerequisite: Some("slow-grounding-walk"),
        unlock: r#"{"practice_count": 5, "streak": 3}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "evening-body-settle",
        category: "grounding",
        name: "Evening body settle",
        summary: "Lying down at the end of the day, let each part of the body grow heavy in turn, from the feet to the head. A soft landing for sleep.",
        guide: r#"**Why**

The body often carries the day long after the mind has moved on. This practice walks slowly through the body while lying down and invites each area to become heavy and supported. It helps many people fall asleep, and it is a kind way to close the day.

**Steps**

1. Lie on your back in bed or on a mat, with a pillow under your knees if your lower back likes it.
2. Take five grounding breaths, letting the out-breath be slow.
3. Bring your attention to your feet. Notice them without changing anything, then imagine them becoming heavy, sinking into the mattress.
4. Move slowly up: ankles, calves, knees, thighs, hips. Give each area two or three breaths.
5. Continue through the belly, chest, back, hands, arms and shoulders.
6. Finish with the neck, jaw, face and scalp. The jaw and the small muscles around the eyes often hold the most.
7. Rest for a few minutes feeling the whole body heavy at once.
8. If you fall asleep before finishing, that is a fine result.

**What to notice**

Which areas let go easily and which hold on; any difference between the left and right sides; the moment the breath slows down by itself.

**Safety**

If focusing on a particular area brings up strong discomfort or memories, skip it and move on, or open your eyes and look around the room for a moment."#,
        media_url: None,
        minutes: 10,
        difficulty: 2,
        prerequisite: None,
        unlock: r#"{"days_active": 5, "category_level": {"category": "grounding", "level": 2}}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
];

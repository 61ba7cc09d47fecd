//! Energy awareness, protection and flow techniques of the demo library.

use super::TechniqueSeed;

pub const OUTWARD: &[TechniqueSeed] = &[
    // ───────────────────────── Energy awareness ─────────────────────────
    TechniqueSeed {
        slug: "energy-scan",
        category: "energy",
        name: "Energy scan",
        summary: "A slow sweep of attention through the body, noticing where you feel lively, tired, tense or numb. The starting point for all energy-awareness practice.",
        guide: r#"**Why**

Energy awareness starts with plain, honest noticing. An energy scan is a check-in with your body: where do you feel buzzing and awake, where heavy, where tight, where you can hardly feel anything at all? There is nothing to fix here. You are learning to read your own signals.

**Steps**

1. Sit or stand comfortably. Take a few grounding breaths.
2. Bring your attention to the top of your head. What is there: warmth, pressure, tingling, nothing?
3. Move slowly down: forehead, eyes, jaw, throat. Spend a breath or two on each area.
4. Continue to the shoulders, arms and hands, then the chest, belly and back.
5. Then the hips, legs and feet.
6. For each area, quietly label what you find with a simple word: warm, cool, tight, open, buzzing, heavy, blank.
7. At the end, ask yourself: where do I feel most alive right now? Where least? Rest your attention for a minute on the liveliest place.
8. If you like, note two or three words in the session feedback to see patterns over time.

**What to notice**

That sensations change while you watch them; that "blank" areas often wake up when attention arrives; how your scan differs on a tired day compared with a good one.

**Safety**

This is simple attention practice. If you notice persistent pain or unusual symptoms, treat that as information for a doctor, not as something to work through alone."#,
        media_url: None,
        minutes: 8,
        difficulty: 1,
        prerequisite: None,
        unlock: "{}",
        gateway: true,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "sensing-the-room",
        category: "energy",
        name: "Sensing the room",
        summary: "Turn your awareness outward and notice the atmosphere of a space: pace, mood, warmth, where people gather. Useful before a class, a milonga or a circle.",
        guide: r#"**Why**

We all pick up on the feel of a room: the tension before a meeting, the ease at a good practica. This practice makes that sensing deliberate. Instead of being swept along by the mood of a space, you take a moment to notice it, and then notice how it lands in you.

**Steps**

1. When you enter a space, stop just inside the door or at the edge. Take two slow breaths.
2. Let your eyes take in the whole room without fixing on anyone. Notice light, sound, movement and pace.
3. Ask yourself: is this room fast or slow? Loud or quiet? Open or closed? Warm or cool, in mood rather than temperature?
4. Notice where people cluster and where there is space.
5. Now turn attention inward for a moment. How does your body respond to this room: does your chest open, your shoulders rise, your breath change?
6. Choose one small thing to steady yourself: feel your feet, lengthen an out-breath, soften the jaw.
7. Then go in and join.
8. Afterwards, note in your feedback how your first impression compared with how the time actually went.

**What to notice**

The difference between what the room is like and what you are bringing into it; how quickly your own state shifts to match a space; which rooms leave you energised and which drain you.

**Safety**

This is about awareness, not judging people. Keep what you sense as impressions, held lightly, and check them against what you actually see and hear."#,
        media_url: None,
        minutes: 6,
        difficulty: 2,
        prerequisite: None,
        unlock: r#"{"days_active": 3, "streak": 2}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "hands-awareness",
        category: "energy",
        name: "Hands awareness",
        summary: "Rub your palms, hold them a little apart and explore the sensations in the space between them. A tangible first taste of subtle sensation.",
        guide: r#"**Why**

The hands are full of nerve endings, which makes them the easiest place to feel subtle sensations: warmth, tingling, pulsing, a sense of fullness or pressure. Whatever you call it, learning to feel it clearly trains the same attention you will use in the later energy practices.

**Steps**

1. Sit comfortably and take a few grounding breaths.
2. Rub your palms together briskly for about twenty seconds until they feel warm.
3. Hold your hands in front of your chest, palms facing each other, a few centimetres apart. Keep your shoulders and elbows relaxed.
4. Close your eyes and feel the palms and the space between them. Notice warmth, tingling, pulsing, or anything else.
5. Very slowly move the hands apart, to about the width of your shoulders, then slowly back together without touching. Repeat several times.
6. Notice whether the sensation changes with distance. Some people feel something like a soft cushion between the hands.
7. Try moving one hand in a small circle while the other stays still.
8. To finish, rest your hands on your thighs and notice how they feel compared with before.

**What to notice**

The quality of the sensations, not whether they are "energy". Notice at what distance they fade, and whether relaxing the breath or shoulders makes them clearer.

**Safety**

None in particular. If you feel nothing, that is common at first; the practice is the attention, and sensitivity tends to grow with repetition."#,
        media_url: None,
        minutes: 7,
        difficulty: 2,
        prerequisite: Some("energy-scan"),
        unlock: r#"{"practice_count": 3}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "centre-breathing",
        category: "energy",
        name: "Centre breathing",
        summary: "Rest your attention a few fingers below the navel and breathe as if from there, gathering your awareness into the body's centre of gravity.",
        guide: r#"**Why**

Many traditions describe a centre a few finger-widths below the navel, roughly the body's centre of gravity. Whether you think of it as an energy centre or simply as a steady place to rest attention, breathing into it tends to make people feel collected, calm and strong. Tango dancers will recognise it as the place their movement starts from.

**Steps**

1. Sit or stand upright and take a minute of grounding breath.
2. Place your hands, one over the other, on your lower belly, about three finger-widths below the navel.
3. Breathe in gently and feel the area under your hands expand in all directions: forward, sideways and into the lower back.
4. Breathe out and feel it soften back, without collapsing.
5. Imagine each breath gathering your attention into this centre, like water collecting in a bowl.
6. After a few minutes, take the hands away and keep the attention there.
7. Notice any warmth, fullness or steadiness in the area, without trying to create it.
8. Stay for ten minutes. To finish, rub your hands together and rest them on your belly for three breaths.

**What to notice**

Whether attention stays more easily in the belly than in the head; sensations of warmth or fullness; how standing up and walking feel afterwards. Compare it with the hands awareness practice: is the quality similar?

**Safety**

Keep the breath easy; never push the belly out forcefully. If you feel agitated or get a headache, open your eyes and return to grounding breath."#,
        media_url: None,
        minutes: 12,
        difficulty: 3,
        prerequisite: Some("hands-awareness"),
        unlock: r#"{"practice_count": 4, "category_level": {"category": "energy", "level": 2}}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "microcosmic-circuit",
        category: "energy",
        name: "Microcosmic circuit",
        summary: "Guide your attention in a slow loop up the spine and down the front of the body in time with the breath. A long, advanced practice of sustained attention.",
        guide: r#"**Why**

This is a classical practice in which attention travels in a continuous circle: from the centre below the navel down and back to the base of the spine, up the back to the crown, and down the front of the body to the centre again. Practitioners describe it as circulating energy; at the very least it is a demanding exercise in keeping attention smooth and unbroken. It builds on centre breathing and is verified by peers.

**Steps**

1. Sit upright on a chair or cushion. Take five minutes of centre breathing until your attention rests easily in the belly.
2. Lightly touch the tip of your tongue to the roof of your mouth, just behind the teeth.
3. On an out-breath, let attention move from the centre down to the perineum and the base of the spine.
4. On the in-breath, let it rise slowly up the spine: lower back, between the shoulder blades, the back of the neck, to the crown.
5. On the next out-breath, let it flow down the front: forehead, face, throat, chest, back to the centre.
6. Continue the loop at the pace of your breath. If one section feels blank or stuck, don't force it; pass through gently.
7. After ten to fifteen rounds, let the circuit fade and rest your attention in the centre for several minutes.
8. Finish by rubbing your hands and face, and walk around a little.

**What to notice**

Where attention moves easily and where it drags or skips; sensations along the spine; how the centre feels at the end compared with the start.

**Safety**

Always end by resting in the centre, never in the head. If you notice headaches, pressure in the head, agitation or sleeplessness, pause this practice for a while and return to grounding and centre breathing. It is not a treatment for anything."#,
        media_url: None,
        minutes: 25,
        difficulty: 4,
        prerequisite: Some("centre-breathing"),
        unlock: r#"{"practice_count": 7, "days_active": 10, "category_level": {"category": "energy", "level": 3}}"#,
        gateway: false,
        requires_verification: true,
        questions: &[
            "Which part of the circuit is easiest for your attention to travel through, and which part drags or skips?",
            "Describe what you notice along your spine during the rising half of the loop.",
            "How does the centre below your navel feel when you come to rest there at the end, compared with the start?",
        ],
    },
    // ──────────────────────────── Protection ────────────────────────────
    TechniqueSeed {
        slug: "shielding-visualisation",
        category: "protection",
        name: "Shielding visualisation",
        summary: "Imagine a calm, clear layer around you, about an arm's length away, that lets kindness in and lets the rest slide past. A simple way to feel held before busy or draining situations.",
        guide: r#"**Why**

Some situations leave us feeling drained or porous: crowded places, tense conversations, long shifts caring for others. A shielding visualisation is a mental image that helps you feel contained and steady. Think of it as a reminder that you can stay open to people while keeping your own centre.

**Steps**

1. Sit or stand comfortably and take a minute of grounding breath.
2. Feel the space around your body: in front, behind, to the sides, above and below.
3. Imagine a calm, clear layer forming around you at about an arm's length. Give it a quality that feels good to you: soft light, a gentle colour, cool water, a woven fabric.
4. On each in-breath, imagine the layer becoming a little clearer. On each out-breath, let your body relax inside it.
5. Decide what the layer lets through: warmth, kindness, useful information. Imagine everything else sliding off it like rain off a window.
6. Check the back of the shield; people often forget the space behind them.
7. Rest inside it for a few minutes, breathing easily.
8. Before you go into the situation, touch your sternum briefly as a cue you can repeat later to recall the feeling.

**What to notice**

How your posture and breath change when you feel contained; which images work best for you; whether the cue on the sternum brings back the feeling later in the day.

**Safety**

This is a way to steady yourself, not a replacement for real boundaries or real safety. If a situation feels unsafe, leave it and seek help."#,
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
        slug: "boundary-breath",
        category: "protection",
        name: "Boundary breath",
        summary: "Practise feeling a clear yes and a clear no in your body, using the breath and a simple gesture. Helps you notice your limits before you have crossed them.",
        guide: r#"**Why**

Boundaries are easier to keep when you can feel them early. This practice links a short breath pattern and a small gesture to the bodily sense of "yes" and "no", so that you recognise them in the moment: in a conversation, in a close embrace, or when someone asks for one more favour.

**Steps**

1. Sit comfortably and take a minute of grounding breath. Call up your shield from the shielding visualisation.
2. Think of something small that is a clear "yes" for you: a favourite food, a friend you love seeing. Notice how your body responds: chest, belly, face.
3. Breathe in and let that "yes" feeling expand.
4. Now think of something small that is a clear "no": a food you dislike, a noise that grates. Notice the body's response.
5. On the out-breath, place one hand in front of your chest, palm forward, and say "no" quietly or in your mind. Feel your feet on the floor as you do.
6. Alternate a few times between yes and no, always with small, low-stakes examples.
7. Finish by lowering the hand, feeling your shield around you, and taking three easy breaths.
8. During the day, notice the first small signals of "no" before you speak.

**What to notice**

Where in the body your yes and no live; how quickly they show up; the difference between a no that feels calm and one that feels defensive.

**Safety**

Use everyday examples, not painful memories. If something difficult comes up, stop, look around the room, and come back to grounding."#,
        media_url: None,
        minutes: 6,
        difficulty: 2,
        prerequisite: Some("shielding-visualisation"),
        unlock: r#"{"practice_count": 3}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "after-contact-clearing",
        category: "protection",
        name: "After-contact clearing",
        summary: "A few minutes of shaking out, brushing off and washing the hands after a heavy conversation, a crowded event or a caring shift. A ritual for leaving the day behind.",
        guide: r#"**Why**

After intense contact with people, it can feel as if some of their mood has stuck to you. Whether you see that as energy or simply as stress in the body, a short, physical clearing ritual signals to yourself that the encounter is over. Carers, teachers and dancers after a long milonga often find it helps them arrive home properly.

**Steps**

1. Find a quiet spot: a bathroom, a stairwell, your doorstep.
2. Stand with your feet hip-width apart and shake your hands loosely for twenty seconds, then your arms, then bounce gently on your heels so the whole body shakes.
3. Brush down your arms with your palms, from shoulders to fingertips, three times on each side. Then brush down the front of your body and your legs.
4. If you can, wash your hands slowly in cool water, paying attention to the feeling of the water.
5. Take three breaths with long out-breaths. On each one, imagine letting go of anything that is not yours to carry.
6. Call up your shield for a moment and check that it feels clear.
7. Ask yourself: what from this encounter do I want to keep? Let the rest go.
8. Step away and do something ordinary: make tea, change clothes, step outside.

**What to notice**

How much lighter or heavier you feel afterwards; which part of the ritual makes the biggest difference; whether certain people or places leave more behind than others.

**Safety**

Shake gently if you have joint or back problems. If you regularly feel overwhelmed after caring for others, that deserves real support, not just a ritual."#,
        media_url: None,
        minutes: 8,
        difficulty: 3,
        prerequisite: Some("boundary-breath"),
        unlock: r#"{"practice_count": 4, "days_active": 5}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "steady-presence-in-crowds",
        category: "protection",
        name: "Steady presence in crowds",
        summary: "Keep your shield, your breath and your centre steady while moving through a busy place: a station, a market, a crowded dance floor. Protection practised in real life.",
        guide: r#"**Why**

It is one thing to feel calm alone in a quiet room, another to stay steady in a crowd. This practice takes the protection path into the world. You move through a busy place on purpose, keeping three anchors going: the shield around you, the breath low in your body, and your weight in your feet.

**Steps**

1. Choose a busy but safe place and a time limit, fifteen minutes at most to begin with.
2. Before you enter, take a minute of grounding breath and call up your shield with your sternum cue.
3. Walk in at an easy pace. Keep part of your attention on your feet meeting the ground.
4. Every minute or so, check the three anchors: Is my shield there? Is my breath low? Are my feet under me?
5. When you notice you have been swept along (your breath is high, your pace has sped up, you have lost yourself in someone else's hurry), pause, find a spot to stand out of the flow, and reset with three slow breaths.
6. Notice people without absorbing them. Let faces and voices pass like weather.
7. When your time is up, leave and do a short after-contact clearing.
8. Note in your feedback how often you had to reset, and what pulled you out.

**What to notice**

What most often knocks you off centre: noise, faces, smells, being bumped; how quickly you can come back; whether resets get faster over the weeks.

**Safety**

Stay aware of your actual surroundings; this is not a reason to tune out traffic or your belongings. If a crowd triggers panic, start with quieter places and shorter times, and seek support if it persists."#,
        media_url: None,
        minutes: 15,
        difficulty: 4,
        prerequisite: Some("after-contact-clearing"),
        unlock: r#"{"practice_count": 5, "streak": 4, "category_level": {"category": "protection", "level": 3}}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    // ────────────────────────── Flow & body awareness ──────────────────────────
    TechniqueSeed {
        slug: "axis-walk",
        category: "flow",
        name: "Axis walk",
        summary: "Walk slowly along a line, keeping a tall, relaxed axis and arriving fully on each foot before the next step. The foundation of tango walking, useful for anyone.",
        guide: r#"**Why**

In tango, a clear axis (a vertical line from crown to supporting foot) is what makes you easy to dance with. The axis walk trains it alone, without a partner. It is also a lovely balance and posture practice for non-dancers.

**Steps**

1. Stand in rooted standing, feet together. Feel a line from the crown of your head down through your body to the floor.
2. Shift your weight completely onto one foot. The free leg should feel light enough to swing.
3. Project the free leg forward, keeping the supporting knee soft. Let the chest stay over the supporting foot for a moment.
4. Transfer your weight smoothly onto the new foot, arriving completely: axis over the foot, free leg collecting beside it.
5. Pause for a breath with the feet together, balanced. Then continue with the other leg.
6. Walk along a line on the floor for two or three metres, turn, and come back. Then try walking backwards, which is how many followers spend much of the dance.
7. Keep the upper body quiet and the shoulders relaxed; the legs do the walking.
8. Finish with music if you like, walking one step per beat.

**What to notice**

The moment of collection with the feet together; any lean forward or back; whether you arrive on the foot or fall onto it. Notice how the breath affects balance.

**Safety**

Practise on a smooth floor in comfortable shoes or socks, with space around you. Use a wall for support while learning to walk backwards."#,
        media_url: None,
        minutes: 10,
        difficulty: 1,
        prerequisite: None,
        unlock: "{}",
        gateway: true,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "embrace-breathing",
        category: "flow",
        name: "Embrace breathing",
        summary: "Stand in the embrace with a partner, or alone with an imagined one, and simply breathe together before moving. Connection begins before the first step.",
        guide: r#"**Why**

Many teachers say tango starts with a breath in the embrace. Breathing together lets two people settle their rhythm, find each other's axis and arrive in the same moment before they move. Practised alone, it builds the same calm, attentive readiness.

**Steps**

1. With a partner, agree on the practice first and keep checking in: the embrace should always be comfortable for both. Alone, stand with your arms in embrace shape around an imagined partner.
2. Take a minute of axis walk to find your axis, then stand still on both feet.
3. Come into the embrace gently. Keep your own axis: lean into connection, not onto your partner.
4. Close your eyes if that feels right. Notice your own breath first, low and slow.
5. Then notice your partner's breath through the contact of the chest and arms. Don't try to match it yet.
6. After a few breaths, let the two rhythms find each other, without forcing. Often they meet by themselves.
7. Stay for eight to twelve breaths together. Then one partner (usually the leader) shifts weight slightly, and both feel it. Begin to walk from there, or simply separate slowly.
8. Afterwards, tell each other one thing you noticed.

**What to notice**

Where you feel your partner most clearly; whether your shoulders rise when you connect; the moment the breathing synchronises and what changes then.

**Safety**

Consent comes first. Either person can end the embrace at any time, without explanation. Skip the closed-eyes part if it does not feel comfortable."#,
        media_url: None,
        minutes: 8,
        difficulty: 2,
        prerequisite: Some("axis-walk"),
        unlock: r#"{"practice_count": 3}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "solo-musicality-walk",
        category: "flow",
        name: "Solo musicality walk",
        summary: "Walk alone to a piece of music, letting the steps follow the beat, then the melody, then the pauses. Listening with your feet.",
        guide: r#"**Why**

Good dancers walk to the music, not just on it. This practice trains you to hear the layers of a piece (the beat, the melody, the phrases, the pauses) and let each one shape how you move. It works for any style of music and any level of dancer.

**Steps**

1. Choose a piece of music you like, about three minutes long. Clear a space to walk.
2. Stand still and listen to the first phrase without moving. Feel your feet on the floor.
3. **Beat:** walk one step on each strong beat, keeping your axis. Let it be steady and simple.
4. **Half time:** walk one step every two beats. Notice how much more time there is to arrive on each foot.
5. **Melody:** let your steps follow the singer or the violin instead of the beat: slow when it stretches, quicker when it hurries.
6. **Pauses:** whenever the music breathes or stops, stop with it, balanced on one foot or both, and wait for it to continue.
7. Play the piece again and mix freely between the layers.
8. Finish standing still for the last notes and a few seconds of silence.

**What to notice**

Which layer you hear first; whether pauses make you uneasy; how your body feels different walking to the melody rather than the beat.

**Safety**

Keep the space clear and the floor dry. Take your time with turns at the end of the room."#,
        media_url: None,
        minutes: 12,
        difficulty: 2,
        prerequisite: None,
        unlock: r#"{"days_active": 3, "category_level": {"category": "grounding", "level": 2}}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "weight-change-listening",
        category: "flow",
        name: "Weight-change listening",
        summary: "In the embrace, practise sending and receiving tiny weight changes on the spot, until they become clear without words. The heart of connection in partner dance.",
        guide: r#"**Why**

In tango, the weight change is the smallest and most important message between partners: it tells the follower which leg is free. Practising it on the spot, without walking, sharpens listening on both sides and removes the pressure to perform steps.

**Steps**

1. Begin with embrace breathing until you are both settled and breathing easily.
2. The leader slowly shifts their weight from one foot to the other, using the whole body, not the arms.
3. The follower waits to feel the change arriving through the embrace, then shifts with it, arriving fully on the new foot.
4. Keep the movements small, no wider than your hips. Pause after each change until both partners are balanced.
5. Vary the timing: slow, slower, a pause, a quicker change. The follower only moves when they feel it, never by guessing.
6. Swap roles if you can. Learning the other side is the fastest way to understand your own.
7. After five minutes, walk a few steps together and notice whether the walk feels clearer.
8. Talk briefly afterwards: which changes felt clear, and which were unclear?

**What to notice**

Where in the body the message arrives (chest, back, hands); whether you anticipate; how relaxed arms make the message clearer than strong ones.

**Safety**

Keep checking comfort in the embrace; either partner can stop at any time. Do not hang on each other; each keeps their own axis. Practising alone, shift your weight slowly to music and notice the exact moment you arrive."#,
        media_url: None,
        minutes: 12,
        difficulty: 3,
        prerequisite: Some("embrace-breathing"),
        unlock: r#"{"practice_count": 4, "days_active": 4}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
    TechniqueSeed {
        slug: "shared-axis-pause",
        category: "flow",
        name: "Shared axis pause",
        summary: "Dance a full piece with a partner in which every phrase ends in a shared, balanced pause. Learning to be still together is an advanced skill.",
        guide: r#"**Why**

Pauses are where much of the beauty of tango lives, and where most dancers get nervous. A shared pause asks both partners to stop balanced, each on their own axis, still connected and breathing, and to start again together. It brings together everything in the flow path: axis, embrace, breath and listening.

**Steps**

1. Warm up with a few minutes of axis walk and embrace breathing.
2. Choose a slow, clearly phrased piece of music.
3. Walk together simply, one step per beat, for the first phrase.
4. At the end of the phrase, the leader slows down and stops with both partners balanced, ideally with the weight clearly on one foot each.
5. Stay still for at least one full breath together. Feel both axes, the embrace and the music continuing.
6. The leader restarts with a weight change that the follower feels before any step.
7. Repeat at the end of every phrase through the whole piece. Let some pauses be longer, some shorter.
8. After the piece, talk together: which pauses felt shared, and which felt like one person waiting for the other?

**What to notice**

Whether you hold your breath in the pause; whether you lean on your partner to stay balanced; how the music sounds different when you are still inside it.

**Safety**

As always, consent and comfort in the embrace come first. Stop if either partner feels strain in the back or knees. On a crowded floor, practise pauses only where they do not block the line of dance."#,
        media_url: None,
        minutes: 15,
        difficulty: 4,
        prerequisite: Some("weight-change-listening"),
        unlock: r#"{"practice_count": 6, "streak": 3, "category_level": {"category": "flow", "level": 3}}"#,
        gateway: false,
        requires_verification: false,
        questions: &[],
    },
];

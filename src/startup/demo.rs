//! Demo members, so a visitor can look around at once. Seeded only into an empty database, and
//! only when `KINDRED_DEMO_DATA` is not turned off.

use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::feed::model::EngagementKind;
use crate::feed::{repo as feed_repo, service as feed};
use crate::oracle::model::QuestionnaireForm;
use crate::server::state::AppState;
use chrono::NaiveDate;

use crate::auth::model::{DisplayName, Email, SiteRole, Username};
use crate::auth::{password, repo as auth_repo};
use crate::members::model::{ProfileForm, ProfileUpdate};
use crate::members::repo as members_repo;

pub struct DemoMember {
    pub username: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub role: SiteRole,
    pub profile: [&'static str; 8],
}

/// Logins listed in the README. [display name, bio, city, country, time zone, languages,
/// tango role, birth date]
pub const DEMO_MEMBERS: [DemoMember; 3] = [
    DemoMember {
        username: "ana",
        email: "ana@kindred.demo",
        password: "milonga-at-midnight",
        role: SiteRole::Admin,
        profile: [
            "Ana Souza",
            "Tango teacher and organiser of a Sunday practica. I keep the floor kind and the music old.",
            "Buenos Aires",
            "Argentina",
            "America/Argentina/Buenos_Aires",
            "Spanish, Portuguese, English",
            "both",
            "1986-08-14",
        ],
    },
    DemoMember {
        username: "tomas",
        email: "tomas@kindred.demo",
        password: "ocho-cortado-2026",
        role: SiteRole::Moderator,
        profile: [
            "Tomás Ruiz",
            "Leader, DJ on Thursdays, and a slow learner of meditation.",
            "Berlin",
            "Germany",
            "Europe/Berlin",
            "Spanish, German",
            "leader",
            "1979-01-25",
        ],
    },
    DemoMember {
        username: "maya",
        email: "maya@kindred.demo",
        password: "breathe-in-breathe-out",
        role: SiteRole::Member,
        profile: [
            "Maya Lin",
            "Breathwork facilitator. Morning sits, evening walks, and a weakness for good tea.",
            "London",
            "United Kingdom",
            "Europe/London",
            "English, Mandarin",
            "follower",
            "1992-04-03",
        ],
    },
];

/// Posts by the demo members: (author, text, visibility).
const DEMO_POSTS: [(&str, &str, &str); 6] = [
    (
        "tomas",
        "Spent the morning grounding: barefoot in the park, feet on the earth, slow breath. My body finally \
      feels at home. #grounding",
        "public",
    ),
    (
        "maya",
        "Dreamt of a staircase of light again and woke with a clear sense that I should trust my intuition \
      about the new studio. #dreams",
        "public",
    ),
    (
        "ana",
        "Sunday practica was pure joy: the floor was kind, the music was old, and nobody was in a hurry. \
      Who's coming next week? #practica #milonga",
        "public",
    ),
    (
        "maya",
        "Finally spoke my truth in circle tonight. My voice shook, but I said it. @ana thank you for holding \
      the space. #breathwork",
        "public",
    ),
    (
        "tomas",
        "Thursday's playlist is ready: **D'Arienzo** for the brave, *Di Sarli* for the tender. #milonga",
        "followers",
    ),
    (
        "ana",
        "Gratitude for this community. Every embrace at the milonga reminds me how much love we carry. \
      #gratitude",
        "public",
    ),
];

pub async fn seed_if_empty(state: &AppState) -> Result<bool, String> {
    let pool = &state.pool;
    let count = auth_repo::member_count(pool).await.map_err(|e| e.to_string())?;
    if count > 0 {
        return Ok(false);
    }
    let today = chrono::Utc::now().date_naive();
    for m in DEMO_MEMBERS.iter() {
        let [display_name, bio, city, country, time_zone, languages, tango_role, birth_date] = m.profile;
        let hash = password::hash(m.password.to_string()).await.map_err(|e| e.to_string())?;
        let username = Username::parse(m.username).map_err(|e| e.to_string())?;
        let email = Email::parse(m.email).map_err(|e| e.to_string())?;
        let name = DisplayName::parse(display_name).map_err(|e| e.to_string())?;
        let mut tx = pool.begin().await.map_err(|e| e.to_string())?;
        let id =
            auth_repo::insert_member(&mut *tx, &username, &email, &name, &hash).await.map_err(|e| e.to_string())?;
        let form = ProfileForm {
            display_name: display_name.into(),
            bio: bio.into(),
            city: city.into(),
            country: country.into(),
            time_zone: time_zone.into(),
            languages: languages.into(),
            tango_role: tango_role.into(),
            birth_date: birth_date.into(),
            astro_sign: String::new(),
        };
        debug_assert!(NaiveDate::parse_from_str(birth_date, "%Y-%m-%d").is_ok());
        let update = ProfileUpdate::parse(&form, today).map_err(|e| e.to_string())?;
        members_repo::update_profile(&mut *tx, id, &update).await.map_err(|e| e.to_string())?;
        auth_repo::set_role(&mut *tx, &username, m.role).await.map_err(|e| e.to_string())?;
        tx.commit().await.map_err(|e| e.to_string())?;
    }
    // The demo practice needs the library (seeded at start-up already; idempotent).
    super::demo_practice::seed_library_if_empty(state).await.map_err(|e| e.to_string())?;
    seed_activity(state).await.map_err(|e| e.to_string())?;
    tracing::info!("demo members created (see README for their logins)");
    Ok(true)
}

async fn demo_member(state: &AppState, username: &str) -> Result<CurrentMember, AppError> {
    let id = feed_repo::members_named(&state.pool, &[username.to_string()])
        .await?
        .first()
        .map(|(id, _)| *id)
        .ok_or(AppError::NotFound)?;
    auth_repo::current_member(&state.pool, id).await?.ok_or(AppError::NotFound)
}

/// Posts, a conversation, engagements, follows and a spirit guide, so the feed is alive.
async fn seed_activity(state: &AppState) -> Result<(), AppError> {
    let ana = demo_member(state, "ana").await?;
    let tomas = demo_member(state, "tomas").await?;
    let maya = demo_member(state, "maya").await?;
    let who = |name: &str| match name {
        "ana" => &ana,
        "tomas" => &tomas,
        _ => &maya,
    };
    for (a, b) in [(&maya, &ana), (&tomas, &ana), (&ana, &maya), (&maya, &tomas)] {
        feed_repo::follow(&state.pool, a.member_id, b.member_id).await?;
    }
    let answers = QuestionnaireForm {
        spiritual: "yes".into(),
        path: "breathwork and long walks".into(),
        offerings: "tea, silence and river water".into(),
        ..Default::default()
    };
    crate::oracle::service::take_questionnaire(state, &maya, answers).await?;
    let mut posts = Vec::new();
    for (author, text, visibility) in DEMO_POSTS {
        posts.push(feed::create_post(state, who(author), text, visibility, "auto", None).await?);
    }
    let practica = posts[2];
    let first = feed::comment(state, &maya, practica, None, "I'll be there! Save me a tanda.").await?;
    feed::comment(state, &ana, practica, Some(first), "Always. Bring your dancing shoes and your patience.").await?;
    feed::engage(state, &maya, practica, EngagementKind::Like).await?;
    feed::engage(state, &maya, practica, EngagementKind::Energy).await?;
    feed::engage(state, &tomas, practica, EngagementKind::Upvote).await?;
    feed::engage(state, &ana, posts[3], EngagementKind::Energy).await?;
    feed::engage(state, &ana, posts[3], EngagementKind::Like).await?;
    feed::engage(state, &maya, posts[0], EngagementKind::Like).await?;
    seed_people(state, &ana, &tomas, &maya).await?;
    seed_events(state, &ana, &tomas, &maya).await?;
    seed_places(state, &ana, &tomas, &maya).await?;
    seed_chat(state, &ana, &tomas, &maya).await?;
    super::demo_practice::seed_practice(state, &tomas, &maya).await?;
    Ok(())
}

/// Two communities with channels, a conversation in each, and a direct conversation.
async fn seed_chat(
    state: &AppState,
    ana: &CurrentMember,
    tomas: &CurrentMember,
    maya: &CurrentMember,
) -> Result<(), AppError> {
    use crate::chat::service::{self as chat, Draft};
    use crate::communities::service::{self as communities, ChannelInput, NewCommunity};
    let tango = communities::create(
        state,
        ana,
        NewCommunity {
            name: "Tango Practica London",
            slug: "tango-practica-london",
            description: "Weekly practica at Studio Sōma: tandas, technique questions, shoe swaps and lifts home.",
            visibility: "public",
        },
    )
    .await?;
    let circle = communities::create(
        state,
        maya,
        NewCommunity {
            name: "Breathwork Circle",
            slug: "breathwork-circle",
            description:
                "A small, private circle for morning breathwork. Ask to join and say a word about your practice.",
            visibility: "private",
        },
    )
    .await?;
    communities::join(state, tomas.member_id, &tango, "").await?;
    communities::join(state, maya.member_id, &tango, "").await?;
    let notes = communities::create_channel(
        state,
        ana.member_id,
        &tango,
        false,
        ChannelInput {
            name: "practice-notes",
            topic: "What we worked on, and what to try next week",
            slow_mode_secs: 0,
            parent: None,
        },
    )
    .await?;
    let view = communities::view(state, ana.member_id, &tango).await?;
    let general = view.channels.iter().find(|c| c.name == "general").map(|c| c.channel_id).ok_or(AppError::NotFound)?;
    let say = |body: &'static str| Draft { body, reply_to: None, image: None };
    let first = chat::send(
        state,
        ana,
        general,
        say("Welcome, everyone! Practica is on Thursday at 20:00 — beginners very welcome."),
    )
    .await?;
    chat::send(
        state,
        tomas,
        general,
        Draft { body: "I'll bring the D'Arienzo playlist.", reply_to: Some(first.id), image: None },
    )
    .await?;
    chat::send(state, maya, general, say("Count me in. @ana can we work on ochos?")).await?;
    chat::react(state, maya.member_id, first.id, "🙏", true).await?;
    chat::react(state, tomas.member_id, first.id, "💃", true).await?;
    chat::send(state, ana, notes, say("Last week: **embrace** first, then walking. Next: *giros* to the left."))
        .await?;
    let circle_view = communities::view(state, maya.member_id, &circle).await?;
    if let Some(c) = circle_view.channels.iter().find(|c| c.name == "general") {
        chat::send(state, maya, c.channel_id, say("Tomorrow 7:00: box breathing, 4-4-4-4, ten rounds.")).await?;
    }
    let dm = chat::open_conversation(state, maya.member_id, "ana").await?;
    chat::send(state, maya, dm, say("Thank you for holding the space tonight.")).await?;
    chat::send(state, ana, dm, say("Always. See you at the practica?")).await?;
    // Posts and an event in the communities (their members read them; the tango ones are public).
    let community_posts = [
        (
            tomas,
            &tango,
            "Shoe swap at Thursday's #practica: bring the pairs you no longer dance in. Sizes 36–44 so far.",
        ),
        (ana, &tango, "This month's focus: the **embrace**. Arrive ten minutes early for a short warm-up together."),
        (maya, &circle, "Morning notes: three rounds of box breathing before sunrise, and the room felt very still."),
    ];
    for (author, slug, text) in community_posts {
        let to = crate::feed::model::Audience::community_key(slug);
        feed::create_post(state, author, text, &to, "auto", None).await?;
    }
    let start = next_local("Europe/London", chrono::Weekday::Thu, 1, "20:00");
    crate::events::service::create_event(
        state,
        ana,
        &crate::events::model::EventForm {
            title: "Thursday practica at Studio Sōma".into(),
            description: "Our weekly practica. Beginners welcome; a short technique corner at 20:30.".into(),
            event_type: "practica".into(),
            ends_local: plus_hours(&start, 3),
            starts_local: start,
            time_zone: "Europe/London".into(),
            mode: "in_person".into(),
            venue: "Studio Sōma".into(),
            address: "12 Rivington Street".into(),
            city: "London".into(),
            country: "United Kingdom".into(),
            tags: "practica, london".into(),
            status: "published".into(),
            community: tango.clone(),
            repeat: "weekly".into(),
            repeat_end: "count".into(),
            repeat_count: "8".into(),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

/// A soft, generated picture (a sky gradient with a sun), as PNG bytes: demo images go through
/// the real upload pipeline, and no photo has to ship with the code.
fn demo_picture(width: u32, height: u32, top: [u8; 3], bottom: [u8; 3], sun: (f32, f32)) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        let t = y as f32 / height as f32;
        let mut px = [0u8; 3];
        for i in 0..3 {
            px[i] = (top[i] as f32 * (1.0 - t) + bottom[i] as f32 * t) as u8;
        }
        let (dx, dy) = (x as f32 / width as f32 - sun.0, y as f32 / height as f32 - sun.1);
        let glow = (1.0 - (dx * dx + dy * dy).sqrt() * 4.0).clamp(0.0, 1.0);
        for c in &mut px {
            *c = (*c as f32 + (255.0 - *c as f32) * glow).min(255.0) as u8;
        }
        image::Rgb(px)
    });
    let mut out = std::io::Cursor::new(Vec::new());
    let _ = image::DynamicImage::ImageRgb8(img).write_to(&mut out, image::ImageFormat::Png);
    out.into_inner()
}

/// Connections (Ana with Maya and Tomás; Tomás's request to Maya waiting), profile pictures,
/// and a post with a picture.
async fn seed_people(
    state: &AppState,
    ana: &CurrentMember,
    tomas: &CurrentMember,
    maya: &CurrentMember,
) -> Result<(), AppError> {
    use crate::people::service as people;
    people::request(state, maya, ana.member_id, "Thank you for Sunday's práctica!").await?;
    people::respond(state, ana, maya.member_id, true).await?;
    people::request(state, tomas, ana.member_id, "").await?;
    people::respond(state, ana, tomas.member_id, true).await?;
    people::request(state, tomas, maya.member_id, "Your breathwork post helped me before my DJ set.").await?;
    let skies = [
        (ana, [212, 96, 120], [250, 190, 120], (0.5, 0.7)),
        (tomas, [40, 60, 140], [120, 170, 220], (0.3, 0.3)),
        (maya, [90, 150, 110], [230, 220, 160], (0.7, 0.5)),
    ];
    for (member, top, bottom, sun) in skies {
        let bytes = demo_picture(320, 320, top, bottom, sun);
        let stored = crate::media::upload::store(state, crate::media::Purpose::Avatar, bytes).await?;
        let mut tx = state.pool.begin().await?;
        let id = stored.record(&mut tx, member.member_id).await?;
        crate::members::repo::set_avatar(&mut *tx, member.member_id, Some(id)).await?;
        tx.commit().await?;
    }
    let image = feed::ImageInput {
        bytes: demo_picture(1200, 800, [60, 40, 110], [240, 140, 90], (0.62, 0.78)),
        alt: "A violet and orange sky over the river after the milonga".into(),
    };
    let text = "Walked home along the river after the #milonga. Grateful for every tanda tonight, and for this sky.";
    feed::create_post(state, ana, text, "public", "auto", Some(image)).await?;
    Ok(())
}

/// The next local date (from tomorrow on) in `zone` that falls on `weekday`, at `time`.
fn next_local(zone: &str, weekday: chrono::Weekday, after_days: i64, time: &str) -> String {
    use chrono::{Datelike, Duration};
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::Tz::UTC);
    let mut d = chrono::Utc::now().with_timezone(&tz).date_naive() + Duration::days(after_days.max(1));
    while d.weekday() != weekday {
        d += Duration::days(1);
    }
    format!("{d}T{time}")
}

fn plus_hours(local: &str, hours: i64) -> String {
    chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M")
        .map(|t| (t + chrono::Duration::hours(hours)).format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// A weekly práctica, a monthly milonga, a festival and an online class, with a few answers.
async fn seed_events(
    state: &AppState,
    ana: &CurrentMember,
    tomas: &CurrentMember,
    maya: &CurrentMember,
) -> Result<(), AppError> {
    use crate::events::model::{EventForm, RsvpStatus};
    use crate::events::service as events;
    use chrono::Weekday;
    let ba = "America/Argentina/Buenos_Aires";
    let practica_start = next_local(ba, Weekday::Sun, 1, "18:00");
    let practica = events::create_event(
        state,
        ana,
        &EventForm {
            title: "Sunday práctica at La Catedral".into(),
            description: "A relaxed **práctica** for every level. Ana walks the floor and helps with whatever                           you are working on. Water and *mate* on the house."
                .into(),
            event_type: "practica".into(),
            ends_local: plus_hours(&practica_start, 3),
            starts_local: practica_start,
            time_zone: ba.into(),
            mode: "in_person".into(),
            venue: "La Catedral".into(),
            address: "Sarmiento 4006".into(),
            city: "Buenos Aires".into(),
            country: "Argentina".into(),
            latitude: "-34.6037".into(),
            longitude: "-58.4206".into(),
            price_text: "3000".into(),
            currency: "ARS".into(),
            tags: "practica, beginners".into(),
            status: "published".into(),
            repeat: "weekly".into(),
            repeat_end: "count".into(),
            repeat_count: "12".into(),
            ..Default::default()
        },
    )
    .await?;
    let milonga_start = next_local("Europe/Berlin", Weekday::Sat, 3, "21:00");
    let milonga = events::create_event(
        state,
        tomas,
        &EventForm {
            title: "Milonga Luna — once a month".into(),
            description: "Tomás DJs classic tandas from the golden age. Cortinas short, floor generous.".into(),
            event_type: "milonga".into(),
            ends_local: plus_hours(&milonga_start, 5),
            starts_local: milonga_start,
            time_zone: "Europe/Berlin".into(),
            mode: "in_person".into(),
            venue: "Ballhaus Walzerlinksgestrickt".into(),
            address: "Am Flutgraben 2".into(),
            city: "Berlin".into(),
            country: "Germany".into(),
            latitude: "52.4966".into(),
            longitude: "13.4536".into(),
            price_text: "12".into(),
            currency: "EUR".into(),
            capacity: "120".into(),
            tags: "milonga, dj".into(),
            status: "published".into(),
            repeat: "monthly".into(),
            monthly_by: "nth_weekday".into(),
            repeat_end: "count".into(),
            repeat_count: "6".into(),
            ..Default::default()
        },
    )
    .await?;
    let festival_start = next_local(ba, Weekday::Fri, 40, "19:00");
    events::create_event(
        state,
        ana,
        &EventForm {
            title: "Festival Abrazo Sur".into(),
            description: "Three days of classes, milongas and a closing concert. Passes include every milonga.".into(),
            event_type: "festival".into(),
            ends_local: plus_hours(&festival_start, 53),
            starts_local: festival_start,
            time_zone: ba.into(),
            mode: "in_person".into(),
            venue: "Club Sunderland".into(),
            address: "Lugones 3161".into(),
            city: "Buenos Aires".into(),
            country: "Argentina".into(),
            latitude: "-34.5706".into(),
            longitude: "-58.4834".into(),
            price_text: "90".into(),
            currency: "USD".into(),
            ticket_url: "https://tickets.example.org/abrazo-sur".into(),
            capacity: "300".into(),
            tags: "festival".into(),
            status: "published".into(),
            ..Default::default()
        },
    )
    .await?;
    let class_start = next_local("Europe/London", Weekday::Wed, 1, "19:00");
    let class = events::create_event(
        state,
        maya,
        &EventForm {
            title: "Online breathwork class: the calm breath".into(),
            description: "Forty minutes of guided breathing for dancers and everyone else. Cameras optional.".into(),
            event_type: "class".into(),
            ends_local: plus_hours(&class_start, 1),
            starts_local: class_start,
            time_zone: "Europe/London".into(),
            mode: "online".into(),
            meeting_url: "https://meet.example.org/kindred-breath".into(),
            price_text: "Free".into(),
            capacity: "25".into(),
            tags: "breathwork, online".into(),
            status: "published".into(),
            ..Default::default()
        },
    )
    .await?;
    events::rsvp(state, maya, practica, Some(RsvpStatus::Going)).await?;
    events::rsvp(state, tomas, practica, Some(RsvpStatus::Interested)).await?;
    events::rsvp(state, ana, milonga, Some(RsvpStatus::Going)).await?;
    events::rsvp(state, ana, class, Some(RsvpStatus::Going)).await?;
    events::add_comment(
        state,
        &events::Viewer { member: Some(maya.clone()), zone: None },
        practica,
        "Is there space to practise ganchos slowly in a corner?",
    )
    .await?;
    Ok(())
}

/// [name, type, lat, lng, address, city, country, zone, anxiety, beginner, hours (every day)]
const DEMO_PLACES: [[&str; 11]; 15] = [
    // The three London places of seed 003.
    [
        "Peaceful Grounds Café",
        "coffee",
        "51.5074",
        "-0.1278",
        "123 Calm Street",
        "London",
        "UK",
        "Europe/London",
        "low",
        "on",
        "08:00-18:00",
    ],
    [
        "Beginner Fitness Hub",
        "gym",
        "51.5085",
        "-0.1290",
        "45 Support Lane",
        "London",
        "UK",
        "Europe/London",
        "low",
        "on",
        "06:00-22:00",
    ],
    [
        "The Quiet Gym",
        "gym",
        "51.5100",
        "-0.1300",
        "78 Structure Road",
        "London",
        "UK",
        "Europe/London",
        "medium",
        "on",
        "07:00-21:00",
    ],
    [
        "Green Bowl Kitchen",
        "nutrition",
        "51.5136",
        "-0.1365",
        "12 Market Row",
        "London",
        "UK",
        "Europe/London",
        "low",
        "",
        "11:00-21:00",
    ],
    [
        "Southbank Movement Studio",
        "studio",
        "51.5055",
        "-0.1160",
        "3 Riverside Walk",
        "London",
        "UK",
        "Europe/London",
        "medium",
        "on",
        "09:00-22:00",
    ],
    // Buenos Aires: milonga venues and a café.
    [
        "La Catedral Club",
        "studio",
        "-34.6037",
        "-58.4206",
        "Sarmiento 4006",
        "Buenos Aires",
        "Argentina",
        "America/Argentina/Buenos_Aires",
        "high",
        "",
        "20:00-03:00",
    ],
    [
        "Salón Canning",
        "studio",
        "-34.5889",
        "-58.4250",
        "Av. Scalabrini Ortiz 1331",
        "Buenos Aires",
        "Argentina",
        "America/Argentina/Buenos_Aires",
        "medium",
        "",
        "19:00-02:00",
    ],
    [
        "Café Tortoni",
        "coffee",
        "-34.6088",
        "-58.3786",
        "Av. de Mayo 825",
        "Buenos Aires",
        "Argentina",
        "America/Argentina/Buenos_Aires",
        "medium",
        "on",
        "08:00-23:00",
    ],
    [
        "El Beso",
        "studio",
        "-34.6036",
        "-58.3920",
        "Riobamba 416",
        "Buenos Aires",
        "Argentina",
        "America/Argentina/Buenos_Aires",
        "high",
        "",
        "21:00-04:00",
    ],
    [
        "Palermo Calm Yoga",
        "studio",
        "-34.5875",
        "-58.4300",
        "Gurruchaga 1650",
        "Buenos Aires",
        "Argentina",
        "America/Argentina/Buenos_Aires",
        "low",
        "on",
        "07:00-21:00",
    ],
    // Berlin.
    [
        "Clärchens Ballhaus",
        "studio",
        "52.5265",
        "13.3967",
        "Auguststraße 24",
        "Berlin",
        "Germany",
        "Europe/Berlin",
        "medium",
        "on",
        "12:00-01:00",
    ],
    [
        "Kreuzberg Quiet Coffee",
        "coffee",
        "52.4990",
        "13.4180",
        "Oranienstraße 20",
        "Berlin",
        "Germany",
        "Europe/Berlin",
        "low",
        "on",
        "08:00-19:00",
    ],
    [
        "Spree Gym Collective",
        "gym",
        "52.5050",
        "13.4400",
        "Mühlenstraße 60",
        "Berlin",
        "Germany",
        "Europe/Berlin",
        "medium",
        "",
        "06:00-23:00",
    ],
    // Mentors and partners.
    [
        "Breath & Balance Mentoring",
        "mentor",
        "51.5200",
        "-0.1050",
        "8 Quiet Court",
        "London",
        "UK",
        "Europe/London",
        "low",
        "on",
        "10:00-18:00",
    ],
    [
        "Kindred Partner Lounge",
        "partner",
        "52.5200",
        "13.4050",
        "Alexanderplatz 1",
        "Berlin",
        "Germany",
        "Europe/Berlin",
        "low",
        "on",
        "09:00-20:00",
    ],
];

/// Fifteen places in London, Buenos Aires and Berlin (most verified), a partner that owns the
/// London café and the Berlin lounge with Tomás as its staff, and a few check-ins by Maya.
async fn seed_places(
    state: &AppState,
    ana: &CurrentMember,
    tomas: &CurrentMember,
    maya: &CurrentMember,
) -> Result<(), AppError> {
    use crate::places::{model::PlaceForm, repo as places, service};
    let mut ids = Vec::new();
    for (i, p) in DEMO_PLACES.iter().enumerate() {
        let hours = p[10].to_string();
        let form = PlaceForm {
            name: p[0].into(),
            place_type: p[1].into(),
            latitude: p[2].into(),
            longitude: p[3].into(),
            address: p[4].into(),
            city: p[5].into(),
            country: p[6].into(),
            time_zone: p[7].into(),
            anxiety: p[8].into(),
            beginner_friendly: (!p[9].is_empty()).then(|| "on".to_string()),
            hours_mon: hours.clone(),
            hours_tue: hours.clone(),
            hours_wed: hours.clone(),
            hours_thu: hours.clone(),
            hours_fri: hours.clone(),
            hours_sat: hours.clone(),
            hours_sun: if i % 3 == 0 { String::new() } else { hours },
            description: format!("{} — a {} place in {}.", p[0], p[1], p[5]),
            ..Default::default()
        };
        let id = service::propose(state, if i % 2 == 0 { ana } else { maya }, &form).await?;
        if i != 4 && i != 12 {
            // Two stay unverified, as members' fresh proposals do.
            service::set_verified(state, ana, id, true).await?;
        }
        ids.push(id);
    }
    let partner =
        places::insert_partner(&state.pool, "Calm Collective", "Cafés and lounges that welcome newcomers.", "gold")
            .await?;
    places::set_partner(&state.pool, ids[0], Some(partner)).await?;
    places::set_partner(&state.pool, ids[14], Some(partner)).await?;
    places::add_staff(&state.pool, partner, tomas.member_id).await?;
    let now = chrono::Utc::now();
    for (days_ago, place, mood) in [(2, 0, "calm"), (1, 1, "motivated"), (0, 0, "neutral")] {
        let at = now - chrono::Duration::days(days_ago);
        service::check_in(state, maya, ids[place], mood, "", chrono_tz::Tz::UTC, at).await?;
    }
    use crate::places::{mentoring, model::MentorForm};
    let offer = MentorForm {
        title: "Breathwork guide".into(),
        specializations: "breathwork, calm before a milonga, first steps".into(),
        bio: "Ten years of breathwork and long walks. Gentle sessions for nervous beginners.".into(),
        mode: "both".into(),
        place_id: ids[13].to_string(),
        available: Some("on".into()),
    };
    mentoring::save_profile(state, maya, &offer).await?;
    mentoring::set_verified(state, ana, "maya", true).await?;
    mentoring::review(state, maya, mentoring::Target::Place(ids[0]), "5", "Quiet corner by the window, kind staff.")
        .await?;
    Ok(())
}

//! Demo members, so a visitor can look around at once. Seeded only into an empty database, and
//! only when `KINDRED_DEMO_DATA` is not turned off.

use chrono::NaiveDate;
use sqlx::PgPool;

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

pub async fn seed_if_empty(pool: &PgPool) -> Result<bool, String> {
    let count = auth_repo::member_count(pool)
        .await
        .map_err(|e| e.to_string())?;
    if count > 0 {
        return Ok(false);
    }
    let today = chrono::Utc::now().date_naive();
    for m in DEMO_MEMBERS.iter() {
        let [display_name, bio, city, country, time_zone, languages, tango_role, birth_date] =
            m.profile;
        let hash = password::hash(m.password.to_string())
            .await
            .map_err(|e| e.to_string())?;
        let username = Username::parse(m.username).map_err(|e| e.to_string())?;
        let email = Email::parse(m.email).map_err(|e| e.to_string())?;
        let name = DisplayName::parse(display_name).map_err(|e| e.to_string())?;
        let mut tx = pool.begin().await.map_err(|e| e.to_string())?;
        let id = auth_repo::insert_member(&mut *tx, &username, &email, &name, &hash)
            .await
            .map_err(|e| e.to_string())?;
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
        members_repo::update_profile(&mut *tx, id, &update)
            .await
            .map_err(|e| e.to_string())?;
        auth_repo::set_role(&mut *tx, &username, m.role)
            .await
            .map_err(|e| e.to_string())?;
        tx.commit().await.map_err(|e| e.to_string())?;
    }
    tracing::info!("demo members created (see README for their logins)");
    Ok(true)
}

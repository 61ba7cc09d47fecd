//! Referrals: every member's invite link; after a new member's third day of practice their
//! referral becomes active and both get a streak freeze (and spirit-guide XP), once.

use chrono::{DateTime, Utc};
use rand::Rng;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::notifications::{model::NotificationKind, repo::Note};
use crate::practice::model::{ReferralRow, Referrals, REFERRAL_DAYS};
use crate::practice::repo::referrals as repo;
use crate::server::state::AppState;

/// Rewarded referrals per referrer in 30 days (more still count, without the reward).
pub const REWARDED_PER_30_DAYS: i64 = 10;
pub const REFERRAL_XP: i32 = 25;

fn new_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    (0..10).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

async fn my_code(state: &AppState, member: Uuid) -> Result<String, AppError> {
    if let Some(code) = repo::code(&state.pool, member).await? {
        return Ok(code);
    }
    for _ in 0..5 {
        let code = new_code();
        if repo::insert_code(&state.pool, member, &code).await? {
            return Ok(code);
        }
        // Taken by someone else, or this member got one concurrently: read it again.
        if let Some(code) = repo::code(&state.pool, member).await? {
            return Ok(code);
        }
    }
    Err(AppError::Internal)
}

pub async fn referrals(state: &AppState, me: &CurrentMember) -> Result<Referrals, AppError> {
    let code = my_code(state, me.member_id).await?;
    let path = format!("/signup?invite={code}");
    let link = match state.config.public_url.as_deref() {
        Some(base) if !base.is_empty() => format!("{}{path}", base.trim_end_matches('/')),
        _ => path,
    };
    let (mut active, mut pending) = (Vec::new(), Vec::new());
    for (username, display_name, joined_at, days, activated_at) in repo::invited(&state.pool, &code).await? {
        let row = ReferralRow { username, display_name, joined_at, days: days.min(REFERRAL_DAYS), activated_at };
        if activated_at.is_some() {
            active.push(row);
        } else {
            pending.push(row);
        }
    }
    Ok(Referrals { code, link, active, pending })
}

/// Called in the transaction of a session that made `member`'s third day of practice: records
/// their referral (once per account) and rewards both, within the referrer's cap. Returns whether
/// the member earned a freeze (the caller holds their practice row and adds it).
pub(crate) async fn on_third_day(
    conn: &mut PgConnection,
    member: Uuid,
    name: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let Some(referrer) = repo::inviter(conn, member).await? else { return Ok(false) };
    let rewarded = repo::rewarded_since(conn, referrer, now - chrono::Duration::days(30)).await? < REWARDED_PER_30_DAYS;
    if !repo::activate(conn, member, referrer, rewarded, now).await? {
        return Ok(false);
    }
    if rewarded {
        repo::add_freeze(conn, referrer).await?;
        for who in [member, referrer] {
            crate::oracle::repo::award_xp(conn, who, "referral", &format!("referral:{member}"), REFERRAL_XP).await?;
        }
        let notes = [
            (
                referrer,
                format!(
                    "{name}, whom you invited, has practised on {REFERRAL_DAYS} days: you both earned a streak freeze."
                ),
            ),
            (
                member,
                format!(
                    "{REFERRAL_DAYS} days of practice: you and the friend who invited you both earned a streak freeze."
                ),
            ),
        ];
        for (who, message) in notes {
            crate::notifications::repo::notify(
                &mut *conn,
                Note {
                    member_id: who,
                    kind: NotificationKind::Achievement,
                    actor_id: None,
                    post_id: None,
                    message: &message,
                    link: "/practice/referrals",
                },
            )
            .await?;
        }
    }
    Ok(rewarded)
}

//! Referrals: a member's invite link and who came through it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Practice days a new member needs before their referral counts.
pub const REFERRAL_DAYS: i32 = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferralRow {
    pub username: String,
    pub display_name: String,
    pub joined_at: DateTime<Utc>,
    /// Days practised so far (of REFERRAL_DAYS) while pending.
    pub days: i32,
    pub activated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Referrals {
    pub code: String,
    /// The invite link: absolute when the site's public address is configured.
    pub link: String,
    pub active: Vec<ReferralRow>,
    pub pending: Vec<ReferralRow>,
}

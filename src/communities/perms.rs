//! Permission bits and how a member's permissions in a channel are worked out.
//!
//! Resolution follows the order Discord documents, so moderators coming from there meet no
//! surprises:
//!
//! 1. The community's owner has every permission, everywhere.
//! 2. Base = the @everyone role's bits OR the bits of every other role the member holds.
//! 3. In a channel, overrides apply in three steps, each "take away `deny`, then add `allow`":
//!    the @everyone override; then all of the member's role overrides together (their denies
//!    combined, then their allows combined — so one role allowing beats another denying); then
//!    the override for the member themself.
//! 4. Without "view channel" nothing else counts; without "send messages" neither do attaching,
//!    mentioning everyone nor (for a member in a timeout) reacting.
//! 5. A member in a timeout keeps only viewing.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const VIEW_CHANNEL: i64 = 1 << 0;
pub const SEND_MESSAGES: i64 = 1 << 1;
pub const ATTACH_FILES: i64 = 1 << 2;
pub const ADD_REACTIONS: i64 = 1 << 3;
pub const MENTION_EVERYONE: i64 = 1 << 4;
pub const MANAGE_MESSAGES: i64 = 1 << 5;
pub const MANAGE_CHANNELS: i64 = 1 << 6;
pub const MANAGE_ROLES: i64 = 1 << 7;
pub const KICK_MEMBERS: i64 = 1 << 8;
pub const BAN_MEMBERS: i64 = 1 << 9;
pub const MANAGE_EVENTS: i64 = 1 << 10;
pub const INVITE: i64 = 1 << 11;
pub const ALL: i64 = (1 << 12) - 1;

/// Every permission with its name and what it lets a member do, in the order forms show them.
pub const NAMED: [(i64, &str, &str); 12] = [
    (VIEW_CHANNEL, "view", "View channels and read their history"),
    (SEND_MESSAGES, "send", "Send messages"),
    (ATTACH_FILES, "attach", "Attach images"),
    (ADD_REACTIONS, "react", "Add reactions"),
    (MENTION_EVERYONE, "mention_everyone", "Mention @everyone"),
    (MANAGE_MESSAGES, "manage_messages", "Delete others' messages and review flagged ones"),
    (MANAGE_CHANNELS, "manage_channels", "Create, edit, reorder and delete channels"),
    (MANAGE_ROLES, "manage_roles", "Create and assign roles below their own"),
    (KICK_MEMBERS, "kick", "Remove members and give timeouts"),
    (BAN_MEMBERS, "ban", "Ban members"),
    (MANAGE_EVENTS, "manage_events", "Manage the community's events"),
    (INVITE, "invite", "Create invites and approve join requests"),
];

pub const EVERYONE_DEFAULT: i64 = VIEW_CHANNEL | SEND_MESSAGES | ATTACH_FILES | ADD_REACTIONS;
pub const MODERATOR_DEFAULT: i64 =
    EVERYONE_DEFAULT | MENTION_EVERYONE | MANAGE_MESSAGES | KICK_MEMBERS | BAN_MEMBERS | MANAGE_EVENTS | INVITE;

pub fn has(bits: i64, perm: i64) -> bool {
    bits & perm == perm
}

/// Bits from form checkbox names (unknown names are ignored).
pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> i64 {
    let mut bits = 0;
    for n in names {
        if let Some((b, _, _)) = NAMED.iter().find(|(_, key, _)| *key == n) {
            bits |= b;
        }
    }
    bits
}

/// A permission form: one field per permission (`perms[view]`, `perms[send]` …). Checkboxes send
/// "on"; override selects send "allow", "deny" or nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PermFields {
    pub view: Option<String>,
    pub send: Option<String>,
    pub attach: Option<String>,
    pub react: Option<String>,
    pub mention_everyone: Option<String>,
    pub manage_messages: Option<String>,
    pub manage_channels: Option<String>,
    pub manage_roles: Option<String>,
    pub kick: Option<String>,
    pub ban: Option<String>,
    pub manage_events: Option<String>,
    pub invite: Option<String>,
}

impl PermFields {
    fn values(&self) -> [(&'static str, &Option<String>); 12] {
        [
            ("view", &self.view),
            ("send", &self.send),
            ("attach", &self.attach),
            ("react", &self.react),
            ("mention_everyone", &self.mention_everyone),
            ("manage_messages", &self.manage_messages),
            ("manage_channels", &self.manage_channels),
            ("manage_roles", &self.manage_roles),
            ("kick", &self.kick),
            ("ban", &self.ban),
            ("manage_events", &self.manage_events),
            ("invite", &self.invite),
        ]
    }

    /// Bits whose field holds exactly `value`.
    pub fn with(&self, value: &str) -> i64 {
        from_names(self.values().into_iter().filter(|(_, v)| v.as_deref() == Some(value)).map(|(k, _)| k))
    }

    /// Bits of the ticked checkboxes.
    pub fn checked(&self) -> i64 {
        from_names(
            self.values()
                .into_iter()
                .filter(|(_, v)| v.as_deref().is_some_and(|v| !v.is_empty() && v != "off"))
                .map(|(k, _)| k),
        )
    }
}

/// One channel override row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    pub target: Target,
    pub allow: i64,
    pub deny: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Role(Uuid),
    Member(Uuid),
}

/// What is known about one member in one community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub member_id: Uuid,
    pub is_owner: bool,
    pub everyone_role: Uuid,
    pub everyone_bits: i64,
    /// The member's other roles and their bits.
    pub roles: Vec<(Uuid, i64)>,
    pub timed_out: bool,
    /// Whether they belong to the community. Overrides are for members: someone who does not
    /// belong (a visitor of a public community, a removed or banned member) keeps at most the
    /// @everyone role's view bit, which an @everyone deny can take away but no override adds to.
    pub is_member: bool,
}

impl Standing {
    /// Community-wide permissions (step 1 and 2).
    pub fn base(&self) -> i64 {
        if self.is_owner {
            return ALL;
        }
        if !self.is_member {
            return self.everyone_bits & VIEW_CHANNEL;
        }
        let bits = self.roles.iter().fold(self.everyone_bits, |acc, (_, b)| acc | b);
        self.finish(bits)
    }

    /// Permissions in a channel with these overrides (steps 1–5).
    pub fn in_channel(&self, overrides: &[Override]) -> i64 {
        if self.is_owner {
            return ALL;
        }
        if !self.is_member {
            let mut bits = self.everyone_bits & VIEW_CHANNEL;
            if let Some(o) = overrides.iter().find(|o| o.target == Target::Role(self.everyone_role)) {
                bits &= !o.deny;
            }
            return bits;
        }
        let mut bits = self.roles.iter().fold(self.everyone_bits, |acc, (_, b)| acc | b);
        if let Some(o) = overrides.iter().find(|o| o.target == Target::Role(self.everyone_role)) {
            bits = (bits & !o.deny) | o.allow;
        }
        let (mut deny, mut allow) = (0, 0);
        for o in overrides {
            if let Target::Role(r) = o.target {
                if self.roles.iter().any(|(id, _)| *id == r) {
                    deny |= o.deny;
                    allow |= o.allow;
                }
            }
        }
        bits = (bits & !deny) | allow;
        if let Some(o) = overrides.iter().find(|o| o.target == Target::Member(self.member_id)) {
            bits = (bits & !o.deny) | o.allow;
        }
        self.finish(bits)
    }

    fn finish(&self, mut bits: i64) -> i64 {
        if !has(bits, VIEW_CHANNEL) {
            return 0;
        }
        if !has(bits, SEND_MESSAGES) {
            bits &= !(ATTACH_FILES | MENTION_EVERYONE);
        }
        if self.timed_out {
            bits &= VIEW_CHANNEL;
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> (Uuid, Uuid, Uuid, Uuid) {
        (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3), Uuid::from_u128(4))
    }

    fn standing(roles: Vec<(Uuid, i64)>) -> Standing {
        let (member, everyone, _, _) = ids();
        Standing {
            member_id: member,
            is_owner: false,
            everyone_role: everyone,
            everyone_bits: EVERYONE_DEFAULT,
            roles,
            timed_out: false,
            is_member: true,
        }
    }

    /// Someone who does not belong: a visitor of a public community (who may view), or of a
    /// private one, or a removed or banned member (who may not).
    fn outsider(view: bool) -> Standing {
        let mut s = standing(vec![]);
        s.is_member = false;
        s.everyone_bits = if view { VIEW_CHANNEL } else { 0 };
        s
    }

    fn ov(target: Target, allow: i64, deny: i64) -> Override {
        Override { target, allow, deny }
    }

    /// The resolution table: each row is a situation and the bits it must give.
    #[test]
    fn resolution_table() {
        let (member, everyone, helpers, quiet) = ids();
        let rows: Vec<(&str, Standing, Vec<Override>, i64, i64)> = vec![
            // (what, who, overrides, must have, must not have)
            ("plain member, no overrides", standing(vec![]), vec![], EVERYONE_DEFAULT, MANAGE_MESSAGES),
            ("role adds bits", standing(vec![(helpers, MANAGE_MESSAGES)]), vec![], MANAGE_MESSAGES | SEND_MESSAGES, 0),
            (
                "channel denies view to everyone",
                standing(vec![]),
                vec![ov(Target::Role(everyone), 0, VIEW_CHANNEL)],
                0,
                VIEW_CHANNEL | SEND_MESSAGES,
            ),
            (
                "role allow beats everyone deny",
                standing(vec![(helpers, 0)]),
                vec![ov(Target::Role(everyone), 0, VIEW_CHANNEL), ov(Target::Role(helpers), VIEW_CHANNEL, 0)],
                VIEW_CHANNEL | SEND_MESSAGES,
                0,
            ),
            (
                "one role allowing beats another denying",
                standing(vec![(helpers, 0), (quiet, 0)]),
                vec![ov(Target::Role(quiet), 0, SEND_MESSAGES), ov(Target::Role(helpers), SEND_MESSAGES, 0)],
                SEND_MESSAGES,
                0,
            ),
            (
                "role deny takes away",
                standing(vec![(quiet, 0)]),
                vec![ov(Target::Role(quiet), 0, SEND_MESSAGES)],
                VIEW_CHANNEL | ADD_REACTIONS,
                SEND_MESSAGES | ATTACH_FILES,
            ),
            (
                "member allow beats role deny",
                standing(vec![(quiet, 0)]),
                vec![ov(Target::Role(quiet), 0, SEND_MESSAGES), ov(Target::Member(member), SEND_MESSAGES, 0)],
                SEND_MESSAGES,
                0,
            ),
            (
                "member deny beats role allow",
                standing(vec![(helpers, 0)]),
                vec![ov(Target::Role(helpers), SEND_MESSAGES, 0), ov(Target::Member(member), 0, VIEW_CHANNEL)],
                0,
                VIEW_CHANNEL,
            ),
            (
                "overrides for roles the member lacks do nothing",
                standing(vec![]),
                vec![ov(Target::Role(quiet), 0, VIEW_CHANNEL)],
                VIEW_CHANNEL,
                0,
            ),
            (
                "no send means no attach and no @everyone",
                standing(vec![(helpers, MENTION_EVERYONE)]),
                vec![ov(Target::Role(everyone), 0, SEND_MESSAGES)],
                VIEW_CHANNEL,
                ATTACH_FILES | MENTION_EVERYONE,
            ),
            (
                "an outsider's own member override gives nothing",
                outsider(false),
                vec![ov(Target::Member(member), ALL, 0)],
                0,
                VIEW_CHANNEL | SEND_MESSAGES,
            ),
            (
                "an @everyone allow does not reach outsiders",
                outsider(false),
                vec![ov(Target::Role(everyone), VIEW_CHANNEL | SEND_MESSAGES, 0)],
                0,
                VIEW_CHANNEL | SEND_MESSAGES,
            ),
            (
                "a visitor of a public community only reads, whatever the overrides allow",
                outsider(true),
                vec![ov(Target::Role(everyone), SEND_MESSAGES | ATTACH_FILES, 0), ov(Target::Member(member), ALL, 0)],
                VIEW_CHANNEL,
                SEND_MESSAGES | ATTACH_FILES | MANAGE_MESSAGES,
            ),
            (
                "a channel hidden from @everyone is hidden from visitors",
                outsider(true),
                vec![ov(Target::Role(everyone), 0, VIEW_CHANNEL)],
                0,
                VIEW_CHANNEL,
            ),
            (
                "someone else's member override does nothing",
                standing(vec![]),
                vec![ov(Target::Member(Uuid::from_u128(99)), 0, VIEW_CHANNEL)],
                VIEW_CHANNEL,
                0,
            ),
        ];
        for (what, who, overrides, must, must_not) in rows {
            let bits = who.in_channel(&overrides);
            assert!(has(bits, must), "{what}: expected {must:#b} within {bits:#b}");
            assert_eq!(bits & must_not, 0, "{what}: {bits:#b} must not include {must_not:#b}");
        }
    }

    #[test]
    fn owners_have_everything_and_timeouts_leave_only_reading() {
        let (_, everyone, _, _) = ids();
        let mut owner = standing(vec![]);
        owner.is_owner = true;
        assert_eq!(owner.in_channel(&[ov(Target::Role(everyone), 0, ALL)]), ALL);
        let mut quiet = standing(vec![]);
        quiet.timed_out = true;
        assert_eq!(quiet.in_channel(&[]), VIEW_CHANNEL);
        assert_eq!(quiet.base(), VIEW_CHANNEL);
    }

    #[test]
    fn permission_forms() {
        let f =
            PermFields { view: Some("on".into()), kick: Some("on".into()), ban: Some("".into()), ..Default::default() };
        assert_eq!(f.checked(), VIEW_CHANNEL | KICK_MEMBERS);
        let o = PermFields {
            view: Some("allow".into()),
            send: Some("deny".into()),
            react: Some("".into()),
            ..Default::default()
        };
        assert_eq!(o.with("allow"), VIEW_CHANNEL);
        assert_eq!(o.with("deny"), SEND_MESSAGES);
    }

    #[test]
    fn names_round_trip() {
        assert_eq!(from_names(["view", "send", "nonsense"]), VIEW_CHANNEL | SEND_MESSAGES);
        assert_eq!(from_names(NAMED.iter().map(|(_, n, _)| *n)), ALL);
    }
}

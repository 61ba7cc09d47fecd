//! Roles: creating, editing, ordering and deleting them, and giving them to members. An actor
//! touches only roles ranking below their highest, and hands out only bits they hold (the
//! owner, any).

use uuid::Uuid;

use super::super::model::*;
use super::super::perms;
use super::super::repo::{self, CommunityRow, Loaded};
use super::{announce_access, announce_member, require};
use crate::error::AppError;
use crate::server::state::AppState;

fn check_colour(colour: &str) -> Result<String, AppError> {
    let c = colour.trim().to_lowercase();
    let ok = c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit());
    if ok {
        Ok(c)
    } else {
        Err(AppError::invalid("colour", "Choose a colour like #3366cc."))
    }
}

fn check_role_name(name: &str) -> Result<String, AppError> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > ROLE_NAME_MAX || n.starts_with('@') {
        return Err(AppError::invalid(
            "name",
            format!("Name the role in 1 to {ROLE_NAME_MAX} characters, not starting with @."),
        ));
    }
    Ok(n.to_string())
}

/// Bits an actor may hand out: the owner any, others only bits they hold themselves.
fn grantable(l: &Loaded, bits: i64) -> Result<i64, AppError> {
    if l.standing.is_owner || bits & !l.standing.base() == 0 {
        Ok(bits & perms::ALL)
    } else {
        Err(AppError::invalid("permissions", "You can only grant permissions you hold yourself."))
    }
}

pub async fn roles(state: &AppState, c: &CommunityRow, l: &Loaded) -> Result<Vec<RoleView>, AppError> {
    let rows = repo::roles::list(&state.pool, c.community_id).await?;
    let may = perms::has(l.standing.base(), perms::MANAGE_ROLES);
    Ok(rows
        .into_iter()
        .map(|r| {
            let kind = match r.kind.as_str() {
                "everyone" => RoleKind::Everyone,
                "moderator" => RoleKind::Moderator,
                "owner" => RoleKind::Owner,
                _ => RoleKind::Custom,
            };
            RoleView {
                editable: may && kind != RoleKind::Owner && (l.standing.is_owner || r.position < l.highest),
                role_id: r.role_id,
                name: r.name,
                colour: r.colour,
                position: r.position,
                permissions: r.permissions,
                kind,
                members: if r.kind == "everyone" { c.member_count as i64 } else { r.members },
            }
        })
        .collect())
}

pub async fn create_role(
    state: &AppState,
    me: Uuid,
    slug: &str,
    name: &str,
    colour: &str,
    bits: i64,
) -> Result<Uuid, AppError> {
    let (c, l) = require(state, me, slug, perms::MANAGE_ROLES).await?;
    let name = check_role_name(name)?;
    let colour = check_colour(colour)?;
    let bits = grantable(&l, bits)?;
    let mut tx = state.pool.begin().await?;
    // Serialises role changes of this community.
    repo::lock(&mut tx, c.community_id).await?;
    let count = repo::roles::count(&mut tx, c.community_id).await?;
    if count >= 50 {
        return Err(AppError::Conflict("A community can have at most 50 roles.".into()));
    }
    // New roles go right below the creator's highest (the top of the list, for the owner).
    let top = repo::roles::top_position(&mut tx, c.community_id).await?;
    let at = if l.standing.is_owner { top + 1 } else { l.highest.min(top + 1) };
    repo::roles::make_room(&mut tx, c.community_id, at).await?;
    let id = match repo::roles::insert(&mut tx, c.community_id, &name, &colour, at, bits).await {
        Ok(id) => id,
        Err(e) if crate::server::errors::unique_violation(&e).is_some() => {
            return Err(AppError::invalid("name", "A role with that name exists already."))
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    Ok(id)
}

/// The role, checked to be one the actor may change.
async fn editable_role(
    state: &AppState,
    me: Uuid,
    role_id: Uuid,
) -> Result<(CommunityRow, Loaded, String, i32), AppError> {
    let r = repo::roles::ranked(&state.pool, role_id).await?.ok_or(AppError::NotFound)?;
    let (c, l) = require(state, me, &r.slug, perms::MANAGE_ROLES).await?;
    if r.kind == "owner" || (!l.standing.is_owner && r.position >= l.highest) {
        return Err(AppError::Forbidden);
    }
    Ok((c, l, r.kind, r.position))
}

pub async fn update_role(
    state: &AppState,
    me: Uuid,
    role_id: Uuid,
    name: &str,
    colour: &str,
    bits: i64,
) -> Result<(), AppError> {
    let (c, l, kind, _) = editable_role(state, me, role_id).await?;
    let name = if kind == "everyone" { "@everyone".to_string() } else { check_role_name(name)? };
    let colour = check_colour(colour)?;
    let bits = grantable(&l, bits)?;
    let mut tx = state.pool.begin().await?;
    match repo::roles::update(&mut tx, role_id, &name, &colour, bits).await {
        Err(e) if crate::server::errors::unique_violation(&e).is_some() => {
            return Err(AppError::invalid("name", "A role with that name exists already."))
        }
        r => r?,
    };
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_role(state: &AppState, me: Uuid, role_id: Uuid) -> Result<(), AppError> {
    let (c, _, kind, _) = editable_role(state, me, role_id).await?;
    if kind != "custom" {
        return Err(AppError::Conflict("The built-in roles cannot be deleted.".into()));
    }
    let mut tx = state.pool.begin().await?;
    repo::roles::delete(&mut tx, role_id).await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Swaps a role with its neighbour above (`up`) or below; both must rank below the actor, and
/// neither may be @everyone or the owner role.
pub async fn move_role(state: &AppState, me: Uuid, role_id: Uuid, up: bool) -> Result<(), AppError> {
    let (c, l, kind, position) = editable_role(state, me, role_id).await?;
    if kind == "everyone" {
        return Err(AppError::Conflict("@everyone always comes last.".into()));
    }
    let mut tx = state.pool.begin().await?;
    repo::lock(&mut tx, c.community_id).await?;
    let neighbour = repo::roles::neighbour(&mut tx, c.community_id, position, up).await?;
    let Some((other, other_position)) = neighbour else { return Ok(()) };
    if !l.standing.is_owner && other_position >= l.highest {
        return Err(AppError::Forbidden);
    }
    repo::roles::swap(&mut tx, role_id, position, other, other_position).await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_member_role(
    state: &AppState,
    me: Uuid,
    slug: &str,
    username: &str,
    role_id: Uuid,
    on: bool,
) -> Result<(), AppError> {
    let (c, l) = require(state, me, slug, perms::MANAGE_ROLES).await?;
    let role = repo::roles::get(&state.pool, role_id).await?.ok_or(AppError::NotFound)?;
    if role.community_id != c.community_id || !matches!(role.kind.as_str(), "moderator" | "custom") {
        return Err(AppError::NotFound);
    }
    if !l.standing.is_owner && role.position >= l.highest {
        return Err(AppError::Forbidden);
    }
    // Giving a role hands out its permissions: only those the actor holds (the owner, all).
    if on && !l.standing.is_owner && role.permissions & !l.standing.base() != 0 {
        return Err(AppError::invalid("role_id", "You can only give roles whose permissions you hold yourself."));
    }
    let who = repo::member_by_username(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    let target = repo::standing(&state.pool, &c, who.member_id).await?.ok_or(AppError::NotFound)?;
    if !target.is_member {
        return Err(AppError::NotFound);
    }
    if who.member_id != me && !l.standing.is_owner && target.highest >= l.highest {
        return Err(AppError::Conflict(format!("{} ranks as high as you or higher.", who.display_name)));
    }
    let mut tx = state.pool.begin().await?;
    if on {
        repo::roles::grant(&mut tx, c.community_id, who.member_id, role_id).await?;
    } else {
        repo::roles::withdraw(&mut tx, c.community_id, who.member_id, role_id).await?;
    }
    announce_member(&mut tx, who.member_id).await?;
    tx.commit().await?;
    Ok(())
}

//! A community's own row: the directory lists, founding one, and its settings.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::super::model::{CommunityCard, Visibility};

/// A community as the directory shows it.
struct Card {
    slug: String,
    name: String,
    description: String,
    visibility: String,
    member_count: i32,
    icon_id: Option<Uuid>,
}

impl Card {
    fn card(self, is_member: bool) -> CommunityCard {
        CommunityCard {
            slug: self.slug,
            name: self.name,
            description: self.description,
            visibility: Visibility::parse(&self.visibility).unwrap_or(Visibility::Private),
            member_count: self.member_count,
            is_member,
            icon_id: self.icon_id,
        }
    }
}

/// The communities a member belongs to, by name.
pub async fn mine(db: impl PgExecutor<'_>, member: Uuid) -> Result<Vec<CommunityCard>, sqlx::Error> {
    Ok(sqlx::query_as!(
        Card,
        "select c.slug, c.name, c.description, c.visibility, c.member_count, c.icon_id
         from community_members cm join communities c using (community_id)
         where cm.member_id = $1 order by c.name limit 200",
        member
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|c| c.card(true))
    .collect())
}

/// Public and private communities a member has not joined, matching `q` (all when empty),
/// largest first.
pub async fn discover(db: impl PgExecutor<'_>, member: Uuid, q: &str) -> Result<Vec<CommunityCard>, sqlx::Error> {
    Ok(sqlx::query_as!(
        Card,
        "select c.slug, c.name, c.description, c.visibility, c.member_count, c.icon_id
         from communities c
         where c.visibility <> 'invite'
           and not exists (select 1 from community_members cm where cm.community_id = c.community_id and cm.member_id = $1)
           and ($2 = '' or c.search @@ websearch_to_tsquery('simple', $2))
         order by c.member_count desc, c.community_id limit 50",
        member,
        q
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|c| c.card(false))
    .collect())
}

/// A community about to be founded; its owner counts as its one member.
pub struct NewRow<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub visibility: &'a str,
    pub owner: Uuid,
}

/// Inserts the community row (a taken slug fails with a unique violation).
pub async fn insert(db: &mut PgConnection, new: NewRow<'_>) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into communities (slug, name, description, visibility, owner_id, member_count)
         values ($1, $2, $3, $4, $5, 1) returning community_id",
        new.slug,
        new.name,
        new.description,
        new.visibility,
        new.owner
    )
    .fetch_one(&mut *db)
    .await
}

/// The settings only the owner changes.
pub struct Settings<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub visibility: &'a str,
    pub filter_policy: &'a str,
}

pub async fn update(db: &mut PgConnection, community: Uuid, s: Settings<'_>) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update communities set name = $2, description = $3, visibility = $4, filter_policy = $5 where community_id = $1",
        community,
        s.name,
        s.description,
        s.visibility,
        s.filter_policy
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}

pub async fn set_icon(db: &mut PgConnection, community: Uuid, icon: Option<Uuid>) -> Result<(), sqlx::Error> {
    sqlx::query!("update communities set icon_id = $2 where community_id = $1", community, icon)
        .execute(&mut *db)
        .await?;
    Ok(())
}

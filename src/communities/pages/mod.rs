//! Community pages: the directory, a community's home, its members, its settings and invites.

mod communities_page;
mod community_page;
mod invite_page;
mod members_page;
mod settings_page;

pub use communities_page::CommunitiesPage;
pub use community_page::CommunityPage;
pub use invite_page::InvitePage;
pub use members_page::CommunityMembersPage;
pub use settings_page::CommunitySettingsPage;

//! Community pages: the directory, a community's home, its members, its settings and invites.

mod communities_page;
mod community_page;
mod community_settings_page;
mod invite_page;
mod member_list_page;
mod settings;

pub use communities_page::CommunitiesPage;
pub use community_page::{CommunityPage, CommunitySections};
pub use community_settings_page::CommunitySettingsPage;
pub use invite_page::InvitePage;
pub use member_list_page::CommunityMembersPage;

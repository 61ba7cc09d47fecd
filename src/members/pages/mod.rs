mod edit_profile_page;
mod members_page;
mod profile_page;
mod settings_nav;

pub use edit_profile_page::EditProfilePage;
pub use members_page::MembersPage;
pub use profile_page::ProfilePage;
pub use settings_nav::SettingsNav;

mod edit_profile_page;
mod members_page;
mod profile_page;

pub use edit_profile_page::EditProfilePage;
pub use members_page::MembersPage;
pub use profile_page::ProfilePage;

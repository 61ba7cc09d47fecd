mod connect_button;
mod follow_list_page;
mod people_page;

pub use connect_button::ConnectButton;
pub use follow_list_page::{FollowersPage, FollowingPage};
pub use people_page::PeoplePage;

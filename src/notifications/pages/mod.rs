mod mutes_page;
mod notifications_page;

pub use mutes_page::MutesPage;
pub use notifications_page::NotificationsPage;

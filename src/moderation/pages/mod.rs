mod queue_page;
mod widgets;

pub use queue_page::ModerationPage;
pub use widgets::{ModerateButtons, ReportBox};

mod card_page;
mod cards_page;
mod guide_page;
mod history_page;
mod journal_page;
mod oracle_page;
mod questionnaire_page;
mod reading_page;
mod reading_view;

pub use card_page::CardPage;
pub use cards_page::CardsPage;
pub use guide_page::GuidePage;
pub use history_page::HistoryPage;
pub use journal_page::JournalPage;
pub use oracle_page::OraclePage;
pub use questionnaire_page::QuestionnairePage;
pub use reading_page::{ReadingPage, SHARE_READING_URL};

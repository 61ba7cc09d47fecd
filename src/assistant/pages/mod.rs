mod assistant_page;

pub use assistant_page::AssistantPage;

//! Chat pages: the chat home (conversations and unread channels) and a channel or conversation.

mod chat_home_page;
mod chat_page;

pub use chat_home_page::ChatHomePage;
pub use chat_page::ChatPage;

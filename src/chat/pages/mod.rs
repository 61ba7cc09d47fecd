//! Chat pages: the chat home (conversations and unread channels) and a channel or conversation,
//! whose parts (header, search results, log, message, composer) each have a file, sharing the
//! channel's state through `room`.

mod chat_header;
mod chat_home_page;
mod chat_page;
mod composer;
mod flagged;
mod message_list;
mod message_row;
mod room;
mod room_live;
mod search_results;

pub use chat_home_page::ChatHomePage;
pub use chat_page::ChatPage;
pub use flagged::FlaggedMessages;

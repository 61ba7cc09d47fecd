mod composer;
mod energy;
mod feed_list;
mod feed_pages;
mod post_card;
mod post_page;
mod search_page;

pub use composer::Composer;
pub use feed_list::FeedList;
pub use feed_pages::{BookmarksPage, ChakraPage, ExplorePage, FeedPage, LatestPage, TagPage};
pub use post_card::PostCard;
pub use post_page::PostPage;
pub use search_page::SearchPage;

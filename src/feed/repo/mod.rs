//! SQL for posts, comments, engagements and follows. Nothing else writes these tables.

mod comments;
mod engagements;
mod feeds;
mod follows;
mod posts;
mod search;

pub use comments::*;
pub use engagements::*;
pub use feeds::*;
pub use follows::*;
pub use posts::*;
pub use search::*;

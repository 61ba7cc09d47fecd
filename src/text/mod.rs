//! Text shared by every domain that takes what members write: markdown rendered once to
//! sanitised HTML, plain-text previews, #hashtags and @mentions. Server only: the browser
//! receives finished HTML.

pub mod markdown;

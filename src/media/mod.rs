//! Uploaded images: validated by content, re-oriented, resized into a display size and a
//! thumbnail, re-encoded as JPEG (which drops every byte of metadata: EXIF, GPS, ICC comments),
//! and kept in a [`crate::server::storage::MediaStore`] — a folder under the data directory by default. Posts,
//! avatars and events use the same pipeline.

use uuid::Uuid;

#[cfg(feature = "ssr")]
pub mod process;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod serve;
#[cfg(feature = "ssr")]
pub mod upload;

/// An image chosen for a post, a message or a page, with its description for people who
/// cannot see it; checked and stored by the pipeline.
#[cfg(feature = "ssr")]
pub struct ImageInput {
    pub bytes: Vec<u8>,
    pub alt: String,
}

/// Largest accepted upload.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
pub const ALT_MAX_CHARS: usize = 300;

/// The two sizes kept of every image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Display,
    Thumb,
}

impl Variant {
    pub fn file(self) -> &'static str {
        match self {
            Variant::Display => "display.jpg",
            Variant::Thumb => "thumb.jpg",
        }
    }

    pub fn parse(file: &str) -> Option<Self> {
        match file {
            "display.jpg" => Some(Variant::Display),
            "thumb.jpg" => Some(Variant::Thumb),
            _ => None,
        }
    }
}

/// What an image is for: it decides the sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Post,
    Avatar,
    Event,
    Place,
    Message,
    Community,
}

impl Purpose {
    pub fn key(self) -> &'static str {
        match self {
            Purpose::Post => "post",
            Purpose::Avatar => "avatar",
            Purpose::Event => "event",
            Purpose::Place => "place",
            Purpose::Message => "message",
            Purpose::Community => "community",
        }
    }
}

pub fn url(media_id: Uuid, variant: Variant) -> String {
    format!("/media/{}/{}", media_id.simple(), variant.file())
}

pub fn thumb_url(media_id: Uuid) -> String {
    url(media_id, Variant::Thumb)
}

pub fn display_url(media_id: Uuid) -> String {
    url(media_id, Variant::Display)
}

//! Reading a multipart form (text fields plus at most one image) and saving the image.

use std::collections::HashMap;

use leptos::server_fn::codec::MultipartData;
use uuid::Uuid;

use super::{process, Purpose, Variant, MAX_UPLOAD_BYTES};
use crate::error::AppError;
use crate::server::state::AppState;

/// Longest text field accepted in an upload form.
const MAX_TEXT_FIELD: usize = 32 * 1024;

/// A submitted multipart form: its text fields and the bytes of its file field, if one was chosen.
#[derive(Default)]
pub struct UploadForm {
    fields: HashMap<String, String>,
    pub file: Option<Vec<u8>>,
}

impl UploadForm {
    /// Reads the form; `file_field` names the one field that may carry a file.
    pub async fn read(data: MultipartData, file_field: &str) -> Result<Self, AppError> {
        let mut parts = data.into_inner().ok_or(AppError::Internal)?;
        let mut form = UploadForm::default();
        let broken = || AppError::invalid(file_field, "The upload was interrupted. Try again.");
        while let Some(mut field) = parts.next_field().await.map_err(|_| broken())? {
            let name = field.name().unwrap_or_default().to_string();
            let is_file = name == file_field;
            let cap = if is_file { MAX_UPLOAD_BYTES } else { MAX_TEXT_FIELD };
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(|_| broken())? {
                if bytes.len() + chunk.len() > cap {
                    return Err(if is_file {
                        AppError::invalid(file_field, "Images can be at most 5 MB.")
                    } else {
                        AppError::invalid(&name, "That is far too long.")
                    });
                }
                bytes.extend_from_slice(&chunk);
            }
            if is_file {
                // A file input left empty still sends a part, with no bytes.
                if !bytes.is_empty() {
                    form.file = Some(bytes);
                }
            } else {
                let text = String::from_utf8(bytes).map_err(|_| AppError::invalid(&name, "That text is not valid."))?;
                form.fields.insert(name, text);
            }
        }
        Ok(form)
    }

    pub fn text(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }
}

/// Decodes at once: each may hold a few hundred MB while it works, so a burst of uploads waits
/// here instead of exhausting memory (and never while holding a database connection).
static DECODES: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(2, 4))
});
/// Longest wait for a decode slot before the upload is refused as busy (503).
const DECODE_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// An uploaded image, checked, resized and stored, whose row is not written yet.
pub struct Stored {
    media_id: Uuid,
    purpose: Purpose,
    processed: process::Processed,
}

/// Checks, decodes, resizes and stores an uploaded image — before the caller opens any
/// transaction, so no connection or row lock is held while the CPU works. Then
/// [`Stored::record`] writes its row in the caller's transaction. (Files stored for an upload
/// whose transaction fails are left without a row; nothing links to them.)
pub async fn store(state: &AppState, purpose: Purpose, bytes: Vec<u8>) -> Result<Stored, AppError> {
    // Cheap checks first (size, type, pixel count from the header), outside the queue.
    process::check(&bytes)?;
    let _permit = tokio::time::timeout(DECODE_WAIT, DECODES.acquire())
        .await
        .map_err(|_| AppError::Unavailable { retry_after_secs: 10 })?
        .map_err(|_| AppError::Internal)?;
    let processed = tokio::task::spawn_blocking(move || process::process(&bytes, purpose))
        .await
        .map_err(|_| AppError::Internal)??;
    let media_id = Uuid::new_v4();
    let key = |v: Variant| format!("{}/{}", media_id.simple(), v.file());
    let store = &state.media;
    let stored = async {
        store.put(&key(Variant::Display), processed.display.bytes.clone()).await?;
        store.put(&key(Variant::Thumb), processed.thumb.bytes.clone()).await
    };
    if let Err(e) = stored.await {
        tracing::error!(error = %e, "could not store an uploaded image");
        return Err(AppError::Internal);
    }
    Ok(Stored { media_id, purpose, processed })
}

impl Stored {
    /// Writes the image's row (in the caller's transaction); returns its id.
    pub async fn record(self, conn: &mut sqlx::PgConnection, owner: Uuid) -> Result<Uuid, AppError> {
        super::repo::insert(&mut *conn, self.media_id, owner, self.purpose, &self.processed).await?;
        Ok(self.media_id)
    }
}

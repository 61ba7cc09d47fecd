//! Where image files live. The default keeps them in a folder under the data directory; an
//! object store (S3 and the like) is another implementation of [`MediaStore`].

use std::path::PathBuf;

use async_trait::async_trait;

#[async_trait]
pub trait MediaStore: Send + Sync + 'static {
    /// Stores `bytes` under `key` (e.g. `<media id>/display.jpg`), replacing any previous file.
    async fn put(&self, key: &str, bytes: Vec<u8>) -> std::io::Result<()>;
    /// The file, or `None` when there is none.
    async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>>;
    async fn delete_prefix(&self, prefix: &str) -> std::io::Result<()>;
}

/// Files under a root folder. Keys are checked to be plain relative paths.
pub struct DiskStore {
    root: PathBuf,
}

impl DiskStore {
    pub fn new(root: PathBuf) -> Self {
        DiskStore { root }
    }

    fn path(&self, key: &str) -> std::io::Result<PathBuf> {
        let safe = !key.is_empty()
            && key.split('/').all(|part| {
                !part.is_empty()
                    && part != "."
                    && part != ".."
                    && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_')
            });
        if !safe {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "bad media key"));
        }
        Ok(self.root.join(key))
    }
}

#[async_trait]
impl MediaStore for DiskStore {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        let path = self.path(key)?;
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        // Write then rename, so a reader never sees half a file.
        let tmp = path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4().simple()));
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, &path).await
    }

    async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        match tokio::fs::read(self.path(key)?).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn delete_prefix(&self, prefix: &str) -> std::io::Result<()> {
        match tokio::fs::remove_dir_all(self.path(prefix)?).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keys_cannot_escape_the_root() {
        let dir = std::env::temp_dir().join(format!("kindred-store-{}", uuid::Uuid::new_v4().simple()));
        let store = DiskStore::new(dir.clone());
        store.put("abc/display.jpg", vec![1, 2, 3]).await.unwrap();
        assert_eq!(store.get("abc/display.jpg").await.unwrap(), Some(vec![1, 2, 3]));
        assert_eq!(store.get("abc/thumb.jpg").await.unwrap(), None);
        for bad in ["../etc/passwd", "/etc/passwd", "abc/../../x", "", "a//b"] {
            assert!(store.get(bad).await.is_err(), "{bad}");
        }
        store.delete_prefix("abc").await.unwrap();
        assert_eq!(store.get("abc/display.jpg").await.unwrap(), None);
        let _ = std::fs::remove_dir_all(dir);
    }
}

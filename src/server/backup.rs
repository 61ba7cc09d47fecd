//! `kindred backup FILE` and `kindred restore FILE`: the database and the uploaded images in one
//! archive, consistent with each other, and back into an empty data folder.
//!
//! The archive is a plain tar (its parts are compressed already) holding `manifest.json`,
//! `db.dump` (`pg_dump --format=custom`: one consistent snapshot, restorable by `pg_restore`)
//! and `media/<id>/<file>`. While the dump and the copy run, the backup holds an advisory lock
//! that the housekeeping job's image cleanup also takes, so no image the dump still names is
//! deleted before it is copied (images added meanwhile are copied or not; either way the dump
//! does not name them, and the cleanup removes unnamed ones later).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sqlx::PgPool;

use super::config::Config;
use super::database;
use super::embedded_pg::find_bin_dir;

/// The advisory lock key shared by backups and the image cleanup ("kindred media").
pub const MEDIA_LOCK: i64 = 0x6b69_6e64_6d65_6461;

const FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// The newest migration the dump includes.
    pub migration: i64,
    pub media_files: u64,
    pub kindred_version: String,
}

/// Backs up the database at `url` and the images under `media_dir` into `file`.
pub async fn backup_database(
    pool: &PgPool,
    url: &str,
    bin_dir: Option<&Path>,
    media_dir: &Path,
    file: &Path,
) -> Result<Manifest, String> {
    let bin = find_bin_dir(bin_dir)?;
    let work = scratch(file)?;
    let result = async {
        // Held on its own connection until the images are copied.
        let mut lock = pool.acquire().await.map_err(|e| format!("Could not reach the database: {e}"))?;
        super::repo::advisory_lock(&mut lock, MEDIA_LOCK)
            .await
            .map_err(|e| format!("Could not lock the image cleanup: {e}"))?;
        let migration = super::repo::schema_version(&mut *lock)
            .await
            .map_err(|e| format!("Could not read the schema version: {e}"))?;
        let dump = work.join("db.dump");
        let out = tokio::process::Command::new(bin.join("pg_dump"))
            .args(["--format=custom", "--no-owner", "--no-acl", "--file"])
            .arg(&dump)
            .arg(url)
            .output()
            .await
            .map_err(|e| format!("Could not run pg_dump: {e}"))?;
        if !out.status.success() {
            return Err(format!("pg_dump failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
        }
        let manifest = write_archive(&work, &dump, media_dir, file, migration).await?;
        super::repo::advisory_unlock(&mut lock, MEDIA_LOCK).await.ok();
        Ok(manifest)
    }
    .await;
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// A scratch folder next to the archive (same disk, so the final rename is atomic).
fn scratch(file: &Path) -> Result<PathBuf, String> {
    let name = file.file_name().ok_or("Give the backup a file name.")?.to_string_lossy().to_string();
    let dir = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let work = dir.join(format!(".{name}.partial.d"));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("Could not write next to {}: {e}", file.display()))?;
    Ok(work)
}

async fn write_archive(
    work: &Path,
    dump: &Path,
    media_dir: &Path,
    file: &Path,
    migration: i64,
) -> Result<Manifest, String> {
    let (work, dump, media_dir, file) =
        (work.to_path_buf(), dump.to_path_buf(), media_dir.to_path_buf(), file.to_path_buf());
    tokio::task::spawn_blocking(move || {
        let fail = |e: std::io::Error| format!("Could not write the archive: {e}");
        let partial = work.join("archive.tar");
        let mut media = Vec::new();
        if media_dir.is_dir() {
            collect_files(&media_dir, &media_dir, &mut media).map_err(fail)?;
        }
        media.sort();
        let manifest = Manifest {
            format: FORMAT,
            created_at: chrono::Utc::now(),
            migration,
            media_files: media.len() as u64,
            kindred_version: env!("CARGO_PKG_VERSION").to_string(),
        };
        let mut tar = tar::Builder::new(std::fs::File::create(&partial).map_err(fail)?);
        let json = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
        let mut header = tar::Header::new_gnu();
        header.set_size(json.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(manifest.created_at.timestamp().max(0) as u64);
        header.set_cksum();
        tar.append_data(&mut header, "manifest.json", json.as_slice()).map_err(fail)?;
        tar.append_path_with_name(&dump, "db.dump").map_err(fail)?;
        for rel in &media {
            tar.append_path_with_name(media_dir.join(rel), Path::new("media").join(rel)).map_err(fail)?;
        }
        tar.into_inner().map_err(fail)?.sync_all().map_err(fail)?;
        std::fs::rename(&partial, &file).map_err(fail)?;
        Ok(manifest)
    })
    .await
    .map_err(|e| e.to_string())?
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect_files(root, &entry.path(), out)?;
        } else if kind.is_file() {
            out.push(entry.path().strip_prefix(root).expect("inside the root").to_path_buf());
        }
    }
    Ok(())
}

/// `kindred backup FILE`, with the server's own database settings (the private cluster is
/// started if it is not running, and stopped again afterwards).
pub async fn backup(config: &Config, file: &Path) -> Result<Manifest, String> {
    let db = database::open(config).await?;
    let url = match (&config.database_url, &db.embedded) {
        (Some(url), _) => url.clone(),
        (None, Some(pg)) => pg.url(),
        (None, None) => return Err("No database to back up.".into()),
    };
    let result =
        backup_database(&db.pool, &url, config.pg_bin_dir.as_deref(), &config.data_dir.join("media"), file).await;
    db.pool.close().await;
    if let Some(pg) = &db.embedded {
        let _ = pg.stop_if_started_here().await;
    }
    result
}

/// What a restore brought back.
#[derive(Debug)]
pub struct Restored {
    pub manifest: Manifest,
    /// The database URL restored into (the private cluster's, when no `DATABASE_URL` is set).
    pub url: String,
}

/// `kindred restore FILE` into an empty data folder (and, with `DATABASE_URL`, an empty
/// database): unpacks the images, restores the dump, then applies any newer migrations. With
/// no `DATABASE_URL` the private cluster is created and left stopped. Nothing existing is ever
/// overwritten: a folder or database that holds data is refused.
pub async fn restore(config: &Config, file: &Path) -> Result<Restored, String> {
    let media_dir = config.data_dir.join("media");
    if config.database_url.is_none() && config.data_dir.join("pg").join("PG_VERSION").exists() {
        return Err(format!(
            "{} already holds a database. Restore into an empty data folder (set KINDRED_DATA_DIR).",
            config.data_dir.display()
        ));
    }
    if std::fs::read_dir(&media_dir).is_ok_and(|mut d| d.next().is_some()) {
        return Err(format!("{} already holds images. Restore into an empty data folder.", media_dir.display()));
    }
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|e| format!("Could not create {}: {e}", config.data_dir.display()))?;
    let work = config.data_dir.join(".restore.d");
    let _ = std::fs::remove_dir_all(&work);
    let manifest = unpack(file, &work).await?;
    let result = restore_unpacked(config, &work, &media_dir, manifest).await;
    let _ = std::fs::remove_dir_all(&work);
    result
}

async fn unpack(file: &Path, work: &Path) -> Result<Manifest, String> {
    let (file, work) = (file.to_path_buf(), work.to_path_buf());
    tokio::task::spawn_blocking(move || {
        let archive = std::fs::File::open(&file).map_err(|e| format!("Could not open {}: {e}", file.display()))?;
        std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
        // `unpack` refuses paths that would leave the folder (`..`, absolute paths).
        tar::Archive::new(archive)
            .unpack(&work)
            .map_err(|e| format!("{} is not a Kindred backup: {e}", file.display()))?;
        let manifest: Manifest = std::fs::read(work.join("manifest.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(|| format!("{} is not a Kindred backup (no manifest).", file.display()))?;
        if manifest.format != FORMAT {
            return Err(format!("This backup has format {}; this Kindred reads format {FORMAT}.", manifest.format));
        }
        Ok(manifest)
    })
    .await
    .map_err(|e| e.to_string())?
}

async fn restore_unpacked(
    config: &Config,
    work: &Path,
    media_dir: &Path,
    manifest: Manifest,
) -> Result<Restored, String> {
    let bin = find_bin_dir(config.pg_bin_dir.as_deref())?;
    let embedded = match &config.database_url {
        Some(_) => None,
        None => Some(database::start_embedded(config).await?),
    };
    let url = match (&config.database_url, &embedded) {
        (Some(url), _) => url.clone(),
        (None, Some(pg)) => pg.url(),
        (None, None) => unreachable!("one of the two is set"),
    };
    let result = async {
        let pool = PgPool::connect(&url).await.map_err(|e| format!("Could not connect to PostgreSQL: {e}"))?;
        let tables = super::repo::public_tables(&pool).await.map_err(|e| e.to_string())?;
        if tables > 0 {
            return Err("The database already holds tables. Restore into an empty database.".into());
        }
        let out = tokio::process::Command::new(bin.join("pg_restore"))
            .args(["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", "--dbname"])
            .arg(&url)
            .arg(work.join("db.dump"))
            .output()
            .await
            .map_err(|e| format!("Could not run pg_restore: {e}"))?;
        if !out.status.success() {
            return Err(format!("pg_restore failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
        }
        let unpacked = work.join("media");
        if unpacked.is_dir() {
            let _ = std::fs::remove_dir(media_dir);
            std::fs::rename(&unpacked, media_dir).map_err(|e| format!("Could not move the images into place: {e}"))?;
        }
        // A backup from an older Kindred gets the newer migrations.
        database::MIGRATOR.run(&pool).await.map_err(|e| format!("Database migration failed: {e}"))?;
        pool.close().await;
        Ok(())
    }
    .await;
    if let Some(pg) = &embedded {
        let _ = pg.stop_if_started_here().await;
    }
    result.map(|()| Restored { manifest, url })
}

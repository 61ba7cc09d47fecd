//! The service worker, versioned per build so each deploy gets a fresh cache.

use std::hash::{Hash, Hasher};

use axum::{extract::State, http::header, response::IntoResponse};
use leptos::config::LeptosOptions;

use super::state::AppState;

/// A short id of the browser bundle on disk: changes whenever cargo-leptos writes a new build.
pub fn build_version(options: &LeptosOptions) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    let pkg = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let mut entries: Vec<_> = std::fs::read_dir(&pkg).into_iter().flatten().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        entry.file_name().hash(&mut hasher);
        if let Ok(meta) = entry.metadata() {
            meta.len().hash(&mut hasher);
            if let Ok(modified) = meta.modified() {
                modified.hash(&mut hasher);
            }
        }
    }
    format!("{:012x}", hasher.finish() & 0xffff_ffff_ffff)
}

const WORKER: &str = include_str!("service_worker.js");

pub async fn service_worker(State(state): State<AppState>) -> impl IntoResponse {
    let pkg = format!("/{}/{}", state.leptos_options.site_pkg_dir, state.leptos_options.output_name);
    let body = WORKER.replace("__VERSION__", &state.build_version).replace("__PKG__", &pkg);
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], body)
}

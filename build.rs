//! Rebuilds when a migration is added or changed: `sqlx::migrate!` embeds the folder at
//! compile time but cannot tell Cargo to watch it.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}

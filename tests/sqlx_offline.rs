//! The committed `.sqlx/` query data must match the migrated schema. The build compiles
//! against `.sqlx/` (SQLX_OFFLINE=true), so a query whose data is missing fails to compile;
//! this test catches the other half: data that is present but stale after a migration changed
//! a column's type or nullability. Regenerate with `scripts/sqlx-prepare.sh`.

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::Executor;

const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[sqlx::test(migrator = "MIGRATOR")]
async fn committed_query_data_matches_the_schema(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = connect(opts).await;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".sqlx");
    let mut checked = 0;
    let mut stale = Vec::new();
    for entry in std::fs::read_dir(&dir).expect(".sqlx/ exists") {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let file: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let query = file["query"].as_str().expect("query text");
        let live = pool.describe(query).await.unwrap_or_else(|e| panic!("{} no longer prepares: {e}", path.display()));
        let live = serde_json::to_value(&live).unwrap();
        if live != file["describe"] {
            stale.push(format!("{}\n  committed: {}\n  live:      {}", query, file["describe"], live));
        }
        checked += 1;
    }
    assert!(checked > 0, "no query data found in .sqlx/");
    assert!(stale.is_empty(), "stale .sqlx data (run scripts/sqlx-prepare.sh):\n{}", stale.join("\n"));
}

async fn connect(opts: PgConnectOptions) -> sqlx::PgPool {
    PgPoolOptions::new().max_connections(2).connect_with(opts).await.expect("test database")
}

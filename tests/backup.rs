//! The backup drill: `backup` writes a database with members, posts and an image into one
//! archive; `restore` brings it into an empty data folder as a fresh private cluster, with every
//! table's rows and the image's bytes; a folder that holds data is never overwritten.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use common::TestApp;
use kindred::server::{backup, config::Config, database};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

/// A fresh folder other users may enter (the private cluster runs as an unprivileged user).
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kindred-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// The URL of the test's own database, on the server `DATABASE_URL` names.
fn url_of(opts: &PgConnectOptions) -> String {
    let server = std::env::var("DATABASE_URL").expect("DATABASE_URL names the test server");
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b.to_string(), format!("?{q}")),
        None => (server.clone(), String::new()),
    };
    let (root, _) = base.rsplit_once('/').expect("a database in the URL");
    format!("{root}/{}{query}", opts.get_database().expect("the test database's name"))
}

async fn row_counts(pool: &PgPool) -> Vec<(String, i64)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "select table_name::text from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let n: i64 = sqlx::query_scalar(&format!("select count(*) from \"{t}\"")).fetch_one(pool).await.unwrap();
        out.push((t, n));
    }
    out
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

#[sqlx::test]
async fn a_backup_restores_into_an_empty_folder_with_every_row_and_image(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts.clone()).await;
    let source = folder("backup-src");
    let mut config = Config::for_tests();
    config.data_dir = source.clone();
    let app = TestApp::with_config(pool.clone(), config);
    let ana = app.sign_up("ana").await;
    app.sign_up("ben").await;
    let r = app
        .post(
            "/api/feed/post/create",
            &[("body", "Notes from the práctica #ochos"), ("visibility", "public"), ("chakra", "auto")],
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let ana_id: uuid::Uuid =
        sqlx::query_scalar("select member_id from members where username = 'ana'").fetch_one(&pool).await.unwrap();
    let stored =
        kindred::media::upload::store(&app.state, kindred::media::Purpose::Avatar, png(300, 200)).await.unwrap();
    let mut tx = pool.begin().await.unwrap();
    let image = stored.record(&mut tx, ana_id).await.unwrap();
    sqlx::query("update members set avatar_id = $1 where member_id = $2")
        .bind(image)
        .bind(ana_id)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let image_file = source.join("media").join(image.simple().to_string()).join("display.jpg");
    let image_bytes = std::fs::read(&image_file).expect("the stored image");

    let archive = source.join("kindred.backup");
    let manifest = backup::backup_database(&pool, &url_of(&opts), None, &source.join("media"), &archive).await.unwrap();
    assert_eq!(manifest.media_files, 2, "display and thumbnail");
    assert!(manifest.migration >= 19);
    assert!(!source.join(".kindred.backup.partial.d").exists(), "the scratch folder is gone");

    // Into an empty folder: a new private cluster with the same rows and the same image.
    let target = folder("backup-dst");
    let mut restore_config = Config::for_tests();
    restore_config.data_dir = target.clone();
    let restored = backup::restore(&restore_config, &archive).await.unwrap();
    assert_eq!(restored.manifest.media_files, 2);
    assert_eq!(
        std::fs::read(target.join("media").join(image.simple().to_string()).join("display.jpg")).unwrap(),
        image_bytes
    );
    let db = database::open(&restore_config).await.unwrap();
    let before = row_counts(&pool).await;
    let after = row_counts(&db.pool).await;
    assert!(before.iter().any(|(t, n)| t == "members" && *n == 2));
    assert!(before.iter().any(|(t, n)| t == "posts" && *n == 1));
    assert_eq!(before, after, "every table has the same number of rows");
    let name: String = sqlx::query_scalar("select m.username from members m join media x on x.media_id = m.avatar_id")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(name, "ana");

    // A folder that holds data is never overwritten.
    let again = backup::restore(&restore_config, &archive).await.unwrap_err();
    assert!(again.contains("already holds"), "{again}");
    db.pool.close().await;
    if let Some(pg) = &db.embedded {
        pg.stop().await.unwrap();
    }
    // Something that is not a backup is refused with a clear message.
    let junk = folder("backup-junk");
    std::fs::write(junk.join("x.tar"), b"not a tar at all").unwrap();
    let mut junk_config = Config::for_tests();
    junk_config.data_dir = junk.join("data");
    let err = backup::restore(&junk_config, &junk.join("x.tar")).await.unwrap_err();
    assert!(err.contains("not a Kindred backup"), "{err}");
    for dir in [source, target, junk] {
        let _ = std::fs::remove_dir_all(dir);
    }
}

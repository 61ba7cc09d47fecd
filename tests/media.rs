//! Image uploads (posts and avatars) through the multipart forms, the stored files, and how
//! they are served, against a real PostgreSQL.

mod common;

use std::io::Cursor;
use std::path::PathBuf;

use axum::{body::Body, http::Request};
use common::{TestApp, HOST, ORIGIN};
use http_body_util::BodyExt;
use image::{ImageFormat, RgbImage};
use kindred::feed::model::PostThread;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
const MARKER: &[u8] = b"SECRET-PLACE-51.5007N";

/// One part of a multipart form: a text field, or a file with its name and claimed type.
enum Part<'a> {
    Text(&'a str, &'a str),
    File { name: &'a str, filename: &'a str, content_type: &'a str, bytes: &'a [u8] },
}

/// A same-origin multipart POST, as the composer's JavaScript sends it.
async fn post_multipart(app: &TestApp, path: &str, parts: &[Part<'_>], cookie: &str) -> common::Reply {
    let boundary = format!("----kindred-test-{}", Uuid::new_v4().simple());
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes());
                body.extend_from_slice(value.as_bytes());
            }
            Part::File { name, filename, content_type, bytes } => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n\
                         Content-Type: {content_type}\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let req = Request::post(path)
        .header("host", HOST)
        .header("origin", ORIGIN)
        .header("sec-fetch-site", "same-origin")
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .header("content-length", body.len())
        .header("accept", "application/json")
        .header("cookie", cookie)
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

/// A GET whose body is kept as bytes (images are not text).
async fn get_bytes(app: &TestApp, path: &str) -> (u16, axum::http::HeaderMap, Vec<u8>) {
    let mut req = Request::get(path).header("host", HOST).body(Body::empty()).unwrap();
    req.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 45000))));
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.into_body().collect().await.unwrap().to_bytes().to_vec())
}

/// Fetches a stored image over HTTP, checks how it is served, and decodes it.
async fn fetch_jpeg(app: &TestApp, url: &str) -> (Vec<u8>, (u32, u32)) {
    let (status, headers, bytes) = get_bytes(app, url).await;
    assert_eq!(status, 200, "{url}");
    assert_eq!(headers.get("content-type").unwrap(), "image/jpeg");
    assert_eq!(headers.get("cache-control").unwrap(), "public, max-age=31536000, immutable");
    assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]), "{url} is not a JPEG");
    let img = image::load_from_memory_with_format(&bytes, ImageFormat::Jpeg).expect("a decodable JPEG");
    (bytes, (img.width(), img.height()))
}

async fn profile(app: &TestApp, username: &str) -> kindred::members::model::Profile {
    let res = app.get_accepting(&format!("/api/members/profile?username={username}"), None, "application/json").await;
    assert_eq!(res.status, 200, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

/// Where the test configuration keeps a stored file.
fn stored_file(media_id: Uuid, file: &str) -> PathBuf {
    kindred::server::config::Config::for_tests().data_dir.join("media").join(media_id.simple().to_string()).join(file)
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 120]));
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
    out
}

/// A JPEG carrying an EXIF block: orientation 6 (rotate a quarter turn clockwise) and a marker
/// string standing in for GPS data.
fn jpeg_with_exif(w: u32, h: u32) -> Vec<u8> {
    let mut plain = Vec::new();
    let img = RgbImage::from_fn(w, h, |x, _| image::Rgb([(x * 255 / w) as u8, 60, 200]));
    img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new(&mut plain)).unwrap();
    let mut tiff = vec![b'I', b'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00];
    tiff.extend_from_slice(&[0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(MARKER);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Posts `bytes` as the image of a new public post.
async fn post_with_image(
    app: &TestApp,
    cookie: &str,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
) -> common::Reply {
    post_multipart(
        app,
        "/api/feed/post/create-form",
        &[
            Part::Text("body", "Sunset over the river after the milonga"),
            Part::Text("visibility", "public"),
            Part::Text("chakra", "auto"),
            Part::File { name: "image", filename, content_type, bytes },
            Part::Text("image_alt", "An orange sky over the Río de la Plata"),
        ],
        cookie,
    )
    .await
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// A post's PNG is stored as a ≤1600 px display JPEG and ≤480 px thumbnail, served immutable.
#[sqlx::test(migrator = "MIGRATOR")]
async fn a_posted_png_is_resized_and_served_as_jpeg(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let res = post_with_image(&app, &ana, "x.png", "image/png", &png(2000, 1000)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let post_id: Uuid = serde_json::from_str(&res.body).unwrap();

    let (image_id, alt): (Option<Uuid>, String) =
        sqlx::query_as("select image_id, image_alt from posts where post_id = $1")
            .bind(post_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    let image_id = image_id.expect("the post has an image");
    assert_eq!(alt, "An orange sky over the Río de la Plata");
    let row: (String, String, i32, i32, i32, i32) = sqlx::query_as(
        "select purpose, content_type, width, height, thumb_width, thumb_height from media where media_id = $1",
    )
    .bind(image_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(row, ("post".into(), "image/jpeg".into(), 1600, 800, 480, 240));

    let thread: PostThread = serde_json::from_str(
        &app.get_accepting(&format!("/api/feed/post?id={post_id}"), None, "application/json").await.body,
    )
    .unwrap();
    let image = thread.post.image.expect("the post shows its image");
    assert_eq!(image.alt, "An orange sky over the Río de la Plata");
    assert_eq!(image.display_url, format!("/media/{}/display.jpg", image_id.simple()));
    let (display, size) = fetch_jpeg(&app, &image.display_url).await;
    assert_eq!(size, (1600, 800));
    let (_, thumb) = fetch_jpeg(&app, &image.thumb_url).await;
    assert_eq!(thumb, (480, 240));
    assert_eq!(std::fs::read(stored_file(image_id, "display.jpg")).unwrap(), display, "served as stored");

    // A small image is kept at its size, never enlarged.
    let res = post_with_image(&app, &ana, "small.png", "image/png", &png(300, 200)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let small: Uuid = serde_json::from_str(&res.body).unwrap();
    let media: Uuid =
        sqlx::query_scalar("select image_id from posts where post_id = $1").bind(small).fetch_one(&pool).await.unwrap();
    assert_eq!(fetch_jpeg(&app, &kindred::media::display_url(media)).await.1, (300, 200));
}

/// The EXIF orientation is applied and every byte of the EXIF block is dropped.
#[sqlx::test(migrator = "MIGRATOR")]
async fn exif_orientation_is_applied_and_metadata_stripped(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let upload = jpeg_with_exif(640, 320);
    assert!(contains(&upload, MARKER), "the upload carries the marker");
    let res = post_with_image(&app, &ana, "IMG_0001.jpg", "image/jpeg", &upload).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let media: Uuid = sqlx::query_scalar("select image_id from posts").fetch_one(&pool).await.unwrap();

    let (display, size) = fetch_jpeg(&app, &kindred::media::display_url(media)).await;
    assert_eq!(size, (320, 640), "rotated a quarter turn");
    let (thumb, thumb_size) = fetch_jpeg(&app, &kindred::media::thumb_url(media)).await;
    assert_eq!(thumb_size, (240, 480));
    for (name, bytes) in [("display", &display), ("thumb", &thumb)] {
        assert!(!contains(bytes, MARKER), "{name} kept the marker");
        assert!(!contains(bytes, b"Exif"), "{name} kept an EXIF block");
    }
    for file in ["display.jpg", "thumb.jpg"] {
        let on_disk = std::fs::read(stored_file(media, file)).unwrap();
        assert!(on_disk.starts_with(&[0xFF, 0xD8, 0xFF]) && !contains(&on_disk, MARKER), "{file} on disk");
    }
}

/// Files are judged by content and must be at most 5 MB; a refused image creates no post.
#[sqlx::test(migrator = "MIGRATOR")]
async fn non_images_and_oversized_files_are_refused(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;

    let res = post_with_image(&app, &ana, "photo.png", "image/png", b"just some text pretending to be a picture").await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert_eq!(res.error().for_field("image").as_deref(), Some("Upload a JPEG, PNG or WebP image."));

    let mut big = png(16, 16);
    big.resize(kindred::media::MAX_UPLOAD_BYTES + 1, 0);
    let res = post_with_image(&app, &ana, "big.png", "image/png", &big).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert_eq!(res.error().for_field("image").as_deref(), Some("Images can be at most 5 MB."));

    // Past the upload endpoint's body limit the server refuses before reading.
    let huge = vec![0u8; 13 * 1024 * 1024];
    let res = post_with_image(&app, &ana, "huge.png", "image/png", &huge).await;
    assert_eq!(res.status, 413);
    assert_eq!(count(&pool, "select count(*) from posts").await, 0);
    assert_eq!(count(&pool, "select count(*) from media").await, 0);

    // A form with an empty file input is an ordinary post.
    let res = post_with_image(&app, &ana, "", "application/octet-stream", b"").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(count(&pool, "select count(*) from posts where image_id is null").await, 1);
}

/// An avatar is cropped to a 512 px square (128 px thumb) and shown on the profile; `remove` clears it.
#[sqlx::test(migrator = "MIGRATOR")]
async fn avatars_are_square_and_removable(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let picture = png(900, 600);
    let file = [Part::File { name: "image", filename: "me.png", content_type: "image/png", bytes: &picture }];
    let res = post_multipart(&app, "/api/members/avatar", &file, &ana).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let url: Option<String> = serde_json::from_str(&res.body).unwrap();
    let url = url.expect("the new avatar's URL");

    assert_eq!(profile(&app, "ana").await.avatar.as_deref(), Some(url.as_str()));
    assert_eq!(fetch_jpeg(&app, &url).await.1, (512, 512));
    assert_eq!(fetch_jpeg(&app, &url.replace("display.jpg", "thumb.jpg")).await.1, (128, 128));
    let stored: Option<Uuid> = sqlx::query_scalar("select avatar_id from members").fetch_one(&pool).await.unwrap();
    assert_eq!(stored.map(kindred::media::display_url).as_deref(), Some(url.as_str()));

    let res = post_multipart(&app, "/api/members/avatar", &[], &ana).await;
    assert_eq!(res.status, 422, "no file and no removal: {}", res.body);
    assert!(res.error().for_field("image").is_some());

    let res = post_multipart(&app, "/api/members/avatar", &[Part::Text("remove", "true")], &ana).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body, "null");
    assert_eq!(profile(&app, "ana").await.avatar, None);
    let stored: Option<Uuid> = sqlx::query_scalar("select avatar_id from members").fetch_one(&pool).await.unwrap();
    assert_eq!(stored, None);
}

/// Only `/media/<uuid>/display.jpg` and `/thumb.jpg` of a stored image are served.
#[sqlx::test(migrator = "MIGRATOR")]
async fn unknown_or_malformed_media_paths_are_not_found(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let res = post_with_image(&app, &ana, "x.png", "image/png", &png(100, 100)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let media: Uuid = sqlx::query_scalar("select image_id from posts").fetch_one(&pool).await.unwrap();
    let id = media.simple();
    assert_eq!(get_bytes(&app, &format!("/media/{id}/display.jpg")).await.0, 200);

    for path in [
        "/media/not-a-uuid/display.jpg".to_string(),
        "/media/..%2F..%2Fetc/display.jpg".to_string(),
        format!("/media/{}/display.jpg", Uuid::new_v4().simple()),
        format!("/media/{id}/../x"),
        format!("/media/{id}/.."),
        format!("/media/{id}/%2e%2e"),
        format!("/media/{id}/original.png"),
        format!("/media/{id}/display.png"),
        format!("/media/{id}/display.jpg.tmp"),
        format!("/media/{id}"),
    ] {
        let (status, _, _) = get_bytes(&app, &path).await;
        assert_eq!(status, 404, "{path}");
    }
}

/// Place photos: editors add up to six, others are refused, removing works, and the cleanup job
/// never deletes a photo a place still shows.
#[sqlx::test]
async fn place_photos_are_for_editors_and_survive_cleanup(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let state = common::state(&pool);
    let me = common::member(&pool, "ana").await;
    let form = kindred::places::model::PlaceForm {
        name: "Photo Cafe".into(),
        place_type: "coffee".into(),
        latitude: "51.5".into(),
        longitude: "-0.12".into(),
        ..Default::default()
    };
    let place = kindred::places::service::propose(&state, &me, &form).await.unwrap().to_string();
    let bytes = png(800, 600);
    let file = Part::File { name: "image", filename: "cafe.png", content_type: "image/png", bytes: &bytes };
    let by_ben = post_multipart(&app, "/api/places/photo", &[Part::Text("id", &place), file], &ben).await;
    assert_eq!(by_ben.status, 403, "{}", by_ben.body);
    for _ in 0..6 {
        let file = Part::File { name: "image", filename: "cafe.png", content_type: "image/png", bytes: &bytes };
        let r = post_multipart(&app, "/api/places/photo", &[Part::Text("id", &place), file], &ana).await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let file = Part::File { name: "image", filename: "cafe.png", content_type: "image/png", bytes: &bytes };
    let seventh = post_multipart(&app, "/api/places/photo", &[Part::Text("id", &place), file], &ana).await;
    assert_eq!(seventh.status, 422);
    assert!(seventh.body.contains("at most 6 photos"), "{}", seventh.body);
    let ids: Vec<Uuid> = sqlx::query_scalar("select unnest(image_ids) from places").fetch_all(&pool).await.unwrap();
    assert_eq!(ids.len(), 6);
    let (_, (w, h)) = fetch_jpeg(&app, &kindred::media::display_url(ids[0])).await;
    assert_eq!((w, h), (800, 600));

    // Age every image past the grace period: the cleanup keeps the six the place shows.
    sqlx::query("update media set created_at = now() - interval '2 days'").execute(&pool).await.unwrap();
    let removed = kindred::media::repo::delete_orphans(&pool, 100).await.unwrap();
    assert!(removed.is_empty(), "{removed:?}");
    let gone = ids[0].to_string();
    let r =
        post_multipart(&app, "/api/places/photo", &[Part::Text("id", &place), Part::Text("remove", &gone)], &ana).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let removed = kindred::media::repo::delete_orphans(&pool, 100).await.unwrap();
    assert_eq!(removed, vec![ids[0]]);
}

/// A chat message can carry an image: processed like a post's, stored, and shown in the
/// message; a channel that denies attaching refuses it.
#[sqlx::test(migrator = "MIGRATOR")]
async fn a_chat_message_carries_an_image_where_attaching_is_allowed(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let r = app
        .post(
            "/api/communities/create",
            &[("name", "Practica"), ("slug", "practica"), ("description", ""), ("visibility", "public")],
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.post("/api/communities/join", &[("slug", "practica")], Some(&ben)).await.status, 200);
    let channel: Uuid = sqlx::query_scalar("select channel_id from chat_channels where name = 'general'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let channel = channel.to_string();
    let image = png(900, 600);
    let send = |who: String| {
        let (app, channel, image) = (&app, channel.clone(), image.clone());
        async move {
            post_multipart(
                app,
                "/api/chat/send-form",
                &[
                    Part::Text("channel", &channel),
                    Part::Text("body", "Tonight's floor"),
                    Part::File { name: "image", filename: "floor.png", content_type: "image/png", bytes: &image },
                    Part::Text("image_alt", "The studio's wooden floor"),
                ],
                &who,
            )
            .await
        }
    };
    let res = send(ben.clone()).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let m: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let id: Uuid = m["image_id"].as_str().unwrap().parse().unwrap();
    assert_eq!(m["image_alt"], "The studio's wooden floor");
    assert!(stored_file(id, "display.jpg").exists());
    assert_eq!(get_bytes(&app, &format!("/media/{}/thumb.jpg", id.simple())).await.0, 200);

    // The owner denies attaching to @everyone in #general: Ben's next image is refused.
    let everyone: Uuid = sqlx::query_scalar("select role_id from community_roles where kind = 'everyone'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let target = format!("role:{everyone}");
    let r = app
        .post(
            "/api/communities/channels/override",
            &[("channel_id", &channel), ("target", &target), ("perms[attach]", "deny")],
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let res = send(ben).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.error().for_field("image").is_some());
}

/// A GET as `cookie` (or a visitor), keeping the body as bytes.
async fn get_image(app: &TestApp, path: &str, cookie: Option<&str>) -> (u16, String) {
    let mut req = Request::get(path).header("host", HOST);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = app.router.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let cache = res.headers().get("cache-control").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (res.status().as_u16(), cache)
}

async fn image_of_post(pool: &PgPool, post_id: &str) -> String {
    let id: Uuid = sqlx::query_scalar("select image_id from posts where post_id = $1::uuid")
        .bind(post_id)
        .fetch_one(pool)
        .await
        .unwrap();
    format!("/media/{}/display.jpg", id.simple())
}

/// Images of followers-only and hidden posts, and of direct messages, go only to the people who
/// may see them, cached privately; a public post's image is cached for a year by anyone.
#[sqlx::test(migrator = "MIGRATOR")]
async fn private_images_are_served_only_to_their_readers(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    let public = post_with_image(&app, &ana, "sky.png", "image/png", &png(64, 48)).await;
    assert_eq!(public.status, 200, "{}", public.body);
    let public_url = image_of_post(&pool, public.body.trim_matches('"')).await;
    let private = post_multipart(
        &app,
        "/api/feed/post/create-form",
        &[
            Part::Text("body", "Only for the people who follow me"),
            Part::Text("visibility", "followers"),
            Part::Text("chakra", "auto"),
            Part::File { name: "image", filename: "me.png", content_type: "image/png", bytes: &png(64, 48) },
            Part::Text("image_alt", "A selfie"),
        ],
        &ana,
    )
    .await;
    assert_eq!(private.status, 200, "{}", private.body);
    let private_url = image_of_post(&pool, private.body.trim_matches('"')).await;
    assert!(app.post("/api/feed/follow", &[("username", "ana"), ("follow", "true")], Some(&ben)).await.status < 400);

    let (status, cache) = get_image(&app, &public_url, None).await;
    assert_eq!((status, cache.as_str()), (200, "public, max-age=31536000, immutable"));
    assert_eq!(get_image(&app, &private_url, None).await.0, 404, "visitors");
    assert_eq!(get_image(&app, &private_url, Some(&cleo)).await.0, 404, "a stranger");
    let (status, cache) = get_image(&app, &private_url, Some(&ben)).await;
    assert_eq!((status, cache.as_str()), (200, "private, max-age=300"), "a follower");
    assert_eq!(get_image(&app, &private_url, Some(&ana)).await.0, 200, "the author");

    // A hidden post's image is gone for everyone but its author.
    sqlx::query("update posts set hidden_at = now() where image_id is not null and visibility = 'public'")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(get_image(&app, &public_url, None).await.0, 404);
    assert_eq!(get_image(&app, &public_url, Some(&ben)).await.0, 404);
    assert_eq!(get_image(&app, &public_url, Some(&ana)).await.0, 200);

    // A direct message's image: its two members only.
    let dm = app.post("/api/chat/open", &[("usernames", "ben")], Some(&ana)).await;
    assert!(dm.status < 400, "{}", dm.body);
    let dm: String = serde_json::from_str(&dm.body).unwrap();
    let sent = post_multipart(
        &app,
        "/api/chat/send-form",
        &[
            Part::Text("channel", &dm),
            Part::Text("body", "Our practica spot"),
            Part::File { name: "image", filename: "spot.png", content_type: "image/png", bytes: &png(64, 48) },
            Part::Text("image_alt", "The hall"),
        ],
        &ana,
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let id: Uuid = sqlx::query_scalar("select image_id from chat_messages where image_id is not null")
        .fetch_one(&pool)
        .await
        .unwrap();
    let dm_url = format!("/media/{}/thumb.jpg", id.simple());
    assert_eq!(get_image(&app, &dm_url, Some(&ben)).await, (200, "private, max-age=300".to_string()));
    assert_eq!(get_image(&app, &dm_url, Some(&cleo)).await.0, 404);
    assert_eq!(get_image(&app, &dm_url, None).await.0, 404);
}

/// Images over the pixel budget are refused from their header, before any decoding; sixteen at
/// once neither hold database connections nor slow other requests, and under-budget images
/// still go through while the burst is refused.
#[sqlx::test(migrator = "MIGRATOR")]
async fn a_burst_of_huge_images_is_refused_without_decoding(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    // 7,800 × 7,800 = 61 megapixels of one grey: a small file, a huge decode.
    let huge = {
        let img = image::GrayImage::from_pixel(7800, 7800, image::Luma([128]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
        out
    };
    assert!(huge.len() < 5 * 1024 * 1024);
    let started = std::time::Instant::now();
    let uploads = (0..16).map(|_| post_with_image(&app, &ana, "huge.png", "image/png", &huge));
    let small = png(800, 600);
    let fine = post_with_image(&app, &ana, "small.png", "image/png", &small);
    let feed = app.get_accepting("/api/feed/page?feed=everyone", Some(&ana), "application/json");
    let (refused, fine, feed) = tokio::join!(futures_util::future::join_all(uploads), fine, feed);
    for r in &refused {
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.error().for_field("image").unwrap().contains("61 megapixels"), "{}", r.body);
    }
    assert_eq!(fine.status, 200, "{}", fine.body);
    assert_eq!(feed.status, 200, "{}", feed.body);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    assert_eq!(count(&pool, "select count(*) from media").await, 1, "only the small image was kept");
}

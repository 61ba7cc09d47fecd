//! The library editor against a real database: only moderators, field errors for bad input,
//! no circles of prerequisites, renames keep a technique's record, categories added.

mod common;

use common::TestApp;
use kindred::error::AppError;
use kindred::practice::model::{CategoryForm, TechniqueForm};
use kindred::practice::service::{self, editor};
use kindred::startup::demo_practice::seed_library_if_empty;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

fn field(e: AppError) -> String {
    match e {
        AppError::Invalid { field, .. } => field,
        other => format!("{other:?}"),
    }
}

fn form(slug: &str) -> TechniqueForm {
    TechniqueForm {
        slug: slug.into(),
        category: "grounding".into(),
        name: "Barefoot minute".into(),
        summary: "A minute barefoot on the floor.".into(),
        guide: "1. Take off your shoes.\n2. Feel the floor.".into(),
        minutes: "3".into(),
        difficulty: "1".into(),
        unlock: "{}".into(),
        gateway: "on".into(),
        active: "on".into(),
        ..Default::default()
    }
}

#[sqlx::test]
async fn moderators_edit_the_library_and_bad_input_is_named(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("keeper").await;
    app.sign_up("plain").await;
    let state = common::state(&pool);
    seed_library_if_empty(&state).await.unwrap();
    sqlx::query("update members set site_role = 'moderator' where username = 'keeper'").execute(&pool).await.unwrap();
    let keeper = common::member(&pool, "keeper").await;
    let plain = common::member(&pool, "plain").await;

    assert!(matches!(editor::save_technique(&state, &plain, &form("barefoot-minute")).await, Err(AppError::Forbidden)));
    assert!(matches!(editor::editor(&state, &plain, "").await, Err(AppError::Forbidden)));
    let cases = [
        (TechniqueForm { slug: "Bad Slug".into(), ..form("x") }, "slug"),
        (TechniqueForm { minutes: "500".into(), ..form("barefoot-minute") }, "minutes"),
        (TechniqueForm { unlock: "{not json".into(), gateway: String::new(), ..form("barefoot-minute") }, "unlock"),
        (
            TechniqueForm { unlock: r#"{"sparkle": 2}"#.into(), gateway: String::new(), ..form("barefoot-minute") },
            "unlock",
        ),
        (TechniqueForm { prerequisite: "rooted-standing".into(), ..form("barefoot-minute") }, "gateway"),
        (TechniqueForm { requires_verification: "on".into(), ..form("barefoot-minute") }, "questions"),
        (TechniqueForm { media_url: "http://insecure.example".into(), ..form("barefoot-minute") }, "media_url"),
        (form("grounding-breath"), "slug"),
    ];
    for (f, expected) in cases {
        assert_eq!(field(editor::save_technique(&state, &keeper, &f).await.unwrap_err()), expected, "{f:?}");
    }
    let slug = editor::save_technique(&state, &keeper, &form("barefoot-minute")).await.unwrap();
    assert_eq!(slug, "barefoot-minute");
    let t = service::detail(&state, Some(&plain), "barefoot-minute").await.unwrap();
    assert!(t.mine.unwrap().unlocked, "a gateway is open");
    assert!(t.guide_html.contains("<ol>"), "markdown rendered: {}", t.guide_html);

    // A circle of prerequisites is refused: rooted-standing → slow-grounding-walk → tree-posture.
    let mut edit = editor::editor(&state, &keeper, "rooted-standing").await.unwrap().form;
    edit.prerequisite = "tree-posture".into();
    edit.gateway = String::new();
    assert_eq!(field(editor::save_technique(&state, &keeper, &edit).await.unwrap_err()), "prerequisite");

    // A rename keeps the member's record.
    let f = kindred::practice::model::SessionForm {
        technique: "barefoot-minute".into(),
        started_at: (chrono::Utc::now() - chrono::Duration::minutes(30)).to_rfc3339(),
        seconds: "180".into(),
        ..Default::default()
    };
    service::save_session(&state, &plain, &f, None, chrono::Utc::now()).await.unwrap();
    let mut renamed = editor::editor(&state, &keeper, "barefoot-minute").await.unwrap().form;
    renamed.slug = "barefoot-moment".into();
    renamed.name = "Barefoot moment".into();
    editor::save_technique(&state, &keeper, &renamed).await.unwrap();
    let t = service::detail(&state, Some(&plain), "barefoot-moment").await.unwrap();
    assert_eq!((t.name.as_str(), t.mine.unwrap().sessions), ("Barefoot moment", 1));
    assert!(matches!(service::detail(&state, None, "barefoot-minute").await, Err(AppError::NotFound)));

    // Categories.
    let bad = CategoryForm { slug: "sound".into(), name: "Sound".into(), colour: "blue".into(), position: "5".into() };
    assert_eq!(field(editor::save_category(&state, &keeper, &bad).await.unwrap_err()), "colour");
    let good = CategoryForm { colour: "#2266aa".into(), ..bad };
    assert!(matches!(editor::save_category(&state, &plain, &good).await, Err(AppError::Forbidden)));
    editor::save_category(&state, &keeper, &good).await.unwrap();
    let lib = service::library(&state, None, &Default::default()).await.unwrap();
    assert!(lib.categories.iter().any(|c| c.slug == "sound" && c.colour == "#2266aa"));
}

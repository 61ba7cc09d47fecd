//! The axum router: pages, server functions, static files and the layers around them.

use axum::{middleware, routing::get, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes, ResponseOptions};
use tower_http::{compression::CompressionLayer, services::ServeDir};
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};

use crate::app::{shell, App};
use crate::server::{pwa, security, session_store::PgSessionStore, state::AppState};

/// Largest request body accepted (forms and server function arguments).
pub const BODY_LIMIT: usize = 64 * 1024;
/// Largest body for the forms that carry an image: room for a 5 MB image and its form, so a
/// slightly larger image gets the form's own "at most 5 MB" message rather than a bare 413.
pub const UPLOAD_BODY_LIMIT: usize = 12 * 1024 * 1024;
/// The server functions that accept an image upload.
pub const UPLOAD_PATHS: [&str; 5] = [
    "/api/feed/post/create-form",
    "/api/members/avatar",
    "/api/places/photo",
    "/api/chat/send-form",
    "/api/communities/icon",
];

/// Caps every request body: 64 kB, or 12 MB on the upload endpoints.
async fn limit_body(req: axum::extract::Request, next: middleware::Next) -> axum::response::Response {
    use axum::response::IntoResponse;
    let limit = if UPLOAD_PATHS.contains(&req.uri().path()) { UPLOAD_BODY_LIMIT } else { BODY_LIMIT };
    let declared = req
        .headers()
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return (http::StatusCode::PAYLOAD_TOO_LARGE, "That request is too large.").into_response();
    }
    let (parts, body) = req.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(axum::extract::Request::from_parts(parts, body)).await
}

pub fn build_router(state: AppState) -> Router {
    let routes = generate_route_list(App);

    let tiles = state.config.tile_origin();
    let context = {
        let state = state.clone();
        let tiles = tiles.clone();
        move || {
            provide_context(state.clone());
            // Pages get a CSP carrying the nonce Leptos puts on its hydration script.
            if let (Some(nonce), Some(res)) = (leptos::nonce::use_nonce(), use_context::<ResponseOptions>()) {
                if let Ok(v) = http::HeaderValue::from_str(&security::page_csp(&nonce, tiles.as_deref())) {
                    res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
                }
            }
        }
    };

    let idle = tower_sessions::cookie::time::Duration::seconds(state.config.session_idle.as_secs() as i64);
    let sessions = SessionManagerLayer::new(PgSessionStore::new(state.pool.clone()))
        .with_name(state.config.session_cookie_name())
        .with_path("/")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.https())
        .with_expiry(Expiry::OnInactivity(idle));

    // Static files from the site folder; anything else renders the app's own 404 page.
    let options = state.leptos_options.clone();
    let not_found = {
        let options = options.clone();
        let context = context.clone();
        leptos_axum::render_app_to_stream_with_context(context, move || shell(options.clone()))
    };
    let static_files = ServeDir::new(options.site_root.as_ref())
        .call_fallback_on_method_not_allowed(true)
        .fallback(get(not_found).with_state(()));

    Router::new()
        .route("/sw.js", get(pwa::service_worker))
        .route("/healthz", get(|| async { "ok" }))
        .route("/events/{id}/event.ics", get(crate::events::export::event_ics))
        .route("/events/{id}/attendees.csv", get(crate::events::export::attendees_csv))
        .route("/calendar/{file}", get(crate::events::export::calendar_feed))
        .route("/media/{id}/{file}", get(super::media::image))
        .route("/ws", get(super::socket::upgrade))
        .leptos_routes_with_context(&state, routes, context, move || shell(options.clone()))
        .fallback_service(static_files)
        .layer(middleware::from_fn(security::mark_personal))
        .layer(sessions)
        .layer(middleware::from_fn(security::reject_cross_origin))
        .layer(middleware::from_fn(limit_body))
        .layer(middleware::from_fn(security::security_headers))
        .layer(middleware::from_fn_with_state(state.config.https(), security::strict_transport))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(state.clone(), crate::server::overload::shed))
        .with_state(state)
}

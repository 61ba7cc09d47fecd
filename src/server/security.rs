//! Cross-origin protection and security headers for every response.

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Rejects state-changing requests that a browser made on behalf of another site.
///
/// Browsers send `Sec-Fetch-Site` (modern) or at least `Origin` with every POST; a request with
/// neither did not come from a browser page and cannot carry a victim's cookies by accident.
pub async fn reject_cross_origin(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    if !same_origin(&req) {
        let body = "Cross-origin requests are not allowed. Open Kindred itself and try again.";
        return (StatusCode::FORBIDDEN, body).into_response();
    }
    next.run(req).await
}

fn same_origin(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    if origin == "null" {
        return false;
    }
    let host =
        headers.get(header::HOST).and_then(|v| v.to_str().ok()).or_else(|| req.uri().authority().map(|a| a.as_str()));
    let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or(origin);
    matches!(host, Some(h) if h.eq_ignore_ascii_case(origin_host))
}

/// The policy for pages: the app's own scripts and WASM, plus inline scripts only when they
/// carry this response's nonce (Leptos's hydration bootstrap).
/// The page policy. `tiles` is the map tile server's origin, allowed as an image source.
pub fn page_csp(nonce: &str, tiles: Option<&str>) -> String {
    let tiles = tiles.map(|t| format!(" {t}")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:{tiles}; font-src 'self'; \
         connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

const FALLBACK_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds security headers to every response; pages already carry their nonce CSP.
pub async fn security_headers(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.entry(header::CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(FALLBACK_CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=(self)"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    if !h.contains_key(header::CACHE_CONTROL) {
        let cache = if path.starts_with("/pkg/")
            || path.starts_with("/icons/")
            || path.starts_with("/vendor/")
            || path.ends_with(".css")
            || path.ends_with(".js")
        {
            // Revalidated on each use (304 when unchanged); the service worker keeps copies offline.
            "no-cache"
        } else {
            "no-store"
        };
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    res
}

/// The header that marks a page as personal (shown to a signed-in member: it carries their name,
/// their counts and often their own data). The service worker never keeps such a page.
pub const PERSONAL_HEADER: &str = "x-kindred-personal";

pub async fn mark_personal(session: tower_sessions::Session, req: Request<Body>, next: Next) -> Response {
    let mut res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html && matches!(session.get::<uuid::Uuid>(super::session_store::MEMBER_KEY).await, Ok(Some(_))) {
        res.headers_mut().insert(PERSONAL_HEADER, HeaderValue::from_static("1"));
    }
    res
}

/// Over https, tells browsers to use nothing else for a year (HSTS).
pub async fn strict_transport(
    axum::extract::State(https): axum::extract::State<bool>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let mut res = next.run(req).await;
    if https {
        res.headers_mut()
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(headers: &[(&str, &str)]) -> Request {
        let mut b = axum::http::Request::builder().method("POST").uri("/api/x");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(Body::empty()).unwrap()
    }

    #[test]
    fn origin_rules() {
        assert!(same_origin(&post(&[("sec-fetch-site", "same-origin")])));
        assert!(!same_origin(&post(&[("sec-fetch-site", "cross-site")])));
        assert!(!same_origin(&post(&[("sec-fetch-site", "same-site")])));
        assert!(same_origin(&post(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")])));
        assert!(!same_origin(&post(&[("host", "127.0.0.1:3000"), ("origin", "http://evil.example")])));
        assert!(!same_origin(&post(&[("host", "kindred.example"), ("origin", "null")])));
        // Not from a browser page at all: nothing to forge.
        assert!(same_origin(&post(&[("host", "kindred.example")])));
    }

    #[test]
    fn page_policy_allows_wasm_and_only_nonced_inline_scripts() {
        let csp = page_csp("abc", Some("https://tile.openstreetmap.org"));
        assert!(csp.contains("img-src 'self' data: blob: https://tile.openstreetmap.org;"));
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("'nonce-abc'"));
        assert!(!csp.contains("script-src 'self' 'unsafe-inline'"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }
}

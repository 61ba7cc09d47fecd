//! Load shedding: each instance works on at most `max_in_flight` requests at once and answers
//! the rest at once with 503 and `Retry-After`, instead of queueing them without bound (a queue
//! only turns an overload into timeouts for everyone). The health check is never shed.

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::state::AppState;

pub async fn shed(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    if req.uri().path() == "/healthz" {
        return next.run(req).await;
    }
    let Ok(_permit) = state.in_flight.clone().try_acquire_owned() else {
        let mut res = (StatusCode::SERVICE_UNAVAILABLE, "Kindred is busy right now. Please try again in a moment.")
            .into_response();
        res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return res;
    };
    next.run(req).await
}

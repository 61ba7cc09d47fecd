//! `GET /ws`: the member's WebSocket. Authenticated by the session cookie, same-origin only.
//!
//! Server → client messages are JSON: `{"type":"hello","unread":N}` on connect,
//! `{"type":"notification","unread":N}` when a notification arrives, `{"type":"resync"}` when
//! messages were dropped (re-read everything). The client sends nothing but pings.

use std::time::Duration;

use axum::{
    extract::{
        ws::{Message, WebSocket, WebSocketUpgrade},
        State,
    },
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use tower_sessions::Session;
use uuid::Uuid;

use super::hub::Delivery;
use crate::server::state::AppState;

/// The Origin must name this host: a page elsewhere cannot open a socket with our cookie.
fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    match (host, origin) {
        (Some(host), Some(origin)) => {
            origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(host)
        }
        _ => false,
    }
}

pub async fn upgrade(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    if !same_origin(&headers) {
        return (StatusCode::FORBIDDEN, "Cross-origin sockets are not allowed.").into_response();
    }
    let member = match crate::server::request::current_member(&state, &session).await {
        Ok(Some(m)) => m,
        Ok(None) => return (StatusCode::UNAUTHORIZED, "Log in first.").into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    ws.max_message_size(4 * 1024).on_upgrade(move |socket| serve(state, member.member_id, socket))
}

async fn unread(state: &AppState, member: Uuid) -> i64 {
    crate::notifications::repo::unread_count(&state.pool, member).await.unwrap_or(0)
}

async fn send(socket: &mut WebSocket, value: serde_json::Value) -> bool {
    socket.send(Message::Text(value.to_string().into())).await.is_ok()
}

async fn serve(state: AppState, member: Uuid, mut socket: WebSocket) {
    let (id, mut rx) = state.realtime.subscribe(member);
    let hello = serde_json::json!({ "type": "hello", "unread": unread(&state, member).await });
    let mut ping = tokio::time::interval(Duration::from_secs(25));
    ping.tick().await;
    if send(&mut socket, hello).await {
        loop {
            tokio::select! {
                delivery = rx.recv() => {
                    let message = match delivery {
                        Some(Delivery::Event(signal)) if signal.kind == "notification" => {
                            serde_json::json!({ "type": "notification", "unread": unread(&state, member).await })
                        }
                        Some(Delivery::Event(signal)) => serde_json::json!({ "type": signal.kind }),
                        Some(Delivery::Resync) => serde_json::json!({ "type": "resync", "unread": unread(&state, member).await }),
                        None => break,
                    };
                    if !send(&mut socket, message).await {
                        break;
                    }
                }
                incoming = socket.recv() => match incoming {
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => {}
                },
                _ = ping.tick() => {
                    if socket.send(Message::Ping(Vec::new().into())).await.is_err() {
                        break;
                    }
                }
            }
        }
    }
    state.realtime.unsubscribe(member, id);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_origin_sockets_are_accepted() {
        let headers = |host: &str, origin: Option<&str>| {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, host.parse().unwrap());
            if let Some(o) = origin {
                h.insert(header::ORIGIN, o.parse().unwrap());
            }
            h
        };
        assert!(same_origin(&headers("kindred.example", Some("https://kindred.example"))));
        assert!(same_origin(&headers("127.0.0.1:3000", Some("http://127.0.0.1:3000"))));
        assert!(!same_origin(&headers("kindred.example", Some("https://evil.example"))));
        assert!(!same_origin(&headers("kindred.example", Some("https://kindred.example.evil.example"))));
        assert!(!same_origin(&headers("kindred.example", None)));
    }
}

//! `GET /ws`: the member's WebSocket. Authenticated by the session cookie, same-origin only.
//!
//! On connect the socket subscribes to the member's own topic, their communities' topics and
//! every channel and conversation they may read; access changes (a kick, a new channel, a role
//! change) make it re-check at once.
//!
//! Server → client (JSON): `hello` (with `unread` and `chat_unread` counts) on connect;
//! `notification` and `access` (re-read counts and, for `access`, what you may see);
//! `message` / `message_updated` with a `message` object; `typing` with `member` and `name`;
//! `subscribed` after a catch-up; `denied` for a channel the member may not read; `resync` when
//! messages were dropped (re-read everything).
//!
//! Client → server: `{"type":"subscribe","channel":ID,"after":N}` sends every message numbered
//! above N (in order), then `subscribed`, so a client that reconnects with the last number it
//! holds gets exactly what it missed; live messages are never sent twice by one socket, except
//! that a catch-up re-sends what was asked for. `{"type":"typing","channel":ID}` announces typing.
//!
//! Every 25 seconds the socket pings and checks its session is still there: signing out (or
//! any other end of the session, such as a password change) closes its sockets within that time.
//!
//! Limits: a member holds at most `SOCKETS_PER_MEMBER` sockets on an instance (429 past it), a
//! socket listens to at most `EXTRA_CHANNELS` channels beyond its member's own (further
//! subscribes are denied with `reason: "limit"`), and a client sending more than `FRAMES_MAX`
//! frames in `FRAMES_WINDOW` is closed with 1008 (policy violation).

use std::time::Duration;

use axum::{
    extract::{
        ws::{Message, WebSocket, WebSocketUpgrade},
        State,
    },
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use std::collections::{HashMap, HashSet, VecDeque};
use std::time::Instant;

use serde::Deserialize;
use serde_json::json;
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::server::realtime::{channel_topic, community_topic, member_topic, Delivery};
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

/// Open sockets per member on this instance: enough for a phone, a laptop and a few tabs.
pub const SOCKETS_PER_MEMBER: usize = 8;
/// Channels a socket may add by subscribing (public channels read without membership).
pub const EXTRA_CHANNELS: usize = 32;
/// Client frames allowed per window (subscribes and typing); a client past it is closed.
pub const FRAMES_MAX: usize = 40;
pub const FRAMES_WINDOW: Duration = Duration::from_secs(10);

/// Counts each member's open sockets; a slot is held from the upgrade until the socket ends.
static OPEN: std::sync::LazyLock<std::sync::Mutex<HashMap<Uuid, usize>>> = std::sync::LazyLock::new(Default::default);

struct Slot(Uuid);

impl Slot {
    fn take(member: Uuid) -> Option<Slot> {
        let mut open = OPEN.lock().expect("socket counts");
        let n = open.entry(member).or_default();
        if *n >= SOCKETS_PER_MEMBER {
            return None;
        }
        *n += 1;
        Some(Slot(member))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = OPEN.lock().expect("socket counts");
        if let Some(n) = open.get_mut(&self.0) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.0);
            }
        }
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
    let member = match crate::auth::guard::current_member(&state, &session).await {
        Ok(Some(m)) => m,
        Ok(None) => return (StatusCode::UNAUTHORIZED, "Log in first.").into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Some(slot) = Slot::take(member.member_id) else {
        return (StatusCode::TOO_MANY_REQUESTS, "Too many open connections: close a few Kindred tabs.").into_response();
    };
    let session_id = session.id().map(|id| id.to_string());
    // Clients send only small JSON; small buffers keep an idle socket's memory low (the
    // defaults reserve 128 KiB each way), and every frame is written at once.
    ws.max_message_size(4 * 1024).max_frame_size(4 * 1024).read_buffer_size(4 * 1024).write_buffer_size(0).on_upgrade(
        move |socket| async move {
            serve(state, member, session_id, socket).await;
            drop(slot);
        },
    )
}

/// What the browser may send.
#[derive(Debug, Deserialize)]
pub struct ClientMessage {
    #[serde(rename = "type")]
    pub kind: String,
    pub channel: Option<Uuid>,
    pub after: Option<i64>,
}

/// A client frame, or None for anything that is not one (ignored, never an error).
pub fn read_frame(text: &str) -> Option<ClientMessage> {
    serde_json::from_str::<ClientMessage>(text).ok().filter(|m| m.kind.len() <= 32)
}

/// Most messages sent when catching up; past this the client is told to reload the channel.
const CATCH_UP: i64 = 200;
/// Remembered numbers per channel, so a message is never sent twice.
const SENT_LOG: usize = 512;

#[derive(Default)]
struct SentLog {
    seen: HashSet<i64>,
    order: VecDeque<i64>,
}

impl SentLog {
    /// Records `seq`; false if it was sent already.
    fn record(&mut self, seq: i64) -> bool {
        if !self.seen.insert(seq) {
            return false;
        }
        self.order.push_back(seq);
        if self.order.len() > SENT_LOG {
            if let Some(old) = self.order.pop_front() {
                self.seen.remove(&old);
            }
        }
        true
    }
}

/// Whether the socket's session still exists for its member (a database error keeps it).
async fn session_alive(state: &AppState, session: Option<&str>, member: Uuid) -> bool {
    let Some(id) = session else { return false };
    crate::server::session_store::is_live(&state.pool, id, member).await.unwrap_or(true)
}

async fn counts(state: &AppState, member: Uuid) -> (i64, i64) {
    let unread = crate::notifications::repo::unread_count(&state.pool, member).await.unwrap_or(0);
    let chat = crate::chat::service::unread_total(&state.pool, member).await.unwrap_or(0);
    (unread, chat)
}

async fn send(socket: &mut WebSocket, value: serde_json::Value) -> bool {
    send_text(socket, &value.to_string()).await
}

/// Sends one message; a client that has not taken it within 10 seconds is disconnected (its
/// queue meanwhile fills and it is marked for a resync, never slowing anyone else).
async fn send_text(socket: &mut WebSocket, text: &str) -> bool {
    matches!(
        tokio::time::timeout(Duration::from_secs(10), socket.send(Message::Text(text.to_string().into()))).await,
        Ok(Ok(()))
    )
}

/// The topics a member's socket listens to, and the channels among them.
async fn topics_for(state: &AppState, member: Uuid) -> Result<(HashSet<String>, HashSet<Uuid>), AppError> {
    let readable = crate::communities::repo::readable_channels(&state.pool, member).await?;
    let mut topics = HashSet::from([member_topic(member)]);
    topics.extend(readable.communities.iter().map(|c| community_topic(*c)));
    topics.extend(readable.channels.iter().map(|c| channel_topic(*c)));
    Ok((topics, readable.channels.into_iter().collect()))
}

struct Conn {
    state: AppState,
    member: CurrentMember,
    id: u64,
    /// Channels this socket may receive.
    allowed: HashSet<Uuid>,
    /// Channels visited without membership (public communities), with their community, kept
    /// across access changes while still readable. The community's topic is listened to as
    /// well, so a ban or a new override is heard at once.
    extra: HashMap<Uuid, Uuid>,
    sent: HashMap<Uuid, SentLog>,
    typing_at: HashMap<Uuid, Instant>,
}

impl Conn {
    /// Re-reads what the member may see and resubscribes.
    async fn refresh(&mut self) {
        let me = self.member.member_id;
        let Ok((mut topics, allowed)) = topics_for(&self.state, me).await else { return };
        let mut kept_extra = HashMap::new();
        for (ch, community) in &self.extra {
            if !allowed.contains(ch) && crate::chat::service::access(&self.state.pool, me, *ch).await.is_ok() {
                kept_extra.insert(*ch, *community);
                topics.insert(channel_topic(*ch));
                topics.insert(community_topic(*community));
            }
        }
        self.extra = kept_extra;
        self.allowed = allowed.union(&self.extra.keys().copied().collect()).copied().collect();
        self.sent.retain(|ch, _| self.allowed.contains(ch));
        self.state.realtime.set_topics(self.id, topics);
    }

    /// Subscribes to one channel (checking access) and sends what came after `after`.
    async fn subscribe(&mut self, socket: &mut WebSocket, channel: Uuid, after: i64) -> bool {
        let me = self.member.member_id;
        if !self.allowed.contains(&channel) {
            if self.extra.len() >= EXTRA_CHANNELS {
                return send(socket, json!({ "type": "denied", "channel": channel, "reason": "limit" })).await;
            }
            let Ok(access) = crate::chat::service::access(&self.state.pool, me, channel).await else {
                return send(socket, json!({ "type": "denied", "channel": channel })).await;
            };
            self.allowed.insert(channel);
            self.state.realtime.add_topic(self.id, channel_topic(channel));
            if let Some(c) = access.community {
                self.extra.insert(channel, c.community_id);
                self.state.realtime.add_topic(self.id, community_topic(c.community_id));
            }
        }
        let missed = crate::chat::service::after(&self.state.pool, channel, after.max(0), CATCH_UP + 1)
            .await
            .unwrap_or_default();
        let complete = (missed.len() as i64) <= CATCH_UP;
        // Everything the client asked for is sent, even if this socket sent it live a moment
        // ago (the page may not have been listening yet); the browser keys messages by id.
        for m in missed.into_iter().take(CATCH_UP as usize) {
            self.sent.entry(channel).or_default().record(m.seq);
            if !send(socket, json!({ "type": "message", "channel": channel, "message": m })).await {
                return false;
            }
        }
        if !complete {
            return send(socket, json!({ "type": "resync", "channel": channel })).await;
        }
        send(socket, json!({ "type": "subscribed", "channel": channel })).await
    }

    async fn typing(&mut self, channel: Uuid) {
        if !self.allowed.contains(&channel) {
            return;
        }
        let now = Instant::now();
        if self.typing_at.get(&channel).is_some_and(|t| now.duration_since(*t) < Duration::from_secs(3)) {
            return;
        }
        self.typing_at.insert(channel, now);
        let _ = crate::chat::service::typing(&self.state, &self.member, channel).await;
    }

    /// The text to send for a delivery, if any.
    async fn outgoing(&mut self, delivery: Delivery) -> Option<String> {
        let me = self.member.member_id;
        match delivery {
            Delivery::Resync => {
                let (unread, chat) = counts(&self.state, me).await;
                Some(json!({ "type": "resync", "unread": unread, "chat_unread": chat }).to_string())
            }
            Delivery::Event(out) => match out.kind.as_str() {
                "notification" => {
                    let (unread, chat) = counts(&self.state, me).await;
                    Some(json!({ "type": "notification", "unread": unread, "chat_unread": chat }).to_string())
                }
                "access" => {
                    self.refresh().await;
                    let (unread, chat) = counts(&self.state, me).await;
                    Some(json!({ "type": "access", "unread": unread, "chat_unread": chat }).to_string())
                }
                "message" => {
                    let (channel, seq) = (out.channel?, out.seq?);
                    if !self.allowed.contains(&channel) || !self.sent.entry(channel).or_default().record(seq) {
                        return None;
                    }
                    out.json.as_deref().map(str::to_string)
                }
                "typing" if out.member == Some(me) => None,
                _ => {
                    let channel = out.channel?;
                    if !self.allowed.contains(&channel) {
                        return None;
                    }
                    out.json.as_deref().map(str::to_string)
                }
            },
        }
    }
}

async fn serve(state: AppState, member: CurrentMember, session: Option<String>, mut socket: WebSocket) {
    let me = member.member_id;
    let Ok((topics, allowed)) = topics_for(&state, me).await else {
        let _ = socket.send(Message::Close(None)).await;
        return;
    };
    let (id, mut rx) = state.realtime.connect(topics);
    let mut conn = Conn {
        state: state.clone(),
        member,
        id,
        allowed,
        extra: HashMap::new(),
        sent: HashMap::new(),
        typing_at: HashMap::new(),
    };
    let (unread, chat) = counts(&state, me).await;
    let hello = json!({ "type": "hello", "unread": unread, "chat_unread": chat });
    let mut ping = tokio::time::interval(state.config.socket_ping);
    ping.tick().await;
    let mut frames: VecDeque<Instant> = VecDeque::new();
    let mut shutdown = state.shutdown.subscribe();
    if send(&mut socket, hello).await {
        loop {
            tokio::select! {
                delivery = rx.recv() => {
                    let Some(delivery) = delivery else { break };
                    if let Some(text) = conn.outgoing(delivery).await {
                        if !send_text(&mut socket, &text).await {
                            break;
                        }
                    }
                }
                incoming = socket.recv() => match incoming {
                    Some(Ok(Message::Text(text))) => {
                        let now = Instant::now();
                        while frames.front().is_some_and(|t| now.duration_since(*t) > FRAMES_WINDOW) {
                            frames.pop_front();
                        }
                        frames.push_back(now);
                        if frames.len() > FRAMES_MAX {
                            let close = axum::extract::ws::CloseFrame {
                                code: axum::extract::ws::close_code::POLICY,
                                reason: "too many requests".into(),
                            };
                            let _ = socket.send(Message::Close(Some(close))).await;
                            break;
                        }
                        let Some(msg) = read_frame(&text) else { continue };
                        match (msg.kind.as_str(), msg.channel) {
                            ("subscribe", Some(channel)) => {
                                if !conn.subscribe(&mut socket, channel, msg.after.unwrap_or(0)).await {
                                    break;
                                }
                            }
                            ("typing", Some(channel)) => conn.typing(channel).await,
                            _ => {}
                        }
                    }
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => {}
                },
                changed = shutdown.changed() => {
                    let stopping = changed.is_err() || *shutdown.borrow();
                    if !stopping {
                        continue;
                    }
                    // The instance is stopping: 1012 (service restart) tells the client to
                    // reconnect, to another instance or to this one once it is back.
                    let close = axum::extract::ws::CloseFrame {
                        code: axum::extract::ws::close_code::RESTART,
                        reason: "restarting".into(),
                    };
                    let _ = socket.send(Message::Close(Some(close))).await;
                    break;
                }
                _ = ping.tick() => {
                    // A session ended elsewhere (signing out, a password change) ends its sockets.
                    if !session_alive(&state, session.as_deref(), me).await {
                        let _ = socket.send(Message::Close(None)).await;
                        break;
                    }
                    if socket.send(Message::Ping(Vec::new().into())).await.is_err() {
                        break;
                    }
                }
            }
        }
    }
    state.realtime.disconnect(id);
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

//! The `/ws` socket itself, over a real TCP connection with a WebSocket client: it refuses other
//! origins and signed-out visitors, denies channels the member may not read (no catch-up, no
//! live messages), delivers live messages to members, and on reconnect with the last number
//! seen sends exactly the missed messages, in order. Two instances deliver each other's
//! messages; a visitor's socket on a public channel hears overrides and bans at once; signing
//! out closes the socket.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::TestApp;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::{client::IntoClientRequest, http::HeaderValue, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens `/ws` with this cookie and Origin; the handshake's HTTP status when it is refused.
async fn open(addr: SocketAddr, cookie: Option<&str>, origin: &str) -> Result<Socket, u16> {
    let mut req = format!("ws://{addr}/ws").into_client_request().unwrap();
    req.headers_mut().insert("origin", HeaderValue::from_str(origin).unwrap());
    if let Some(c) = cookie {
        req.headers_mut().insert("cookie", HeaderValue::from_str(c).unwrap());
    }
    match tokio_tungstenite::connect_async(req).await {
        Ok((socket, _)) => Ok(socket),
        Err(tokio_tungstenite::tungstenite::Error::Http(res)) => Err(res.status().as_u16()),
        Err(e) => panic!("socket failed: {e}"),
    }
}

/// The next JSON frame, if one comes within `wait`.
async fn next(socket: &mut Socket, wait: Duration) -> Option<Value> {
    // One deadline for the whole wait: the tests' sockets are pinged every second, and pings
    // must not keep extending it.
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, socket.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => return Some(serde_json::from_str(&t).unwrap()),
            Ok(Some(Ok(_))) => continue,
            _ => return None,
        }
    }
}

/// Frames until one of type `kind` (skipping others, such as notifications); panics if none.
async fn expect(socket: &mut Socket, kind: &str) -> Value {
    for _ in 0..20 {
        let v = next(socket, Duration::from_secs(5)).await.unwrap_or_else(|| panic!("no {kind} frame"));
        if v["type"] == kind {
            return v;
        }
    }
    panic!("no {kind} frame among 20");
}

/// The chat message frames that arrive within `wait`, by number.
async fn messages_within(socket: &mut Socket, wait: Duration) -> Vec<i64> {
    let mut seqs = Vec::new();
    while let Some(v) = next(socket, wait).await {
        if v["type"] == "message" {
            seqs.push(v["message"]["seq"].as_i64().unwrap());
        }
    }
    seqs
}

async fn subscribe(socket: &mut Socket, channel: &str, after: i64) {
    let frame = json!({ "type": "subscribe", "channel": channel, "after": after }).to_string();
    socket.send(Message::Text(frame.into())).await.unwrap();
}

async fn say(app: &TestApp, who: &str, channel: &str, body: &str) -> i64 {
    let r = app.post("/api/chat/send", &[("channel", channel), ("body", body)], Some(who)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    v["seq"].as_i64().unwrap()
}

#[sqlx::test]
async fn the_socket_admits_members_only_and_catches_up_exactly(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let r = app
        .post(
            "/api/communities/create",
            &[("name", "Quiet"), ("slug", "quiet-circle"), ("description", ""), ("visibility", "private")],
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let channel: uuid::Uuid = sqlx::query_scalar(
        "select ch.channel_id from chat_channels ch join communities c using (community_id)
         where c.slug = 'quiet-circle' and ch.name = 'general'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let channel = channel.to_string();
    let addr = app.serve().await;
    let origin = format!("http://{addr}");
    tokio::time::sleep(Duration::from_millis(300)).await; // the LISTEN connection starts

    // Another site's page, or a visitor without a session, gets no socket at all.
    assert_eq!(open(addr, Some(&ana), "http://evil.example").await.err(), Some(403));
    assert_eq!(open(addr, None, &origin).await.err(), Some(401));

    // Ben, outside the private community, is denied the channel: no catch-up, no live messages.
    let mut bens = open(addr, Some(&ben), &origin).await.expect("Ben's socket");
    expect(&mut bens, "hello").await;
    let first = say(&app, &ana, &channel, "Sunrise sit at seven").await;
    subscribe(&mut bens, &channel, 0).await;
    assert_eq!(expect(&mut bens, "denied").await["channel"], channel.as_str());
    // Ana, a member, hears her own channel live.
    let mut anas = open(addr, Some(&ana), &origin).await.expect("Ana's socket");
    expect(&mut anas, "hello").await;
    let second = say(&app, &ana, &channel, "Bring a blanket").await;
    assert_eq!(expect(&mut anas, "message").await["message"]["seq"], second);
    assert!(messages_within(&mut bens, Duration::from_millis(500)).await.is_empty());

    // Ana's tab drops; three messages arrive meanwhile; reconnecting with the last number she
    // holds returns exactly those three, in order, then "subscribed" — and nothing twice.
    drop(anas);
    let mut missed = Vec::new();
    for body in ["One", "Two", "Three"] {
        missed.push(say(&app, &ana, &channel, body).await);
    }
    let mut anas = open(addr, Some(&ana), &origin).await.expect("Ana's socket again");
    expect(&mut anas, "hello").await;
    subscribe(&mut anas, &channel, second).await;
    let mut caught = Vec::new();
    loop {
        let v = next(&mut anas, Duration::from_secs(5)).await.expect("catch-up frames");
        match v["type"].as_str() {
            Some("message") => caught.push(v["message"]["seq"].as_i64().unwrap()),
            Some("subscribed") => break,
            _ => {}
        }
    }
    assert_eq!(caught, missed);
    assert!(first < second);
    // Live delivery goes on after the catch-up, once per message.
    let fourth = say(&app, &ana, &channel, "Four").await;
    assert_eq!(messages_within(&mut anas, Duration::from_millis(800)).await, [fourth]);

    // Once Ben is let in, the same socket reads the channel.
    let r = app.post("/api/communities/join", &[("slug", "quiet-circle")], Some(&ben)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .post(
            "/api/communities/requests/decide",
            &[("slug", "quiet-circle"), ("username", "ben"), ("decision", "approve")],
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    subscribe(&mut bens, &channel, fourth - 1).await;
    let mut got = Vec::new();
    loop {
        let v = next(&mut bens, Duration::from_secs(5)).await.expect("Ben's catch-up");
        match v["type"].as_str() {
            Some("message") => got.push(v["message"]["seq"].as_i64().unwrap()),
            Some("subscribed") => break,
            Some("denied") => panic!("still denied after joining"),
            _ => {}
        }
    }
    assert_eq!(got, [fourth]);
}

async fn community(app: &TestApp, owner: &str, slug: &str, visibility: &str) -> String {
    let r = app
        .post(
            "/api/communities/create",
            &[("name", "Circle"), ("slug", slug), ("description", ""), ("visibility", visibility)],
            Some(owner),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let channel: uuid::Uuid = sqlx::query_scalar(
        "select ch.channel_id from chat_channels ch join communities c using (community_id)
         where c.slug = $1 and ch.name = 'general'",
    )
    .bind(slug)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    channel.to_string()
}

/// Subscribes and waits for the catch-up to end; panics if denied.
async fn subscribed(socket: &mut Socket, channel: &str, after: i64) {
    subscribe(socket, channel, after).await;
    loop {
        let v = next(socket, Duration::from_secs(5)).await.expect("subscribed");
        match v["type"].as_str() {
            Some("subscribed") => return,
            Some("denied") => panic!("denied {channel}"),
            _ => {}
        }
    }
}

#[sqlx::test]
async fn two_server_instances_deliver_each_others_messages(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    // Two instances on two ports, as two `kindred` processes behind a load balancer: their own
    // state, hub and LISTEN connection, one database (sessions included).
    let (first, second) = (TestApp::new(pool.clone()), TestApp::new(pool.clone()));
    let ana = first.sign_up("ana").await;
    let ben = second.sign_up("ben").await;
    let channel = community(&first, &ana, "practica", "public").await;
    let r = second.post("/api/communities/join", &[("slug", "practica")], Some(&ben)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let (a1, a2) = (first.serve().await, second.serve().await);
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Ana's tab is on the second instance, Ben's on the first.
    let mut anas = open(a2, Some(&ana), &format!("http://{a2}")).await.expect("Ana's socket");
    let mut bens = open(a1, Some(&ben), &format!("http://{a1}")).await.expect("Ben's socket");
    expect(&mut anas, "hello").await;
    expect(&mut bens, "hello").await;
    subscribed(&mut anas, &channel, 0).await;
    subscribed(&mut bens, &channel, 0).await;

    // Ana writes through the first instance: Ben (first) and Ana (second) both hear it.
    let one = say(&first, &ana, &channel, "Tonight at nine?").await;
    assert_eq!(messages_within(&mut anas, Duration::from_millis(800)).await, [one]);
    assert_eq!(messages_within(&mut bens, Duration::from_millis(800)).await, [one]);
    // Ben answers through the second instance: heard on both, once.
    let two = say(&second, &ben, &channel, "I'll be there").await;
    assert_eq!(messages_within(&mut bens, Duration::from_millis(800)).await, [two]);
    assert_eq!(messages_within(&mut anas, Duration::from_millis(800)).await, [two]);
}

#[sqlx::test]
async fn a_visitor_reading_a_public_channel_is_cut_off_by_a_ban(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let dora = app.sign_up("dora").await;
    let channel = community(&app, &ana, "open-floor", "public").await;
    let addr = app.serve().await;
    let origin = format!("http://{addr}");
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Dora is not a member, but the community is public: her socket reads #general.
    let mut doras = open(addr, Some(&dora), &origin).await.expect("Dora's socket");
    expect(&mut doras, "hello").await;
    subscribed(&mut doras, &channel, 0).await;
    let one = say(&app, &ana, &channel, "Welcome, everyone").await;
    assert_eq!(messages_within(&mut doras, Duration::from_millis(800)).await, [one]);

    // The channel is closed to @everyone: the community's topic tells her socket, which drops
    // the channel at once. Opened again, her page subscribes anew.
    let everyone: uuid::Uuid = sqlx::query_scalar("select role_id from community_roles where kind = 'everyone'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let target = format!("role:{everyone}");
    let close = [("channel_id", channel.as_str()), ("target", target.as_str()), ("perms[view]", "deny")];
    let r = app.post("/api/communities/channels/override", &close, Some(&ana)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    expect(&mut doras, "access").await;
    say(&app, &ana, &channel, "Staff only for a moment").await;
    assert!(messages_within(&mut doras, Duration::from_millis(800)).await.is_empty());
    // Dropping the channel also stopped her socket hearing the community (she reads nothing
    // there now); once the channel is open again, her page subscribes anew when reloaded.
    let r = app.post("/api/communities/channels/override", &close[..2], Some(&ana)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    subscribed(&mut doras, &channel, 2).await;

    // Banned: her socket hears of it at once and the channel goes quiet for her.
    let r = app
        .post(
            "/api/communities/members/ban",
            &[("slug", "open-floor"), ("username", "dora"), ("reason", "spam")],
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    expect(&mut doras, "access").await;
    say(&app, &ana, &channel, "Members only from here").await;
    assert!(messages_within(&mut doras, Duration::from_millis(800)).await.is_empty());
    subscribe(&mut doras, &channel, 0).await;
    assert_eq!(expect(&mut doras, "denied").await["channel"], channel.as_str());
}

#[sqlx::test]
async fn signing_out_closes_the_socket(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let addr = app.serve().await;
    let mut anas = open(addr, Some(&ana), &format!("http://{addr}")).await.expect("Ana's socket");
    expect(&mut anas, "hello").await;
    let r = app.post("/api/auth/logout", &[], Some(&ana)).await;
    assert!((200..400).contains(&r.status), "{} {}", r.status, r.body);
    // The tests ping every second: the socket closes within a few.
    let closed = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match anas.next().await {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return true,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert_eq!(closed, Ok(true), "the socket stayed open after signing out");
}

#[sqlx::test]
async fn sockets_per_member_and_frames_per_socket_are_capped(_: PgPoolOptions, opts: PgConnectOptions) {
    use kindred::startup::socket::{FRAMES_MAX, SOCKETS_PER_MEMBER};
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let addr = app.serve().await;
    let origin = format!("http://{addr}");
    let mut held = Vec::new();
    for _ in 0..SOCKETS_PER_MEMBER {
        let mut s = open(addr, Some(&ana), &origin).await.expect("within the cap");
        expect(&mut s, "hello").await;
        held.push(s);
    }
    assert_eq!(open(addr, Some(&ana), &origin).await.err(), Some(429), "one socket too many");
    // Others are not affected; a closed socket frees its slot.
    let mut bens = open(addr, Some(&ben), &origin).await.expect("Ben's socket");
    expect(&mut bens, "hello").await;
    let mut first = held.remove(0);
    first.close(None).await.unwrap();
    while first.next().await.is_some() {}
    let mut freed = None;
    for _ in 0..50 {
        if let Ok(s) = open(addr, Some(&ana), &origin).await {
            freed = Some(s);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(freed.is_some(), "the closed socket's slot is free again");

    // A client flooding frames is closed with 1008.
    let channel = uuid::Uuid::new_v4().to_string();
    for _ in 0..=FRAMES_MAX {
        let frame = json!({ "type": "typing", "channel": channel }).to_string();
        if bens.send(Message::Text(frame.into())).await.is_err() {
            break;
        }
    }
    let code = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match bens.next().await {
                Some(Ok(Message::Close(Some(frame)))) => return Some(u16::from(frame.code)),
                None | Some(Err(_)) | Some(Ok(Message::Close(None))) => return None,
                Some(Ok(_)) => {}
            }
        }
    })
    .await
    .expect("the flooding socket is closed");
    assert_eq!(code, Some(1008));
}

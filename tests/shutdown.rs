//! Graceful shutdown of the real binary: on SIGTERM, Kindred stops accepting connections, tells
//! every open socket to reconnect elsewhere (close code 1012, "service restart"), and exits with
//! success well within its grace period.

use std::net::SocketAddr;
use std::process::Stdio;
use std::time::Duration;

use futures_util::StreamExt;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::{client::IntoClientRequest, http::HeaderValue, Message};

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

/// One HTTP/1.1 request over a fresh connection; the status line and headers, and the body.
async fn http(addr: SocketAddr, method: &str, path: &str, body: &str) -> std::io::Result<(String, String)> {
    let mut stream = TcpStream::connect(addr).await?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await?;
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await?;
    let text = String::from_utf8_lossy(&out).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Ok((head.to_string(), body.to_string()))
}

#[sqlx::test]
async fn sigterm_closes_sockets_with_1012_and_exits_cleanly(_: PgPoolOptions, opts: PgConnectOptions) {
    // Migrations are already applied to the test database; the binary finds it up to date.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_kindred"))
        .env("DATABASE_URL", url_of(&opts))
        .env("LEPTOS_SITE_ADDR", addr.to_string())
        .env("KINDRED_DEMO_DATA", "false")
        .env("KINDRED_SHUTDOWN_SECS", "5")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("start the kindred binary");

    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok((head, _)) = http(addr, "GET", "/api/auth/me", "").await {
            if head.starts_with("HTTP/1.1 200") {
                break;
            }
        }
        assert!(tokio::time::Instant::now() < deadline, "kindred did not start within 60 s");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    let form = "email=sig%40example.org&username=sigterm&display_name=Sig&password=a+quiet+milonga+night";
    let (head, body) = http(addr, "POST", "/api/auth/signup", form).await.unwrap();
    assert!(head.starts_with("HTTP/1.1 200") || head.starts_with("HTTP/1.1 30"), "{head}\n{body}");
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: ").or_else(|| l.strip_prefix("Set-Cookie: ")))
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_string();

    let mut req = format!("ws://{addr}/ws").into_client_request().unwrap();
    req.headers_mut().insert("origin", HeaderValue::from_str(&format!("http://{addr}")).unwrap());
    req.headers_mut().insert("cookie", HeaderValue::from_str(&cookie).unwrap());
    let (mut socket, _) = tokio_tungstenite::connect_async(req).await.expect("the socket opens");

    // The socket is set up once its first frame (the unread counts) arrives.
    let first = tokio::time::timeout(Duration::from_secs(10), socket.next()).await.expect("a first frame");
    assert!(matches!(first, Some(Ok(Message::Text(_)))), "{first:?}");

    let pid = child.id().expect("a running child") as i32;
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);

    let code = tokio::time::timeout(Duration::from_secs(5), async {
        let mut seen = Vec::new();
        while let Some(frame) = socket.next().await {
            match frame {
                Ok(Message::Close(Some(close))) => return Ok(u16::from(close.code)),
                Ok(Message::Close(None)) => return Err(format!("a close without a code after {seen:?}")),
                Ok(other) => seen.push(format!("{other:?}")),
                Err(e) => return Err(format!("{e} after {seen:?}")),
            }
        }
        Err(format!("the stream ended after {seen:?}"))
    })
    .await
    .expect("the socket is closed within 5 s of SIGTERM");
    assert_eq!(code, Ok(1012), "sockets are told to reconnect (service restart)");

    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("kindred exits within its grace period")
        .unwrap();
    assert!(status.success(), "a clean exit: {status}");
    assert!(TcpStream::connect(addr).await.is_err(), "nothing listens any more");
}

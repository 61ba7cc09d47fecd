//! The authorization matrix: who may read or change each private resource, through every server
//! function that touches it, and a check that no endpoint escapes the table.
//!
//! **Actors** (columns, always in this order): `visitor` (no session), `stranger` (signed in, no
//! relation), `member` (the resource's legitimate other party, see each table), `blocked` (a
//! member of the owner's community whom the owner blocked), `banned` (had the member's relation
//! where one exists, then was banned from the owner's community), `moderator` (moderator role in
//! the owner's community), `owner` (the resource's owner, author, organiser or mentor) and
//! `sitemod` (a site moderator: `members.site_role`, no other relation). Every scene starts from
//! the same cast: the owner's private community `circle` with member, blocked, banned and
//! moderator in it; the block and the ban come last, after the resource is set up.
//!
//! **Resources** (one test each, each on a fresh database): a private channel, a direct
//! conversation, a connections-only post, a hidden post, a private community's event, its
//! attendee list, a reward, a mentor's session notes, an oracle reading and the oracle journal.
//!
//! **Rows**: `(call, expectations for the eight actors)`. A call is a GET (query string) or a
//! POST (form or multipart) with `{placeholders}` filled from the scene; `{name}` looks up
//! `name@<actor>` first, so a destructive row can give each actor their own object. `OK` is any
//! 2xx, `SEE`/`HID` a 2xx whose body does / does not contain the row's marker (how lists, feeds
//! and searches are checked), `E4xx` that exact status. In each row the refusals run first and
//! then the successes, so a success that changes state (a delete, a cancel) cannot spoil the
//! refusals; rows run top to bottom, destructive ones last. Every mismatch of a table is
//! reported at once.
//!
//! A row marked `// GAP:` expects what should happen and fails until the server does it.
//!
//! **Inventory**: `every_endpoint_is_in_the_matrix_or_explained` lists every registered
//! `/api/…` server function (and every `#[server(endpoint = …)]` in `src/`) and fails on any
//! missing from [`inventory::ENDPOINTS`], any entry no longer registered, any endpoint classified
//! `Matrix` without a row, and any row on an endpoint not classified `Matrix`. A new server
//! function therefore needs a decision here: rows in a resource's table, or a stated reason
//! why it touches none of them.
//!
//! **Layout**: this file holds the harness (actors, expectations, rows, the scene and its
//! cast); each resource's tables and tests live in a module by area, and [`inventory`] holds the
//! endpoint classification and its test.

#[path = "../common/mod.rs"]
mod common;

mod chat;
mod events;
mod inventory;
mod oracle;
mod places;
mod posts;

use std::collections::HashMap;

use axum::{body::Body, http::Request};
use common::{Reply, TestApp, HOST, ORIGIN};
use serde_json::Value;
use sqlx::postgres::PgConnectOptions;
use sqlx::PgPool;

// ------------------------------------------------------------------------------------------------
// Actors, expectations and rows

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Actor {
    Visitor,
    Stranger,
    Member,
    Blocked,
    Banned,
    Moderator,
    Owner,
    SiteMod,
}
use Actor::*;

const ACTORS: [Actor; 8] = [Visitor, Stranger, Member, Blocked, Banned, Moderator, Owner, SiteMod];

impl Actor {
    /// The actor's username (the visitor has none), also used in failure messages.
    fn name(self) -> &'static str {
        match self {
            Visitor => "visitor",
            Stranger => "stranger",
            Member => "member",
            Blocked => "blocked",
            Banned => "banned",
            Moderator => "moderator",
            Owner => "owner",
            SiteMod => "sitemod",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Any 2xx.
    Pass,
    /// A 2xx whose body contains the row's marker.
    Shown,
    /// A 2xx whose body does not contain the row's marker.
    Hidden,
    /// Exactly this status.
    Status(u16),
}

const OK: Expect = Expect::Pass;
const SEE: Expect = Expect::Shown;
const HID: Expect = Expect::Hidden;
const E401: Expect = Expect::Status(401);
const E403: Expect = Expect::Status(403);
const E404: Expect = Expect::Status(404);
const E409: Expect = Expect::Status(409);
const E422: Expect = Expect::Status(422);

impl Expect {
    fn succeeds(self) -> bool {
        !matches!(self, Expect::Status(_))
    }

    fn describe(self, marker: Option<&str>) -> String {
        let m = marker.unwrap_or("?");
        match self {
            Expect::Pass => "2xx".into(),
            Expect::Shown => format!("2xx showing {{{m}}}"),
            Expect::Hidden => format!("2xx without {{{m}}}"),
            Expect::Status(n) => n.to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Get,
    Post,
    Multipart,
}

type Form = &'static [(&'static str, &'static str)];

struct Row {
    kind: Kind,
    /// The path, with the query string for a GET; `{placeholders}` are filled per actor.
    path: &'static str,
    form: Form,
    /// The placeholder whose value `SEE` and `HID` look for in the body.
    marker: Option<&'static str>,
    expect: [Expect; 8],
}

fn get(path: &'static str, expect: [Expect; 8]) -> Row {
    Row { kind: Kind::Get, path, form: &[], marker: None, expect }
}

fn post(path: &'static str, form: Form, expect: [Expect; 8]) -> Row {
    Row { kind: Kind::Post, path, form, marker: None, expect }
}

fn multipart(path: &'static str, form: Form, expect: [Expect; 8]) -> Row {
    Row { kind: Kind::Multipart, path, form, marker: None, expect }
}

impl Row {
    fn marker(mut self, name: &'static str) -> Self {
        self.marker = Some(name);
        self
    }

    /// The server function's endpoint (`chat/channel`), for rows on `/api/…`.
    fn endpoint(&self) -> Option<&'static str> {
        self.path.strip_prefix("/api/").map(|p| p.split('?').next().unwrap_or(p))
    }

    fn describe(&self) -> String {
        let method = match self.kind {
            Kind::Get => "GET",
            Kind::Post => "POST",
            Kind::Multipart => "POST multipart",
        };
        let form: Vec<String> = self.form.iter().map(|(k, v)| format!("{k}={v}")).collect();
        if form.is_empty() {
            format!("{method} {}", self.path)
        } else {
            format!("{method} {} [{}]", self.path, form.join(" "))
        }
    }
}

// ------------------------------------------------------------------------------------------------
// The scene: the cast, their sessions and the values the rows' placeholders stand for

struct Scene {
    app: TestApp,
    cookies: HashMap<Actor, String>,
    vars: HashMap<String, String>,
}

fn days_ahead(days: i64, hour: u32) -> String {
    let day = (chrono::Utc::now() + chrono::Duration::days(days)).format("%Y-%m-%d");
    format!("{day}T{hour:02}:00")
}

/// The id in a server function's answer: a bare string (a new id) or an object's `id`.
fn id_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        _ => v["id"].as_str().or(v["reading_id"].as_str()).unwrap_or_else(|| panic!("no id in {v}")).to_string(),
    }
}

impl Scene {
    fn pool(&self) -> &PgPool {
        &self.app.pool
    }

    fn set(&mut self, key: &str, value: impl Into<String>) {
        self.vars.insert(key.to_string(), value.into());
    }

    fn set_for(&mut self, key: &str, actor: Actor, value: impl Into<String>) {
        self.vars.insert(format!("{key}@{}", actor.name()), value.into());
    }

    fn var(&self, key: &str) -> &str {
        self.vars.get(key).unwrap_or_else(|| panic!("the scene has no {{{key}}}"))
    }

    /// `template` with every `{name}` replaced: `name@<actor>` if the scene has it, else `name`.
    fn fill(&self, template: &str, actor: Actor) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let end = rest[start..].find('}').map(|e| start + e).unwrap_or_else(|| panic!("unclosed {{ in {template}"));
            let key = &rest[start + 1..end];
            let value = self.vars.get(&format!("{key}@{}", actor.name())).or_else(|| self.vars.get(key));
            out.push_str(value.unwrap_or_else(|| panic!("the scene has no {{{key}}} (in {template})")));
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }

    async fn send(&self, kind: Kind, path: &str, form: &[(String, String)], actor: Actor) -> Reply {
        let cookie = self.cookies.get(&actor).map(String::as_str);
        match kind {
            Kind::Get => self.app.get_accepting(path, cookie, "application/json").await,
            Kind::Post => {
                let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                self.app.post(path, &pairs, cookie).await
            }
            Kind::Multipart => {
                let boundary = "kindred-authorization-matrix";
                let mut body = String::new();
                for (name, value) in form {
                    body.push_str(&format!(
                        "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                    ));
                }
                body.push_str(&format!("--{boundary}--\r\n"));
                let mut req = Request::post(path)
                    .header("host", HOST)
                    .header("origin", ORIGIN)
                    .header("sec-fetch-site", "same-origin")
                    .header("content-type", format!("multipart/form-data; boundary={boundary}"))
                    .header("content-length", body.len())
                    .header("accept", "application/json");
                if let Some(c) = cookie {
                    req = req.header("cookie", c);
                }
                self.app.send(req.body(Body::from(body)).unwrap()).await
            }
        }
    }

    /// A setup step that must succeed: a POST as `actor`, its JSON answer.
    async fn ok(&self, actor: Actor, path: &str, form: &[(&str, &str)]) -> Value {
        let form: Vec<(String, String)> = form.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let r = self.send(Kind::Post, path, &form, actor).await;
        assert!((200..300).contains(&r.status), "setup {} {path}: {} {}", actor.name(), r.status, r.body);
        serde_json::from_str(&r.body).unwrap_or(Value::Null)
    }

    /// The last step of every scene: the owner blocks `blocked` and bans `banned`.
    async fn block_and_ban(&self) {
        self.ok(Owner, "/api/people/block", &[("username", "blocked"), ("block", "true")]).await;
        self.ok(
            Owner,
            "/api/communities/members/ban",
            &[("slug", "circle"), ("username", "banned"), ("reason", "Harassed other members")],
        )
        .await;
    }

    /// Moves every read marker in the channel back to the start. Sending moves the sender's
    /// marker past everything before, so otherwise whoever wrote last would have nothing unread.
    async fn mark_unread(&self, channel: &str) {
        sqlx::query("update chat_reads set last_read_seq = 0 where channel_id = $1")
            .bind(channel.parse::<uuid::Uuid>().unwrap())
            .execute(self.pool())
            .await
            .unwrap();
    }

    /// Runs the rows and returns every answer that differs from the table.
    async fn verify(&self, resource: &str, rows: &[Row]) -> Vec<String> {
        let mut problems = Vec::new();
        for row in rows {
            let mut order: Vec<usize> = (0..ACTORS.len()).collect();
            order.sort_by_key(|&i| (row.expect[i].succeeds(), i));
            for i in order {
                let (actor, expect) = (ACTORS[i], row.expect[i]);
                let path = self.fill(row.path, actor);
                let form: Vec<(String, String)> =
                    row.form.iter().map(|(k, v)| (k.to_string(), self.fill(v, actor))).collect();
                let reply = self.send(row.kind, &path, &form, actor).await;
                let success = (200..300).contains(&reply.status);
                let shows = row.marker.map(|m| reply.body.contains(&self.fill(&format!("{{{m}}}"), actor)));
                let fine = match expect {
                    Expect::Pass => success,
                    Expect::Shown => success && shows == Some(true),
                    Expect::Hidden => success && shows == Some(false),
                    Expect::Status(n) => reply.status == n,
                };
                if !fine {
                    let got = match (success, shows) {
                        (true, Some(true)) => format!("{} showing it", reply.status),
                        (true, Some(false)) => format!("{} without it", reply.status),
                        _ => {
                            let body: String = reply.body.chars().take(160).collect();
                            format!("{} {body}", reply.status)
                        }
                    };
                    problems.push(format!(
                        "{resource}: {:<9} {} — expected {}, got {got}",
                        actor.name(),
                        row.describe(),
                        expect.describe(row.marker),
                    ));
                }
            }
        }
        problems
    }
}

fn assert_none(problems: Vec<String>) {
    assert!(problems.is_empty(), "{} answers differ from the matrix:\n{}", problems.len(), problems.join("\n"));
}

/// The cast every scene starts from: seven signed-up members (the site moderator marked by SQL,
/// as there is no endpoint for it) and the owner's private community `circle`, with member,
/// blocked, banned and moderator let in and the moderator holding its moderator role.
async fn cast(opts: PgConnectOptions) -> Scene {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let mut cookies = HashMap::new();
    for actor in ACTORS.into_iter().filter(|a| *a != Visitor) {
        cookies.insert(actor, app.sign_up(actor.name()).await);
    }
    sqlx::query("update members set site_role = 'moderator' where username = 'sitemod'").execute(&pool).await.unwrap();
    let mut s = Scene { app, cookies, vars: HashMap::new() };
    s.set("slug", "circle");
    s.ok(
        Owner,
        "/api/communities/create",
        &[("name", "Circle"), ("slug", "circle"), ("description", "Practice"), ("visibility", "private")],
    )
    .await;
    for actor in [Member, Blocked, Banned, Moderator] {
        s.ok(actor, "/api/communities/join", &[("slug", "circle")]).await;
        s.ok(
            Owner,
            "/api/communities/requests/decide",
            &[("slug", "circle"), ("username", actor.name()), ("decision", "approve")],
        )
        .await;
    }
    let role: uuid::Uuid = sqlx::query_scalar(
        "select r.role_id from community_roles r join communities c using (community_id)
         where c.slug = 'circle' and r.kind = 'moderator'",
    )
    .fetch_one(s.pool())
    .await
    .unwrap();
    let role = role.to_string();
    s.ok(
        Owner,
        "/api/communities/roles/assign",
        &[("slug", "circle"), ("username", "moderator"), ("role_id", &role), ("on", "true")],
    )
    .await;
    s.set("moderator_role", role);
    s
}

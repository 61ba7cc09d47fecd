//! The inventory: every server function, classified, and the test that none escapes the matrix.

use std::collections::{BTreeMap, BTreeSet};

use super::{chat, events, oracle, places, posts};
use super::{Expect, Kind, Row, ACTORS};

/// Every table, by resource (the resources' tests run the same functions).
fn tables() -> Vec<(&'static str, Vec<Row>)> {
    vec![
        ("private channel", chat::private_channel()),
        ("conversation", chat::direct_conversation()),
        ("conversation after a block", chat::direct_conversation_after_block()),
        ("connections-only post", posts::connections_post()),
        ("hidden post", posts::hidden_post()),
        ("community event", events::community_event()),
        ("attendee list", events::attendee_list()),
        ("reward", places::reward()),
        ("mentor notes", places::mentor_notes()),
        ("reading", oracle::reading()),
        ("journal", oracle::journal()),
    ]
}

#[derive(Clone, Copy, Debug)]
enum Class {
    /// Reads or changes one of the ten resources: the resources' tables have its rows.
    Matrix,
    /// Anyone may call it, visitors too, and it reveals no private resource.
    Public(&'static str),
    /// Signed-in members only, and only ever on the caller's own data (no other member's id in).
    Own(&'static str),
    /// Guards a resource outside the ten; the reason names the rule and the test that holds it.
    Elsewhere(&'static str),
}
use Class::{Elsewhere, Matrix, Own, Public};

const COMMUNITY_ADMIN: Class = Elsewhere(
    "community administration: permission bits and rank (tests/community_permissions.rs, tests/community_chat.rs)",
);
const PLACES: Class =
    Elsewhere("places: proposers edit their unverified places, site moderators verify (tests/places.rs)");
const REVIEWS: Class =
    Elsewhere("reviews: a check-in or completed session to write, site moderators keep or remove (tests/mentors.rs)");

/// Every server function, and why it is (or is not) in the matrix.
const ENDPOINTS: &[(&str, Class)] = &[
    // Accounts and the session
    ("auth/me", Public("the caller's own session, null for visitors")),
    ("auth/signup", Public("creates the caller's account; rate-limited per address (tests/auth.rs)")),
    ("auth/login", Public("opens the caller's session; rate-limited (tests/auth.rs)")),
    ("auth/logout", Public("ends the caller's own session")),
    ("auth/password", Own("the caller's password, checked against the current one (tests/auth.rs)")),
    ("session", Public("the caller's session and unread counts, None for visitors")),
    ("home", Matrix),
    ("ui/theme", Public("sets a theme cookie, touches no data")),
    // Members and people
    ("members/profile", Public("profiles are public; the viewer's standing is their own (tests/people.rs)")),
    ("members/me", Own("the caller's own profile")),
    ("members/update", Own("takes no member id: only the caller's row (tests/feed.rs)")),
    ("members/avatar", Own("the caller's own picture (tests/media.rs)")),
    ("members/directory", Public("the public member directory")),
    ("people/mine", Own("the caller's connections, requests and suggestions")),
    ("people/connection", Elsewhere("connections between two members; blocks refuse requests (tests/people.rs)")),
    ("people/state", Public("the caller's standing with a member, none for visitors")),
    ("people/follows", Public("follower lists are public (tests/people.rs)")),
    ("people/block", Own("the caller's own blocks (tests/people.rs)")),
    // Feed and moderation
    ("feed/page", Matrix),
    ("feed/post", Matrix),
    ("feed/composer", Own("the caller's energy and the communities they may post in (tests/community_content.rs)")),
    ("feed/post/create", Elsewhere("a new post by the caller; posting in a community (tests/community_content.rs)")),
    ("feed/post/create-form", Elsewhere("as feed/post/create, with an image (tests/media.rs)")),
    ("feed/post/edit", Matrix),
    ("feed/post/delete", Matrix),
    ("feed/engage", Matrix),
    ("feed/comment", Matrix),
    ("feed/comment/edit", Matrix),
    ("feed/comment/delete", Matrix),
    ("feed/follow", Elsewhere("following a member; blocks refuse it (tests/people.rs)")),
    ("feed/bookmark", Matrix),
    ("search", Matrix),
    ("moderation/report", Matrix),
    ("moderation/decide", Matrix),
    ("moderation/queue", Matrix),
    // Oracle
    ("oracle/guide", Own("the caller's spirit guide")),
    ("oracle/questionnaire", Own("the caller's answers")),
    ("oracle/questionnaire/answer", Own("the caller's answers")),
    ("oracle/today", Matrix),
    ("oracle/today/draw", Own("draws the caller's own card (its reading is in the matrix)")),
    ("oracle/spread", Own("draws a reading for the caller (the reading is in the matrix)")),
    ("oracle/reading", Matrix),
    ("oracle/reading/delete", Matrix),
    ("oracle/reading/share", Matrix),
    ("oracle/readings", Matrix),
    ("oracle/journal", Matrix),
    ("oracle/cards", Public("the deck, the same for everyone")),
    ("oracle/card", Public("one card of the deck")),
    // Notifications
    ("notifications/list", Matrix),
    ("notifications/unread", Public("the caller's own count, 0 for visitors")),
    ("notifications/open", Own("takes an id, but the statement is scoped to the caller: another's is 404")),
    ("notifications/read-all", Own("the caller's notifications")),
    ("notifications/mutes", Own("the caller's settings")),
    ("notifications/mutes/save", Own("the caller's settings")),
    // Events
    ("events/list", Matrix),
    ("events/month", Matrix),
    ("events/get", Matrix),
    ("events/comments", Matrix),
    ("events/mine", Matrix),
    ("events/editor", Matrix),
    ("events/attendees", Matrix),
    ("events/create", Matrix),
    ("events/update", Matrix),
    ("events/cancel", Matrix),
    ("events/rsvp", Matrix),
    ("events/share-email", Matrix),
    ("events/promote", Matrix),
    ("events/organizers/add", Matrix),
    ("events/organizers/remove", Matrix),
    ("events/comment", Matrix),
    ("events/comment/delete", Matrix),
    ("events/calendar-feed", Own("the caller's secret feed link (the feed's contents are in the event matrix)")),
    ("events/calendar-feed/change", Own("makes or revokes the caller's secret feed link (tests/events.rs)")),
    ("events/new-form", Own("a blank form and the communities where the caller holds manage events")),
    // Places, rewards, mentors and reviews
    ("places/list", Public("verified places are public")),
    ("places/map", Public("the map's tile settings")),
    ("places/place", Public("a place's public page")),
    ("places/save", PLACES),
    ("places/moderate", PLACES),
    ("places/photo", PLACES),
    ("places/check-in", Own("the caller's check-in at a public place (tests/places.rs)")),
    ("places/journey", Matrix),
    ("places/staff", Matrix),
    ("places/redeem", Matrix),
    ("mentors/list", Matrix),
    ("mentors/page", Matrix),
    ("mentors/mine", Matrix),
    ("mentors/save", Own("the caller's own mentor profile")),
    ("mentors/verify", Elsewhere("site moderators verify mentors (tests/mentors.rs)")),
    ("mentors/book", Matrix),
    ("mentors/sessions", Matrix),
    ("mentors/session", Matrix),
    ("reviews/save", REVIEWS),
    ("reviews/flag", REVIEWS),
    ("reviews/decide", REVIEWS),
    ("reviews/flagged", REVIEWS),
    // Practice
    ("practice/library", Public("the technique library; a member's own lock state and favourites only for themselves")),
    ("practice/technique", Public("a technique's page; the caller's own record only for themselves")),
    ("practice/session", Own("saves the caller's own session (tests/practice.rs)")),
    ("practice/check-in", Own("the caller's own check-in (tests/practice.rs)")),
    ("practice/favourite", Own("the caller's own favourite mark")),
    ("practice/notes", Own("the caller's own private notes")),
    ("practice/mine", Own("the caller's own practice page")),
    ("practice/achievements", Own("the caller's own achievements")),
    ("practice/privacy", Own("the caller's own privacy choices")),
    ("practice/privacy/save", Own("the caller's own privacy choices")),
    (
        "practice/leaderboard",
        Elsewhere("only members who opted in, a community's board only to its members (tests/practice_peers.rs)"),
    ),
    ("practice/member", Elsewhere("sessions only to the audience their member chose (tests/practice_peers.rs)")),
    ("practice/validate", Elsewhere("sessions the caller may see, never their own, once (tests/practice_peers.rs)")),
    ("practice/verify", Own("the caller's own verification request")),
    (
        "practice/challenges",
        Elsewhere("a private community's challenges only to its members (tests/practice_challenges.rs)"),
    ),
    (
        "practice/challenge",
        Elsewhere("a private community's challenges only to its members (tests/practice_challenges.rs)"),
    ),
    ("practice/challenge/choices", Own("where the caller may create challenges")),
    (
        "practice/challenge/create",
        Elsewhere("moderators site-wide, holders of manage events in their community (tests/practice_challenges.rs)"),
    ),
    (
        "practice/challenge/join",
        Elsewhere("a community's challenge needs membership, no ban (tests/practice_challenges.rs)"),
    ),
    ("practice/challenge/leave", Own("the caller's own participation")),
    ("practice/buddies", Own("the caller's own buddies and requests")),
    ("practice/referrals", Own("the caller's own invite link and who came through it")),
    ("practice/editor", Elsewhere("site moderators edit the library (tests/practice_editor.rs)")),
    ("practice/technique/save", Elsewhere("site moderators edit the library (tests/practice_editor.rs)")),
    ("practice/category/save", Elsewhere("site moderators edit the library (tests/practice_editor.rs)")),
    (
        "practice/buddy/request",
        Elsewhere("never oneself, never across a block, one open pair (tests/practice_buddies.rs)"),
    ),
    (
        "practice/buddy/act",
        Elsewhere("only the pair's two members; only the asked one accepts (tests/practice_buddies.rs)"),
    ),
    (
        "practice/reviews",
        Elsewhere("requests in techniques the caller is verified in, or moderators (tests/practice_peers.rs)"),
    ),
    ("practice/review", Elsewhere("verified reviewers or moderators, never self, once each (tests/practice_peers.rs)")),
    ("practice/path", Own("the caller's own starting path")),
    ("practice/together", Own("the caller's own practising events (tests/practice_together.rs)")),
    (
        "practice/together/log",
        Elsewhere("only events the caller went to or ran, once they are over, once (tests/practice_together.rs)"),
    ),
    // Assistant
    ("assistant/thread", Own("the caller's own conversation (tests/assistant.rs)")),
    ("assistant/ask", Own("answers as the caller, with only what they may open (tests/assistant.rs)")),
    ("assistant/clear", Own("the caller's own conversation")),
    // Chat
    ("chat/channel", Matrix),
    ("chat/history", Matrix),
    ("chat/send", Matrix),
    ("chat/send-form", Matrix),
    ("chat/edit", Matrix),
    ("chat/delete", Matrix),
    ("chat/react", Matrix),
    ("chat/read", Matrix),
    ("chat/search", Matrix),
    ("chat/overview", Matrix),
    ("chat/open", Matrix),
    ("chat/leave", Matrix),
    ("chat/flagged", Matrix),
    ("communities/flagged/resolve", Matrix),
    // Communities
    (
        "communities/list",
        Elsewhere("the community directory: the caller's and the discoverable (tests/community_chat.rs)"),
    ),
    ("communities/create", Own("a new community owned by the caller")),
    ("communities/get", Matrix),
    ("communities/update", COMMUNITY_ADMIN),
    ("communities/icon", COMMUNITY_ADMIN),
    ("communities/join", COMMUNITY_ADMIN),
    ("communities/cancel-request", Own("the caller's own join request")),
    ("communities/leave", Own("the caller's own membership")),
    ("communities/requests/decide", COMMUNITY_ADMIN),
    ("communities/invites/create", COMMUNITY_ADMIN),
    ("communities/invites/revoke", COMMUNITY_ADMIN),
    ("communities/invites/get", COMMUNITY_ADMIN),
    ("communities/invites/accept", COMMUNITY_ADMIN),
    ("communities/members", COMMUNITY_ADMIN),
    ("communities/members/kick", COMMUNITY_ADMIN),
    ("communities/members/ban", COMMUNITY_ADMIN),
    ("communities/members/unban", COMMUNITY_ADMIN),
    ("communities/members/timeout", COMMUNITY_ADMIN),
    ("communities/transfer", COMMUNITY_ADMIN),
    ("communities/admin", COMMUNITY_ADMIN),
    ("communities/roles/create", COMMUNITY_ADMIN),
    ("communities/roles/update", COMMUNITY_ADMIN),
    ("communities/roles/delete", COMMUNITY_ADMIN),
    ("communities/roles/move", COMMUNITY_ADMIN),
    ("communities/roles/assign", COMMUNITY_ADMIN),
    ("communities/channels/create", COMMUNITY_ADMIN),
    ("communities/channels/update", Matrix),
    ("communities/channels/move", Matrix),
    ("communities/channels/delete", Matrix),
    ("communities/channels/override", Matrix),
];

/// The endpoints declared in the source (`#[server(… endpoint = "…" …)]`), with whether each
/// reads its input from the URL (GET). A server function without a named endpoint is still
/// caught by the registry.
fn declared_endpoints() -> BTreeMap<String, bool> {
    fn walk(dir: &std::path::Path, out: &mut BTreeMap<String, bool>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, _) in text.match_indices("#[server(") {
                    let rest = &text[i..];
                    let attr = &rest[..rest.find(")]").unwrap_or(rest.len())];
                    if let Some(at) = attr.find("endpoint = \"") {
                        let name = &attr[at + "endpoint = \"".len()..];
                        out.insert(name[..name.find('"').unwrap()].to_string(), attr.contains("GetUrl"));
                    }
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

#[test]
fn every_endpoint_is_in_the_matrix_or_explained() {
    let registered: BTreeMap<String, bool> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.strip_prefix("/api/").unwrap_or(path).to_string(), method.as_str() == "GET"))
        .collect();
    let declared = declared_endpoints();
    let mut problems = Vec::new();

    for (name, _) in declared.iter().filter(|(n, _)| !registered.contains_key(*n)) {
        problems.push(format!("{name}: declared in src/ but not registered as a server function"));
    }
    let all: BTreeMap<String, bool> = declared.into_iter().chain(registered.clone()).collect();

    let mut classified: BTreeMap<&str, Class> = BTreeMap::new();
    for (name, class) in ENDPOINTS {
        if classified.insert(*name, *class).is_some() {
            problems.push(format!("{name}: listed twice in ENDPOINTS"));
        }
        if let Public(why) | Own(why) | Elsewhere(why) = class {
            if why.trim().is_empty() {
                problems.push(format!("{name}: give the reason it is outside the matrix"));
            }
        }
    }
    for name in all.keys().filter(|n| !classified.contains_key(n.as_str())) {
        problems.push(format!(
            "/api/{name}: a server function the matrix does not cover — add rows for every resource it \
             reads or changes (and `Matrix` in ENDPOINTS), or classify it with the reason it touches none"
        ));
    }
    for name in classified.keys().filter(|n| !all.contains_key(**n)) {
        problems.push(format!("{name}: in ENDPOINTS but no longer a server function"));
    }

    let mut in_rows: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (resource, rows) in tables() {
        for row in &rows {
            let uses_marker = row.expect.iter().any(|e| matches!(e, Expect::Shown | Expect::Hidden));
            if uses_marker != row.marker.is_some() {
                problems
                    .push(format!("{resource}: {} — SEE/HID need a marker, and a marker needs them", row.describe()));
            }
            let Some(endpoint) = row.endpoint() else { continue };
            in_rows.entry(endpoint).or_default().insert(resource);
            match all.get(endpoint) {
                None => problems.push(format!("{resource}: {} — no such server function", row.describe())),
                Some(&is_get) if is_get != (row.kind == Kind::Get) => problems.push(format!(
                    "{resource}: {} — the server function is {}",
                    row.describe(),
                    if is_get { "a GET" } else { "a POST" }
                )),
                _ => {}
            }
            if !matches!(classified.get(endpoint), Some(Matrix)) {
                problems.push(format!("{endpoint}: has rows in the {resource} table, so classify it `Matrix`"));
            }
        }
    }
    for (name, _) in classified.iter().filter(|(_, c)| matches!(c, Matrix)) {
        if !in_rows.contains_key(name) {
            problems.push(format!("{name}: classified `Matrix` but no table has a row for it"));
        }
    }
    assert!(problems.is_empty(), "{} problems with the endpoint inventory:\n{}", problems.len(), problems.join("\n"));

    let cells: usize = tables().iter().map(|(_, rows)| rows.len() * ACTORS.len()).sum();
    eprintln!(
        "{} server functions: {} in the matrix over {} rows ({} actor × call cells), {} outside it with a reason",
        all.len(),
        in_rows.len(),
        tables().iter().map(|(_, r)| r.len()).sum::<usize>(),
        cells,
        all.len() - in_rows.len(),
    );
}

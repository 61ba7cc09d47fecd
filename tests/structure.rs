//! The shape of the tree, kept true by reading the source (docs/architecture.md, "Layers"):
//! SQL only in a `repo.rs` (or a `repo/` folder); `server/` imports no other part of Kindred
//! but `error`; the shared layers (`ui`, `text`, `media`, `paging`) import no domain, and the
//! UI no server code; nothing imports the top (`app`, `startup`); and no two top-level modules
//! import each other, directly or round a loop.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SHARED: [&str; 4] = ["ui", "text", "media", "paging"];
const TOP: [&str; 2] = ["app", "startup"];
const INFRA: [&str; 2] = ["server", "error"];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every source file under src/ as (path relative to src/, text without `//` comments).
fn files() -> Vec<(String, String)> {
    let root = src();
    let mut paths = Vec::new();
    sources(&root, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&p).unwrap();
            (rel, strip_comments(&text))
        })
        .collect()
}

/// The text with `//` comments removed (not inside string literals on the same line, which
/// is close enough for source that keeps URLs in strings).
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|line| {
            let mut in_str = false;
            let bytes = line.as_bytes();
            for i in 0..bytes.len() {
                match bytes[i] {
                    b'"' if i == 0 || bytes[i - 1] != b'\\' => in_str = !in_str,
                    b'/' if !in_str && bytes.get(i + 1) == Some(&b'/') => return &line[..i],
                    _ => {}
                }
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level module a file belongs to (`chat/service/mod.rs` → `chat`, `app.rs` → `app`).
fn module_of(rel: &str) -> String {
    let first = rel.split('/').next().unwrap();
    first.trim_end_matches(".rs").to_string()
}

fn is_repo(rel: &str) -> bool {
    rel.ends_with("/repo.rs") || rel.contains("/repo/")
}

/// Where a statement is written: `sqlx::query…` (macro or function) or a bare `query…!(`.
fn sql_sites(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let bare_macro =
            ["query!(", "query_as!(", "query_scalar!(", "query_file!(", "query_file_as!(", "query_unchecked!("]
                .iter()
                .any(|m| t.contains(m) && !t.contains(&format!("sqlx::{m}")) && !t.contains(&format!("_{m}")));
        if t.contains("sqlx::query") || bare_macro {
            found.push(format!("line {}: {}", n + 1, t));
        }
    }
    found
}

#[test]
fn sql_is_written_only_in_repo_files() {
    let mut outside = Vec::new();
    for (rel, text) in files() {
        if is_repo(&rel) {
            continue;
        }
        for site in sql_sites(&text) {
            outside.push(format!("src/{rel} {site}"));
        }
    }
    assert!(outside.is_empty(), "SQL outside a repo.rs (move it to the domain's repo):\n{}", outside.join("\n"));
}

#[test]
fn the_sql_check_finds_what_it_looks_for() {
    assert_eq!(sql_sites("let x = sqlx::query!(\"select 1\");").len(), 1);
    assert_eq!(sql_sites("let x = sqlx::query_scalar(\"select 1\");").len(), 1);
    assert_eq!(sql_sites("let x = query_as!(Row, \"select 1\");").len(), 1);
    assert!(sql_sites("let x = repo::query_history(db).await;").is_empty());
    assert!(is_repo("chat/repo.rs") && is_repo("communities/repo/roles.rs") && !is_repo("chat/service.rs"));
}

/// Which top-level modules each top-level module names (`crate::x`, or `super::…` reaching
/// above its own folder is not used in this tree).
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = files().iter().map(|(rel, _)| module_of(rel)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, text) in files() {
        let from = module_of(&rel);
        let entry = graph.entry(from.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() && name != from && modules.contains(&name) {
                entry.insert(name);
            }
        }
        // `use crate::{a::x, b::y}` names several modules at once.
        for (i, _) in text.match_indices("crate::{") {
            let rest = &text[i + "crate::{".len()..];
            let group = &rest[..rest.find('}').unwrap_or(rest.len())];
            for part in group.split(',') {
                let name = part.trim().split("::").next().unwrap_or("").trim().to_string();
                if !name.is_empty() && name != from && modules.contains(&name) {
                    entry.insert(name);
                }
            }
        }
    }
    graph
}

#[test]
fn infrastructure_and_shared_layers_import_no_domain() {
    let graph = imports();
    let mut wrong = Vec::new();
    for (from, to) in &graph {
        for t in to {
            let allowed = if INFRA.contains(&from.as_str()) {
                INFRA.contains(&t.as_str())
            } else if SHARED.contains(&from.as_str()) {
                INFRA.contains(&t.as_str()) || SHARED.contains(&t.as_str())
            } else {
                !TOP.contains(&t.as_str()) || TOP.contains(&from.as_str()) || from == "main" || from == "lib"
            };
            if !allowed {
                wrong.push(format!("{from} imports {t}"));
            }
        }
    }
    // The shared UI knows no server code either.
    if graph.get("ui").is_some_and(|to| to.contains("server")) {
        wrong.push("ui imports server".into());
    }
    assert!(wrong.is_empty(), "imports against the layers (docs/architecture.md):\n{}", wrong.join("\n"));
}

/// The strongly connected groups of more than one module (Tarjan's algorithm).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        groups: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a str) {
            self.index.insert(v, self.next);
            self.low.insert(v, self.next);
            self.next += 1;
            self.stack.push(v);
            self.on_stack.insert(v);
            let graph = self.graph;
            for w in graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut group = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    group.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.groups.push(group);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        groups: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.groups.sort();
    walk.groups
}

#[test]
fn no_two_top_level_modules_import_each_other() {
    let graph = imports();
    let found = cycles(&graph);
    let described: Vec<String> = found
        .iter()
        .map(|group| {
            let edges: Vec<String> = group
                .iter()
                .flat_map(|a| graph[a].iter().filter(|b| group.contains(b)).map(move |b| format!("{a} → {b}")))
                .collect();
            format!("{{{}}}: {}", group.join(", "), edges.join(", "))
        })
        .collect();
    assert!(found.is_empty(), "import cycles between top-level modules:\n{}", described.join("\n"));
}

#[test]
fn the_cycle_check_finds_a_loop() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let edge = |g: &mut BTreeMap<String, BTreeSet<String>>, a: &str, b: &str| {
        g.entry(a.into()).or_default().insert(b.into());
    };
    edge(&mut g, "feed", "oracle");
    edge(&mut g, "oracle", "members");
    edge(&mut g, "members", "feed");
    edge(&mut g, "chat", "feed");
    assert_eq!(cycles(&g), vec![vec!["feed".to_string(), "members".into(), "oracle".into()]]);
    g.get_mut("members").unwrap().clear();
    assert!(cycles(&g).is_empty());
}

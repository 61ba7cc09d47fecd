//! `kindred`: runs the server, the private database on its own, or an admin command.

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::process::ExitCode;

use kindred::auth::model::{SiteRole, Username};
use kindred::server::{config::Config, database, state::AppState};
use kindred::startup::{demo, jobs, router::build_router};
use leptos::config::get_configuration;

const USAGE: &str = "\
kindred — a home for practice communities

USAGE:
    kindred                         run the web server (same as `kindred serve`)
    kindred serve                   run the web server
    kindred db                      run only the private PostgreSQL and print its DATABASE_URL
    kindred backup FILE             write the database and the images into one archive
    kindred restore FILE            restore an archive into an empty data folder (or database)
    kindred set-role USERNAME ROLE  make a member a member, moderator or admin
    kindred partner NAME USERNAME [PLACE-ID...]
                                    create partner NAME if new, make USERNAME its staff
                                    (they can then redeem rewards), and give it these places

Configuration is read from the environment; see README.md.";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_sessions=warn".into()),
        )
        .init();

    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("serve") => serve().await,
        Some("db") => run_database_only().await,
        Some("backup") => backup(&args[1..]).await,
        Some("restore") => restore(&args[1..]).await,
        Some("set-role") => set_role(&args[1..]).await,
        Some("partner") => partner(&args[1..]).await,
        Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("Unknown command '{other}'.\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nkindred: {message}\n");
            ExitCode::FAILURE
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Pages are lazy routes (src/app.rs). Built without `--split`, the browser bundle imports a
/// placeholder module that does not exist, and no page ever hydrates: say so in the log.
fn warn_if_bundle_not_split(options: &leptos::config::LeptosOptions) {
    let glue = std::path::Path::new(options.site_root.as_ref())
        .join(options.site_pkg_dir.as_ref())
        .join(format!("{}.js", options.output_name));
    if std::fs::read_to_string(&glue).is_ok_and(|js| js.contains("__wasm_split_placeholder__")) {
        tracing::error!(
            "{} was built without --split, so pages will not hydrate; build with `cargo leptos build --split`",
            glue.display()
        );
    }
}

async fn serve() -> Result<(), String> {
    let conf = get_configuration(None).map_err(|e| format!("Could not read the Leptos configuration: {e}"))?;
    let leptos_options = conf.leptos_options;
    let addr = leptos_options.site_addr;
    warn_if_bundle_not_split(&leptos_options);
    let config = Config::from_env();
    let db = database::open(&config).await?;

    let grace = std::time::Duration::from_secs(
        std::env::var("KINDRED_SHUTDOWN_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(10),
    );
    // The private cluster is started again should it die while Kindred runs.
    let watchdog = db.embedded.clone().map(|pg| database::spawn_watchdog(pg, std::time::Duration::from_secs(2)));
    let served = async {
        let demo_data = config.demo_data;
        let state = AppState::new(leptos_options, db.pool.clone(), config);
        // The technique library and achievements start with what Kindred wrote for them.
        kindred::startup::demo_practice::seed_library_if_empty(&state).await.map_err(|e| e.to_string())?;
        if demo_data {
            demo::seed_if_empty(&state).await?;
        }
        let housekeeping = jobs::spawn_housekeeping(db.pool.clone(), state.media.clone());
        let realtime = kindred::startup::spawn_realtime(db.pool.clone(), state.realtime.clone());
        let (stopping, hub, shutdown) = (state.shutdown.clone(), state.realtime.clone(), state.shutdown.subscribe());
        let app = build_router(state);
        let listener =
            tokio::net::TcpListener::bind(&addr).await.map_err(|e| format!("Could not listen on {addr}: {e}"))?;
        tracing::info!("Kindred is running at http://{addr}");
        // On SIGTERM or Ctrl-C: stop accepting, tell sockets to reconnect elsewhere (close code
        // 1012), let requests in flight finish for at most `grace`, then stop.
        let server = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async move {
                shutdown_signal().await;
                let _ = stopping.send(true);
            })
            .into_future();
        let deadline = async move {
            let mut shutdown = shutdown;
            let _ = shutdown.wait_for(|s| *s).await;
            tokio::time::sleep(grace).await;
        };
        tokio::select! {
            result = server => result.map_err(|e| e.to_string())?,
            () = deadline => tracing::warn!("requests still running after {grace:?}; stopping anyway"),
        }
        // The sockets' own tasks send their close frames; give them a moment.
        for _ in 0..20 {
            if hub.connections() == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        housekeeping.abort();
        realtime.abort();
        Ok::<(), String>(())
    }
    .await;
    if let Some(w) = watchdog {
        w.abort();
    }

    db.pool.close().await;
    if let Some(pg) = &db.embedded {
        if let Err(e) = pg.stop().await {
            tracing::warn!("{e}");
        } else {
            tracing::info!("private PostgreSQL stopped");
        }
    }
    served
}

/// Runs the private cluster alone (tests, benchmarks, psql): prints the URL, waits for Ctrl-C.
async fn run_database_only() -> Result<(), String> {
    let config = Config::from_env();
    if config.database_url.is_some() {
        return Err("DATABASE_URL is set: there is no private database to run.".into());
    }
    let pg = database::start_embedded(&config).await?;
    println!("DATABASE_URL={}", pg.url());
    shutdown_signal().await;
    pg.stop().await
}

async fn backup(args: &[String]) -> Result<(), String> {
    let [file] = args else {
        return Err(format!("backup needs the archive's file name.\n\n{USAGE}"));
    };
    let m = kindred::server::backup::backup(&Config::from_env(), std::path::Path::new(file)).await?;
    println!("Wrote {file}: the database (schema {}) and {} image files.", m.migration, m.media_files);
    Ok(())
}

async fn restore(args: &[String]) -> Result<(), String> {
    let [file] = args else {
        return Err(format!("restore needs the archive's file name.\n\n{USAGE}"));
    };
    let config = Config::from_env();
    let r = kindred::server::backup::restore(&config, std::path::Path::new(file)).await?;
    println!(
        "Restored the backup of {} ({} image files) into {}. Start Kindred as usual.",
        r.manifest.created_at.format("%Y-%m-%d %H:%M UTC"),
        r.manifest.media_files,
        config.data_dir.display()
    );
    Ok(())
}

async fn set_role(args: &[String]) -> Result<(), String> {
    let [username, role] = args else {
        return Err(format!("set-role needs a username and a role.\n\n{USAGE}"));
    };
    let username = Username::parse(username).map_err(|e| e.to_string())?;
    let role = SiteRole::parse(role).ok_or("The role must be member, moderator or admin.")?;
    let config = Config::from_env();
    let db = database::open(&config).await?;
    let found = kindred::auth::repo::set_role(&db.pool, &username, role).await.map_err(|e| e.to_string());
    db.pool.close().await;
    if let Some(pg) = &db.embedded {
        let _ = pg.stop_if_started_here().await;
    }
    match found? {
        true => {
            println!("{} is now {}.", username.as_str(), role.label().to_lowercase());
            Ok(())
        }
        false => Err(format!("No member is called '{}'.", username.as_str())),
    }
}

async fn partner(args: &[String]) -> Result<(), String> {
    let [name, username, places @ ..] = args else {
        return Err(format!("partner needs a name and a username.\n\n{USAGE}"));
    };
    let username = Username::parse(username).map_err(|e| e.to_string())?;
    let place_ids = places
        .iter()
        .map(|p| p.parse::<uuid::Uuid>().map_err(|_| format!("'{p}' is not a place id.")))
        .collect::<Result<Vec<_>, _>>()?;
    let config = Config::from_env();
    let db = database::open(&config).await?;
    let result = kindred::places::repo::set_up_partner(&db.pool, name, username.as_str(), &place_ids)
        .await
        .map_err(|e| e.to_string());
    db.pool.close().await;
    if let Some(pg) = &db.embedded {
        let _ = pg.stop_if_started_here().await;
    }
    match result? {
        Some(n) => {
            println!("{} is staff of {name}, which has {n} place(s).", username.as_str());
            Ok(())
        }
        None => Err(format!("No member is called '{}'.", username.as_str())),
    }
}

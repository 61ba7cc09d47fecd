//! A private PostgreSQL cluster that Kindred provisions and runs itself when no `DATABASE_URL`
//! is given: `initdb` on first start, `pg_ctl start` on a free loopback port, `pg_ctl stop` on
//! shutdown. Data survives restarts. As root, PostgreSQL runs as an unprivileged user, because
//! it refuses to run as root.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use rand::{distributions::Alphanumeric, Rng};
use tokio::process::Command;

const SUPERUSER: &str = "kindred";
pub const DATABASE: &str = "kindred";

#[derive(Debug)]
pub struct EmbeddedPostgres {
    bin: PathBuf,
    root: PathBuf,
    cluster: PathBuf,
    log: PathBuf,
    port: u16,
    password: String,
    run_as: Option<String>,
    /// False when another process (a running server) had already started this cluster.
    started_here: bool,
    /// Started without durability (tests and benchmarks); kept for a restart.
    fast: bool,
}

/// Options for the private cluster.
#[derive(Debug, Clone)]
pub struct EmbeddedOptions {
    /// Folder holding the cluster (`pg/`), its password, port and log.
    pub root: PathBuf,
    /// Folder with `initdb`, `pg_ctl` and `postgres`; searched for when `None`.
    pub bin_dir: Option<PathBuf>,
    /// Trade durability for speed (tests and benchmarks only).
    pub fast: bool,
}

impl EmbeddedPostgres {
    pub async fn start(opts: &EmbeddedOptions) -> Result<Self, String> {
        let bin = find_bin_dir(opts.bin_dir.as_deref())?;
        std::fs::create_dir_all(&opts.root)
            .map_err(|e| format!("Could not create the data folder {}: {e}", opts.root.display()))?;
        let root = opts.root.canonicalize().map_err(|e| e.to_string())?;
        let cluster = root.join("pg");
        let log = root.join("postgres.log");
        let run_as = if is_root() { Some(ensure_unprivileged_user().await?) } else { None };

        let mut pg = EmbeddedPostgres {
            bin,
            root: root.clone(),
            cluster,
            log,
            port: 0,
            password: String::new(),
            run_as,
            started_here: false,
            fast: opts.fast,
        };
        pg.prepare_folders().await?;
        pg.password = pg.load_or_create_password()?;
        if !pg.cluster.join("PG_VERSION").exists() {
            pg.initdb().await?;
        }
        if let Some(port) = pg.running_port().await {
            tracing::info!(port, "reusing the private PostgreSQL that is already running");
            pg.port = port;
        } else {
            pg.port = pick_port(&root.join("pg-port"))?;
            pg.pg_ctl_start(opts.fast).await?;
            pg.started_here = true;
        }
        Ok(pg)
    }

    /// Connection URL for the `kindred` database (created by [`Self::ensure_database`]).
    pub fn url(&self) -> String {
        self.url_for(DATABASE)
    }

    pub fn url_for(&self, database: &str) -> String {
        format!("postgres://{SUPERUSER}:{}@127.0.0.1:{}/{database}", self.password, self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn log_path(&self) -> &Path {
        &self.log
    }

    /// Starts the cluster again if it is not running (it died, or was stopped by hand); true
    /// when it had to.
    pub async fn revive(&self) -> Result<bool, String> {
        if self.running_port().await.is_some() {
            return Ok(false);
        }
        tracing::warn!("the private PostgreSQL is not running; starting it again");
        self.pg_ctl_start(self.fast).await?;
        Ok(true)
    }

    /// Stops the cluster only if this process started it (admin commands run beside a server).
    pub async fn stop_if_started_here(&self) -> Result<(), String> {
        if self.started_here {
            self.stop().await
        } else {
            Ok(())
        }
    }

    pub async fn stop(&self) -> Result<(), String> {
        let out = self
            .tool("pg_ctl")
            .arg("-D")
            .arg(&self.cluster)
            .args(["-m", "fast", "-w", "-t", "60", "stop"])
            .output()
            .await
            .map_err(|e| format!("pg_ctl stop: {e}"))?;
        if !out.status.success() {
            return Err(format!("pg_ctl stop failed: {}", String::from_utf8_lossy(&out.stderr)));
        }
        Ok(())
    }

    fn tool(&self, name: &str) -> Command {
        let path = self.bin.join(name);
        let mut cmd = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(path);
                c
            }
            None => Command::new(path),
        };
        cmd.current_dir(&self.root).stdin(Stdio::null()).kill_on_drop(false);
        cmd
    }

    async fn prepare_folders(&self) -> Result<(), String> {
        std::fs::create_dir_all(&self.cluster).map_err(|e| e.to_string())?;
        if !self.log.exists() {
            std::fs::write(&self.log, b"").map_err(|e| e.to_string())?;
        }
        set_mode(&self.cluster, 0o700)?;
        if let Some(user) = &self.run_as {
            let status = Command::new("chown")
                .arg("-R")
                .arg(format!("{user}:"))
                .arg(&self.cluster)
                .arg(&self.log)
                .status()
                .await
                .map_err(|e| format!("chown: {e}"))?;
            if !status.success() {
                return Err(format!("Could not give {} to the user {user}.", self.cluster.display()));
            }
            let reachable = Command::new("runuser")
                .args(["-u", user, "--", "test", "-w"])
                .arg(&self.cluster)
                .status()
                .await
                .map(|s| s.success())
                .unwrap_or(false);
            if !reachable {
                return Err(format!(
                    "PostgreSQL runs as the user '{user}', who cannot reach {}. A parent folder is \
                     closed to other users (for example /root). Set KINDRED_DATA_DIR to a folder \
                     others can enter, such as /var/lib/kindred.",
                    self.cluster.display()
                ));
            }
        }
        Ok(())
    }

    fn load_or_create_password(&self) -> Result<String, String> {
        let path = self.root.join("pg-password");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            let existing = existing.trim().to_string();
            if !existing.is_empty() {
                return Ok(existing);
            }
        }
        let password: String = rand::thread_rng().sample_iter(&Alphanumeric).take(32).map(char::from).collect();
        std::fs::write(&path, &password).map_err(|e| e.to_string())?;
        set_mode(&path, 0o600)?;
        Ok(password)
    }

    async fn initdb(&self) -> Result<(), String> {
        tracing::info!(folder = %self.cluster.display(), "creating a private PostgreSQL cluster");
        // initdb reads the superuser password from a file the cluster's owner can read.
        let pwfile = self.root.join(".initdb-pw");
        std::fs::write(&pwfile, &self.password).map_err(|e| e.to_string())?;
        if let Some(user) = &self.run_as {
            let _ = Command::new("chown").arg(format!("{user}:")).arg(&pwfile).status().await;
        }
        set_mode(&pwfile, 0o600)?;
        let out = self
            .tool("initdb")
            .arg("-D")
            .arg(&self.cluster)
            .args(["-U", SUPERUSER, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"])
            .arg(format!("--pwfile={}", pwfile.display()))
            .output()
            .await
            .map_err(|e| format!("initdb: {e}"));
        let _ = std::fs::remove_file(&pwfile);
        let out = out?;
        if !out.status.success() {
            return Err(format!(
                "initdb failed:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(())
    }

    /// The port of a postmaster already running on this cluster, if any.
    async fn running_port(&self) -> Option<u16> {
        let status = self.tool("pg_ctl").arg("-D").arg(&self.cluster).arg("status").output().await.ok()?;
        if !status.status.success() {
            return None;
        }
        // postmaster.pid: line 4 is the port.
        let pid_file = std::fs::read_to_string(self.cluster.join("postmaster.pid")).ok()?;
        pid_file.lines().nth(3)?.trim().parse().ok()
    }

    async fn pg_ctl_start(&self, fast: bool) -> Result<(), String> {
        let mut options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200",
            self.port
        );
        if fast {
            options.push_str(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        let out = self
            .tool("pg_ctl")
            .arg("-D")
            .arg(&self.cluster)
            .arg("-l")
            .arg(&self.log)
            .args(["-w", "-t", "60", "-o", &options, "start"])
            .output()
            .await
            .map_err(|e| format!("pg_ctl start: {e}"))?;
        if !out.status.success() {
            let tail = std::fs::read_to_string(&self.log).unwrap_or_default();
            let tail: Vec<&str> = tail.lines().rev().take(15).collect();
            return Err(format!(
                "PostgreSQL did not start: {}\nLast lines of {}:\n{}",
                String::from_utf8_lossy(&out.stderr).trim(),
                self.log.display(),
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            ));
        }
        tracing::info!(port = self.port, "private PostgreSQL started");
        Ok(())
    }

    /// Creates `name` unless it exists, connecting to the maintenance database.
    pub async fn ensure_database(&self, name: &str) -> Result<(), String> {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&self.url_for("postgres"))
            .await
            .map_err(|e| format!("Could not connect to the private PostgreSQL: {e}"))?;
        if !super::repo::database_exists(&mut conn, name).await.map_err(|e| e.to_string())? {
            super::repo::create_database(&mut conn, name).await.map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn set_mode(path: &Path, mode: u32) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| format!("chmod {}: {e}", path.display()))
}

/// The user PostgreSQL runs as when Kindred is started by root: `postgres` (Debian's package
/// creates it), or a system user `kindred-pg` created on demand.
async fn ensure_unprivileged_user() -> Result<String, String> {
    for user in ["postgres", "kindred-pg"] {
        let exists = Command::new("id").arg("-u").arg(user).output().await.map(|o| o.status.success());
        if exists.unwrap_or(false) {
            return Ok(user.to_string());
        }
    }
    let status = Command::new("useradd")
        .args(["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "kindred-pg"])
        .status()
        .await
        .map_err(|e| format!("useradd: {e}"))?;
    if status.success() {
        Ok("kindred-pg".to_string())
    } else {
        Err("PostgreSQL refuses to run as root and no unprivileged user could be created.".into())
    }
}

/// Reuses the port saved by an earlier start when it is free, or picks and saves a new one.
fn pick_port(saved: &Path) -> Result<u16, String> {
    let is_free = |port: u16| std::net::TcpListener::bind(("127.0.0.1", port)).is_ok();
    if let Some(port) = std::fs::read_to_string(saved).ok().and_then(|s| s.trim().parse::<u16>().ok()) {
        if is_free(port) {
            return Ok(port);
        }
    }
    let port = std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("Could not find a free port: {e}"))?;
    std::fs::write(saved, port.to_string()).map_err(|e| e.to_string())?;
    Ok(port)
}

pub fn missing_binaries_help() -> String {
    "Kindred could not find the PostgreSQL server programs (initdb, pg_ctl, postgres). With no \
     DATABASE_URL set, Kindred runs its own private PostgreSQL and needs them installed: on \
     Debian or Ubuntu run `sudo apt-get install postgresql` (the service it starts is not needed \
     and can be disabled), on Fedora `sudo dnf install postgresql-server`, on macOS `brew install \
     postgresql`. If they are installed somewhere unusual, set KINDRED_PG_BIN to their folder. Or \
     point Kindred at an existing server with DATABASE_URL=postgres://user:password@host/db."
        .to_string()
}

/// Finds the folder with the PostgreSQL server programs: `KINDRED_PG_BIN`, Debian's
/// `/usr/lib/postgresql/<newest>/bin`, `pg_config --bindir`, then `PATH`.
pub fn find_bin_dir(explicit: Option<&Path>) -> Result<PathBuf, String> {
    let has_tools = |dir: &Path| ["initdb", "pg_ctl", "postgres"].iter().all(|t| dir.join(t).is_file());
    if let Some(dir) = explicit {
        return if has_tools(dir) { Ok(dir.to_path_buf()) } else { Err(missing_binaries_help()) };
    }
    let mut candidates: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            Some((version, e.path().join("bin")))
        })
        .collect();
    candidates.sort_by(|a, b| b.0.cmp(&a.0));
    for (_, dir) in candidates {
        if has_tools(&dir) {
            return Ok(dir);
        }
    }
    if let Ok(out) = std::process::Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && has_tools(&dir) {
            return Ok(dir);
        }
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if has_tools(&dir) {
                return Ok(dir);
            }
        }
    }
    Err(missing_binaries_help())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_binaries_explain_how_to_install_them() {
        let err = find_bin_dir(Some(Path::new("/nonexistent/postgres/bin"))).unwrap_err();
        assert!(err.contains("apt-get install postgresql"), "{err}");
        assert!(err.contains("KINDRED_PG_BIN") && err.contains("DATABASE_URL"));
    }

    #[test]
    fn a_saved_free_port_is_reused() {
        let dir = std::env::temp_dir().join(format!("kindred-port-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("pg-port");
        let first = pick_port(&file).unwrap();
        assert_eq!(pick_port(&file).unwrap(), first);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

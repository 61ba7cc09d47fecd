//! Password policy and hashing (server only).
//!
//! Policy follows current guidance (NIST SP 800-63B): at least 8 characters, up to 128, no
//! composition rules, and the most common breached passwords refused. Hashes are argon2id with
//! m = 19 MiB, t = 2, p = 1 (the OWASP minimum), computed off the async runtime.

use std::sync::OnceLock;

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash as PhcHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};

use crate::auth::model::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
use crate::error::AppError;

/// A stored argon2id hash in PHC string form. Deliberately neither `Serialize` nor `Display`,
/// so it cannot leak into a response or a log line by accident.
pub struct PasswordHash(String);

impl PasswordHash {
    pub fn from_stored(phc: String) -> Self {
        PasswordHash(phc)
    }

    pub fn as_phc(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(..)")
    }
}

fn common_passwords() -> &'static std::collections::HashSet<&'static str> {
    static LIST: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("common_passwords.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Checks a new password against the policy. `field` names the form field for the message.
pub fn check_policy(password: &str, field: &str, personal: &[&str]) -> Result<(), AppError> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(AppError::invalid(
            field,
            format!("Use at least {PASSWORD_MIN_CHARS} characters. A few words together make a strong password."),
        ));
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(AppError::invalid(field, format!("Use at most {PASSWORD_MAX_CHARS} characters.")));
    }
    let lower = password.to_lowercase();
    if common_passwords().contains(lower.as_str()) {
        return Err(AppError::invalid(
            field,
            "That password is one of the most common ones and easy to guess. Please choose another.",
        ));
    }
    if personal.iter().any(|p| !p.is_empty() && lower == p.to_lowercase()) {
        return Err(AppError::invalid(field, "Your password can't be your username or email."));
    }
    Ok(())
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// At most one hash per core at a time: each takes ~19 MiB, and a burst of logins would
/// otherwise spread over many blocking threads and leave the process hundreds of MiB larger.
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2))
});

/// Hashes a password on a blocking thread.
pub async fn hash(password: String) -> Result<PasswordHash, AppError> {
    let _permit = HASHING.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher().hash_password(password.as_bytes(), &salt).map(|h| PasswordHash(h.to_string())).map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AppError::Internal
        })
    })
    .await
    .map_err(|_| AppError::Internal)?
}

/// Verifies a password on a blocking thread. With no stored hash (unknown account) it still
/// spends the same time on a dummy hash, so response times don't reveal which emails exist.
pub async fn verify(password: String, stored: Option<PasswordHash>) -> bool {
    let Ok(_permit) = HASHING.acquire().await else { return false };
    tokio::task::spawn_blocking(move || match stored {
        Some(stored) => match PhcHash::new(stored.as_phc()) {
            Ok(parsed) => hasher().verify_password(password.as_bytes(), &parsed).is_ok(),
            Err(_) => false,
        },
        None => {
            let salt = SaltString::generate(&mut OsRng);
            let _ = hasher().hash_password(password.as_bytes(), &salt);
            false
        }
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_passwords_are_refused() {
        assert!(check_policy("seven77", "password", &[]).is_err());
        assert!(check_policy("eight888x", "password", &[]).is_ok());
        assert!(check_policy(&"x".repeat(128), "password", &[]).is_ok());
        assert!(check_policy(&"x".repeat(129), "password", &[]).is_err());
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // 8 characters, 16 bytes: long enough.
        assert!(check_policy("ññññññññ", "password", &[]).is_ok());
        // 7 characters, 14 bytes: too short.
        assert!(check_policy("ñññññññ", "password", &[]).is_err());
    }

    #[test]
    fn common_passwords_are_refused_in_any_case() {
        for p in ["password", "Password1", "12345678", "QWERTYUIOP", "iloveyou"] {
            let err = check_policy(p, "password", &[]).unwrap_err();
            assert!(err.for_field("password").unwrap().contains("common"), "{p}");
        }
    }

    #[test]
    fn no_composition_rules() {
        assert!(check_policy("correct horse battery staple", "password", &[]).is_ok());
        assert!(check_policy("tangonightsinbsas", "password", &[]).is_ok());
    }

    #[test]
    fn the_username_is_not_a_password() {
        assert!(check_policy("ana_tango_1", "password", &["ana_tango_1"]).is_err());
    }

    #[test]
    fn errors_name_the_field_they_belong_to() {
        let err = check_policy("short", "new_password", &[]).unwrap_err();
        assert!(err.for_field("new_password").is_some());
    }

    #[tokio::test]
    async fn hash_then_verify() {
        let h = hash("a long enough secret".into()).await.unwrap();
        assert!(h.as_phc().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        let stored = || Some(PasswordHash::from_stored(h.as_phc().to_string()));
        assert!(verify("a long enough secret".into(), stored()).await);
        assert!(!verify("a long enough secreT".into(), stored()).await);
        assert!(!verify("anything".into(), None).await);
    }
}

//! Password policy and hashing (server only).
//!
//! Policy follows current guidance (NIST SP 800-63B): at least 8 characters, up to 128, no
//! composition rules, and passwords that are easy to guess refused — zxcvbn's estimate, which
//! knows common and breached passwords, dictionary words, names, keyboard patterns, dates and
//! the member's own username and email. Hashes are argon2id with
//! m = 19 MiB, t = 2, p = 1 (the OWASP minimum), computed off the async runtime.

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

/// The weakest zxcvbn score accepted: 3 means more than 10^8 guesses (hours of offline
/// cracking against a slow hash like ours; 0–2 fall to common lists and simple patterns).
const MIN_SCORE: u8 = 3;

/// Checks a new password against the policy. `field` names the form field for the message;
/// `personal` holds what the password must not be built from (username, email, name).
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
    if personal.iter().any(|p| !p.is_empty() && lower == p.to_lowercase()) {
        return Err(AppError::invalid(field, "Your password can't be your username or email."));
    }
    // Each word of a name or email counts on its own too (zxcvbn matches whole inputs only).
    let mut inputs: Vec<&str> = personal.iter().copied().filter(|p| !p.is_empty()).collect();
    inputs.extend(personal.iter().filter_map(|p| p.split_once('@').map(|(name, _)| name)));
    inputs.extend(
        personal.iter().flat_map(|p| p.split(|c: char| !c.is_alphanumeric())).filter(|w| w.chars().count() >= 3),
    );
    // zxcvbn's matching grows quickly with length; its authors score the first 100 characters.
    let scored: String = password.chars().take(100).collect();
    let entropy = zxcvbn::zxcvbn(&scored, &inputs);
    if u8::from(entropy.score()) >= MIN_SCORE {
        return Ok(());
    }
    Err(AppError::invalid(field, weak_message(entropy.feedback())))
}

/// What to tell someone whose password is too easy to guess, from zxcvbn's findings.
fn weak_message(feedback: Option<&zxcvbn::feedback::Feedback>) -> String {
    use zxcvbn::feedback::Warning as W;
    let warning = feedback.and_then(|f| f.warning());
    let why = match warning {
        Some(W::ThisIsATop10Password | W::ThisIsATop100Password | W::ThisIsACommonPassword) => {
            return "That password is one of the most common ones and easy to guess. Please choose another.".into()
        }
        Some(W::ThisIsSimilarToACommonlyUsedPassword) => "It is very like one of the most common passwords.",
        Some(W::StraightRowsOfKeysAreEasyToGuess | W::ShortKeyboardPatternsAreEasyToGuess) => {
            "Keyboard patterns are easy to guess."
        }
        Some(W::RepeatsLikeAaaAreEasyToGuess | W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess) => {
            "Repeated characters or words are easy to guess."
        }
        Some(W::SequencesLikeAbcAreEasyToGuess) => "Sequences like abc or 6543 are easy to guess.",
        Some(W::RecentYearsAreEasyToGuess | W::DatesAreOftenEasyToGuess) => "Dates and years are easy to guess.",
        Some(W::AWordByItselfIsEasyToGuess) => "A single word is easy to guess.",
        Some(W::NamesAndSurnamesByThemselvesAreEasyToGuess | W::CommonNamesAndSurnamesAreEasyToGuess) => {
            "Names are easy to guess."
        }
        _ => "It would be easy to guess.",
    };
    format!("That password is too easy to guess. {why} Add another word or two — a short phrase only you would think of works well.")
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
        let long: String =
            "wind over the river, amber lamps at the corner milonga; ".repeat(3).chars().take(128).collect();
        assert!(check_policy(&long, "password", &[]).is_ok());
        let longer = format!("{long}x");
        let err = check_policy(&longer, "password", &[]).unwrap_err();
        assert!(err.for_field("password").unwrap().contains("at most 128"));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let too_short = |p: &str| {
            check_policy(p, "password", &[])
                .err()
                .and_then(|e| e.for_field("password"))
                .is_some_and(|m| m.contains("at least"))
        };
        // 8 characters, 16 bytes: long enough (if weak for other reasons).
        assert!(!too_short("ññññññññ"));
        // 7 characters, 14 bytes: too short.
        assert!(too_short("ñññññññ"));
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
        assert!(check_policy("a quiet milonga night", "password", &[]).is_ok());
        assert!(check_policy("tangonightsinbsas", "password", &[]).is_ok());
    }

    #[test]
    fn easy_patterns_are_refused_with_the_reason() {
        for (p, why) in [
            ("qwertyuiop", "common"),
            ("aaaaaaaaaaaa", "Repeated"),
            ("abcdefgh123", "easy to guess"),
            ("sunflower", "easy to guess"),
            ("01/02/1990", "easy to guess"),
        ] {
            let err = check_policy(p, "password", &[]).unwrap_err();
            let message = err.for_field("password").unwrap();
            assert!(message.contains(why), "{p}: {message}");
        }
    }

    #[test]
    fn the_members_own_names_do_not_make_a_password() {
        assert!(check_policy("ana_tango_1", "password", &["ana_tango_1"]).is_err());
        let personal = ["valentina", "valentina.rossi@example.org", "Valentina Rossi"];
        assert!(check_policy("valentina.rossi", "password", &personal).is_err());
        assert!(check_policy("valentina2024", "password", &personal).is_err());
        assert!(check_policy("RossiValentina", "password", &personal).is_err());
        assert!(check_policy("moonlit ochos by the river", "password", &personal).is_ok());
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

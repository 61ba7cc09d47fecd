//! Practice pages: the library, a technique (timer and log form), my practice, achievements.

mod achievements_page;
mod buddies_page;
mod challenges_page;
mod charts;
mod check_in_form;
mod editor_page;
mod leaderboards_page;
mod library_page;
mod my_practice_page;
mod new_challenge_page;
mod peer_page;
mod privacy_page;
mod referrals_page;
mod reviews_page;
mod session_form;
mod technique_page;
mod timer;
mod together_page;
mod verify_section;

pub use achievements_page::AchievementsPage;
pub use buddies_page::BuddiesPage;
pub use challenges_page::{ChallengePage, ChallengesPage};
pub use editor_page::{ManageLibraryPage, TechniqueEditorPage};
pub use leaderboards_page::LeaderboardsPage;
pub use library_page::LibraryPage;
pub use my_practice_page::MyPracticePage;
pub use new_challenge_page::NewChallengePage;
pub use peer_page::PeerPracticePage;
pub use privacy_page::PrivacyPage;
pub use referrals_page::ReferralsPage;
pub use reviews_page::ReviewsPage;
pub use technique_page::TechniquePage;
pub use together_page::TogetherPage;

/// "●●●○○" for a difficulty or mastery out of 5, with the number for screen readers.
pub(crate) fn dots(n: i16) -> String {
    let n = n.clamp(0, 5) as usize;
    "●".repeat(n) + &"○".repeat(5 - n)
}

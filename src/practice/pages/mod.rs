//! Practice pages: the library, a technique (timer and log form), my practice, achievements.

mod achievements_page;
mod charts;
mod check_in_form;
mod library_page;
mod my_practice_page;
mod session_form;
mod technique_page;
mod timer;

pub use achievements_page::AchievementsPage;
pub use library_page::LibraryPage;
pub use my_practice_page::MyPracticePage;
pub use technique_page::TechniquePage;

/// "●●●○○" for a difficulty or mastery out of 5, with the number for screen readers.
pub(crate) fn dots(n: i16) -> String {
    let n = n.clamp(0, 5) as usize;
    "●".repeat(n) + &"○".repeat(5 - n)
}

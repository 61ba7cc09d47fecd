mod login_page;
mod password_page;
mod signup_page;

pub use login_page::LoginPage;
pub use password_page::PasswordPage;
pub use signup_page::SignupPage;

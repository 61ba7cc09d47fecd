//! Layout, navigation, forms and status views shared by every domain.

pub mod avatar;
pub mod forms;
pub mod home_page;
pub mod icons;
pub mod layout;
pub mod session;
pub mod status;
pub mod theme;
pub mod upload_form;

//! Forms, icons, avatars, themes, uploads and status views shared by every domain. The UI
//! knows no domain and no server code: the app frame and the session resource live in `app/`.

pub mod avatar;
pub mod forms;
pub mod icons;
pub mod live;
pub mod settings_nav;
pub mod status;
pub mod theme;
pub mod upload_form;

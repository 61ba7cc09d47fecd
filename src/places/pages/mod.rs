mod journey_page;
mod place_form_page;
mod place_page;
mod places_page;
mod redeem_page;

pub use journey_page::JourneyPage;
pub use place_form_page::{EditPlacePage, NewPlacePage};
pub use place_page::PlacePage;
pub use places_page::PlacesPage;
pub use redeem_page::RedeemPage;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::places::api::{get_map_config, list_places};
use crate::places::model::{Anxiety, PlaceCard, PlaceFilter, PlaceList, PlaceType};
use crate::ui::status::{ErrorView, Loading};

/// The map of places with the same places as a list beside it. Filters are a GET form, so they
/// work without JavaScript; with it, moving the map reloads the places in view.
#[component]
pub fn PlacesPage() -> impl IntoView {
    let query = use_query_map();
    let bbox = RwSignal::new(String::new());
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
        let view = bbox.get();
        PlaceFilter {
            bbox: (!view.is_empty()).then_some(view),
            place_type: get("type"),
            anxiety: get("anxiety"),
            beginner: get("beginner"),
            verified: get("verified"),
            open_now: get("open_now"),
            near: get("near"),
            lat: get("lat"),
            lng: get("lng"),
            radius_km: get("radius_km"),
        }
    };
    let places = Resource::new(filter, list_places);
    // The map container is rendered once and left to map.js; only the list below re-renders.
    let map = Resource::new(|| (), |_| get_map_config());
    let q = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let checked = move |k: &str| !q(k).is_empty();
    view! {
        <Title text="Places · Kindred"/>
        <section class="page places-page">
            <div class="page-head">
                <h1>"Places"</h1>
                <div class="actions">
                    <a class="button" href="/journey">"My journey"</a>
                    <a class="button" href="/mentors">"Mentors"</a>
                    <a class="button button-primary" href="/places/new">"Propose a place"</a>
                </div>
            </div>
            <details class="card filters-box" open=move || {
                let q = query.read_untracked();
                ["type", "anxiety", "beginner", "verified", "open_now", "near", "radius_km", "lat"]
                    .iter()
                    .any(|k| q.get(k).is_some_and(|v| !v.is_empty()))
            }>
            <summary>"Search and filter"</summary>
            <form class="form filters" method="get" action="/places" aria-label="Filter places">
                <input type="hidden" id="places-bbox" name="bbox" value=""
                    on:input=move |ev| bbox.set(event_target_value(&ev))/>
                <div class="field-row">
                    <div class="field">
                        <label for="f-type">"Kind of place"</label>
                        <select id="f-type" name="type">
                            <option value="">"Any"</option>
                            {PlaceType::ALL.iter().map(|t| view! { <option value=t.key() selected=q("type") == t.key()>{t.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-anxiety">"Anxiety level"</label>
                        <select id="f-anxiety" name="anxiety">
                            <option value="">"Any"</option>
                            {Anxiety::ALL.iter().map(|a| view! { <option value=a.key() selected=q("anxiety") == a.key()>{a.label()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="f-near">"Near a city"</label>
                        <input id="f-near" name="near" type="text" value=q("near") autocomplete="address-level2" placeholder="e.g. London"/>
                    </div>
                    <div class="field">
                        <label for="f-radius">"Within (km)"</label>
                        <input id="f-radius" name="radius_km" type="number" min="0.1" max="200" step="0.1" value=q("radius_km") placeholder="5"/>
                    </div>
                </div>
                <input type="hidden" name="lat" data-geo="lat" value=q("lat")/>
                <input type="hidden" name="lng" data-geo="lon" value=q("lng")/>
                <fieldset class="checks">
                    <legend class="visually-hidden">"Only show"</legend>
                    <label><input type="checkbox" name="beginner" value="on" checked=checked("beginner")/>" Beginner-friendly"</label>
                    <label><input type="checkbox" name="verified" value="on" checked=checked("verified")/>" Verified"</label>
                    <label><input type="checkbox" name="open_now" value="on" checked=checked("open_now")/>" Open now"</label>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="button button-primary">"Show places"</button>
                    <button type="button" class="button" data-geolocate hidden>"Use my location"</button>
                    <a class="button button-quiet" href="/places">"Clear"</a>
                </div>
            </form>
            </details>
            <p class="map-tools"><button type="button" class="button" data-locate-map hidden>"Centre the map on me"</button></p>
            <div class="places-layout">
                <Suspense fallback=|| ()>
                    {move || map.get().and_then(|r| r.ok()).map(|m| {
                        let (lat, lng) = (q("lat"), q("lng"));
                        view! {
                            <div id="places-map" class="places-map" role="region" aria-label="Map of places"
                                data-tile-url=m.tile_url data-attribution=m.attribution
                                data-lat=if lat.is_empty() { "51.5074".to_string() } else { lat }
                                data-lng=if lng.is_empty() { "-0.1278".to_string() } else { lng }
                                data-zoom="13"></div>
                        }
                    })}
                </Suspense>
                <div class="places-list-wrap">
                    <Transition fallback=Loading>
                        {move || places.get().map(|r| match r {
                            Ok(list) => view! { <PlacesView list/> }.into_any(),
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        })}
                    </Transition>
                </div>
            </div>
        </section>
    }
}

#[component]
fn PlacesView(list: PlaceList) -> impl IntoView {
    let count = list.places.len();
    view! {
        <h2 class="visually-hidden">"Places in view"</h2>
        <p class="muted" aria-live="polite">
            {match count { 0 => "No places match.".to_string(), 1 => "1 place".to_string(), n => format!("{n} places") }}
            {list.truncated.then_some(" — zoom in or filter to see the rest")}
        </p>
        {(count == 0).then(|| view! {
            <p class="empty-state">"Nothing here yet. Move the map, widen the filters, or "<a href="/places/new">"propose a place"</a>"."</p>
        })}
        <ol id="places-list" class="places-list">
            {list.places.into_iter().map(|p| view! { <PlaceItem place=p/> }).collect_view()}
        </ol>
    }
}

#[component]
fn PlaceItem(place: PlaceCard) -> impl IntoView {
    let href = format!("/places/{}", place.place_id);
    view! {
        <li class="card place-item"
            data-place-id=place.place_id.to_string() data-lat=place.latitude.to_string() data-lng=place.longitude.to_string()
            data-name=place.name.clone() data-type=place.place_type.label() data-anxiety=place.anxiety.label() data-href=href.clone()>
            <a class="place-name" href=href.clone()>{place.name.clone()}</a>
            <p class="muted">
                {place.place_type.label()}
                {format!(" · anxiety {}", place.anxiety.label().to_lowercase())}
                {place.beginner_friendly.then_some(" · beginner-friendly")}
                {place.distance_km.map(|d| format!(" · {d:.1} km"))}
            </p>
            <p class="place-tags">
                {place.verified.then(|| view! { <span class="badge">"Verified"</span> })}
                {match place.open_now {
                    Some(true) => Some(view! { <span class="badge badge-ok">"Open now"</span> }.into_any()),
                    Some(false) => Some(view! { <span class="badge">"Closed now"</span> }.into_any()),
                    None => None,
                }}
                {(!place.city.is_empty()).then(|| view! { <span class="muted">{place.city.clone()}</span> })}
            </p>
        </li>
    }
}

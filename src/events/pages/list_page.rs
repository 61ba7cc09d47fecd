use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::event_card::EventCardView;
use super::EventTabs;
use crate::error::AppError;
use crate::events::api::list_events;
use crate::events::model::{EventFilters, EventType};
use crate::ui::forms::FieldMessage;
use crate::ui::status::{ErrorView, Loading};

/// The filters in the address bar (shared by the list and the calendar).
pub fn filters_from_query() -> Signal<EventFilters> {
    let query = use_query_map();
    Signal::derive(move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        EventFilters {
            city: get("city"),
            event_type: get("type"),
            from: get("from"),
            to: get("to"),
            mode: get("mode"),
            lat: get("lat"),
            lon: get("lon"),
            radius_km: get("radius"),
            past: get("past"),
            community: get("community"),
        }
    })
}

#[component]
pub fn EventsPage() -> impl IntoView {
    let filters = filters_from_query();
    let query = use_query_map();
    let page = Resource::new(
        move || (filters.get(), query.read().get("after")),
        |(filters, after)| list_events(filters, after),
    );
    let error = Signal::derive(move || page.get().and_then(|r| r.err()));
    let past = move || filters.read().past == "1";
    view! {
        <Title text="Events · Kindred"/>
        <section class="page">
            <div class="page-heading">
                <h1>{move || if past() { "Past events" } else { "Upcoming events" }}</h1>
                <a class="button button-primary" href="/events/new">"New event"</a>
            </div>
            <EventTabs/>
            <Suspense fallback=Loading>
                <FilterForm filters=filters.get_untracked() error action="/events"/>
                {move || page.get().map(|p| match p {
                    Ok(p) => {
                        let f = filters.get_untracked();
                        let base = f.query();
                        let other = {
                            let mut o = f.clone();
                            o.past = if o.past == "1" { String::new() } else { "1".into() };
                            o.query()
                        };
                        let other_label = if f.past == "1" { "Upcoming events" } else { "Past events" };
                        let zone = p.zone.clone();
                        let next = p.next.clone().map(|n| {
                            let sep = if base.is_empty() { "" } else { "&" };
                            format!("/events?{base}{sep}after={n}")
                        });
                        view! {
                            <p class="muted">{format!("Times in {zone}.")}</p>
                            {if p.events.is_empty() {
                                view! {
                                    <p class="empty-state">
                                        {if f.query().is_empty() { "No events yet. Be the first to create one." } else { "No events match these filters." }}
                                    </p>
                                }.into_any()
                            } else {
                                view! {
                                    <div class="event-list">
                                        {p.events.into_iter().map(|event| view! { <EventCardView event/> }).collect_view()}
                                    </div>
                                }.into_any()
                            }}
                            <p class="button-row">
                                {next.map(|href| view! { <a class="button" href=href>"Later events"</a> })}
                                <a class="button button-quiet" href=format!("/events?{other}")>{other_label}</a>
                            </p>
                        }.into_any()
                    }
                    Err(AppError::Invalid { .. }) => view! { <p class="empty-state">"Fix the filters above to see events."</p> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// The filter form: a plain GET form, so it works before and without JavaScript.
#[component]
pub fn FilterForm(
    filters: EventFilters,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(into)] action: String,
    #[prop(optional)] hide_dates: bool,
) -> impl IntoView {
    let field_error = move |key: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(key)));
    let t = filters.event_type.clone();
    let mode = filters.mode.clone();
    view! {
        <details class="filters card" open=!filters.query().is_empty()>
            <summary>"Filter events"</summary>
            <form method="get" action=action class="form filter-form" role="search" aria-label="Filter events">
                <div class="field-row">
                    <div class="field">
                        <label for="ff-city">"City"</label>
                        <input id="ff-city" name="city" value=filters.city.clone() maxlength="80" autocomplete="address-level2"/>
                        <FieldMessage id="ff-city-error" message=field_error("city")/>
                    </div>
                    <div class="field">
                        <label for="ff-type">"Type"</label>
                        <select id="ff-type" name="type">
                            <option value="" selected=t.is_empty()>"Any type"</option>
                            {EventType::ALL.into_iter().map(|et| view! {
                                <option value=et.key() selected=t == et.key()>{et.label()}</option>
                            }).collect_view()}
                        </select>
                        <FieldMessage id="ff-type-error" message=field_error("type")/>
                    </div>
                </div>
                {(!hide_dates).then(|| view! {
                    <div class="field-row">
                        <div class="field">
                            <label for="ff-from">"From"</label>
                            <input id="ff-from" name="from" type="date" value=filters.from.clone()/>
                            <FieldMessage id="ff-from-error" message=field_error("from")/>
                        </div>
                        <div class="field">
                            <label for="ff-to">"To"</label>
                            <input id="ff-to" name="to" type="date" value=filters.to.clone()/>
                            <FieldMessage id="ff-to-error" message=field_error("to")/>
                        </div>
                    </div>
                })}
                <div class="field">
                    <label for="ff-community">"Community"</label>
                    <input id="ff-community" name="community" value=filters.community.clone() maxlength="60"
                        aria-describedby="ff-community-hint ff-community-error"/>
                    <p class="hint" id="ff-community-hint">"Its address, as in /c/tango-practica-london."</p>
                    <FieldMessage id="ff-community-error" message=field_error("community")/>
                </div>
                <div class="field">
                    <label for="ff-mode">"Where"</label>
                    <select id="ff-mode" name="mode">
                        <option value="" selected=mode.is_empty()>"Online and in person"</option>
                        <option value="in_person" selected=mode == "in_person">"In person"</option>
                        <option value="online" selected=mode == "online">"Online"</option>
                    </select>
                    <FieldMessage id="ff-mode-error" message=field_error("mode")/>
                </div>
                <fieldset class="field near">
                    <legend>"Near a point"</legend>
                    <div class="field-row three">
                        <div class="field">
                            <label for="ff-lat">"Latitude"</label>
                            <input id="ff-lat" name="lat" inputmode="decimal" value=filters.lat.clone() data-geo="lat"/>
                        </div>
                        <div class="field">
                            <label for="ff-lon">"Longitude"</label>
                            <input id="ff-lon" name="lon" inputmode="decimal" value=filters.lon.clone() data-geo="lon"/>
                        </div>
                        <div class="field">
                            <label for="ff-radius">"Within (km)"</label>
                            <input id="ff-radius" name="radius" inputmode="numeric" value=filters.radius_km.clone() placeholder="25"/>
                        </div>
                    </div>
                    <FieldMessage id="ff-lat-error" message=field_error("lat")/>
                    <FieldMessage id="ff-radius-error" message=field_error("radius")/>
                    <button type="button" class="button button-quiet" data-geolocate="true" hidden=true>"Use my location"</button>
                </fieldset>
                {(filters.past == "1").then(|| view! { <input type="hidden" name="past" value="1"/> })}
                <div class="button-row">
                    <button type="submit" class="button button-primary">"Apply filters"</button>
                    <a class="button button-quiet" href=action.clone()>"Clear"</a>
                </div>
            </form>
        </details>
    }
}

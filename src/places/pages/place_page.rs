use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::reviews::ReviewsSection;
use crate::auth::session::use_session;
use crate::places::api::{get_place, CheckIn, ModeratePlace};
use crate::places::model::{Mood, PlaceDetail, NOTE_MAX};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton};
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn PlacePage() -> impl IntoView {
    let params = use_params_map();
    let check_in = ServerAction::<CheckIn>::new();
    let moderate = ServerAction::<ModeratePlace>::new();
    let (changes, set_changes) = signal(0u32);
    let place = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                check_in.version().get(),
                moderate.version().get(),
                changes.get(),
            )
        },
        |(id, _, _, _)| get_place(id),
    );
    view! {
        <section class="page narrow-wide">
            <Suspense fallback=Loading>
                {move || place.get().map(|r| match r {
                    Ok(p) => view! { <PlaceView place=p check_in moderate on_change=set_changes/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn PlaceView(
    place: PlaceDetail,
    check_in: ServerAction<CheckIn>,
    moderate: ServerAction<ModeratePlace>,
    on_change: WriteSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let c = place.card.clone();
    let id = c.place_id.to_string();
    let map_link = format!("https://www.openstreetmap.org/?mlat={0}&mlon={1}#map=17/{0}/{1}", c.latitude, c.longitude);
    let place_line = [c.address.clone(), c.city.clone(), place.postal_code.clone(), place.country.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let moderate_error = action_error(moderate);
    let (mid, rid, eid) = (id.clone(), id.clone(), id.clone());
    view! {
        <Title text=format!("{} · Places · Kindred", c.name)/>
        <article class="place">
            <p class="muted"><a href="/places">"← Places"</a></p>
            <h1>{c.name.clone()}</h1>
            <p class="place-tags">
                <span class="badge">{c.place_type.label()}</span>
                <span class="badge">{format!("Anxiety: {}", c.anxiety.label().to_lowercase())}</span>
                {c.beginner_friendly.then(|| view! { <span class="badge">"Beginner-friendly"</span> })}
                {if c.verified {
                    view! { <span class="badge badge-ok">"Verified"</span> }.into_any()
                } else {
                    view! { <span class="badge">"Not yet verified"</span> }.into_any()
                }}
                {match c.open_now {
                    Some(true) => Some(view! { <span class="badge badge-ok">"Open now"</span> }.into_any()),
                    Some(false) => Some(view! { <span class="badge">"Closed now"</span> }.into_any()),
                    None => None,
                }}
            </p>
            {(!place_line.is_empty()).then(|| view! { <p>{place_line}</p> })}
            <p><a href=map_link rel="noopener noreferrer" target="_blank">"Open in OpenStreetMap"</a>
                {format!(" · {} check-ins", c.check_in_count)}
                {place.partner.clone().map(|p| format!(" · partner: {p}"))}
            </p>
            {(!place.description.is_empty()).then(|| view! { <p class="bio">{place.description.clone()}</p> })}
            <PlacePhotos place_id=c.place_id.to_string() name=c.name.clone() photos=place.images.clone() can_edit=place.can_edit/>
            {(!place.amenities.is_empty()).then(|| view! {
                <h2>"Amenities"</h2>
                <ul class="chips">{place.amenities.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
            })}
            <h2>"Opening hours"</h2>
            <table class="hours">
                <caption class="visually-hidden">{format!("Opening hours ({})", place.time_zone)}</caption>
                <tbody>
                    {place.hours.iter().map(|(day, text)| view! { <tr><th scope="row">{day.clone()}</th><td>{text.clone()}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <p class="hint">{format!("Times are local to the place ({}).", place.time_zone)}</p>
            <dl class="facts">
                {(!place.phone.is_empty()).then(|| view! { <dt>"Phone"</dt><dd><a href=format!("tel:{}", place.phone)>{place.phone.clone()}</a></dd> })}
                {(!place.email.is_empty()).then(|| view! { <dt>"Email"</dt><dd><a href=format!("mailto:{}", place.email)>{place.email.clone()}</a></dd> })}
                {(!place.website.is_empty()).then(|| view! { <dt>"Website"</dt><dd><a href=place.website.clone() rel="noopener noreferrer nofollow">{place.website.clone()}</a></dd> })}
                {place.proposed_by.clone().map(|u| view! { <dt>"Proposed by"</dt><dd><a href=format!("/members/{u}")>{format!("@{u}")}</a></dd> })}
            </dl>
            {move || session.current().is_some().then(|| view! { <CheckInForm place_id=id.clone() action=check_in/> })}
            {(!place.my_check_ins.is_empty()).then(|| view! {
                <h2>"Your check-ins here"</h2>
                <ul class="check-ins">
                    {place.my_check_ins.iter().map(|ci| view! {
                        <li><strong>{ci.mood.label()}</strong>
                            <span class="muted">{format!(" · {}", ci.at.format("%e %b %Y, %H:%M UTC"))}</span>
                            {(!ci.note.is_empty()).then(|| view! { <p class="request-note">{ci.note.clone()}</p> })}</li>
                    }).collect_view()}
                </ul>
            })}
            <ReviewsSection target=format!("place:{}", c.place_id) reviews=place.reviews.clone()
                earn_hint="Reviews come from visits: check in here to review this place." on_change/>
            {(place.can_edit || place.can_moderate).then(|| view! {
                <div class="card moderator-tools">
                    <FormAlert error=moderate_error/>
                    {place.can_edit.then(|| view! { <a class="button" href=format!("/places/{eid}/edit")>"Edit place"</a> })}
                    {place.can_moderate.then(|| view! {
                        <ActionForm action=moderate attr:class="inline-form">
                            <input type="hidden" name="id" value=mid.clone()/>
                            <input type="hidden" name="action" value=if c.verified { "unverify" } else { "verify" }/>
                            <button type="submit" class="button">{if c.verified { "Remove verification" } else { "Verify place" }}</button>
                        </ActionForm>
                    })}
                    {place.can_edit.then(|| view! {
                        <ActionForm action=moderate attr:class="inline-form">
                            <input type="hidden" name="id" value=rid.clone()/>
                            <input type="hidden" name="action" value="remove"/>
                            <button type="submit" class="button button-danger">"Remove place"</button>
                        </ActionForm>
                    })}
                </div>
            })}
        </article>
    }
}

#[component]
fn CheckInForm(place_id: String, action: ServerAction<CheckIn>) -> impl IntoView {
    let error = action_error(action);
    let mood_error = Signal::derive(move || error.get().and_then(|e| e.for_field("mood")));
    let note_error = Signal::derive(move || error.get().and_then(|e| e.for_field("note")));
    view! {
        <section class="card" aria-labelledby="check-in-heading">
            <h2 id="check-in-heading">"Check in"</h2>
            {move || action.value().get().and_then(|r| r.ok()).map(|o| view! {
                <div class="alert alert-success" role="status">
                    <p>{format!("Checked in. Streak: {} day{} · level {} · {} % to the next level.",
                        o.current_streak, if o.current_streak == 1 { "" } else { "s" }, o.level, o.percent)}</p>
                    {(!o.new_rewards.is_empty()).then(|| view! {
                        <p>{format!("New reward: {}. ", o.new_rewards.join(", "))}<a href="/journey">"See it on your journey"</a></p>
                    })}
                    {(!o.new_milestones.is_empty()).then(|| view! { <p>{format!("Milestone: {}", o.new_milestones.join(", "))}</p> })}
                </div>
            })}
            <ActionForm action attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="id" value=place_id/>
                <fieldset class="moods">
                    <legend>"How are you feeling?"</legend>
                    {Mood::ALL.iter().map(|m| view! {
                        <label class="mood"><input type="radio" name="mood" value=m.key() required=true/>" "{m.label()}</label>
                    }).collect_view()}
                    <FieldMessage id="f-mood-error" message=mood_error/>
                </fieldset>
                <div class="field">
                    <label for="f-note">"A note (optional)"</label>
                    <textarea id="f-note" name="note" rows="2" maxlength=NOTE_MAX as u32></textarea>
                    <FieldMessage id="f-note-error" message=note_error/>
                </div>
                <SubmitButton label="Check in" busy_label="Checking in…" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

/// The place's photos; those who may edit it add (up to six) or remove them. Plain multipart
/// forms: they post and come back to this page, with or without JavaScript.
#[component]
fn PlacePhotos(
    place_id: String,
    name: String,
    photos: Vec<(uuid::Uuid, String, String)>,
    can_edit: bool,
) -> impl IntoView {
    use crate::places::api::PlacePhoto;
    use crate::ui::upload_form::url_error;
    use leptos::server_fn::ServerFn;
    let error = url_error(PlacePhoto::PATH);
    let image_error = Signal::derive({
        let error = error.clone();
        move || error.as_ref().and_then(|e| e.for_field("image"))
    });
    let alert = Signal::derive(move || error.clone().filter(|e| e.for_field("image").is_none()));
    let count = photos.len();
    view! {
        {(count > 0).then(|| view! {
            <ul class="place-photos">
                {photos.into_iter().enumerate().map(|(i, (id, thumb, display))| view! {
                    <li>
                        <a href=display><img src=thumb alt=format!("Photo {} of {}", i + 1, name) loading="lazy"/></a>
                        {can_edit.then(|| view! {
                            <form method="post" action=PlacePhoto::url() enctype="multipart/form-data" class="inline-form">
                                <input type="hidden" name="id" value=place_id.clone()/>
                                <input type="hidden" name="remove" value=id.to_string()/>
                                <button type="submit" class="button button-quiet">{format!("Remove photo {}", i + 1)}</button>
                            </form>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        })}
        {(can_edit && count < 6).then(|| view! {
            <form method="post" action=PlacePhoto::url() enctype="multipart/form-data" class="form card">
                <FormAlert error=alert/>
                <input type="hidden" name="id" value=place_id.clone()/>
                <div class="field file-field">
                    <label for="f-place-photo">"Add a photo"</label>
                    <input id="f-place-photo" name="image" type="file" accept="image/jpeg,image/png,image/webp" required=true/>
                    <p class="hint">"JPEG, PNG or WebP up to 5 MB; location data is removed."</p>
                    <FieldMessage id="f-place-photo-error" message=image_error/>
                </div>
                <button type="submit" class="button">"Upload photo"</button>
            </form>
        })}
    }
}

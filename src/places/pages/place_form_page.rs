use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::places::api::{get_place, SavePlace};
use crate::places::model::{Anxiety, PlaceForm, PlaceType, DESCRIPTION_MAX, WEEKDAYS};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton, TextField};
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn NewPlacePage() -> impl IntoView {
    view! {
        <Title text="Propose a place · Kindred"/>
        <section class="page narrow">
            <h1>"Propose a place"</h1>
            <p class="muted">"A calm café, a welcoming gym, a studio where you practise. It is listed straight away as not yet verified; a moderator checks it. Until then you can edit it."</p>
            <PlaceFormView id=None form=PlaceForm { place_type: "coffee".into(), anxiety: "low".into(), ..Default::default() }/>
        </section>
    }
}

#[component]
pub fn EditPlacePage() -> impl IntoView {
    let params = use_params_map();
    let place = Resource::new(move || params.read().get("id").unwrap_or_default(), get_place);
    view! {
        <Title text="Edit place · Kindred"/>
        <section class="page narrow">
            <h1>"Edit place"</h1>
            <Suspense fallback=Loading>
                {move || place.get().map(|r| match r {
                    Ok(p) => match p.form {
                        Some(form) => view! { <PlaceFormView id=Some(p.card.place_id.to_string()) form/> }.into_any(),
                        None => view! { <ErrorView error=crate::error::AppError::Forbidden/> }.into_any(),
                    },
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn PlaceFormView(id: Option<String>, form: PlaceForm) -> impl IntoView {
    let action = ServerAction::<SavePlace>::new();
    let error = action_error(action);
    let field = move |k: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(k)));
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error/>
            <input type="hidden" name="id" value=id.unwrap_or_default()/>
            <TextField name="place[name]" error_key="name" label="Name" value=form.name.clone() required=true maxlength=120 error/>
            <div class="field-row">
                <div class="field">
                    <label for="f-place-type">"Kind of place"</label>
                    <select id="f-place-type" name="place[place_type]">
                        {PlaceType::ALL.iter().map(|t| view! { <option value=t.key() selected=form.place_type == t.key()>{t.label()}</option> }).collect_view()}
                    </select>
                    <FieldMessage id="f-place-type-error" message=field("place_type")/>
                </div>
                <div class="field">
                    <label for="f-place-anxiety">"Anxiety level"</label>
                    <select id="f-place-anxiety" name="place[anxiety]" aria-describedby="f-place-anxiety-hint">
                        {Anxiety::ALL.iter().map(|a| view! { <option value=a.key() selected=form.anxiety == a.key()>{a.label()}</option> }).collect_view()}
                    </select>
                    <p class="hint" id="f-place-anxiety-hint">"Low: quiet, predictable, easy to leave."</p>
                </div>
            </div>
            <label class="check"><input type="checkbox" name="place[beginner_friendly]" value="on" checked=form.beginner_friendly.is_some()/>" Beginner-friendly"</label>
            <div class="field-row">
                <TextField name="place[latitude]" error_key="latitude" label="Latitude" value=form.latitude.clone() required=true hint="e.g. 51.5074" error/>
                <TextField name="place[longitude]" error_key="longitude" label="Longitude" value=form.longitude.clone() required=true hint="e.g. -0.1278" error/>
            </div>
            <TextField name="place[address]" error_key="address" label="Address" value=form.address.clone() maxlength=200 error/>
            <div class="field-row">
                <TextField name="place[city]" error_key="city" label="City" value=form.city.clone() maxlength=80 error/>
                <TextField name="place[region]" error_key="region" label="Region" value=form.region.clone() maxlength=80 error/>
            </div>
            <div class="field-row">
                <TextField name="place[postal_code]" error_key="postal_code" label="Postal code" value=form.postal_code.clone() maxlength=20 error/>
                <TextField name="place[country]" error_key="country" label="Country" value=form.country.clone() maxlength=80 error/>
            </div>
            <div class="field">
                <label for="f-place-description">"Description"</label>
                <textarea id="f-place-description" name="place[description]" rows="4" maxlength=DESCRIPTION_MAX as u32>{form.description.clone()}</textarea>
                <FieldMessage id="f-place-description-error" message=field("description")/>
            </div>
            <TextField name="place[amenities]" error_key="amenities" label="Amenities" value=form.amenities.clone() hint="Separated by commas: wifi, quiet corner, step-free" error/>
            <fieldset>
                <legend>"Opening hours"</legend>
                <p class="hint">"Like 09:00-17:00, or 08:00-12:00, 14:00-18:00. Leave empty when closed. Late nights like 20:00-02:00 work."</p>
                <TextField name="place[time_zone]" error_key="time_zone" label="Time zone" value=if form.time_zone.is_empty() { "Europe/London".to_string() } else { form.time_zone.clone() } hint="IANA name, e.g. Europe/London" error/>
                {WEEKDAYS.iter().map(|(key, day)| view! {
                    <TextField name=format!("place[hours_{key}]") error_key=format!("hours_{key}") label=*day value=form.day(key).to_string() error/>
                }).collect_view()}
            </fieldset>
            <div class="field-row">
                <TextField name="place[phone]" error_key="phone" label="Phone" kind="tel" value=form.phone.clone() error/>
                <TextField name="place[email]" error_key="email" label="Email" kind="email" value=form.email.clone() error/>
            </div>
            <TextField name="place[website]" error_key="website" label="Website" kind="url" value=form.website.clone() error/>
            <SubmitButton label="Save place" busy_label="Saving…" pending=action.pending()/>
        </ActionForm>
    }
}

use leptos::prelude::*;
use leptos_meta::Title;

use crate::places::api::{get_my_mentoring, SaveMentoring};
use crate::places::model::{MentorForm, MentorMode, DESCRIPTION_MAX};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton, TextField};
use crate::ui::status::{ErrorView, Loading};

/// Offer mentoring (or edit the offer): title, specializations, bio, how and where, availability.
#[component]
pub fn MentoringSettingsPage() -> impl IntoView {
    let mine = Resource::new(|| (), |_| get_my_mentoring());
    view! {
        <Title text="Offer mentoring · Kindred"/>
        <section class="page narrow">
            <h1>"Offer mentoring"</h1>
            <p class="muted">"Members can book sessions with you. A moderator may verify your profile."</p>
            <Suspense fallback=Loading>
                {move || mine.get().map(|r| match r {
                    Ok((form, places)) => view! { <MentoringForm form=form.unwrap_or_else(|| MentorForm { mode: "both".into(), available: Some("on".into()), ..Default::default() }) places/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn MentoringForm(form: MentorForm, places: Vec<(uuid::Uuid, String)>) -> impl IntoView {
    let action = ServerAction::<SaveMentoring>::new();
    let error = action_error(action);
    let field = move |k: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(k)));
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error/>
            <TextField name="mentor[title]" error_key="title" label="What you mentor" value=form.title.clone() required=true maxlength=100 hint="e.g. Breathwork guide, Tango technique coach" error/>
            <TextField name="mentor[specializations]" error_key="specializations" label="Specializations" value=form.specializations.clone() hint="Separated by commas" error/>
            <div class="field">
                <label for="f-mentor-bio">"About you"</label>
                <textarea id="f-mentor-bio" name="mentor[bio]" rows="5" maxlength=DESCRIPTION_MAX as u32>{form.bio.clone()}</textarea>
                <FieldMessage id="f-mentor-bio-error" message=field("bio")/>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="f-mentor-mode">"How you meet"</label>
                    <select id="f-mentor-mode" name="mentor[mode]">
                        {MentorMode::ALL.iter().map(|m| view! { <option value=m.key() selected=form.mode == m.key()>{m.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-mentor-place">"Where (optional)"</label>
                    <select id="f-mentor-place" name="mentor[place_id]">
                        <option value="">"No fixed place"</option>
                        {places.into_iter().map(|(id, name)| { let id = id.to_string(); view! { <option value=id.clone() selected=form.place_id == id>{name}</option> } }).collect_view()}
                    </select>
                    <FieldMessage id="f-mentor-place-error" message=field("place_id")/>
                </div>
            </div>
            <label class="check"><input type="checkbox" name="mentor[available]" value="on" checked=form.available.is_some()/>" Taking sessions now"</label>
            <SubmitButton label="Save mentoring" busy_label="Saving…" pending=action.pending()/>
        </ActionForm>
    }
}

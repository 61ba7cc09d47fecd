use leptos::prelude::*;

use super::session_form::SavedNote;
use crate::practice::api::CheckIn;
use crate::practice::model::CHECK_IN_NOTE_MAX;
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton};

/// Today's check-in on its own: mood before and after the day's practice, what was practised, a
/// note. A plain POST form.
#[component]
pub fn CheckInFormView(techniques: Vec<(String, String)>, on_saved: Callback<()>) -> impl IntoView {
    let action = ServerAction::<CheckIn>::new();
    let error = action_error(action);
    let field = move |k: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(k)));
    let saved = Signal::derive(move || action.value().get().and_then(|r| r.ok()));
    Effect::new(move |_| {
        if saved.get().is_some() {
            on_saved.run(());
        }
    });
    let invalid = move |k: &'static str| move || field(k).get().is_some().then_some("true");
    view! {
        {move || saved.get().map(|s| view! { <SavedNote saved=s/> })}
        <ActionForm action attr:class="form card" attr:id="check-in" attr:aria-label="Today's check-in" attr:novalidate=true>
            <h2>"Today's check-in"</h2>
            <FormAlert error/>
            <FieldMessage id="f-checkin-error" message=field("check_in")/>
            <div class="field-row">
                <div class="field" class:field-invalid=move || field("mood_before").get().is_some()>
                    <label for="f-checkin-before">"Mood before practice (1–10)"</label>
                    <input id="f-checkin-before" name="check_in[mood_before]" type="number" min="1" max="10" inputmode="numeric" required=true aria-invalid=invalid("mood_before")/>
                    <FieldMessage id="f-checkin-before-error" message=field("mood_before")/>
                </div>
                <div class="field" class:field-invalid=move || field("mood_after").get().is_some()>
                    <label for="f-checkin-after">"Mood after (1–10)"</label>
                    <input id="f-checkin-after" name="check_in[mood_after]" type="number" min="1" max="10" inputmode="numeric" required=true aria-invalid=invalid("mood_after")/>
                    <FieldMessage id="f-checkin-after-error" message=field("mood_after")/>
                </div>
            </div>
            <div class="field">
                <label for="f-checkin-technique">"What did you practise?"</label>
                <select id="f-checkin-technique" name="check_in[technique]">
                    <option value="">"Not saying"</option>
                    {techniques.into_iter().map(|(slug, name)| view! { <option value=slug>{name}</option> }).collect_view()}
                </select>
                <FieldMessage id="f-checkin-technique-error" message=field("technique")/>
            </div>
            <div class="field" class:field-invalid=move || field("note").get().is_some()>
                <label for="f-checkin-note">"A note (only you see it)"</label>
                <textarea id="f-checkin-note" name="check_in[note]" rows="2" maxlength=CHECK_IN_NOTE_MAX as u32></textarea>
                <FieldMessage id="f-checkin-note-error" message=field("note")/>
            </div>
            <SubmitButton label="Check in" busy_label="Checking in…" pending=action.pending()/>
        </ActionForm>
    }
}

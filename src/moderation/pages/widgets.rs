use leptos::prelude::*;

use crate::moderation::api::{Decide, Report};
use crate::moderation::model::{ReportReason, Target, DETAILS_MAX_CHARS};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, FormSuccess, SubmitButton};

/// "Report": a disclosure with the reason and optional details.
#[component]
pub fn ReportBox(target: Target) -> impl IntoView {
    let action = ServerAction::<Report>::new();
    let error = action_error(action);
    let reason_error = Signal::derive(move || error.get().and_then(|e| e.for_field("reason")));
    let details_error = Signal::derive(move || error.get().and_then(|e| e.for_field("details")));
    let done = Signal::derive(move || {
        action.value().get().and_then(|r| r.ok()).map(|_| "Thank you. A moderator will look at it.".to_string())
    });
    let key = target.key();
    let id = key.replace(':', "-");
    let noun = target.noun();
    view! {
        <details class="report-box">
            <summary>{format!("Report this {noun}")}</summary>
            <ActionForm action attr:class="form">
                <FormAlert error/>
                <FormSuccess message=done/>
                <input type="hidden" name="target" value=key/>
                <div class="field">
                    <label for=format!("{id}-reason")>"Why are you reporting it?"</label>
                    <select id=format!("{id}-reason") name="reason" required=true>
                        <option value="">"Choose a reason"</option>
                        {ReportReason::ALL.into_iter().map(|r| view! { <option value=r.key()>{r.label()}</option> }).collect_view()}
                    </select>
                    <FieldMessage id=format!("{id}-reason-error") message=reason_error/>
                </div>
                <div class="field">
                    <label for=format!("{id}-details")>"Anything moderators should know (optional)"</label>
                    <textarea id=format!("{id}-details") name="details" rows="2" maxlength=DETAILS_MAX_CHARS as u32></textarea>
                    <FieldMessage id=format!("{id}-details-error") message=details_error/>
                </div>
                <SubmitButton label="Send report" busy_label="Sending…" pending=action.pending()/>
            </ActionForm>
        </details>
    }
}

/// A moderator's hide / restore and dismiss buttons for one piece of content.
#[component]
pub fn ModerateButtons(
    target: Target,
    hidden: bool,
    /// Also offer "dismiss reports" (in the queue).
    #[prop(optional)]
    dismiss: bool,
    /// Bumped after every decision, so a list can reload.
    #[prop(optional)]
    on_done: Option<WriteSignal<u32>>,
) -> impl IntoView {
    let action = ServerAction::<Decide>::new();
    let dismissal = ServerAction::<Decide>::new();
    let error = Signal::derive(move || action_error(action).get().or_else(|| action_error(dismissal).get()));
    let now_hidden = RwSignal::new(hidden);
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            now_hidden.update(|h| *h = !*h);
            if let Some(done) = on_done {
                done.update(|n| *n += 1);
            }
        }
    });
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(done)) = (dismissal.value().get(), on_done) {
            done.update(|n| *n += 1);
        }
    });
    let key = target.key();
    let noun = target.noun();
    let dismiss_key = key.clone();
    view! {
        <div class="decisions" role="group" aria-label=format!("Moderate this {noun}")>
            <FormAlert error/>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="target" value=key/>
                <input type="hidden" name="decision" value=move || if now_hidden.get() { "restore" } else { "hide" }/>
                <button type="submit" class="button" class:button-danger=move || !now_hidden.get()>
                    {move || if now_hidden.get() { format!("Restore {noun}") } else { format!("Hide {noun}") }}
                </button>
            </ActionForm>
            {dismiss.then(|| view! {
                <ActionForm action=dismissal attr:class="inline-form">
                    <input type="hidden" name="target" value=dismiss_key/>
                    <input type="hidden" name="decision" value="dismiss"/>
                    <button type="submit" class="button button-quiet">"Dismiss reports"</button>
                </ActionForm>
            })}
        </div>
    }
}

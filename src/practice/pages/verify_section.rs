use leptos::prelude::*;

use crate::practice::api::RequestVerification;
use crate::practice::model::{MyVerification, VerificationStatus, ANSWER_MAX};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton};

/// Mastery verification on a technique's page: the member's request and its reviews so far, or
/// the questions to answer.
#[component]
pub fn VerifySection(
    #[prop(into)] slug: String,
    questions: Vec<String>,
    verified: bool,
    mine: Option<MyVerification>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let action = ServerAction::<RequestVerification>::new();
    let error = action_error(action);
    Effect::new(move |prev: Option<usize>| {
        let v = action.version().get();
        if prev.is_some_and(|p| p != v) && action.value().get_untracked().is_some_and(|r| r.is_ok()) {
            version.update(|n| *n += 1);
        }
        v
    });
    let technique_error = Signal::derive(move || error.get().and_then(|e| e.for_field("technique")));
    let status = match (&mine, verified) {
        (_, true) => Some("Your mastery is verified by your peers. ✓".to_string()),
        (Some(m), _) if m.status == VerificationStatus::Pending => Some(format!(
            "Your request is waiting for reviews: {} authentic, {} not so far (three decide).",
            m.authentic, m.not_authentic
        )),
        _ => None,
    };
    let declined = mine.as_ref().is_some_and(|m| m.status == VerificationStatus::Declined);
    view! {
        <section class="card verify" aria-labelledby="verify-heading">
            <h2 id="verify-heading">"Peer verification"</h2>
            {match status {
                Some(s) => view! { <p>{s}</p> }.into_any(),
                None => view! {
                    {declined.then(|| view! { <p class="hint">"Your last request was not confirmed. Practise on, then ask again."</p> })}
                    <p class="muted">"Answer from your own practice. Members verified in this technique review your answers; three authentic reviews verify your mastery."</p>
                    <ActionForm action attr:class="form" attr:aria-label="Ask for verification">
                        <FormAlert error/>
                        <FieldMessage id="f-verify-technique-error" message=technique_error/>
                        <input type="hidden" name="verification[technique]" value=slug.clone()/>
                        {questions.iter().enumerate().map(|(i, q)| {
                            let id = format!("f-verify-answer-{i}");
                            let key = format!("answer_{i}");
                            let message = Signal::derive(move || error.get().and_then(|e| e.for_field(&key)));
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{q.clone()}</label>
                                    <textarea id=id.clone() name=format!("verification[answers][{i}]") rows="3" maxlength=ANSWER_MAX as u32 required=true></textarea>
                                    <FieldMessage id=format!("{id}-error") message/>
                                </div>
                            }
                        }).collect_view()}
                        <label class="check"><input type="checkbox" name="verification[anonymous]" value="on"/>" Keep my name from the reviewers"</label>
                        <SubmitButton label="Ask for verification" busy_label="Sending…" pending=action.pending()/>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
    }
}

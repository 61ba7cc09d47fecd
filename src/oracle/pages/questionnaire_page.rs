use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::error::AppError;
use crate::oracle::api::{get_questionnaire, AnswerQuestionnaire};
use crate::oracle::astro::AstroSign;
use crate::oracle::model::Questionnaire;
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton};
use crate::ui::status::{ErrorView, Loading};

/// The questionnaire that creates (or renews) the member's spirit guide. Every answer is optional.
#[component]
pub fn QuestionnairePage() -> impl IntoView {
    let previous = Resource::new(|| (), |_| get_questionnaire());
    view! {
        <Title text="Meet your guide · Kindred"/>
        <section class="page narrow">
            <h1>"Meet your spirit guide"</h1>
            <p class="lead">"A few questions, all optional. Your answers shape your guide's name, nature and element."</p>
            <Suspense fallback=Loading>
                {move || previous.get().map(|p| match p {
                    Ok(previous) => view! { <QuestionnaireForm previous/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/oracle/guide/questionnaire"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
            <p class="form-footer"><a href="/oracle">"Skip for now"</a></p>
        </section>
    }
}

#[component]
fn YesNo(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    value: Option<bool>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let field = format!("answers[{name}]");
    let id = format!("f-{name}");
    let options = [
        ("yes", "Yes", value == Some(true)),
        ("no", "No", value == Some(false)),
        ("", "Rather not say", value.is_none()),
    ];
    view! {
        <fieldset class="field choice">
            <legend>{legend}</legend>
            {options.into_iter().map(|(v, label, checked)| {
                let input_id = format!("{id}-{}", if v.is_empty() { "skip" } else { v });
                let label_for = input_id.clone();
                view! {
                    <label for=label_for class="choice-option">
                        <input type="radio" id=input_id name=field.clone() value=v checked=checked/>
                        {label}
                    </label>
                }
            }).collect_view()}
            <FieldMessage id=format!("{id}-error") message=error/>
        </fieldset>
    }
}

#[component]
fn QuestionnaireForm(previous: Option<Questionnaire>) -> impl IntoView {
    let action = ServerAction::<AnswerQuestionnaire>::new();
    let error = action_error(action);
    let field_error = move |key: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(key)));
    let p = previous.unwrap_or(Questionnaire {
        religious: None,
        spiritual: None,
        path: String::new(),
        beliefs: String::new(),
        offerings: String::new(),
        astro_sign: None,
    });
    let sign = p.astro_sign;
    view! {
        <ActionForm action attr:class="form">
            <FormAlert error/>
            <YesNo name="religious" legend="Are you religious?" value=p.religious error=field_error("religious")/>
            <YesNo name="spiritual" legend="Are you spiritual?" value=p.spiritual error=field_error("spiritual")/>
            <div class="field">
                <label for="f-path">"Your religion or path"</label>
                <input id="f-path" name="answers[path]" value=p.path maxlength="200" aria-describedby="f-path-hint"/>
                <p class="hint" id="f-path-hint">"For example Buddhism, Christianity, yoga, the tango embrace, none."</p>
                <FieldMessage id="f-path-error" message=field_error("path")/>
            </div>
            <div class="field">
                <label for="f-beliefs">"What do you believe in?"</label>
                <textarea id="f-beliefs" name="answers[beliefs]" rows="3" maxlength="1000">{p.beliefs}</textarea>
                <FieldMessage id="f-beliefs-error" message=field_error("beliefs")/>
            </div>
            <div class="field">
                <label for="f-offerings">"What do you offer?"</label>
                <textarea id="f-offerings" name="answers[offerings]" rows="2" maxlength="500" aria-describedby="f-offerings-hint">{p.offerings}</textarea>
                <p class="hint" id="f-offerings-hint">"Candles, songs, silence, service, bread — whatever you give."</p>
                <FieldMessage id="f-offerings-error" message=field_error("offerings")/>
            </div>
            <div class="field">
                <label for="f-sign">"Astrology sign"</label>
                <select id="f-sign" name="answers[astro_sign]">
                    <option value="" selected=sign.is_none()>"From my birth date (profile)"</option>
                    {AstroSign::ALL.into_iter().map(|s| view! {
                        <option value=s.key() selected=sign == Some(s)>{s.label()}</option>
                    }).collect_view()}
                </select>
                <FieldMessage id="f-sign-error" message=field_error("astro_sign")/>
            </div>
            <SubmitButton label="Meet my guide" busy_label="Listening…" pending=action.pending()/>
        </ActionForm>
    }
}

use leptos::prelude::*;
use leptos_meta::Title;

use crate::practice::api::{get_challenge_choices, CreateChallenge};
use crate::practice::model::{ChallengeChoices, GoalKind, CHALLENGE_DESCRIPTION_MAX, CHALLENGE_TITLE_MAX};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton, TextField};
use crate::ui::status::{ErrorView, Loading};

/// A new challenge: site-wide (moderators) or in a community where the member holds "manage
/// events". A plain POST form that opens the new challenge.
#[component]
pub fn NewChallengePage() -> impl IntoView {
    let choices = Resource::new(|| (), |_| get_challenge_choices());
    view! {
        <Title text="New challenge · Kindred"/>
        <section class="page narrow">
            <h1>"New challenge"</h1>
            <Suspense fallback=Loading>
                {move || choices.get().map(|r| match r {
                    Ok(c) => view! { <Form c/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Form(c: ChallengeChoices) -> impl IntoView {
    let action = ServerAction::<CreateChallenge>::new();
    let error = action_error(action);
    let field = move |k: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(k)));
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true attr:aria-label="New challenge">
            <FormAlert error/>
            <TextField name="challenge[title]" error_key="title" label="Title" required=true maxlength=CHALLENGE_TITLE_MAX as u32 error/>
            <div class="field">
                <label for="f-challenge-description">"Description"</label>
                <textarea id="f-challenge-description" name="challenge[description]" rows="3" maxlength=CHALLENGE_DESCRIPTION_MAX as u32></textarea>
                <FieldMessage id="f-challenge-description-error" message=field("description")/>
            </div>
            <div class="field">
                <label for="f-challenge-community">"For"</label>
                <select id="f-challenge-community" name="challenge[community]">
                    {c.site_wide.then(|| view! { <option value="">"Everyone (site-wide)"</option> })}
                    {c.communities.iter().map(|(slug, name)| view! { <option value=slug.clone()>{name.clone()}</option> }).collect_view()}
                </select>
                <FieldMessage id="f-challenge-community-error" message=field("community")/>
            </div>
            <div class="field-row">
                <TextField name="challenge[starts_on]" error_key="starts_on" label="Starts on" kind="date" required=true error/>
                <TextField name="challenge[ends_on]" error_key="ends_on" label="Ends on" kind="date" required=true error/>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="f-challenge-goal">"Counts"</label>
                    <select id="f-challenge-goal" name="challenge[goal]">
                        {GoalKind::ALL.into_iter().map(|k| view! { <option value=k.key()>{k.label()}</option> }).collect_view()}
                    </select>
                    <FieldMessage id="f-challenge-goal-error" message=field("goal")/>
                </div>
                <TextField name="challenge[value]" error_key="value" label="Goal" kind="number" required=true error/>
            </div>
            <div class="field">
                <label for="f-challenge-category">"In a category"</label>
                <select id="f-challenge-category" name="challenge[category]">
                    <option value="">"Any practice"</option>
                    {c.categories.iter().map(|cat| view! { <option value=cat.slug.clone()>{cat.name.clone()}</option> }).collect_view()}
                </select>
                <FieldMessage id="f-challenge-category-error" message=field("category")/>
            </div>
            <div class="field-row">
                <TextField name="challenge[max_participants]" error_key="max_participants" label="Places (empty: no limit)" kind="number" error/>
                <TextField name="challenge[reward_xp]" error_key="reward_xp" label="Reward XP (0–500)" kind="number" error/>
            </div>
            <div class="field">
                <label for="f-challenge-achievement">"Reward achievement"</label>
                <select id="f-challenge-achievement" name="challenge[reward_achievement]">
                    <option value="">"None"</option>
                    {c.achievements.iter().map(|(slug, name)| view! { <option value=slug.clone()>{name.clone()}</option> }).collect_view()}
                </select>
                <FieldMessage id="f-challenge-achievement-error" message=field("reward_achievement")/>
            </div>
            <SubmitButton label="Create challenge" busy_label="Creating…" pending=action.pending()/>
        </ActionForm>
    }
}

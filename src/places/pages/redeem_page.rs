use leptos::prelude::*;
use leptos_meta::Title;

use crate::places::api::{get_staff_places, Redeem};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton};
use crate::ui::status::{ErrorView, Loading};

/// For partner staff: redeem a member's reward code at one of the partner's places.
#[component]
pub fn RedeemPage() -> impl IntoView {
    let places = Resource::new(|| (), |_| get_staff_places());
    let action = ServerAction::<Redeem>::new();
    let error = action_error(action);
    let code_error = Signal::derive(move || error.get().and_then(|e| e.for_field("code")));
    view! {
        <Title text="Redeem a reward · Kindred"/>
        <section class="page narrow">
            <h1>"Redeem a reward"</h1>
            <Suspense fallback=Loading>
                {move || places.get().map(|r| match r {
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty-state">"Only partner staff can redeem rewards, at their partner's places."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        {move || action.value().get().and_then(|r| r.ok()).map(|ok| view! {
                            <div class="alert alert-success" role="status">{format!("Redeemed: {} for {} at {}.", ok.title, ok.member, ok.place)}</div>
                        })}
                        <ActionForm action attr:class="form">
                            <FormAlert error/>
                            <div class="field">
                                <label for="f-redeem-place">"Your place"</label>
                                <select id="f-redeem-place" name="place_id">
                                    {list.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="f-redeem-code">"Reward code"</label>
                                <input id="f-redeem-code" name="code" type="text" autocomplete="off" autocapitalize="characters" required=true maxlength="40"/>
                                <FieldMessage id="f-redeem-code-error" message=code_error/>
                            </div>
                            <SubmitButton label="Redeem" busy_label="Checking…" pending=action.pending()/>
                        </ActionForm>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

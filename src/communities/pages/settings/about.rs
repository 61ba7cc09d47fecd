//! The community's name, description, who can join and what the language filter does: the
//! owner's section.

use leptos::prelude::*;

use super::Acts;
use crate::communities::model::{CommunityAdmin, Visibility, DESCRIPTION_MAX, NAME_MAX};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, TextField};

#[component]
pub fn About(a: CommunityAdmin, acts: Acts) -> impl IntoView {
    let c = a.community;
    let error = action_error(acts.update);
    let saved = move || matches!(acts.update.value().get(), Some(Ok(())));
    let description_error = Signal::derive(move || error.get().and_then(|e| e.for_field("description")));
    view! {
        <section class="card" aria-labelledby="s-about">
            <h2 id="s-about">"About"</h2>
            <ActionForm action=acts.update attr:class="form">
                <input type="hidden" name="slug" value=c.slug.clone()/>
                <FormAlert error/>
                {move || saved().then(|| view! { <p class="alert alert-success" role="status">"Saved."</p> })}
                <TextField name="name" label="Name" value=c.name.clone() required=true maxlength=NAME_MAX as u32 error/>
                <div class="field">
                    <label for="f-about-description">"Description"</label>
                    <textarea id="f-about-description" name="description" rows="3" maxlength=DESCRIPTION_MAX as u32>{c.description.clone()}</textarea>
                    <FieldMessage id="f-about-description-error" message=description_error/>
                </div>
                <div class="field">
                    <label for="f-about-visibility">"Who can join"</label>
                    <select id="f-about-visibility" name="visibility">
                        {Visibility::ALL.into_iter().map(|v| view! { <option value=v.key() selected=v == c.visibility>{v.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-about-filter">"Language filter"</label>
                    <select id="f-about-filter" name="filter_policy">
                        <option value="block" selected=c.filter_policy.key() == "block">"Hold back messages the filter objects to"</option>
                        <option value="flag" selected=c.filter_policy.key() == "flag">"Deliver them and flag them for moderators"</option>
                    </select>
                </div>
                <button type="submit" class="button button-primary">"Save community"</button>
            </ActionForm>
        </section>
    }
}

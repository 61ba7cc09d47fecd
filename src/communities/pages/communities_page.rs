use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::communities::api::{list_communities, CreateCommunity};
use crate::communities::model::{CommunityCard, Visibility, DESCRIPTION_MAX, NAME_MAX};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton, TextField};
use crate::ui::status::{ErrorView, Loading};

/// The directory: the member's communities, public and private ones to discover (searchable),
/// and the form to start a new one.
#[component]
pub fn CommunitiesPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let list = Resource::new(q, list_communities);
    view! {
        <Title text="Communities · Kindred"/>
        <section class="page narrow-wide">
            <h1>"Communities"</h1>
            <p class="muted">"Circles, milongas and practice groups — each with its own channels, roles and chat."</p>
            <Transition fallback=Loading>
                {move || list.get().map(|r| match r {
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    Ok(list) => view! {
                        <h2>"Yours"</h2>
                        {if list.mine.is_empty() {
                            view! { <p class="empty-state">"You haven't joined a community yet. Find one below or start your own."</p> }.into_any()
                        } else {
                            view! { <ul class="card-grid plain-list">{list.mine.into_iter().map(|c| view! { <CommunityTile c/> }).collect_view()}</ul> }.into_any()
                        }}
                        <h2>"Discover"</h2>
                        <form method="get" action="/communities" class="inline-search" role="search">
                            <label for="f-community-q">"Search communities"</label>
                            <input id="f-community-q" type="search" name="q" value=q() maxlength="100"/>
                            <button type="submit" class="button">"Search"</button>
                        </form>
                        {if list.discover.is_empty() {
                            view! { <p class="empty-state">{if q().is_empty() { "No other communities yet." } else { "No community matches that search." }}</p> }.into_any()
                        } else {
                            view! { <ul class="card-grid plain-list">{list.discover.into_iter().map(|c| view! { <CommunityTile c/> }).collect_view()}</ul> }.into_any()
                        }}
                    }.into_any(),
                })}
            </Transition>
            <NewCommunityForm/>
        </section>
    }
}

/// A community's picture, or its initial.
#[component]
pub fn CommunityIcon(
    #[prop(into)] name: String,
    icon: Option<uuid::Uuid>,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    use crate::ui::avatar::Avatar;
    view! { <Avatar name url=icon.map(crate::media::thumb_url) large/> }
}

#[component]
fn CommunityTile(c: CommunityCard) -> impl IntoView {
    let members = format!("{} member{}", c.member_count, if c.member_count == 1 { "" } else { "s" });
    view! {
        <li>
            <a class="card card-link community-tile" href=format!("/c/{}", c.slug)>
                <span class="community-title">
                    <CommunityIcon name=c.name.clone() icon=c.icon_id/>
                    <strong>{c.name}</strong>
                </span>
                <p>{c.description}</p>
                <p class="muted">{members}" · "{c.visibility.short()}{c.is_member.then_some(" · joined")}</p>
            </a>
        </li>
    }
}

#[component]
fn NewCommunityForm() -> impl IntoView {
    let create = ServerAction::<CreateCommunity>::new();
    let error = action_error(create);
    let description_error = Signal::derive(move || error.get().and_then(|e| e.for_field("description")));
    let visibility_error = Signal::derive(move || error.get().and_then(|e| e.for_field("visibility")));
    view! {
        <section class="card" aria-labelledby="new-community">
            <h2 id="new-community">"Start a community"</h2>
            <ActionForm action=create attr:class="form">
                <FormAlert error/>
                <TextField name="name" label="Community name" required=true maxlength=NAME_MAX as u32 error/>
                <TextField name="slug" label="Address" hint="kindred/c/your-address — lower-case letters, digits and hyphens. Leave empty to make one from the name." maxlength=40 error/>
                <div class="field">
                    <label for="f-community-description">"Description"</label>
                    <textarea id="f-community-description" name="description" rows="3" maxlength=DESCRIPTION_MAX as u32></textarea>
                    <FieldMessage id="f-community-description-error" message=description_error/>
                </div>
                <div class="field">
                    <label for="f-community-visibility">"Who can join"</label>
                    <select id="f-community-visibility" name="visibility">
                        {Visibility::ALL.into_iter().map(|v| view! { <option value=v.key()>{v.label()}</option> }).collect_view()}
                    </select>
                    <FieldMessage id="f-community-visibility-error" message=visibility_error/>
                </div>
                <SubmitButton label="Create community" busy_label="Creating…" pending=create.pending()/>
            </ActionForm>
        </section>
    }
}

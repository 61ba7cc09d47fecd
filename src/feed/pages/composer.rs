use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::energy::on_balance;
use crate::feed::api::{create_post_form, get_composer, CreatePostForm};
use crate::feed::model::{Audience, Chakra, CommunityTag, Visibility, POST_MAX_CHARS};
use crate::media::ALT_MAX_CHARS;
use crate::ui::forms::{FieldMessage, FormAlert, SubmitButton};
use crate::ui::upload_form::ImageForm;

/// Write a post: markdown text, an optional image, who may see it, and optionally the author's
/// own chakra. A multipart form: it posts as plain HTML without JavaScript and in the background
/// with it; either way a new post opens on its own page. Given a `community`, the post is
/// written to it; otherwise "Who can see it" also lists the communities the member may post in.
#[component]
pub fn Composer(
    #[prop(into)] signed_in: Signal<bool>,
    #[prop(optional)] community: Option<CommunityTag>,
) -> impl IntoView {
    let in_community = community.is_some();
    let image_input = NodeRef::<leptos::html::Input>::new();
    let form = ImageForm::new(CreatePostForm::PATH, image_input, |data| create_post_form(data.into()));
    let (action, error) = (form.action, form.error);
    let info = Resource::new(move || (action.version().get(), in_community), |(_, inside)| get_composer(inside));
    // A gift from a post card on this page changes the balance: show the one its reply carried.
    on_balance(move |balance| {
        info.update(|info| {
            if let Some(Ok(info)) = info {
                info.energy.balance = balance;
            }
        })
    });
    let field = move |name: &'static str| form.field(name);
    // Once an attempt failed the composer stays open (never folds while someone is writing).
    let kept_open = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || error.get().is_some());
    let on_submit = move |ev: leptos::ev::SubmitEvent| form.submit(ev);
    view! {
        <Transition fallback=|| ()>
        <Show when=move || signed_in.get()>
        <section class="card composer" aria-labelledby="composer-heading">
            // Folded into one line until tapped (a post stays on a phone's first screen); open
            // when the last attempt came back with an error, so its message and text show.
            <details class="composer-fold" open=move || kept_open.get()>
            <summary class="composer-summary">
                <h2 id="composer-heading">{match &community {
                    Some(c) => format!("Post to {}…", c.name),
                    None => "Share with your people…".to_string(),
                }}</h2>
            </summary>
            <form method="post" action=CreatePostForm::url() enctype="multipart/form-data" class="form" on:submit=on_submit>
                <FormAlert error/>
                <div class="field">
                    <label for="f-post-body">"Your post"</label>
                    <textarea id="f-post-body" name="body" rows="4" maxlength=POST_MAX_CHARS as u32 required=true
                        aria-describedby="f-post-body-hint"></textarea>
                    <p class="hint" id="f-post-body-hint">"Markdown works. Use #hashtags and @mention members."</p>
                    <FieldMessage id="f-post-body-error" message=field("body")/>
                </div>
                <div class="field file-field">
                    <label for="f-post-image">"Image (optional)"</label>
                    <input id="f-post-image" name="image" type="file" accept="image/jpeg,image/png,image/webp"
                        node_ref=image_input aria-describedby="f-post-image-hint"/>
                    <p class="hint" id="f-post-image-hint">"JPEG, PNG or WebP up to 5 MB. Location and camera data are removed."</p>
                    <FieldMessage id="f-post-image-error" message=field("image")/>
                </div>
                <div class="field">
                    <label for="f-post-image-alt">"Image description"</label>
                    <input id="f-post-image-alt" name="image_alt" type="text" maxlength=ALT_MAX_CHARS as u32
                        aria-describedby="f-post-image-alt-hint"/>
                    <p class="hint" id="f-post-image-alt-hint">"For people using screen readers."</p>
                    <FieldMessage id="f-post-image-alt-error" message=field("image_alt")/>
                </div>
                <div class="field-row">
                    {match community.clone() {
                        Some(c) => view! {
                            <input type="hidden" name="visibility" value=Audience::community_key(&c.slug)/>
                        }.into_any(),
                        None => view! {
                            <div class="field">
                                <label for="f-visibility">"Who can see it"</label>
                                <select id="f-visibility" name="visibility" aria-describedby="f-visibility-error">
                                    {Visibility::ALL.into_iter().map(|v| view! { <option value=v.key()>{v.label()}</option> }).collect_view()}
                                    {move || info.get().and_then(|r| r.ok()).map(|i| i.communities).filter(|l| !l.is_empty()).map(|list| view! {
                                            <optgroup label="A community">
                                                {list.into_iter().map(|c| view! {
                                                    <option value=Audience::community_key(&c.slug)>{format!("Members of {}", c.name)}</option>
                                                }).collect_view()}
                                            </optgroup>
                                        })}
                                </select>
                                <FieldMessage id="f-visibility-error" message=field("visibility")/>
                            </div>
                        }.into_any(),
                    }}
                    <div class="field">
                        <label for="f-chakra">"Chakra"</label>
                        <select id="f-chakra" name="chakra">
                            <option value="auto">"Automatic"</option>
                            {Chakra::ALL.into_iter().map(|c| view! { <option value=c.key()>{c.label()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <SubmitButton label="Post" busy_label="Posting…" pending=action.pending()/>
            </form>
            </details>
            <Suspense fallback=|| ()>
                {move || info.get().and_then(|r| r.ok()).map(|i| i.energy).map(|e| view! {
                    <p class="muted energy-status">
                        {format!("Energy {} · aura {} · refills on {}", e.balance, e.aura, e.resets_on.format("%e %B"))}
                    </p>
                })}
            </Suspense>
        </section>
        </Show>
        </Transition>
    }
}

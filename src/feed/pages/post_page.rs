use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::post_card::PostCard;
use crate::auth::session::use_session;
use crate::feed::api::{get_post, AddComment, DeleteComment, DeletePost, EditPost};
use crate::feed::model::{
    Audience, Chakra, CommentView, PostThread, PostView, Visibility, COMMENT_MAX_CHARS, POST_MAX_CHARS,
};
use crate::moderation::model::Target;
use crate::moderation::pages::{ModerateButtons, ReportBox};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton};
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn PostPage() -> impl IntoView {
    let params = use_params_map();
    let comment = ServerAction::<AddComment>::new();
    let delete_comment = ServerAction::<DeleteComment>::new();
    let thread = Resource::new(
        move || (params.read().get("id").unwrap_or_default(), comment.version().get(), delete_comment.version().get()),
        |(id, _, _)| get_post(id),
    );
    view! {
        <Title text="Post · Kindred"/>
        <section class="page narrow-wide">
            <Suspense fallback=Loading>
                {move || thread.get().map(|t| match t {
                    Ok(t) => view! { <ThreadView thread=t comment delete_comment/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ThreadView(
    thread: PostThread,
    comment: ServerAction<AddComment>,
    delete_comment: ServerAction<DeleteComment>,
) -> impl IntoView {
    let session = use_session();
    let post = thread.post.clone();
    let id = post.post_id.to_string();
    let signed_in = move || session.current().is_some();
    let can_moderate = thread.viewer_can_moderate;
    view! {
        <PostCard post=post.clone() full=true/>
        <WhyChakra post=post.clone()/>
        {post.is_author.then(|| view! { <AuthorTools post=post.clone()/> })}
        {(!post.is_author && can_moderate).then(|| view! {
            <div class="card moderator-tools">
                <ModerateButtons target=Target::Post(post.post_id) hidden=post.hidden/>
                <DeletePostForm id=id.clone() label="Remove post (moderator)"/>
            </div>
        })}
        {(!post.is_author && !can_moderate && thread.community_can_remove).then(|| view! {
            <div class="card moderator-tools">
                <DeletePostForm id=id.clone() label="Remove post from the community"/>
            </div>
        })}
        {
            let (post_id, is_author) = (post.post_id, post.is_author);
            move || (signed_in() && !is_author).then(|| view! { <ReportBox target=Target::Post(post_id)/> })
        }
        {(!thread.edits.is_empty()).then(|| view! {
            <details class="card edits">
                <summary>{format!("Edit history ({})", thread.edits.len())}</summary>
                <ol>
                    {thread.edits.iter().map(|e| view! {
                        <li><time>{e.edited_at.format("%e %b %Y, %H:%M UTC").to_string()}</time><pre class="edit-body">{e.body.clone()}</pre></li>
                    }).collect_view()}
                </ol>
            </details>
        })}
        <section class="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">{format!("Comments ({})", thread.comments.len())}</h2>
            {move || signed_in().then(|| view! { <CommentForm post_id=id.clone() parent=None action=comment/> })}
            {if thread.comments.is_empty() {
                view! { <p class="empty-state">"No comments yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="comment-list">
                        {thread.comments.into_iter().map(|c| view! {
                            <CommentItem comment=c post_id=post.post_id.to_string() action=comment delete=delete_comment can_moderate can_remove=thread.community_can_remove/>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// Why the classifier chose this chakra: the words that weighed most.
#[component]
fn WhyChakra(post: PostView) -> impl IntoView {
    let overridden = post.chakra != post.chakra_auto;
    view! {
        <details class="card why">
            <summary>{format!("Why {}?", post.chakra.label())}</summary>
            {overridden.then(|| view! {
                <p>{format!("The author chose {}. Kindred's own reading was {}.", post.chakra.label(), post.chakra_auto.label())}</p>
            })}
            {if post.reasons.is_empty() {
                view! { <p>"Too few telling words to say more; Heart is where unclear posts rest."</p> }.into_any()
            } else {
                view! {
                    <p>{format!("Kindred read this post as {}. The words that weighed most:", post.chakra_auto.label())}</p>
                    <ul class="reasons">
                        {post.reasons.iter().map(|(w, s)| view! { <li>{w.clone()} <span class="muted">{format!(" ({s:.1})")}</span></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="hint">{format!("Frequency {}/10: how charged and certain the post reads.", post.frequency)}</p>
        </details>
    }
}

#[component]
fn DeletePostForm(#[prop(into)] id: String, #[prop(into)] label: String) -> impl IntoView {
    let action = ServerAction::<DeletePost>::new();
    let error = action_error(action);
    view! {
        <ActionForm action attr:class="inline-form">
            <FormAlert error/>
            <input type="hidden" name="id" value=id/>
            <button type="submit" class="button button-danger">{label}</button>
        </ActionForm>
    }
}

#[component]
fn AuthorTools(post: PostView) -> impl IntoView {
    let action = ServerAction::<EditPost>::new();
    let error = action_error(action);
    let body_error = Signal::derive(move || error.get().and_then(|e| e.for_field("body")));
    let id = post.post_id.to_string();
    let edit_id = id.clone();
    let chosen = (post.chakra != post.chakra_auto).then_some(post.chakra);
    view! {
        <details class="card author-tools">
            <summary>"Edit or delete"</summary>
            <ActionForm action attr:class="form">
                <FormAlert error/>
                <input type="hidden" name="id" value=edit_id/>
                <div class="field">
                    <label for="f-edit-body">"Post text"</label>
                    <textarea id="f-edit-body" name="body" rows="5" maxlength=POST_MAX_CHARS as u32>{post.body.clone().unwrap_or_default()}</textarea>
                    <FieldMessage id="f-edit-body-error" message=body_error/>
                </div>
                <div class="field-row">
                    {match post.community.clone() {
                        Some(c) => view! {
                            <div class="field">
                                <input type="hidden" name="visibility" value=Audience::community_key(&c.slug)/>
                                <p class="hint">{format!("Members of {} can see it. A community post stays in its community.", c.name)}</p>
                            </div>
                        }.into_any(),
                        None => view! {
                            <div class="field">
                                <label for="f-edit-visibility">"Who can see it"</label>
                                <select id="f-edit-visibility" name="visibility">
                                    {Visibility::ALL.into_iter().map(|v| view! {
                                        <option value=v.key() selected=post.visibility == v>{v.label()}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        }.into_any(),
                    }}
                    <div class="field">
                        <label for="f-edit-chakra">"Chakra"</label>
                        <select id="f-edit-chakra" name="chakra">
                            <option value="auto" selected=chosen.is_none()>"Automatic"</option>
                            {Chakra::ALL.into_iter().map(|c| view! { <option value=c.key() selected=chosen == Some(c)>{c.label()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <SubmitButton label="Save changes" busy_label="Saving…" pending=action.pending()/>
            </ActionForm>
            <DeletePostForm id label="Delete post"/>
        </details>
    }
}

#[component]
fn CommentForm(
    #[prop(into)] post_id: String,
    parent: Option<String>,
    action: ServerAction<AddComment>,
) -> impl IntoView {
    let error = action_error(action);
    let body_error = Signal::derive(move || error.get().and_then(|e| e.for_field("body")));
    let field_id = format!("f-comment-{}", parent.clone().unwrap_or_else(|| "new".into()));
    let label = if parent.is_some() { "Your reply" } else { "Add a comment" };
    view! {
        <ActionForm action attr:class="form comment-form">
            <input type="hidden" name="id" value=post_id/>
            <input type="hidden" name="parent_id" value=parent.unwrap_or_default()/>
            <div class="field">
                <label for=field_id.clone()>{label}</label>
                <textarea id=field_id.clone() name="body" rows="2" maxlength=COMMENT_MAX_CHARS as u32 required=true></textarea>
                <FieldMessage id=format!("{field_id}-error") message=body_error/>
            </div>
            <SubmitButton label=if label == "Your reply" { "Reply" } else { "Comment" } busy_label="Sending…" pending=action.pending()/>
        </ActionForm>
    }
}

#[component]
fn CommentItem(
    comment: CommentView,
    #[prop(into)] post_id: String,
    action: ServerAction<AddComment>,
    delete: ServerAction<DeleteComment>,
    can_moderate: bool,
    /// Holds "manage messages" in the post's community: may remove comments, not hide them.
    can_remove: bool,
) -> impl IntoView {
    let session = use_session();
    let cid = comment.comment_id.to_string();
    let may_delete = comment.is_author || can_moderate || can_remove;
    let target = Target::Comment(comment.comment_id);
    let may_report = !comment.is_author;
    let hidden = comment.hidden;
    view! {
        <li class="comment" style=format!("--depth: {}", comment.depth)>
            {hidden.then(|| view! { <p class="hidden-note" role="note">"Hidden by a moderator."</p> })}
            <p class="comment-meta">
                <a href=format!("/members/{}", comment.author.username)>{comment.author.display_name.clone()}</a>
                <span class="muted">{format!(" · {}", comment.created_at.format("%e %b, %H:%M"))}{comment.edited_at.map(|_| " · edited")}</span>
            </p>
            <div class="comment-body" inner_html=comment.body_html.clone()></div>
            <div class="comment-actions">
                {move || session.current().is_some().then(|| view! {
                    <details>
                        <summary>"Reply"</summary>
                        <CommentForm post_id=post_id.clone() parent=Some(cid.clone()) action/>
                    </details>
                })}
                {may_delete.then(|| view! {
                    <ActionForm action=delete attr:class="inline-form">
                        <input type="hidden" name="id" value=comment.comment_id.to_string()/>
                        <button type="submit" class="button button-quiet">"Delete comment"</button>
                    </ActionForm>
                })}
                {(can_moderate && !comment.is_author).then(|| view! { <ModerateButtons target hidden/> })}
                {move || (session.current().is_some() && may_report).then(|| view! { <ReportBox target/> })}
            </div>
        </li>
    }
}

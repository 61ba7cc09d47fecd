use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::auth::session::use_session;
use crate::events::api::{
    get_event, get_event_comments, AddEventComment, DeleteEventComment, RsvpEvent, ShareEventEmail,
};
use crate::events::model::{EventComment, EventDetail, EventStatus, RsvpStatus, COMMENT_MAX};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton};
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn EventPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let rsvp = ServerAction::<RsvpEvent>::new();
    let comment = ServerAction::<AddEventComment>::new();
    let delete = ServerAction::<DeleteEventComment>::new();
    let session = use_session();
    session.refresh_after(rsvp);
    let event = Resource::new(move || (id(), rsvp.version().get(), comment.version().get()), |(id, ..)| get_event(id));
    let comments = Resource::new(
        move || (id(), comment.version().get(), delete.version().get()),
        |(id, ..)| get_event_comments(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || event.get().map(|r| match r {
                Ok(e) => view! { <EventView e rsvp comment delete comments/> }.into_any(),
                Err(e) => view! { <Title text="Event · Kindred"/><ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn EventView(
    e: EventDetail,
    rsvp: ServerAction<RsvpEvent>,
    comment: ServerAction<AddEventComment>,
    delete: ServerAction<DeleteEventComment>,
    comments: Resource<Result<Vec<EventComment>, crate::error::AppError>>,
) -> impl IntoView {
    let id = e.event_id.to_string();
    let cancelled = e.status == EventStatus::Cancelled;
    let map_link = e
        .latitude
        .zip(e.longitude)
        .map(|(lat, lon)| format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"));
    let place = [e.venue.as_str(), e.address.as_str(), e.city.as_str(), e.country.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let seats = match e.capacity {
        Some(cap) => format!("{} of {cap} going", e.going_count),
        None => format!("{} going", e.going_count),
    };
    let price = match (e.price_text.is_empty(), e.currency.is_empty()) {
        (true, _) => None,
        (false, true) => Some(e.price_text.clone()),
        (false, false) => Some(format!("{} {}", e.price_text, e.currency)),
    };
    view! {
        <Title text=format!("{} · Kindred", e.title)/>
        <article class="page event-page">
            <header class="event-header">
                <p class="event-meta">
                    <span class="badge">{e.event_type.label()}</span>
                    {(e.status == EventStatus::Draft).then(|| view! { <span class="badge">"Draft"</span> })}
                    {e.series_id.is_some().then(|| view! { <span class="badge">"Repeats"</span> })}
                </p>
                <h1>{e.title.clone()}</h1>
                {cancelled.then(|| view! {
                    <p class="alert alert-error" role="status">"This event was cancelled."</p>
                })}
            </header>
            <dl class="facts">
                <dt>"When"</dt>
                <dd>
                    <time datetime=e.starts_at_iso.clone()>{e.when.clone()}</time>
                    <span class="muted">{format!(" — {}", e.viewer_zone)}</span>
                    {e.when_event_zone.clone().map(|w| view! {
                        <br/><span class="muted">{format!("Local time: {w} — {}", e.time_zone)}</span>
                    })}
                </dd>
                <dt>"Where"</dt>
                <dd>
                    {if e.is_online {
                        match e.meeting_url.clone() {
                            Some(url) => view! { "Online — " <a href=url.clone() rel="noopener noreferrer" target="_blank">"Join the meeting"</a> }.into_any(),
                            None => view! { "Online — the link is shown to people going." }.into_any(),
                        }
                    } else {
                        view! {
                            {place.clone()}
                            {map_link.clone().map(|href| view! { " · " <a href=href rel="noopener noreferrer" target="_blank">"Open in a map"</a> })}
                        }.into_any()
                    }}
                </dd>
                {price.map(|p| view! { <dt>"Price"</dt><dd>{p}</dd> })}
                {(!e.ticket_url.is_empty()).then(|| view! {
                    <dt>"Tickets"</dt>
                    <dd><a href=e.ticket_url.clone() rel="noopener noreferrer nofollow" target="_blank">"Buy tickets"</a></dd>
                })}
                <dt>"Organiser"</dt>
                <dd>
                    <a href=format!("/members/{}", e.organizer.username)>{e.organizer.display_name.clone()}</a>
                    {e.co_organizers.iter().map(|m| view! {
                        ", " <a href=format!("/members/{}", m.username)>{m.display_name.clone()}</a>
                    }).collect_view()}
                </dd>
                {e.community.clone().map(|c| view! {
                    <dt>"Community"</dt>
                    <dd><a href=format!("/c/{}", c.slug)>{c.name}</a></dd>
                })}
                {e.technique.clone().map(|t| view! {
                    <dt>"Practises"</dt>
                    <dd><a href=format!("/practice/t/{}", t.slug)>{t.name}</a>{format!(" · {}", t.category)}</dd>
                })}
                <dt>"People"</dt>
                <dd>
                    {seats}
                    {(e.waitlist_count > 0).then(|| format!(" · {} on the waitlist", e.waitlist_count))}
                    {(e.interested_count > 0).then(|| format!(" · {} interested", e.interested_count))}
                </dd>
            </dl>
            {(!e.tags.is_empty()).then(|| view! {
                <p class="tags">{e.tags.iter().map(|t| view! { <span class="badge">{format!("#{t}")}</span>" " }).collect_view()}</p>
            })}

            <RsvpBox e=e.clone() rsvp/>
            {(e.technique.is_some() && e.ended && e.status == EventStatus::Published
                && (e.is_organizer || e.my_rsvp == Some(RsvpStatus::Going))).then(|| view! {
                <p class="callout">
                    "You practised together. "
                    <a href="/practice/together">"Log it in your practice"</a>
                    " — one click, as a group session (or teaching, if you led it)."
                </p>
            })}

            <div class="button-row">
                <a class="button" href=format!("/events/{id}/event.ics") download="event.ics">"Add to calendar (.ics)"</a>
                {e.is_organizer.then(|| view! {
                    <a class="button" href=format!("/events/{id}/edit")>"Edit event"</a>
                    <a class="button" href=format!("/events/{id}/attendees")>"Attendees"</a>
                })}
            </div>

            {(!e.description_html.is_empty()).then(|| view! {
                <section class="event-description" aria-label="About this event">
                    <div class="post-body" inner_html=e.description_html.clone()></div>
                </section>
            })}

            {(!e.attendees.is_empty()).then(|| view! {
                <section aria-labelledby="going-heading">
                    <h2 id="going-heading">"Going"</h2>
                    <ul class="attendee-chips">
                        {e.attendees.iter().map(|m| view! {
                            <li><a href=format!("/members/{}", m.username)>{m.display_name.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}

            {(!e.occurrences.is_empty()).then(|| view! {
                <section aria-labelledby="dates-heading">
                    <h2 id="dates-heading">"Other dates"</h2>
                    <ul class="occurrences">
                        {e.occurrences.iter().map(|o| view! {
                            <li>
                                <a href=format!("/events/{}", o.event_id)>{o.when.clone()}</a>
                                {(o.status == EventStatus::Cancelled).then(|| view! { " " <span class="badge badge-danger">"Cancelled"</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}

            <Discussion id=id.clone() signed_in=e.signed_in comment delete comments/>
        </article>
    }
}

/// Whether the organisers may see the member's email (in the attendee list and its CSV).
#[component]
fn ShareEmail(event_id: String, shared: bool) -> impl IntoView {
    let action = ServerAction::<ShareEventEmail>::new();
    let error = action_error(action);
    let (now, set_now) = signal(shared);
    let (wanted, set_wanted) = signal(shared);
    Effect::new(move || {
        if let Some(Ok(())) = action.value().get() {
            set_now.set(wanted.get_untracked());
        }
    });
    view! {
        <ActionForm action attr:class="share-email">
            <FormAlert error/>
            <input type="hidden" name="id" value=event_id/>
            <label class="check">
                <input type="checkbox" name="share" value="on" checked=shared
                    on:change=move |ev| set_wanted.set(event_target_checked(&ev))/>
                " Share my email with the organisers"
            </label>
            <p class="hint" role="status">{move || if now.get() {
                "The organisers can see your email in their attendee list."
            } else {
                "The organisers see your name only."
            }}</p>
            <button type="submit" class="button button-quiet" disabled=move || action.pending().get()>"Save"</button>
        </ActionForm>
    }
}

#[component]
fn RsvpBox(e: EventDetail, rsvp: ServerAction<RsvpEvent>) -> impl IntoView {
    let error = action_error(rsvp);
    let id = e.event_id.to_string();
    if !e.signed_in {
        return view! {
            <section class="card rsvp" aria-label="Your answer">
                <p><a href=format!("/login?next=/events/{id}")>"Log in"</a>" to say you're going."</p>
            </section>
        }
        .into_any();
    }
    if e.status == EventStatus::Cancelled || e.started {
        let text = if e.status == EventStatus::Cancelled {
            "Answers are closed: the event was cancelled."
        } else {
            "Answers are closed: the event has started."
        };
        return view! { <section class="card rsvp" aria-label="Your answer"><p>{text}</p></section> }.into_any();
    }
    if e.status == EventStatus::Draft {
        return view! { <section class="card rsvp" aria-label="Your answer"><p>"Publish the event to open answers."</p></section> }.into_any();
    }
    let current = match (e.my_rsvp, e.waitlist_position) {
        (Some(RsvpStatus::Waitlisted), Some(p)) => format!("The event is full. You're number {p} on the waitlist."),
        (Some(RsvpStatus::Going), _) => "You're going.".to_string(),
        (Some(RsvpStatus::Interested), _) => "You're interested.".to_string(),
        (Some(RsvpStatus::NotGoing), _) => "You're not going.".to_string(),
        _ => "You haven't answered yet.".to_string(),
    };
    let full = e.capacity.is_some_and(|c| e.going_count >= c);
    let going_label = if full && !matches!(e.my_rsvp, Some(RsvpStatus::Going | RsvpStatus::Waitlisted)) {
        "Join the waitlist"
    } else {
        "Going"
    };
    let choices = [("going", going_label), ("interested", "Interested"), ("not_going", "Not going")];
    let mine = e.my_rsvp.map(|s| if s == RsvpStatus::Waitlisted { "going" } else { s.key() });
    let share_id = id.clone();
    view! {
        <section class="card rsvp" aria-labelledby="rsvp-heading">
            <h2 id="rsvp-heading">"Your answer"</h2>
            <p class="rsvp-status" role="status">{current}</p>
            <FormAlert error/>
            <div class="button-row">
                {choices.into_iter().map(|(key, label)| {
                    let pressed = mine == Some(key);
                    let id = id.clone();
                    view! {
                        <ActionForm action=rsvp attr:class="inline-form">
                            <input type="hidden" name="id" value=id/>
                            <input type="hidden" name="status" value=key/>
                            <button type="submit" class="button" class:button-primary=pressed aria-pressed=if pressed { "true" } else { "false" } disabled=move || rsvp.pending().get()>{label}</button>
                        </ActionForm>
                    }
                }).collect_view()}
                {e.my_rsvp.is_some().then(|| view! {
                    <ActionForm action=rsvp attr:class="inline-form">
                        <input type="hidden" name="id" value=id.clone()/>
                        <input type="hidden" name="status" value="withdraw"/>
                        <button type="submit" class="button button-quiet" disabled=move || rsvp.pending().get()>"Withdraw my answer"</button>
                    </ActionForm>
                })}
            </div>
            {e.my_rsvp.is_some().then(|| view! { <ShareEmail event_id=share_id shared=e.shares_email/> })}
        </section>
    }
    .into_any()
}

#[component]
fn Discussion(
    id: String,
    signed_in: bool,
    comment: ServerAction<AddEventComment>,
    delete: ServerAction<DeleteEventComment>,
    comments: Resource<Result<Vec<EventComment>, crate::error::AppError>>,
) -> impl IntoView {
    let error = action_error(comment);
    let body_error = Signal::derive(move || error.get().and_then(|e| e.for_field("body")));
    view! {
        <section class="comments" id="discussion" aria-labelledby="discussion-heading">
            <h2 id="discussion-heading">"Discussion"</h2>
            <Suspense fallback=Loading>
                {move || comments.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p class="muted">"No comments yet. Ask a question or say hello."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="comment-list">
                            {list.into_iter().map(|c| view! {
                                <li class="comment">
                                    <p class="comment-meta">
                                        <a href=format!("/members/{}", c.author.username)>{c.author.display_name.clone()}</a>
                                        <span class="muted">{format!(" · {}", c.when)}</span>
                                    </p>
                                    <p class="comment-body">{c.body.clone()}</p>
                                    {c.can_delete.then(|| view! {
                                        <ActionForm action=delete attr:class="inline-form">
                                            <input type="hidden" name="id" value=c.comment_id.to_string()/>
                                            <button type="submit" class="button button-quiet">"Delete comment"</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p class="alert alert-error" role="alert">{e.to_string()}</p> }.into_any(),
                })}
            </Suspense>
            {if signed_in {
                view! {
                    <ActionForm action=comment attr:class="form comment-form" attr:novalidate=true>
                        <FormAlert error/>
                        <input type="hidden" name="id" value=id.clone()/>
                        <div class="field">
                            <label for="f-event-comment">"Add to the discussion"</label>
                            <textarea id="f-event-comment" name="body" rows="3" maxlength=COMMENT_MAX as u32 required=true></textarea>
                            <FieldMessage id="f-event-comment-error" message=body_error/>
                        </div>
                        <SubmitButton label="Post comment" busy_label="Posting…" pending=comment.pending()/>
                    </ActionForm>
                }.into_any()
            } else {
                view! { <p><a href=format!("/login?next=/events/{id}")>"Log in"</a>" to join the discussion."</p> }.into_any()
            }}
        </section>
    }
}

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

use crate::communities::model::CommunityTag;
use crate::error::AppError;
use crate::events::api::{
    get_event_editor, get_new_event_form, AddCoOrganizer, CancelEvent, CreateEvent, RemoveCoOrganizer, UpdateEvent,
};
use crate::events::model::{
    EventEditor, EventForm, EventStatus, EventType, TechniqueChoice, DESCRIPTION_MAX, MAX_OCCURRENCES, TITLE_MAX,
};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, FormSuccess, SubmitButton, TextField};
use crate::ui::status::{ErrorView, Loading};

/// Zones offered as suggestions; any IANA name is accepted.
const ZONES: [&str; 32] = [
    "UTC",
    "Europe/London",
    "Europe/Lisbon",
    "Europe/Madrid",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Rome",
    "Europe/Vienna",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Africa/Cairo",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/Argentina/Buenos_Aires",
    "America/Montevideo",
    "America/Sao_Paulo",
    "America/Santiago",
    "America/Bogota",
    "America/Mexico_City",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
];

#[component]
pub fn NewEventPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let defaults = Resource::new(move || query.read().get("community"), get_new_event_form);
    view! {
        <Title text="New event · Kindred"/>
        <section class="page narrow-wide">
            <h1>"New event"</h1>
            <Suspense fallback=Loading>
                {move || defaults.get().map(|r| match r {
                    Ok(new) => view! { <CreateForm form=new.form communities=new.communities techniques=new.techniques/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/events/new"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CreateForm(form: EventForm, communities: Vec<CommunityTag>, techniques: Vec<TechniqueChoice>) -> impl IntoView {
    let action = ServerAction::<CreateEvent>::new();
    let error = action_error(action);
    view! {
        <ActionForm action attr:class="form event-form" attr:novalidate=true>
            <FormAlert error/>
            <EventFields form=form.clone() communities techniques error/>
            <RecurrenceFields form error/>
            <div class="form-footer">
                <SubmitButton label="Create event" busy_label="Creating…" pending=action.pending()/>
            </div>
        </ActionForm>
    }
}

#[component]
pub fn EditEventPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let cancel = ServerAction::<CancelEvent>::new();
    let add = ServerAction::<AddCoOrganizer>::new();
    let remove = ServerAction::<RemoveCoOrganizer>::new();
    let editor = Resource::new(
        move || (id(), cancel.version().get(), add.version().get(), remove.version().get()),
        |(id, ..)| get_event_editor(id),
    );
    view! {
        <Title text="Edit event · Kindred"/>
        <section class="page narrow-wide">
            <h1>"Edit event"</h1>
            <Suspense fallback=Loading>
                {move || editor.get().map(|r| match r {
                    Ok(ed) => view! { <EditForms ed cancel add remove/> }.into_any(),
                    Err(AppError::Unauthorized) => {
                        let path = format!("/login?next=/events/{}/edit", id());
                        view! { <Redirect path/> }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn EditForms(
    ed: EventEditor,
    cancel: ServerAction<CancelEvent>,
    add: ServerAction<AddCoOrganizer>,
    remove: ServerAction<RemoveCoOrganizer>,
) -> impl IntoView {
    let update = ServerAction::<UpdateEvent>::new();
    let error = action_error(update);
    let cancel_error = action_error(cancel);
    let add_error = action_error(add);
    let added =
        Signal::derive(move || add.value().get().and_then(|r| r.ok()).map(|_| "Co-organiser added.".to_string()));
    let id = ed.event_id.to_string();
    let (id_remove, id_add, id_cancel) = (id.clone(), id.clone(), id.clone());
    let cancelled = ed.status == EventStatus::Cancelled;
    let recurring = ed.recurring;
    view! {
        <p><a href=format!("/events/{id}")>"← Back to the event"</a></p>
        {cancelled.then(|| view! { <p class="alert alert-error" role="status">"This event is cancelled. Changes are still shown to people who answered."</p> })}
        <ActionForm action=update attr:class="form event-form" attr:novalidate=true>
            <FormAlert error/>
            <input type="hidden" name="id" value=id.clone()/>
            <EventFields form=ed.form.clone() communities=ed.communities.clone() techniques=ed.techniques.clone() error/>
            {recurring.then(|| view! { <ScopeChoice name="event[scope]" legend="Apply the changes to" error=error/> })}
            <div class="form-footer">
                <SubmitButton label="Save changes" busy_label="Saving…" pending=update.pending()/>
            </div>
        </ActionForm>

        <section class="card organiser-tools" aria-labelledby="co-heading">
            <h2 id="co-heading">"Co-organisers"</h2>
            <p class="muted">"Co-organisers can edit the event and see who is coming."</p>
            {if ed.co_organizers.is_empty() {
                view! { <p>"No co-organisers yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="member-list">
                        {ed.co_organizers.into_iter().map(|m| {
                            let id = id_remove.clone();
                            view! {
                                <li>
                                    <a href=format!("/members/{}", m.username)>{m.display_name.clone()}</a>
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="id" value=id/>
                                        <input type="hidden" name="username" value=m.username.clone()/>
                                        <button type="submit" class="button button-quiet">{format!("Remove {}", m.display_name)}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {ed.is_owner.then(|| {
                let id = id_add.clone();
                view! {
                    <ActionForm action=add attr:class="form" attr:novalidate=true>
                        <FormSuccess message=added/>
                        <input type="hidden" name="id" value=id/>
                        <TextField name="username" label="Add a co-organiser by username" maxlength=30 error=add_error/>
                        <SubmitButton label="Add co-organiser" busy_label="Adding…" pending=add.pending()/>
                    </ActionForm>
                }
            })}
        </section>

        {(!cancelled).then(|| view! {
            <section class="card danger-zone" aria-labelledby="cancel-heading">
                <h2 id="cancel-heading">"Cancel the event"</h2>
                <p>"Everyone who answered going, interested or waitlisted is told. The event stays visible, marked cancelled."</p>
                <ActionForm action=cancel attr:class="form">
                    <FormAlert error=cancel_error/>
                    <input type="hidden" name="id" value=id_cancel.clone()/>
                    {if recurring {
                        view! { <ScopeChoice name="scope" legend="Cancel" error=cancel_error/> }.into_any()
                    } else {
                        view! { <input type="hidden" name="scope" value="one"/> }.into_any()
                    }}
                    <button type="submit" class="button button-danger">"Cancel event"</button>
                </ActionForm>
            </section>
        })}
    }
}

#[component]
fn ScopeChoice(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = Signal::derive(move || error.get().and_then(|e| e.for_field("scope")));
    let base = name.replace(['[', ']'], "-");
    view! {
        <fieldset class="field choice">
            <legend>{legend}</legend>
            <label class="choice-option" for=format!("{base}one")>
                <input type="radio" id=format!("{base}one") name=name.clone() value="one" checked=true/>
                " Only this date"
            </label>
            <label class="choice-option" for=format!("{base}following")>
                <input type="radio" id=format!("{base}following") name=name.clone() value="following"/>
                " This and all following dates"
            </label>
            <FieldMessage id=format!("{base}error") message/>
        </fieldset>
    }
}

/// The event's own fields, prefilled from `form` (what was stored, or what was typed).
#[component]
fn EventFields(
    form: EventForm,
    communities: Vec<CommunityTag>,
    techniques: Vec<TechniqueChoice>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let field_error = move |key: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(key)));
    let online = form.mode == "online";
    let t = form.event_type.clone();
    let draft = form.status == "draft";
    view! {
        <TextField name="event[title]" error_key="title" label="Title" value=form.title.clone() required=true maxlength=TITLE_MAX as u32 error/>
        <div class="field">
            <label for="f-event-type">"Type"</label>
            <select id="f-event-type" name="event[event_type]" required=true>
                <option value="" selected=t.is_empty() disabled=true>"Choose a type"</option>
                {EventType::ALL.into_iter().map(|et| view! {
                    <option value=et.key() selected=t == et.key()>{et.label()}</option>
                }).collect_view()}
            </select>
            <FieldMessage id="f-event-type-error" message=field_error("event_type")/>
        </div>
        {(!communities.is_empty()).then(|| {
            let chosen = form.community.clone();
            view! {
                <div class="field">
                    <label for="f-event-community">"Community"</label>
                    <select id="f-event-community" name="event[community]" aria-describedby="f-event-community-hint f-event-community-error">
                        <option value="" selected=chosen.is_empty()>"None — a personal event"</option>
                        {communities.into_iter().map(|c| {
                            let selected = c.slug == chosen;
                            view! { <option value=c.slug.clone() selected=selected>{c.name}</option> }
                        }).collect_view()}
                    </select>
                    <p class="hint" id="f-event-community-hint">"Listed on the community's page. Events of a private community are shown to its members only."</p>
                    <FieldMessage id="f-event-community-error" message=field_error("community")/>
                </div>
            }
        })}
        {(!techniques.is_empty()).then(|| {
            let chosen = form.technique.clone();
            view! {
                <div class="field">
                    <label for="f-event-technique">"Technique practised"</label>
                    <select id="f-event-technique" name="event[technique]" aria-describedby="f-event-technique-hint f-event-technique-error">
                        <option value="" selected=chosen.is_empty()>"None"</option>
                        {techniques.into_iter().map(|t| {
                            let selected = t.slug == chosen;
                            view! { <option value=t.slug.clone() selected=selected>{format!("{} · {}", t.name, t.category)}</option> }
                        }).collect_view()}
                    </select>
                    <p class="hint" id="f-event-technique-hint">"For group practice, classes, workshops and mentor sessions: afterwards, the people who went log it in their practice in one click."</p>
                    <FieldMessage id="f-event-technique-error" message=field_error("technique")/>
                </div>
            }
        })}
        <div class="field">
            <label for="f-event-description">"Description"</label>
            <textarea id="f-event-description" name="event[description]" rows="6" maxlength=DESCRIPTION_MAX as u32 aria-describedby="f-event-description-hint">{form.description.clone()}</textarea>
            <p class="hint" id="f-event-description-hint">"Markdown works: **bold**, lists, links."</p>
            <FieldMessage id="f-event-description-error" message=field_error("description")/>
        </div>
        <div class="field-row">
            <TextField name="event[starts_local]" error_key="starts_local" label="Starts" kind="datetime-local" value=form.starts_local.clone() required=true error/>
            <TextField name="event[ends_local]" error_key="ends_local" label="Ends" kind="datetime-local" value=form.ends_local.clone() required=true error/>
        </div>
        <div class="field">
            <label for="f-event-time-zone">"Time zone"</label>
            <input id="f-event-time-zone" name="event[time_zone]" value=form.time_zone.clone() list="tz-list" maxlength="64" required=true aria-describedby="f-event-time-zone-hint"/>
            <datalist id="tz-list">
                {ZONES.iter().map(|z| view! { <option value=*z></option> }).collect_view()}
            </datalist>
            <p class="hint" id="f-event-time-zone-hint">"Where the event happens, e.g. Europe/Berlin. Start and end are in this zone."</p>
            <FieldMessage id="f-event-time-zone-error" message=field_error("time_zone")/>
        </div>
        <fieldset class="field choice">
            <legend>"Where"</legend>
            <label class="choice-option" for="f-mode-in-person">
                <input type="radio" id="f-mode-in-person" name="event[mode]" value="in_person" checked=!online/>
                " In person"
            </label>
            <label class="choice-option" for="f-mode-online">
                <input type="radio" id="f-mode-online" name="event[mode]" value="online" checked=online/>
                " Online"
            </label>
            <FieldMessage id="f-mode-error" message=field_error("mode")/>
        </fieldset>
        <div class="field-row">
            <TextField name="event[venue]" error_key="venue" label="Venue" value=form.venue.clone() maxlength=120 error/>
            <TextField name="event[address]" error_key="address" label="Address" value=form.address.clone() maxlength=200 autocomplete="street-address" error/>
        </div>
        <div class="field-row">
            <TextField name="event[city]" error_key="city" label="City" value=form.city.clone() maxlength=80 autocomplete="address-level2" error/>
            <TextField name="event[country]" error_key="country" label="Country" value=form.country.clone() maxlength=60 autocomplete="country-name" error/>
        </div>
        <div class="field-row">
            <TextField name="event[latitude]" error_key="latitude" label="Latitude" value=form.latitude.clone() hint="Optional, for distance search and the map link." error/>
            <TextField name="event[longitude]" error_key="longitude" label="Longitude" value=form.longitude.clone() error/>
        </div>
        <TextField name="event[meeting_url]" error_key="meeting_url" label="Meeting link (online events)" kind="url" value=form.meeting_url.clone() maxlength=500 hint="Shown only to people going." error/>
        <div class="field-row">
            <TextField name="event[price_text]" error_key="price_text" label="Price" value=form.price_text.clone() maxlength=60 hint="e.g. 12 or Free" error/>
            <TextField name="event[currency]" error_key="currency" label="Currency" value=form.currency.clone() maxlength=3 hint="Three letters, e.g. EUR" error/>
        </div>
        <TextField name="event[ticket_url]" error_key="ticket_url" label="Ticket link" kind="url" value=form.ticket_url.clone() maxlength=500 error/>
        <TextField name="event[capacity]" error_key="capacity" label="Capacity" kind="number" value=form.capacity.clone() hint="Leave empty for no limit. When full, people join a waitlist." error/>
        <TextField name="event[tags]" error_key="tags" label="Tags" value=form.tags.clone() maxlength=400 hint="Separate with commas, e.g. tango, beginners" error/>
        <div class="field">
            <label for="f-event-status">"Visibility"</label>
            <select id="f-event-status" name="event[status]">
                <option value="published" selected=!draft>"Published — everyone can see it"</option>
                <option value="draft" selected=draft>"Draft — only organisers see it"</option>
            </select>
            <FieldMessage id="f-event-status-error" message=field_error("status")/>
        </div>
    }
}

#[component]
fn RecurrenceFields(form: EventForm, #[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let field_error = move |key: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(key)));
    let repeat = form.repeat.clone();
    let days = form.weekday_keys();
    let by_day = form.monthly_by == "month_day";
    let until = form.repeat_end == "until";
    const DAYS: [(&str, &str); 7] = [
        ("mon", "Mon"),
        ("tue", "Tue"),
        ("wed", "Wed"),
        ("thu", "Thu"),
        ("fri", "Fri"),
        ("sat", "Sat"),
        ("sun", "Sun"),
    ];
    view! {
        <fieldset class="field recurrence">
            <legend>"Repeat"</legend>
            <div class="field">
                <label for="f-repeat">"Repeats"</label>
                <select id="f-repeat" name="event[repeat]">
                    <option value="none" selected=repeat.is_empty() || repeat == "none">"Does not repeat"</option>
                    <option value="weekly" selected=repeat == "weekly">"Weekly"</option>
                    <option value="monthly" selected=repeat == "monthly">"Monthly"</option>
                </select>
                <FieldMessage id="f-repeat-error" message=field_error("repeat")/>
            </div>
            <fieldset class="field weekdays">
                <legend>"Weekly on"</legend>
                {DAYS.iter().map(|(key, label)| {
                    let id = format!("f-wd-{key}");
                    let label_for = id.clone();
                    view! {
                        <label class="choice-option" for=label_for>
                            <input type="checkbox" id=id name=format!("event[wd_{key}]") value="on" checked=days.contains(key)/>
                            " "{*label}
                        </label>
                    }
                }).collect_view()}
                <p class="hint">"The start date's weekday is always included."</p>
            </fieldset>
            <fieldset class="field choice">
                <legend>"Monthly on"</legend>
                <label class="choice-option" for="f-monthly-nth">
                    <input type="radio" id="f-monthly-nth" name="event[monthly_by]" value="nth_weekday" checked=!by_day/>
                    " The same weekday (e.g. the second Friday)"
                </label>
                <label class="choice-option" for="f-monthly-day">
                    <input type="radio" id="f-monthly-day" name="event[monthly_by]" value="month_day" checked=by_day/>
                    " The same day of the month"
                </label>
            </fieldset>
            <fieldset class="field choice">
                <legend>"Ends"</legend>
                <label class="choice-option" for="f-end-count">
                    <input type="radio" id="f-end-count" name="event[repeat_end]" value="count" checked=!until/>
                    " After a number of times"
                </label>
                <label class="choice-option" for="f-end-until">
                    <input type="radio" id="f-end-until" name="event[repeat_end]" value="until" checked=until/>
                    " On a date"
                </label>
            </fieldset>
            <div class="field-row">
                <TextField name="event[repeat_count]" error_key="repeat_count" label="Number of times" kind="number" value=form.repeat_count.clone() hint=format!("2 to {MAX_OCCURRENCES}") error/>
                <TextField name="event[repeat_until]" error_key="repeat_until" label="Last date" kind="date" value=form.repeat_until.clone() error/>
            </div>
        </fieldset>
    }
}

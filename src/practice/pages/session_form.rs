use leptos::prelude::*;

use crate::practice::api::SaveSession;
use crate::practice::model::{Feedback, Saved, SessionKind, NOTES_MAX};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton};

/// Where a session's time comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionTime {
    /// The timer: its start (RFC 3339) and the seconds practised.
    Timer { started_at: String, seconds: i64 },
    /// Typed by hand: a local start and minutes (the typical duration as a default).
    Manual { minutes: i32 },
}

/// The form that saves a session (and, when ticked, today's check-in). A plain POST form: it
/// works before hydration and without JavaScript.
#[component]
pub fn SessionFormView(
    #[prop(into)] slug: String,
    time: SessionTime,
    checked_in_today: bool,
    #[prop(into)] time_zone: String,
    /// Told when the session was saved (the timer clears itself).
    #[prop(optional)]
    on_saved: Option<Callback<()>>,
) -> impl IntoView {
    let action = ServerAction::<SaveSession>::new();
    let error = action_error(action);
    let field = move |k: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(k)));
    let saved = Signal::derive(move || action.value().get().and_then(|r| r.ok()));
    if let Some(cb) = on_saved {
        Effect::new(move |_| {
            if saved.get().is_some() {
                cb.run(());
            }
        });
    }
    let prefix = match &time {
        SessionTime::Timer { .. } => "timer",
        SessionTime::Manual { .. } => "log",
    };
    let id = move |name: &str| format!("f-{prefix}-{name}");
    let invalid = move |k: &'static str| move || field(k).get().is_some().then_some("true");
    view! {
        {move || saved.get().map(|s| view! { <SavedNote saved=s/> })}
        <ActionForm action attr:class="form session-form" attr:novalidate=true attr:aria-label=if prefix == "timer" { "Save this session" } else { "Log a session" }>
            <FormAlert error/>
            <input type="hidden" name="session[technique]" value=slug/>
            <FieldMessage id=id("technique-error") message=field("technique")/>
            {match time {
                SessionTime::Timer { started_at, seconds } => view! {
                    <input type="hidden" name="session[started_at]" value=started_at/>
                    <input type="hidden" name="session[seconds]" value=seconds.to_string()/>
                    <p class="timer-result">{format!("You practised {} min {} s.", seconds / 60, seconds % 60)}</p>
                    <FieldMessage id=id("start-error") message=field("start")/>
                    <FieldMessage id=id("duration-error") message=field("duration")/>
                }.into_any(),
                SessionTime::Manual { minutes } => view! {
                    <div class="field-row">
                        <div class="field" class:field-invalid=move || field("start").get().is_some()>
                            <label for=id("start")>"Started at"</label>
                            <input id=id("start") name="session[start_local]" type="datetime-local" required=true
                                aria-invalid=invalid("start") aria-describedby=id("start-hint")/>
                            <p class="hint" id=id("start-hint")>{format!("Your time ({time_zone}); up to 30 days back.")}</p>
                            <FieldMessage id=id("start-error") message=field("start")/>
                        </div>
                        <div class="field" class:field-invalid=move || field("duration").get().is_some()>
                            <label for=id("minutes")>"Minutes"</label>
                            <input id=id("minutes") name="session[minutes]" type="number" min="1" max="240" required=true
                                value=minutes.to_string() aria-invalid=invalid("duration")/>
                            <FieldMessage id=id("duration-error") message=field("duration")/>
                        </div>
                    </div>
                }.into_any(),
            }}
            <fieldset class="choices">
                <legend>"How did it go?"</legend>
                {Feedback::ALL.into_iter().map(|f| view! {
                    <label class="choice"><input type="radio" name="session[feedback]" value=f.key()/>{format!(" {}", f.label())}</label>
                }).collect_view()}
                <FieldMessage id=id("feedback-error") message=field("feedback")/>
            </fieldset>
            <div class="field">
                <label for=id("kind")>"How did you practise?"</label>
                <select id=id("kind") name="session[kind]">
                    {SessionKind::ALL.into_iter().map(|k| view! { <option value=k.key()>{k.label()}</option> }).collect_view()}
                </select>
                <FieldMessage id=id("kind-error") message=field("kind")/>
            </div>
            <div class="field" class:field-invalid=move || field("notes").get().is_some()>
                <label for=id("notes")>"Notes (only you see them)"</label>
                <textarea id=id("notes") name="session[notes]" rows="2" maxlength=NOTES_MAX as u32></textarea>
                <FieldMessage id=id("notes-error") message=field("notes")/>
            </div>
            <fieldset class="check-in-fields">
                <legend>"Today's check-in"</legend>
                {if checked_in_today {
                    view! { <p class="hint">"You have checked in today. ✓"</p> }.into_any()
                } else {
                    view! {
                        <label class="check"><input type="checkbox" name="session[check_in]" value="on" checked=true/>" Count this as today's check-in"</label>
                        <FieldMessage id=id("check-in-error") message=field("check_in")/>
                        <div class="field-row">
                            <div class="field" class:field-invalid=move || field("mood_before").get().is_some()>
                                <label for=id("mood-before")>"Mood before (1–10)"</label>
                                <input id=id("mood-before") name="session[mood_before]" type="number" min="1" max="10" inputmode="numeric" aria-invalid=invalid("mood_before")/>
                                <FieldMessage id=id("mood-before-error") message=field("mood_before")/>
                            </div>
                            <div class="field" class:field-invalid=move || field("mood_after").get().is_some()>
                                <label for=id("mood-after")>"Mood after (1–10)"</label>
                                <input id=id("mood-after") name="session[mood_after]" type="number" min="1" max="10" inputmode="numeric" aria-invalid=invalid("mood_after")/>
                                <FieldMessage id=id("mood-after-error") message=field("mood_after")/>
                            </div>
                        </div>
                    }.into_any()
                }}
            </fieldset>
            <SubmitButton label="Save session" busy_label="Saving…" pending=action.pending()/>
        </ActionForm>
    }
}

/// What a saved session (or check-in) brought.
#[component]
pub fn SavedNote(saved: Saved) -> impl IntoView {
    let mut lines = Vec::new();
    if saved.session_id.is_some() {
        let mut xp = format!("Saved: +{} XP in {} (level {})", saved.xp, saved.category, saved.level);
        if saved.capped {
            xp.push_str(" — today's XP for this category is capped, the practice still counts");
        }
        lines.push(xp);
        if saved.levelled_up {
            lines.push(format!("You reached level {} in {}!", saved.level, saved.category));
        }
    }
    if saved.checked_in {
        lines.push(format!("Checked in: a {}-day streak.", saved.streak));
    }
    if saved.freeze_earned {
        lines.push("You earned a streak freeze: a missed day won't break your streak.".into());
    }
    for t in &saved.unlocked {
        lines.push(format!("Unlocked: {t}"));
    }
    for a in &saved.achievements {
        lines.push(format!("Achievement earned: {a}"));
    }
    view! {
        <div class="alert alert-success saved-note" role="status">
            <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            <a href="/practice/me">"See my practice"</a>
        </div>
    }
}

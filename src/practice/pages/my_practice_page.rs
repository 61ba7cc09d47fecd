use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use super::charts::{MoodChart, WeeklyMinutesChart};
use super::check_in_form::CheckInFormView;
use crate::error::AppError;
use crate::practice::api::get_my_practice;
use crate::practice::model::{DayMark, MyPractice};
use crate::ui::status::{ErrorView, Loading};

/// My practice: streak and freezes (with the last four weeks as a strip), today's check-in,
/// levels per category, minutes per week and moods as charts, and recent sessions.
#[component]
pub fn MyPracticePage() -> impl IntoView {
    let query = use_query_map();
    let version = RwSignal::new(0u32);
    let data = Resource::new(
        move || (query.read().get("older").unwrap_or_default(), version.get()),
        |(older, _)| get_my_practice(older),
    );
    view! {
        <Title text="My practice · Kindred"/>
        <section class="page narrow-wide my-practice">
            <div class="page-head">
                <h1>"My practice"</h1>
                <div class="actions">
                    <a class="button" href="/practice">"Library"</a>
                    <a class="button" href="/practice/achievements">"Achievements"</a>
                    <a class="button" href="/practice/buddies">"Buddies"</a>
                    <a class="button" href="/practice/together">"Practised together"</a>
                    <a class="button" href="/practice/referrals">"Invite friends"</a>
                </div>
            </div>
            <Suspense fallback=Loading>
                {move || data.get().map(|r| match r {
                    Ok(p) => view! { <Content p version/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/practice/me"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[component]
fn Content(p: MyPractice, version: RwSignal<u32>) -> impl IntoView {
    let reload = Callback::new(move |_| version.update(|n| *n += 1));
    let categories: Vec<_> = p.categories.iter().map(|c| c.category.clone()).collect();
    let s = p.streak.clone();
    let to_log = p.events_to_log;
    view! {
        {(to_log > 0).then(|| view! {
            <p class="callout">
                {if to_log == 1 { "An event you went to practised a technique together. ".to_string() } else { format!("{to_log} events you went to practised a technique together. ") }}
                <a href="/practice/together">"Log it in one click"</a>
            </p>
        })}
        <div class="card streak-card">
            <p class="streak-count"><strong>{plural(s.current as i64, "day", "days")}</strong>" check-in streak"</p>
            <p class="muted">{format!("Longest {} · {} held (one is earned every 7 days, at most 2; a missed day uses one)",
                plural(s.longest as i64, "day", "days"), plural(s.freezes as i64, "freeze", "freezes"))}</p>
            <ol class="day-strip" aria-label="The last four weeks">
                {p.days.iter().map(|(day, mark)| {
                    let (class, label) = match mark {
                        DayMark::CheckedIn => ("day checked", "checked in"),
                        DayMark::Frozen => ("day frozen", "kept by a freeze"),
                        DayMark::Missed => ("day missed", "no check-in"),
                        DayMark::Today => ("day today", "today, not yet"),
                    };
                    view! { <li class=class title=format!("{}: {label}", day.format("%a %e %b"))>
                        <span class="visually-hidden">{format!("{}: {label}", day.format("%a %e %b"))}</span></li> }
                }).collect_view()}
            </ol>
        </div>
        {if s.checked_in_today {
            view! { <p class="card hint">"You have checked in today. See you tomorrow."</p> }.into_any()
        } else {
            view! { <CheckInFormView techniques=p.techniques.clone() on_saved=reload/> }.into_any()
        }}
        <dl class="facts card">
            <dt>"Sessions"</dt><dd>{p.sessions}</dd>
            <dt>"Minutes"</dt><dd>{p.minutes}</dd>
            <dt>"Days practised"</dt><dd>{p.days_active}</dd>
            <dt>"Check-ins"</dt><dd>{p.check_ins}</dd>
            <dt>"Achievements"</dt><dd><a href="/practice/achievements">{format!("{} of {}", p.achievements_earned, p.achievements_total)}</a></dd>
        </dl>
        <h2>"Levels"</h2>
        <ul class="category-levels">
            {p.categories.iter().map(|c| {
                let span = (c.next_level_at - c.level_floor).max(1);
                let into = (c.xp - c.level_floor).clamp(0, span);
                let id = format!("level-{}", c.category.slug);
                view! {
                    <li style=format!("--category: {}", c.category.colour)>
                        <label for=id.clone()>{format!("{} · level {} · {} XP", c.category.name, c.level, c.xp)}</label>
                        <progress id=id max=span.to_string() value=into.to_string()>{format!("{into} of {span}")}</progress>
                    </li>
                }
            }).collect_view()}
        </ul>
        <h2>"Minutes per week"</h2>
        <WeeklyMinutesChart weeks=p.weeks.clone() categories/>
        <h2>"Mood before and after"</h2>
        {if p.moods.is_empty() {
            view! { <p class="empty-state">"Check in with your mood before and after practice to see it change here."</p> }.into_any()
        } else {
            view! { <MoodChart moods=p.moods.clone()/> }.into_any()
        }}
        <h2>"Recent sessions"</h2>
        {if p.recent.is_empty() {
            view! { <p class="empty-state">"No sessions yet. Choose a technique in the "<a href="/practice">"library"</a>" and start the timer."</p> }.into_any()
        } else {
            view! {
                <ul class="session-list">
                    {p.recent.iter().map(|s| view! {
                        <li class="card session-row" style=format!("--category: {}", s.category.colour)>
                            <a href=format!("/practice/t/{}", s.technique_slug)>{s.technique.clone()}</a>
                            <span class="muted">{format!(" · {} · {} min · {}{} · +{} XP",
                                s.local_day.format("%a %e %b"), s.minutes, s.kind.label(),
                                s.feedback.map(|f| format!(" · {}", f.label())).unwrap_or_default(), s.xp)}</span>
                            {(!s.notes.is_empty()).then(|| view! { <p class="session-notes">{s.notes.clone()}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
                {p.older.clone().map(|c| view! { <a class="button" href=format!("/practice/me?older={c}")>"Older sessions"</a> })}
            }.into_any()
        }}
        <p class="muted">{format!("Days are counted in your time zone, {}.", p.time_zone)}</p>
    }
}

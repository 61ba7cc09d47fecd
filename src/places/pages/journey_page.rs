use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::places::api::get_journey;
use crate::places::journey::{JourneyView, LEVELS};
use crate::ui::status::{ErrorView, Loading};
use leptos_router::components::Redirect;

/// Level, progress to the next level, streaks, milestones and rewards with their QR codes.
#[component]
pub fn JourneyPage() -> impl IntoView {
    let journey = Resource::new(|| (), |_| get_journey());
    view! {
        <Title text="My journey · Kindred"/>
        <section class="page narrow-wide">
            <h1>"My journey"</h1>
            <Suspense fallback=Loading>
                {move || journey.get().map(|r| match r {
                    Ok(j) => view! { <JourneyContent journey=j/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/journey"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn JourneyContent(journey: JourneyView) -> impl IntoView {
    let j = journey;
    view! {
        <div class="card journey">
            <p class="journey-level">{format!("Level {} · {}", j.level, j.level_name)}</p>
            {j.next_level_name.clone().map(|next| view! {
                <label for="journey-progress">{format!("{} % of the way to level {} · {}", j.percent, j.level + 1, next)}</label>
                <progress id="journey-progress" max="100" value=j.percent>{format!("{} %", j.percent)}</progress>
                {(!j.still_needed.is_empty()).then(|| view! { <p class="hint">{format!("Still to do: {}.", j.still_needed.join(", "))}</p> })}
            })}
            <dl class="facts">
                <dt>"Current streak"</dt><dd>{format!("{} day{}", j.current_streak, if j.current_streak == 1 { "" } else { "s" })}</dd>
                <dt>"Longest streak"</dt><dd>{format!("{} day{}", j.longest_streak, if j.longest_streak == 1 { "" } else { "s" })}</dd>
                <dt>"Check-ins"</dt><dd>{j.check_ins}</dd>
                <dt>"Kinds of place"</dt><dd>{if j.kinds.is_empty() { "None yet".to_string() } else { j.kinds.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ") }}</dd>
                <dt>"Mentor sessions"</dt><dd>{j.mentor_sessions}</dd>
            </dl>
            {(j.check_ins == 0).then(|| view! { <p class="empty-state">"Check in at a " <a href="/places">"place"</a> " to start your journey."</p> })}
        </div>
        <h2>"Milestones"</h2>
        <ul class="milestones">
            {j.milestones.iter().map(|(label, done)| view! {
                <li class:done=*done>{if *done { "✓ " } else { "○ " }}{label.clone()}</li>
            }).collect_view()}
        </ul>
        <h2>"Rewards"</h2>
        {if j.rewards.is_empty() {
            view! { <p class="empty-state">"Rewards arrive with milestones: a free coffee at a 3-day streak, a gym day pass at 10 check-ins."</p> }.into_any()
        } else {
            view! {
                <ul class="rewards">
                    {j.rewards.into_iter().map(|r| {
                        let state = match (&r.redeemed, r.expired) {
                            (Some((place, at)), _) => format!("Redeemed at {place} on {}", at.format("%e %b %Y, %H:%M UTC")),
                            (None, true) => "Expired".to_string(),
                            (None, false) => match r.expires_at {
                                Some(e) => format!("Valid until {}", e.format("%e %b %Y")),
                                None => "Yours to keep".to_string(),
                            },
                        };
                        let usable = r.redeemed.is_none() && !r.expired && r.kind != crate::places::model::RewardKind::Badge;
                        view! {
                            <li class="card reward" class:used=!usable>
                                <h3>{r.title.clone()}</h3>
                                <p class="muted">{format!("For: {}", r.milestone)}{r.partner.clone().map(|p| format!(" · at {p}'s places"))}</p>
                                <p class="reward-state">{state}</p>
                                {usable.then(|| view! {
                                    <div class="qr" role="img" aria-label=format!("QR code for {}", r.code) inner_html=r.qr_svg.clone()></div>
                                })}
                                <p>"Code: "<code class="reward-code">{r.code.clone()}</code></p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <details class="card">
            <summary>"How levels work"</summary>
            <table class="hours">
                <thead><tr><th scope="col">"Level"</th><th scope="col">"Check-ins"</th><th scope="col">"Streak"</th><th scope="col">"Kinds of place"</th><th scope="col">"Mentor sessions"</th></tr></thead>
                <tbody>
                    {LEVELS.iter().map(|l| view! {
                        <tr><th scope="row">{format!("{} · {}", l.level, l.name)}</th><td>{l.check_ins}</td><td>{l.streak}</td><td>{l.kinds}</td><td>{l.mentor_sessions}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

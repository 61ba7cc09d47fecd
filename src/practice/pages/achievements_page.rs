use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::error::AppError;
use crate::practice::api::get_achievements;
use crate::practice::model::{AchievementView, Achievements};
use crate::ui::status::{ErrorView, Loading};

/// Achievements: earned ones with their dates, the rest with progress (hidden ones only once
/// earned).
#[component]
pub fn AchievementsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_achievements());
    view! {
        <Title text="Achievements · Kindred"/>
        <section class="page narrow-wide achievements-page">
            <div class="page-head">
                <h1>"Achievements"</h1>
                <div class="actions"><a class="button" href="/practice/me">"My practice"</a></div>
            </div>
            <Suspense fallback=Loading>
                {move || data.get().map(|r| match r {
                    Ok(a) => view! { <Content a/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/practice/achievements"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Content(a: Achievements) -> impl IntoView {
    view! {
        <p class="lead">{format!("{} earned · {} points", a.earned.len(), a.points)}</p>
        <h2>"Earned"</h2>
        {if a.earned.is_empty() {
            view! { <p class="empty-state">"None yet. Your first session earns the first one."</p> }.into_any()
        } else {
            view! { <ul class="achievement-list">{a.earned.into_iter().map(|x| view! { <Item a=x/> }).collect_view()}</ul> }.into_any()
        }}
        <h2>"On the way"</h2>
        <ul class="achievement-list">{a.in_progress.into_iter().map(|x| view! { <Item a=x/> }).collect_view()}</ul>
        {(a.hidden_left > 0).then(|| view! {
            <p class="muted">{format!("And {} hidden achievement{} to discover.", a.hidden_left, if a.hidden_left == 1 { "" } else { "s" })}</p>
        })}
    }
}

#[component]
fn Item(a: AchievementView) -> impl IntoView {
    let earned = a.earned_at.is_some();
    let id = format!("achievement-{}", a.slug);
    view! {
        <li class="card achievement" class:earned=earned
            style=a.category.as_ref().map(|c| format!("--category: {}", c.colour))>
            <h3>{a.name.clone()}<span class="muted">{format!(" · {} points", a.points)}</span></h3>
            <p>{a.description.clone()}</p>
            {match a.earned_at {
                Some(at) => view! { <p class="hint">{format!("Earned {}", at.format("%e %b %Y"))}</p> }.into_any(),
                None => view! {
                    <label for=id.clone() class="muted">{format!("{} of {}", a.progress, a.target)}</label>
                    <progress id=id max=a.target.to_string() value=a.progress.to_string()>{format!("{} of {}", a.progress, a.target)}</progress>
                }.into_any(),
            }}
        </li>
    }
}

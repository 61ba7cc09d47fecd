use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::practice::api::{get_challenge, get_challenges, JoinChallenge, LeaveChallenge};
use crate::practice::model::{ChallengeCard, ChallengeDetail, ChallengeList};
use crate::ui::forms::{action_error, ErrorLine};
use crate::ui::status::{ErrorView, Loading};

/// Challenges: running, upcoming and recently ended.
#[component]
pub fn ChallengesPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| get_challenges());
    view! {
        <Title text="Challenges · Practice · Kindred"/>
        <section class="page narrow-wide">
            <div class="page-head">
                <h1>"Challenges"</h1>
                <div class="actions"><a class="button" href="/practice">"Library"</a></div>
            </div>
            <Suspense fallback=Loading>
                {move || list.get().map(|r| match r {
                    Ok(l) => view! { <Lists l/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Lists(l: ChallengeList) -> impl IntoView {
    let section = |title: &'static str, empty: &'static str, items: Vec<ChallengeCard>| {
        view! {
            <h2>{title}</h2>
            {if items.is_empty() {
                view! { <p class="empty-state">{empty}</p> }.into_any()
            } else {
                view! { <ul class="technique-list">{items.into_iter().map(|c| view! { <Card c/> }).collect_view()}</ul> }.into_any()
            }}
        }
    };
    view! {
        {l.can_create.then(|| view! { <p><a class="button button-primary" href="/practice/challenges/new">"New challenge"</a></p> })}
        {section("Running now", "No challenge is running. Moderators and community organisers start them.", l.active)}
        {section("Coming up", "Nothing planned yet.", l.upcoming)}
        {(!l.past.is_empty()).then(|| section("Recently ended", "", l.past))}
    }
}

#[component]
fn Card(c: ChallengeCard) -> impl IntoView {
    view! {
        <li class="card technique-card">
            <p class="technique-category">{c.community.clone().map(|(_, n)| n).unwrap_or_else(|| "Everyone".to_string())}
                {c.joined.then(|| view! { <span class="badge">{if c.completed { "Completed" } else { "Joined" }}</span> })}</p>
            <h3 class="technique-name"><a href=format!("/practice/challenges/{}", c.challenge_id)>{c.title.clone()}</a></h3>
            <p>{c.goal.clone()}</p>
            <p class="muted">{format!("{} – {} · {} taking part{}", c.starts_on.format("%e %b"), c.ends_on.format("%e %b %Y"), c.participants,
                c.max_participants.map(|m| format!(" of {m}")).unwrap_or_default())}</p>
        </li>
    }
}

/// A challenge: its goal and dates, joining or leaving, the member's progress and the
/// participants' leaderboard.
#[component]
pub fn ChallengePage() -> impl IntoView {
    let params = use_params_map();
    let version = RwSignal::new(0u32);
    let data = Resource::new(
        move || (params.read().get("id").unwrap_or_default(), version.get()),
        |(id, _)| get_challenge(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || data.get().map(|r| match r {
                Ok(d) => view! { <Detail d version/> }.into_any(),
                Err(e) => view! { <Title text="Challenge · Kindred"/><section class="page narrow"><ErrorView error=e/></section> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Detail(d: ChallengeDetail, version: RwSignal<u32>) -> impl IntoView {
    let join = ServerAction::<JoinChallenge>::new();
    let leave = ServerAction::<LeaveChallenge>::new();
    for (v, ok) in [
        (join.version(), Signal::derive(move || join.value().get().is_some_and(|r| r.is_ok()))),
        (leave.version(), Signal::derive(move || leave.value().get().is_some_and(|r| r.is_ok()))),
    ] {
        Effect::new(move |prev: Option<usize>| {
            let now = v.get();
            // Reloaded after a success only: an error stays beside the form that caused it.
            if prev.is_some_and(|p| p != now) && ok.get_untracked() {
                version.update(|n| *n += 1);
            }
            now
        });
    }
    let join_error = action_error(join);
    let leave_error = action_error(leave);
    let id = d.card.challenge_id.to_string();
    let c = d.card.clone();
    let unit = d.unit.clone();
    view! {
        <Title text=format!("{} · Challenges · Kindred", c.title)/>
        <section class="page narrow-wide">
            <nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/practice/challenges">"Challenges"</a></nav>
            <h1>{c.title.clone()}</h1>
            <p class="lead">{c.goal.clone()}</p>
            <p class="muted">{format!("{} to {}", c.starts_on.format("%A %e %B"), c.ends_on.format("%A %e %B %Y"))}
                {c.community.clone().map(|(slug, name)| view! { " · in "<a href=format!("/c/{slug}")>{name}</a> })}
                {format!(" · {} taking part{}", c.participants, c.max_participants.map(|m| format!(" of {m}")).unwrap_or_default())}</p>
            {(!d.description.is_empty()).then(|| view! { <p>{d.description.clone()}</p> })}
            {d.reward.clone().map(|r| view! { <p>"Reward: "{r}</p> })}
            {match d.mine {
                Some((rank, progress, done)) => view! {
                    <div class="card my-rank">
                        <label for="challenge-progress">{format!("Your progress: {progress} of {} {unit} · number {rank}", d.target)}</label>
                        <progress id="challenge-progress" max=d.target.to_string() value=progress.min(d.target).to_string()></progress>
                        {done.map(|at| view! { <p class="hint">{format!("Completed on {} ✓", at.format("%e %b"))}</p> })}
                        {done.is_none().then(|| view! {
                            <ActionForm action=leave attr:class="inline-form">
                                <input type="hidden" name="id" value=id.clone()/>
                                <button type="submit" class="button button-quiet">"Leave the challenge"</button>
                            </ActionForm>
                        })}
                        <ErrorLine error=leave_error/>
                    </div>
                }.into_any(),
                None => view! {
                    {d.join_hint.clone().map(|h| view! { <p class="hint">{h}</p> })}
                    {d.can_join.then(|| view! {
                        <ActionForm action=join attr:class="inline-form">
                            <input type="hidden" name="id" value=id.clone()/>
                            <button type="submit" class="button button-primary">"Join the challenge"</button>
                        </ActionForm>
                        <p class="hint">"Your sessions between its dates count, those before you joined too. Taking part shows your progress to the other participants."</p>
                    })}
                    <ErrorLine error=join_error/>
                }.into_any(),
            }}
            <h2>"Leaderboard"</h2>
            {if d.board.is_empty() {
                view! { <p class="empty-state">"Nobody has joined yet."</p> }.into_any()
            } else {
                view! {
                    <table class="data-table leaderboard">
                        <thead><tr><th scope="col">"Rank"</th><th scope="col">"Member"</th><th scope="col">{d.unit.clone()}</th></tr></thead>
                        <tbody>
                            {d.board.into_iter().map(|r| view! {
                                <tr class:me=r.is_me>
                                    <td>{r.rank}</td>
                                    <th scope="row"><a href=format!("/practice/m/{}", r.username)>{r.display_name}</a>{r.completed.then_some(" ✓")}</th>
                                    <td>{r.progress}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

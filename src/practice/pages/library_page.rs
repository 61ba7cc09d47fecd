use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::dots;
use crate::practice::api::{get_library, ChoosePath};
use crate::practice::model::{Library, LibraryFilter, PathChoice, PracticePath, TechniqueCard};
use crate::ui::forms::{action_error, ErrorLine};
use crate::ui::status::{ErrorView, Loading};

/// The technique library: filters (a GET form, so they work without JavaScript), the member's
/// streak, and paths to start on for newcomers.
#[component]
pub fn LibraryPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        LibraryFilter { q: get("q"), category: get("category"), difficulty: get("difficulty"), status: get("status") }
    };
    // Choosing a path reloads the library (the chooser's forms use this action from context).
    let choose = ServerAction::<ChoosePath>::new();
    provide_context(choose);
    let library = Resource::new(move || (filter(), choose.version().get()), |(f, _)| get_library(f));
    view! {
        <Title text="Practice · Kindred"/>
        <section class="page practice-page">
            <div class="page-head">
                <h1>"Practice"</h1>
                <div class="actions">
                    <a class="button" href="/practice/me">"My practice"</a>
                    <a class="button" href="/practice/achievements">"Achievements"</a>
                    <a class="button" href="/practice/leaderboards">"Leaderboards"</a>
                    <a class="button" href="/practice/challenges">"Challenges"</a>
                    <a class="button" href="/practice/reviews">"Reviews"</a>
                </div>
            </div>
            <Suspense fallback=Loading>
                {move || library.get().map(|r| match r {
                    Ok(lib) => view! { <LibraryContent lib filter=filter()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn LibraryContent(lib: Library, filter: LibraryFilter) -> impl IntoView {
    let any_filter = !(filter.q.is_empty()
        && filter.category.is_empty()
        && filter.difficulty.is_empty()
        && filter.status.is_empty());
    let streak = lib.streak.clone().map(|s| {
        view! {
            <div class="card streak-card">
                <p class="streak-count"><strong>{format!("{} day{}", s.current, if s.current == 1 { "" } else { "s" })}</strong>" check-in streak"</p>
                <p class="muted">{format!("Longest {} · {} freeze{} held", s.longest, s.freezes, if s.freezes == 1 { "" } else { "s" })}</p>
                {if s.checked_in_today {
                    view! { <p class="hint">"Checked in today ✓"</p> }.into_any()
                } else {
                    view! { <a class="button button-primary" href="/practice/me#check-in">"Check in for today"</a> }.into_any()
                }}
            </div>
        }
    });
    let signed_in = lib.signed_in;
    let choices = lib.path_choices.clone();
    let paths = if any_filter {
        None
    } else if let Some(path) = lib.path.clone() {
        Some(view! { <MyPath path choices/> }.into_any())
    } else if lib.new_here || !signed_in {
        Some(view! { <PathChooser choices signed_in/> }.into_any())
    } else {
        None
    };
    let can_edit = lib.can_edit;
    view! {
        {streak}
        {paths}
        <details class="card filters-box" open=any_filter>
            <summary>"Search and filter"</summary>
            <form class="form filters" method="get" action="/practice" aria-label="Filter techniques">
                <div class="field">
                    <label for="f-practice-q">"Search"</label>
                    <input id="f-practice-q" name="q" type="search" maxlength="100" value=filter.q.clone() placeholder="e.g. breath, grounding"/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="f-practice-category">"Category"</label>
                        <select id="f-practice-category" name="category">
                            <option value="">"All"</option>
                            {lib.categories.iter().map(|c| view! {
                                <option value=c.slug.clone() selected=filter.category == c.slug>{c.name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-practice-difficulty">"Difficulty"</label>
                        <select id="f-practice-difficulty" name="difficulty">
                            <option value="">"Any"</option>
                            {(1..=5).map(|d| view! {
                                <option value=d.to_string() selected=filter.difficulty == d.to_string()>{format!("{d} of 5")}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    {signed_in.then(|| view! {
                        <div class="field">
                            <label for="f-practice-status">"Show"</label>
                            <select id="f-practice-status" name="status">
                                {[("", "All"), ("unlocked", "Unlocked"), ("locked", "Locked"), ("favourites", "Favourites")].into_iter().map(|(k, l)| view! {
                                    <option value=k selected=filter.status == k>{l}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    })}
                </div>
                <div class="actions">
                    <button type="submit" class="button button-primary">"Show techniques"</button>
                    {any_filter.then(|| view! { <a class="button" href="/practice">"Clear"</a> })}
                </div>
            </form>
        </details>
        {can_edit.then(|| view! { <p><a href="/practice/manage">"Edit the library"</a></p> })}
        {(!signed_in).then(|| view! {
            <p class="hint"><a href="/login?next=/practice">"Log in"</a>" to practise, keep a streak and open new techniques."</p>
        })}
        {if lib.techniques.is_empty() {
            view! { <p class="empty-state">{if any_filter { "No technique matches these filters." } else { "The library is empty for now." }}</p> }.into_any()
        } else {
            view! {
                <p class="muted" role="status">{format!("{} technique{}", lib.techniques.len(), if lib.techniques.len() == 1 { "" } else { "s" })}</p>
                <ul class="technique-list">
                    {lib.techniques.into_iter().map(|t| view! { <TechniqueItem t signed_in/> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn TechniqueItem(t: TechniqueCard, signed_in: bool) -> impl IntoView {
    let href = format!("/practice/t/{}", t.slug);
    let locked = signed_in && !t.unlocked;
    view! {
        <li class="card technique-card" class:locked=locked style=format!("--category: {}", t.category.colour)>
            <p class="technique-category">{t.category.name.clone()}
                {t.gateway.then(|| view! { <span class="badge">"Start here"</span> })}
                {t.requires_verification.then(|| view! { <span class="badge">"Peer verified"</span> })}
            </p>
            <h2 class="technique-name"><a href=href>{t.name.clone()}</a>
                {locked.then(|| view! { <span class="badge badge-locked">"Locked"</span> })}
                {t.favourite.then(|| view! { <span class="favourite" aria-label="favourite" role="img">" ★"</span> })}
            </h2>
            <p>{t.summary.clone()}</p>
            <p class="muted technique-meta">
                <span aria-label=format!("difficulty {} of 5", t.difficulty)>{dots(t.difficulty)}</span>
                {format!(" · about {} min", t.minutes)}
                {(t.sessions > 0).then(|| format!(" · practised {} time{} · mastery {}/5", t.sessions, if t.sessions == 1 { "" } else { "s" }, t.mastery))}
            </p>
        </li>
    }
}

/// A newcomer's choice of where to start: each path is a category with techniques open to all.
#[component]
fn PathChooser(choices: Vec<PathChoice>, signed_in: bool) -> impl IntoView {
    if choices.is_empty() {
        return ().into_any();
    }
    let choose = use_context::<ServerAction<ChoosePath>>().unwrap_or_else(ServerAction::new);
    let error = action_error(choose);
    view! {
        <div class="card practice-paths">
            <h2>"Where would you like to start?"</h2>
            <p class="muted">"Choose a path: its first techniques are open to you now, and each practice opens the next."</p>
            <ErrorLine error/>
            <ul class="path-list">
                {choices.into_iter().map(|c| {
                    let first = c.gateways.first().cloned().unwrap_or_default();
                    let more = c.gateways.len().saturating_sub(1);
                    let starts = if more > 0 { format!("Starts with {first} and {more} more") } else { format!("Starts with {first}") };
                    view! {
                        <li class="path-choice" style=format!("--category: {}", c.category.colour)>
                            {if signed_in {
                                view! {
                                    <ActionForm action=choose>
                                        <input type="hidden" name="path" value=c.category.slug.clone()/>
                                        <button type="submit" class="button path-button">{c.category.name.clone()}</button>
                                    </ActionForm>
                                }.into_any()
                            } else {
                                view! { <a class="button path-button" href=format!("/practice?category={}", c.category.slug)>{c.category.name.clone()}</a> }.into_any()
                            }}
                            <p class="hint">{starts}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
    .into_any()
}

/// The path the member chose: where to begin, shown until each suggestion has been practised.
#[component]
fn MyPath(path: PracticePath, choices: Vec<PathChoice>) -> impl IntoView {
    view! {
        <div class="card practice-path" style=format!("--category: {}", path.category.colour)>
            <h2>{format!("Your path: {}", path.category.name)}</h2>
            <p class="muted">"Begin with these, in this order. Each one you practise brings the next closer."</p>
            <ol class="technique-list path-steps">
                {path.techniques.into_iter().map(|t| view! { <TechniqueItem t signed_in=true/> }).collect_view()}
            </ol>
            <details>
                <summary>"Choose another path"</summary>
                <PathChooser choices signed_in=true/>
            </details>
        </div>
    }
}

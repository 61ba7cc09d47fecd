use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;
use crate::practice::api::get_leaderboard;
use crate::practice::model::{BoardQuery, Leaderboard};
use crate::ui::status::{ErrorView, Loading};

/// Leaderboards of members who chose to be on them: minutes this week (all or a category),
/// streaks, and each of the member's communities; with the member's own rank.
#[component]
pub fn LeaderboardsPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        BoardQuery { board: get("board"), category: get("category"), community: get("community") }
    };
    let board = Resource::new(q, get_leaderboard);
    view! {
        <Title text="Leaderboards · Practice · Kindred"/>
        <section class="page narrow-wide">
            <div class="page-head">
                <h1>"Leaderboards"</h1>
                <div class="actions"><a class="button" href="/practice">"Library"</a></div>
            </div>
            <Suspense fallback=Loading>
                {move || board.get().map(|r| match r {
                    Ok(b) => view! { <Board b/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/practice/leaderboards"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Board(b: Leaderboard) -> impl IntoView {
    let unit = b.unit.clone();
    view! {
        <form class="form filters card" method="get" action="/practice/leaderboards" aria-label="Choose a leaderboard">
            <div class="field-row">
                <div class="field">
                    <label for="f-board">"Leaderboard"</label>
                    <select id="f-board" name="board">
                        {[("week", "Minutes this week"), ("streak", "Check-in streaks"), ("category", "A category this week"), ("community", "A community this week")]
                            .into_iter().map(|(k, l)| view! { <option value=k selected=b.board == k>{l}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-board-category">"Category"</label>
                    <select id="f-board-category" name="category">
                        {b.categories.iter().map(|c| view! { <option value=c.slug.clone() selected=b.category == c.slug>{c.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                {(!b.communities.is_empty()).then(|| view! {
                    <div class="field">
                        <label for="f-board-community">"Community"</label>
                        <select id="f-board-community" name="community">
                            {b.communities.iter().map(|(slug, name)| view! { <option value=slug.clone() selected=b.community == *slug>{name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                })}
            </div>
            <button type="submit" class="button button-primary">"Show"</button>
        </form>
        <h2>{b.title.clone()}</h2>
        <p class="muted">{format!("The week began on Monday {} (UTC).", b.week_start.format("%e %B"))}</p>
        {if b.opted_in {
            match b.mine {
                Some((rank, value)) => view! { <p class="card my-rank">{format!("You are number {rank}, with {value} {unit}.")}</p> }.into_any(),
                None => view! { <p class="card my-rank">"You are not on this board yet: practise to appear on it."</p> }.into_any(),
            }
        } else {
            view! { <p class="card hint">"You are not shown on leaderboards. "<a href="/settings/privacy">"Turn it on in privacy settings"</a>" if you would like to be."</p> }.into_any()
        }}
        {if b.rows.is_empty() {
            view! { <p class="empty-state">"Nobody on this board yet this week."</p> }.into_any()
        } else {
            let unit = b.unit.clone();
            view! {
                <table class="data-table leaderboard">
                    <thead><tr><th scope="col">"Rank"</th><th scope="col">"Member"</th><th scope="col">{if unit == "days" { "Days" } else { "Minutes" }}</th></tr></thead>
                    <tbody>
                        {b.rows.into_iter().map(|r| view! {
                            <tr class:me=r.is_me>
                                <td>{r.rank}</td>
                                <th scope="row"><a href=format!("/practice/m/{}", r.username)>{r.display_name}</a></th>
                                <td>{r.value}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::error::AppError;
use crate::practice::api::get_referrals;
use crate::practice::model::{Referrals, REFERRAL_DAYS};
use crate::ui::status::{ErrorView, Loading};

/// The member's invite link and the people who joined through it.
#[component]
pub fn ReferralsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_referrals());
    view! {
        <Title text="Invite friends · Practice · Kindred"/>
        <section class="page narrow">
            <h1>"Invite friends"</h1>
            <Suspense fallback=Loading>
                {move || data.get().map(|r| match r {
                    Ok(x) => view! { <Content x/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/practice/referrals"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Content(x: Referrals) -> impl IntoView {
    view! {
        <div class="card">
            <label for="invite-link">"Your invite link"</label>
            <input id="invite-link" type="text" readonly=true value=x.link.clone()/>
            <p class="hint">{format!("When someone joins through it and practises on {REFERRAL_DAYS} days, you both earn a streak freeze.")}</p>
        </div>
        <h2>"Joined through your link"</h2>
        {if x.active.is_empty() && x.pending.is_empty() {
            view! { <p class="empty-state">"Nobody yet. Share the link with someone you would like to practise with."</p> }.into_any()
        } else {
            view! {
                <ul class="session-list">
                    {x.active.into_iter().map(|r| view! {
                        <li class="card"><a href=format!("/practice/m/{}", r.username)>{r.display_name.clone()}</a>
                            <span class="muted">{format!(" · active since {}", r.activated_at.map(|a| a.format("%e %b %Y").to_string()).unwrap_or_default())}</span></li>
                    }).collect_view()}
                    {x.pending.into_iter().map(|r| view! {
                        <li class="card"><a href=format!("/practice/m/{}", r.username)>{r.display_name.clone()}</a>
                            <span class="muted">{format!(" · joined {} · practised on {} of {REFERRAL_DAYS} days", r.joined_at.format("%e %b"), r.days)}</span></li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

//! The home page: a welcome for visitors, a starting point for members.

use leptos::prelude::*;
use leptos_meta::Title;

use super::session::use_session;
use super::status::Loading;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    view! {
        <Title text="Kindred · a home for practice communities"/>
        <Transition fallback=Loading>
            {move || match session.current() {
                Some(me) => view! {
                    <section class="page">
                        <h1>"Welcome back, " {me.display_name.clone()}</h1>
                        <p class="lead">"Good to see you. Here is where you can go from here."</p>
                        <div class="card-grid">
                            <a class="card card-link" href="/feed">
                                <h2>"Your feed"</h2>
                                <p>"Posts from you and the people you follow."</p>
                            </a>
                            <a class="card card-link" href="/oracle">
                                <h2>"Oracle"</h2>
                                <p>"Today's card, your spirit guide, and questions for the cards."</p>
                            </a>
                            <a class="card card-link" href=format!("/members/{}", me.username)>
                                <h2>"Your profile"</h2>
                                <p>"See how others see you."</p>
                            </a>
                            <a class="card card-link" href="/settings/profile">
                                <h2>"Edit your profile"</h2>
                                <p>"City, languages, time zone, your tango role and sign."</p>
                            </a>
                            <a class="card card-link" href="/members">
                                <h2>"Members"</h2>
                                <p>"Meet the people practising here."</p>
                            </a>
                        </div>
                    </section>
                }.into_any(),
                None => view! {
                    <section class="page hero">
                        <h1>"A home for practice communities"</h1>
                        <p class="lead">
                            "Kindred brings tango dancers, meditation circles, wellness groups and energy-practice "
                            "learners together: one account for your people, your practice and your gatherings."
                        </p>
                        <div class="button-row">
                            <a class="button button-primary" href="/signup">"Create your account"</a>
                            <a class="button" href="/login">"Log in"</a>
                        </div>
                    </section>
                }.into_any(),
            }}
        </Transition>
    }
}

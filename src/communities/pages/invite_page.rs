use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::communities::api::{get_invite, AcceptInvite};
use crate::ui::forms::{action_error, FormAlert, SubmitButton};
use crate::ui::status::{ErrorView, Loading};

/// An invite link: which community it opens, and the button to join with it.
#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let accept = ServerAction::<AcceptInvite>::new();
    let error = action_error(accept);
    let invite = Resource::new(code, get_invite);
    view! {
        <Title text="Invite · Kindred"/>
        <section class="page narrow">
            <Transition fallback=Loading>
                {move || invite.get().map(|r| match r {
                    Err(e) => view! { <h1>"Invite"</h1><ErrorView error=e/> }.into_any(),
                    Ok(i) => {
                        let members = format!("{} member{}", i.member_count, if i.member_count == 1 { "" } else { "s" });
                        view! {
                            <h1>{format!("Join {}", i.name)}</h1>
                            <p class="muted">{members}</p>
                            {(!i.description.is_empty()).then(|| view! { <p>{i.description.clone()}</p> })}
                            {if i.already_member {
                                view! { <p>"You're already a member. "<a href=format!("/c/{}", i.slug)>{format!("Open {}", i.name)}</a></p> }.into_any()
                            } else if !i.usable {
                                view! { <p class="alert alert-error" role="status">"This invite has expired or been used up. Ask for a new one."</p> }.into_any()
                            } else {
                                view! {
                                    <ActionForm action=accept attr:class="form">
                                        <input type="hidden" name="code" value=i.code.clone()/>
                                        <FormAlert error/>
                                        <SubmitButton label="Accept invite" busy_label="Joining…" pending=accept.pending()/>
                                    </ActionForm>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

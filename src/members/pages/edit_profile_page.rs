use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::auth::session::use_session;
use crate::error::AppError;
use crate::members::api::{get_my_profile, UpdateProfile};
use crate::members::model::{AstroSign, Profile, TangoRole, BIO_MAX};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, FormSuccess, SubmitButton, TextField};
use crate::ui::settings_nav::SettingsNav;
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn EditProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| get_my_profile());
    let query = use_query_map();
    let welcome = move || query.read().get("welcome").is_some();
    view! {
        <Title text="Edit profile · Kindred"/>
        <section class="page narrow">
            <h1>"Settings"</h1>
            <SettingsNav/>
            {move || welcome().then(|| view! {
                <div class="alert alert-success" role="status">
                    "Welcome to Kindred! Tell people a little about yourself — and when you're ready, "
                    <a href="/oracle/guide/questionnaire">"meet your spirit guide"</a>"."
                </div>
            })}
            <Suspense fallback=Loading>
                {move || profile.get().map(|result| match result {
                    Ok(p) => view! { <AvatarForm name=p.display_name.clone() current=p.avatar.clone()/> <ProfileForm profile=p/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/settings/profile"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ProfileForm(profile: Profile) -> impl IntoView {
    let session = use_session();
    let action = ServerAction::<UpdateProfile>::new();
    let error = action_error(action);
    let saved = Signal::derive(move || action.value().get().and_then(|r| r.ok()).map(|_| "Profile saved.".to_string()));
    session.refresh_after(action);
    let field_error = move |key: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(key)));
    let role = profile.tango_role;
    let sign = profile.astro_sign;
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error/>
            <FormSuccess message=saved/>
            <p class="muted">"Your profile page: " <a href=format!("/members/{}", profile.username)>{format!("/members/{}", profile.username)}</a></p>
            <TextField name="profile[display_name]" error_key="display_name" label="Display name" value=profile.display_name.clone() required=true maxlength=60 autocomplete="name" error/>
            <div class="field">
                <label for="f-bio">"Bio"</label>
                <textarea id="f-bio" name="profile[bio]" rows="5" maxlength=BIO_MAX as u32 aria-describedby="f-bio-hint">{profile.bio.clone()}</textarea>
                <p class="hint" id="f-bio-hint">{format!("Up to {BIO_MAX} characters.")}</p>
                <FieldMessage id="f-bio-error" message=field_error("bio")/>
            </div>
            <div class="field-row">
                <TextField name="profile[city]" error_key="city" label="City" value=profile.city.clone() maxlength=80 autocomplete="address-level2" error/>
                <TextField name="profile[country]" error_key="country" label="Country" value=profile.country.clone() maxlength=60 autocomplete="country-name" error/>
            </div>
            <TextField name="profile[time_zone]" error_key="time_zone" label="Time zone" value=profile.time_zone.clone() maxlength=64 hint="An IANA name such as Europe/Berlin or America/Argentina/Buenos_Aires." error/>
            <TextField name="profile[languages]" error_key="languages" label="Languages" value=profile.languages.join(", ") maxlength=400 hint="Separate languages with commas." error/>
            <div class="field">
                <label for="f-tango-role">"Tango role"</label>
                <select id="f-tango-role" name="profile[tango_role]">
                    <option value="" selected=role.is_none()>"Not set"</option>
                    {TangoRole::ALL.into_iter().map(|r| view! {
                        <option value=r.key() selected=role == Some(r)>{r.label()}</option>
                    }).collect_view()}
                </select>
                <FieldMessage id="f-tango-role-error" message=field_error("tango_role")/>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="f-birth-date">"Birth date"</label>
                    <input id="f-birth-date" name="profile[birth_date]" type="date" value=profile.birth_date.map(|d| d.to_string()).unwrap_or_default() aria-describedby="f-birth-date-hint"/>
                    <p class="hint" id="f-birth-date-hint">"Only you see it."</p>
                    <FieldMessage id="f-birth-date-error" message=field_error("birth_date")/>
                </div>
                <div class="field">
                    <label for="f-astro-sign">"Astrology sign"</label>
                    <select id="f-astro-sign" name="profile[astro_sign]">
                        <option value="" selected=sign.is_none()>"From my birth date"</option>
                        {AstroSign::ALL.into_iter().map(|s| view! {
                            <option value=s.key() selected=sign == Some(s)>{s.label()}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage id="f-astro-sign-error" message=field_error("astro_sign")/>
                </div>
            </div>
            <SubmitButton label="Save profile" busy_label="Saving…" pending=action.pending()/>
        </ActionForm>
    }
}

/// Upload or remove the profile picture. A multipart form, so it works without JavaScript.
#[component]
fn AvatarForm(name: String, current: Option<String>) -> impl IntoView {
    use crate::members::api::{set_avatar, SetAvatar};
    use crate::ui::avatar::Avatar;
    use crate::ui::upload_form::ImageForm;
    use leptos::server_fn::ServerFn;
    let shown = RwSignal::new(current);
    let input = NodeRef::<leptos::html::Input>::new();
    let form = ImageForm::new(SetAvatar::PATH, input, |data| set_avatar(data.into()));
    let (action, error) = (form.action, form.error);
    Effect::new(move |_| {
        if let Some(Ok(url)) = action.value().get() {
            shown.set(url);
        }
    });
    let image_error = form.field("image");
    let on_submit = move |ev: leptos::ev::SubmitEvent| form.submit(ev);
    view! {
        <form method="post" action=SetAvatar::url() enctype="multipart/form-data" class="form card" on:submit=on_submit>
            <FormAlert error/>
            <div class="avatar-form">
                {move || view! { <Avatar name=name.clone() url=shown.get() large=true/> }}
                <div class="field file-field">
                    <label for="f-avatar">"Profile picture"</label>
                    <input id="f-avatar" name="image" type="file" accept="image/jpeg,image/png,image/webp" node_ref=input
                        aria-describedby="f-avatar-hint"/>
                    <p class="hint" id="f-avatar-hint">"JPEG, PNG or WebP up to 5 MB; cropped to a square. Location and camera data are removed."</p>
                    <FieldMessage id="f-avatar-error" message=image_error/>
                </div>
            </div>
            <div class="actions">
                <SubmitButton label="Upload picture" busy_label="Uploading…" pending=action.pending()/>
                {move || shown.get().is_some().then(|| view! {
                    <button type="submit" class="button button-quiet" name="remove" value="true" formnovalidate=true>"Remove picture"</button>
                })}
            </div>
        </form>
    }
}

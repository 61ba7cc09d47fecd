use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::practice::api::{get_library, get_technique_editor, SaveCategory, SaveTechnique};
use crate::practice::model::{Category, LibraryFilter, TechniqueEditor};
use crate::ui::forms::{action_error, ErrorLine, FieldMessage, FormAlert, FormSuccess, SubmitButton, TextField};
use crate::ui::status::{ErrorView, Loading};

/// The technique editor (moderators): `/practice/techniques/new` and `/practice/t/:slug/edit`.
#[component]
pub fn TechniqueEditorPage() -> impl IntoView {
    let params = use_params_map();
    let editor = Resource::new(move || params.read().get("slug").unwrap_or_default(), get_technique_editor);
    view! {
        <Title text="Edit the library · Kindred"/>
        <section class="page narrow">
            <h1>{move || if params.read().get("slug").is_some() { "Edit technique" } else { "New technique" }}</h1>
            <p><a href="/practice/manage">"Categories"</a></p>
            <Suspense fallback=Loading>
                {move || editor.get().map(|r| match r {
                    Ok(e) => view! { <EditorForm e/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn EditorForm(e: TechniqueEditor) -> impl IntoView {
    let action = ServerAction::<SaveTechnique>::new();
    let error = action_error(action);
    let field = move |k: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(k)));
    let f = e.form;
    let check = |name: &'static str, label: &'static str, value: &str| {
        let checked = value == "on";
        view! { <label class="check"><input type="checkbox" name=format!("technique[{name}]") value="on" checked=checked/>{format!(" {label}")}</label> }
    };
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true attr:aria-label="Technique">
            <FormAlert error/>
            <input type="hidden" name="technique[original]" value=f.original.clone()/>
            <TextField name="technique[name]" error_key="name" label="Name" value=f.name.clone() required=true maxlength=80 error/>
            <TextField name="technique[slug]" error_key="slug" label="Address (slug)" value=f.slug.clone() required=true maxlength=60
                hint="Lowercase letters, digits and dashes: /practice/t/slug" error/>
            <div class="field">
                <label for="f-technique-category">"Category"</label>
                <select id="f-technique-category" name="technique[category]">
                    {e.categories.iter().map(|c| view! { <option value=c.slug.clone() selected=f.category == c.slug>{c.name.clone()}</option> }).collect_view()}
                </select>
                <FieldMessage id="f-technique-category-error" message=field("category")/>
            </div>
            <TextField name="technique[summary]" error_key="summary" label="Summary" value=f.summary.clone() maxlength=280 error/>
            <div class="field">
                <label for="f-technique-guide">"Guide (markdown)"</label>
                <textarea id="f-technique-guide" name="technique[guide]" rows="10" maxlength="20000">{f.guide.clone()}</textarea>
                <FieldMessage id="f-technique-guide-error" message=field("guide")/>
            </div>
            <TextField name="technique[media_url]" error_key="media_url" label="Audio or video link (https://, optional)" value=f.media_url.clone() error/>
            <div class="field-row">
                <TextField name="technique[minutes]" error_key="minutes" label="Typical minutes" kind="number" value=f.minutes.clone() error/>
                <TextField name="technique[difficulty]" error_key="difficulty" label="Difficulty (1–5)" kind="number" value=f.difficulty.clone() error/>
            </div>
            <div class="field">
                <label for="f-technique-prerequisite">"Builds on"</label>
                <select id="f-technique-prerequisite" name="technique[prerequisite]">
                    <option value="">"Nothing"</option>
                    {e.techniques.iter().filter(|(s, _)| *s != f.slug).map(|(s, n)| view! {
                        <option value=s.clone() selected=f.prerequisite == *s>{n.clone()}</option>
                    }).collect_view()}
                </select>
                <FieldMessage id="f-technique-prerequisite-error" message=field("prerequisite")/>
            </div>
            <div class="field">
                <label for="f-technique-unlock">"Unlock criteria (JSON)"</label>
                <textarea id="f-technique-unlock" name="technique[unlock]" rows="2" aria-describedby="f-technique-unlock-hint">{f.unlock.clone()}</textarea>
                <p class="hint" id="f-technique-unlock-hint">"All must be met: practice_count (sessions of what it builds on), days_active, streak, category_level {category, level}. {} for none."</p>
                <FieldMessage id="f-technique-unlock-error" message=field("unlock")/>
            </div>
            {check("gateway", "A place to start (open to everyone)", &f.gateway)}
            <FieldMessage id="f-technique-gateway-error" message=field("gateway")/>
            {check("requires_verification", "Mastery is verified by peers", &f.requires_verification)}
            <div class="field">
                <label for="f-technique-questions">"Verification questions (one per line)"</label>
                <textarea id="f-technique-questions" name="technique[questions]" rows="3">{f.questions.clone()}</textarea>
                <FieldMessage id="f-technique-questions-error" message=field("questions")/>
            </div>
            {check("active", "Shown in the library", &f.active)}
            <SubmitButton label="Save technique" busy_label="Saving…" pending=action.pending()/>
        </ActionForm>
    }
}

/// Categories of the library (moderators): edit each, add one.
#[component]
pub fn ManageLibraryPage() -> impl IntoView {
    let lib = Resource::new(|| (), |_| get_library(LibraryFilter::default()));
    view! {
        <Title text="Library categories · Kindred"/>
        <section class="page narrow">
            <h1>"Library categories"</h1>
            <p><a class="button button-primary" href="/practice/techniques/new">"New technique"</a></p>
            <Suspense fallback=Loading>
                {move || lib.get().map(|r| match r {
                    Ok(l) => view! {
                        {l.categories.into_iter().enumerate().map(|(i, c)| view! { <CategoryFormView c=Some(c) position=i as i32/> }).collect_view()}
                        <h2>"New category"</h2>
                        <CategoryFormView c=None position=99/>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CategoryFormView(c: Option<Category>, position: i32) -> impl IntoView {
    let action = ServerAction::<SaveCategory>::new();
    let error = action_error(action);
    let saved = Signal::derive(move || action.value().get().and_then(|r| r.ok()).map(|_| "Saved.".to_string()));
    let (slug, name, colour) =
        c.map(|c| (c.slug, c.name, c.colour)).unwrap_or_else(|| (String::new(), String::new(), "#8b5cf6".into()));
    let id = format!("cat-{}", if slug.is_empty() { "new".to_string() } else { slug.clone() });
    let label = if name.is_empty() { "New category".to_string() } else { format!("Category {name}") };
    view! {
        <ActionForm action attr:class="form card" attr:aria-label=label>
            <div class="field-row">
                <div class="field"><label for=format!("{id}-name")>"Name"</label><input id=format!("{id}-name") name="category[name]" value=name maxlength="40"/></div>
                <div class="field"><label for=format!("{id}-slug")>"Slug"</label><input id=format!("{id}-slug") name="category[slug]" value=slug maxlength="40"/></div>
                <div class="field"><label for=format!("{id}-colour")>"Colour"</label><input id=format!("{id}-colour") name="category[colour]" type="color" value=colour/></div>
                <div class="field"><label for=format!("{id}-position")>"Order"</label><input id=format!("{id}-position") name="category[position]" type="number" value=position.to_string()/></div>
            </div>
            <ErrorLine error/>
            <FormSuccess message=saved/>
            <SubmitButton label="Save category" busy_label="Saving…" pending=action.pending()/>
        </ActionForm>
    }
}

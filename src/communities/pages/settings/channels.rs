//! Channels and categories: creating them, and editing, moving or deleting each.

use leptos::prelude::*;

use super::Acts;
use crate::communities::model::{CommunityAdmin, TOPIC_MAX};
use crate::ui::forms::{action_error, ErrorLine, FieldMessage, FormAlert};

#[component]
pub fn Channels(a: CommunityAdmin, acts: Acts) -> impl IntoView {
    let slug = a.community.slug.clone();
    let error = action_error(acts.new_channel);
    let edit_error = Signal::derive(move || {
        acts.edit_channel
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| acts.move_channel.value().get().and_then(|r| r.err()))
            .or_else(|| acts.delete_channel.value().get().and_then(|r| r.err()))
    });
    let categories: Vec<(String, String)> = a
        .channels
        .iter()
        .filter(|c| c.entry.is_category)
        .map(|c| (c.entry.channel_id.to_string(), c.entry.name.clone()))
        .collect();
    let options = move |selected: Option<String>| {
        let cats = categories.clone();
        view! {
            <option value="">"No category"</option>
            {cats.into_iter().map(|(id, name)| view! { <option value=id.clone() selected=selected.as_deref() == Some(id.as_str())>{name}</option> }).collect_view()}
        }
    };
    let new_options = options(None);
    let topic_error = Signal::derive(move || error.get().and_then(|e| e.for_field("topic")));
    let name_error = Signal::derive(move || error.get().and_then(|e| e.for_field("name")));
    let parent_error = Signal::derive(move || error.get().and_then(|e| e.for_field("parent")));
    let slow_error = Signal::derive(move || error.get().and_then(|e| e.for_field("slow_mode_secs")));
    view! {
        <section class="card" aria-labelledby="s-channels">
            <h2 id="s-channels">"Channels"</h2>
            <ActionForm action=acts.new_channel attr:class="form">
                <input type="hidden" name="slug" value=slug.clone()/>
                <FormAlert error/>
                <div class="field">
                    <label for="f-new-channel-name">"Channel name"</label>
                    <input id="f-new-channel-name" name="name" required=true maxlength="40"/>
                    <FieldMessage id="f-new-channel-name-error" message=name_error/>
                </div>
                <div class="field">
                    <label for="f-channel-topic">"Topic"</label>
                    <input id="f-channel-topic" name="topic" maxlength=TOPIC_MAX as u32/>
                    <FieldMessage id="f-channel-topic-error" message=topic_error/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="f-channel-slow">"Slow mode (seconds)"</label>
                        <input id="f-channel-slow" name="slow_mode_secs" type="number" min="0" max="21600" value="0" inputmode="numeric"/>
                        <FieldMessage id="f-channel-slow-error" message=slow_error/>
                    </div>
                    <div class="field">
                        <label for="f-channel-parent">"Category"</label>
                        <select id="f-channel-parent" name="parent">{new_options}</select>
                        <FieldMessage id="f-channel-parent-error" message=parent_error/>
                    </div>
                </div>
                <label class="check"><input type="checkbox" name="category" value="on"/>" This is a category (a heading that groups channels)"</label>
                <button type="submit" class="button button-primary">"Create channel"</button>
            </ActionForm>
            <ErrorLine error=edit_error/>
            <ul class="plain-list settings-list">
                {a.channels.into_iter().map(|ch| {
                    let e = ch.entry;
                    let id = e.channel_id.to_string();
                    let label = if e.is_category { e.name.to_uppercase() } else { format!("#{}", e.name) };
                    let parent = e.parent_id.map(|p| p.to_string());
                    let edit_options = options(parent.clone());
                    let (id_m, label_m, id_d, label_d) = (id.clone(), label.clone(), id.clone(), label.clone());
                    view! {
                        <li>
                            <details>
                                <summary>{label.clone()}{(!e.topic.is_empty()).then(|| format!(" — {}", e.topic))}</summary>
                                <ActionForm action=acts.edit_channel attr:class="form">
                                    <input type="hidden" name="channel_id" value=id.clone()/>
                                    <div class="field">
                                        <label for=format!("f-ch-name-{id}")>{format!("Name of {label}")}</label>
                                        <input id=format!("f-ch-name-{id}") name="name" value=e.name.clone() required=true maxlength="40"/>
                                    </div>
                                    <div class="field">
                                        <label for=format!("f-ch-topic-{id}")>{format!("Topic of {label}")}</label>
                                        <input id=format!("f-ch-topic-{id}") name="topic" value=e.topic.clone() maxlength=TOPIC_MAX as u32/>
                                    </div>
                                    {if e.is_category {
                                        view! { <input type="hidden" name="slow_mode_secs" value="0"/> }.into_any()
                                    } else {
                                        view! {
                                            <div class="field-row">
                                                <div class="field">
                                                    <label for=format!("f-ch-slow-{id}")>{format!("Slow mode of {label} (seconds)")}</label>
                                                    <input id=format!("f-ch-slow-{id}") name="slow_mode_secs" type="number" min="0" max="21600" value=e.slow_mode_secs.to_string()/>
                                                </div>
                                                <div class="field">
                                                    <label for=format!("f-ch-parent-{id}")>{format!("Category of {label}")}</label>
                                                    <select id=format!("f-ch-parent-{id}") name="parent">{edit_options}</select>
                                                </div>
                                            </div>
                                        }.into_any()
                                    }}
                                    <button type="submit" class="button">{format!("Save {label}")}</button>
                                </ActionForm>
                                <div class="decisions">
                                    {["up", "down"].into_iter().map(|d| {
                                        let (id, label) = (id_m.clone(), label_m.clone());
                                        view! {
                                            <ActionForm action=acts.move_channel attr:class="inline-form">
                                                <input type="hidden" name="channel_id" value=id/>
                                                <input type="hidden" name="direction" value=d/>
                                                <button type="submit" class="button button-quiet">{format!("Move {label} {d}")}</button>
                                            </ActionForm>
                                        }
                                    }).collect_view()}
                                    <ActionForm action=acts.delete_channel attr:class="inline-form">
                                        <input type="hidden" name="channel_id" value=id_d/>
                                        <label class="check"><input type="checkbox" required=true/>{format!(" Yes, delete {label_d} and its messages")}</label>
                                        <button type="submit" class="button button-danger">{format!("Delete {label_d}")}</button>
                                    </ActionForm>
                                </div>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

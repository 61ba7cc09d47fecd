//! What each instance does with a real-time announcement before handing it to sockets: chat
//! messages are loaded once (one query per instance, whatever the number of listeners) and
//! turned into the JSON the browser receives.

use uuid::Uuid;

use crate::server::realtime::{Outbound, Signal};

fn channel_of(topic: &str) -> Option<Uuid> {
    topic.strip_prefix("c:").and_then(|id| Uuid::parse_str(id).ok())
}

pub async fn load(pool: sqlx::PgPool, signal: Signal) -> Option<Outbound> {
    let channel = channel_of(&signal.topic);
    match signal.kind.as_str() {
        "message" | "message_updated" => {
            let id = signal.id?;
            let view = match super::service::message(&pool, id).await {
                Ok(Some(v)) => v,
                Ok(None) => return None,
                Err(e) => {
                    // The message exists but could not be read: its listeners re-read the channel
                    // rather than silently miss it.
                    tracing::warn!(error = %e, "could not load a chat message for live delivery");
                    let channel = channel?;
                    let json = serde_json::json!({ "type": "resync", "channel": channel });
                    return Some(Outbound {
                        topic: signal.topic,
                        kind: "resync".into(),
                        channel: Some(channel),
                        seq: None,
                        member: None,
                        json: Some(json.to_string().into()),
                    });
                }
            };
            let json = serde_json::json!({ "type": signal.kind, "channel": view.channel_id, "message": view });
            Some(Outbound {
                topic: signal.topic,
                kind: signal.kind,
                channel: Some(view.channel_id),
                seq: Some(view.seq),
                member: None,
                json: Some(json.to_string().into()),
            })
        }
        "typing" => {
            let json = serde_json::json!({
                "type": "typing", "channel": channel?, "member": signal.member?, "name": signal.name.clone().unwrap_or_default()
            });
            Some(Outbound {
                topic: signal.topic,
                kind: signal.kind,
                channel,
                seq: None,
                member: signal.member,
                json: Some(json.to_string().into()),
            })
        }
        _ => Some(Outbound { topic: signal.topic, kind: signal.kind, channel, seq: None, member: None, json: None }),
    }
}

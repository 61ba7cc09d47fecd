//! A small help corpus about Kindred itself, searched by the words of a "how do I…" request.
//! Each topic: keywords (normalised, English and Spanish), an answer in each language, a link.

use crate::assistant::model::Lang;

pub struct Topic {
    pub keywords: &'static [&'static str],
    pub en: &'static str,
    pub es: &'static str,
    pub link: &'static str,
    pub title_en: &'static str,
    pub title_es: &'static str,
}

pub const TOPICS: &[Topic] = &[
    Topic {
        keywords: &["event", "events", "create", "organise", "organize", "evento", "eventos", "crear", "organizar"],
        en: "Open Events and choose New event: give it a type, times in its own time zone, a place or an online link. Group practices and classes can name a technique.",
        es: "Abre Eventos y elige Nuevo evento: indica el tipo, el horario en su zona horaria y un lugar o un enlace. Las prácticas grupales y las clases pueden nombrar una técnica.",
        link: "/events/new",
        title_en: "New event",
        title_es: "Nuevo evento",
    },
    Topic {
        keywords: &["rsvp", "going", "attend", "waitlist", "asistir", "voy", "lista", "espera"],
        en: "On an event's page, answer Going or Interested. When it is full you join the waitlist and move up automatically when someone leaves.",
        es: "En la página del evento responde Voy o Me interesa. Si está lleno entras en la lista de espera y subes solo cuando alguien se va.",
        link: "/events",
        title_en: "Events",
        title_es: "Eventos",
    },
    Topic {
        keywords: &["privacy", "private", "profile", "hide", "leaderboard", "leaderboards", "privacidad", "perfil", "ocultar", "clasificacion"],
        en: "Settings → Privacy: your profile for everyone or members only, who sees your practice sessions, and whether you appear on leaderboards (off until you choose).",
        es: "Ajustes → Privacidad: tu perfil para todos o solo miembros, quién ve tus sesiones de práctica y si apareces en las clasificaciones (desactivado hasta que lo elijas).",
        link: "/settings/privacy",
        title_en: "Privacy settings",
        title_es: "Privacidad",
    },
    Topic {
        keywords: &["invite", "friend", "friends", "referral", "invitar", "amigo", "amigos", "amiga"],
        en: "Your invite link is on Practice → Invite friends. When a friend joins through it and practises on three days, you both earn a streak freeze.",
        es: "Tu enlace de invitación está en Práctica → Invitar amigos. Cuando alguien se une con él y practica tres días, los dos ganáis una protección de racha.",
        link: "/practice/referrals",
        title_en: "Invite friends",
        title_es: "Invitar amigos",
    },
    Topic {
        keywords: &["session", "log", "timer", "practise", "practice", "sesion", "registrar", "temporizador", "practicar"],
        en: "Open a technique and start its timer (it survives a reload), or log a past session by hand: at most 4 hours, never in the future, up to 30 days back.",
        es: "Abre una técnica y pon su temporizador (sobrevive a una recarga), o registra a mano una sesión pasada: máximo 4 horas, nunca en el futuro, hasta 30 días atrás.",
        link: "/practice",
        title_en: "Practice library",
        title_es: "Biblioteca de práctica",
    },
    Topic {
        keywords: &["streak", "check", "freeze", "freezes", "racha", "proteccion", "registro", "diario"],
        en: "Check in once a day on My practice (mood before and after). Every 7 days of streak earns a freeze, up to 2; a missed day uses one automatically.",
        es: "Registra tu día una vez en Mi práctica (ánimo antes y después). Cada 7 días de racha ganas una protección, hasta 2; un día perdido usa una sola.",
        link: "/practice/me",
        title_en: "My practice",
        title_es: "Mi práctica",
    },
    Topic {
        keywords: &["community", "communities", "join", "channel", "channels", "comunidad", "comunidades", "unirme", "canal", "canales"],
        en: "Communities are on the Communities page: join a public one at once, ask to join a private one. Each has channels for real-time chat.",
        es: "Las comunidades están en Comunidades: únete al instante a una pública o pide entrar en una privada. Cada una tiene canales de chat en tiempo real.",
        link: "/communities",
        title_en: "Communities",
        title_es: "Comunidades",
    },
    Topic {
        keywords: &["message", "chat", "dm", "conversation", "mensaje", "mensajes", "conversacion", "privado"],
        en: "Chat has your channels and private conversations; start a conversation from a member's profile.",
        es: "El chat reúne tus canales y conversaciones privadas; empieza una desde el perfil de un miembro.",
        link: "/chat",
        title_en: "Chat",
        title_es: "Chat",
    },
    Topic {
        keywords: &["place", "places", "map", "check", "lugar", "lugares", "mapa"],
        en: "Places shows a map and a list you can filter by kind, anxiety level, beginner friendly and open now. Propose a place or check in at one from its page.",
        es: "Lugares muestra un mapa y una lista que puedes filtrar por tipo, nivel de ansiedad, apto para principiantes y abierto ahora. Propón un lugar o registra tu visita desde su página.",
        link: "/places",
        title_en: "Places",
        title_es: "Lugares",
    },
    Topic {
        keywords: &["block", "report", "mute", "bloquear", "denunciar", "reportar", "silenciar"],
        en: "From a member's profile you can block them; from a post or comment, report it to the moderators. Notification kinds can be muted in Settings.",
        es: "Desde el perfil de un miembro puedes bloquearlo; desde una publicación o un comentario, denunciarlo a los moderadores. Los tipos de aviso se silencian en Ajustes.",
        link: "/settings",
        title_en: "Settings",
        title_es: "Ajustes",
    },
    Topic {
        keywords: &["oracle", "card", "guide", "reading", "oraculo", "carta", "guia", "lectura"],
        en: "The oracle draws a card for your day and your spirit guide grows with your practice and activity.",
        es: "El oráculo saca una carta para tu día y tu guía espiritual crece con tu práctica y tu actividad.",
        link: "/oracle",
        title_en: "Oracle",
        title_es: "Oráculo",
    },
    Topic {
        keywords: &["post", "share", "feed", "write", "publicar", "publicacion", "compartir", "escribir"],
        en: "Write a post from the feed's composer: text in markdown, images, and who sees it (everyone, followers or connections).",
        es: "Escribe una publicación desde el editor del muro: texto en markdown, imágenes y quién la ve (todos, seguidores o conexiones).",
        link: "/feed",
        title_en: "Feed",
        title_es: "Muro",
    },
    Topic {
        keywords: &["install", "phone", "app", "instalar", "movil", "telefono", "aplicacion"],
        en: "Kindred installs like an app: in your phone's browser menu choose Add to Home screen (or Install app).",
        es: "Kindred se instala como una app: en el menú del navegador del móvil elige Añadir a pantalla de inicio (o Instalar aplicación).",
        link: "/",
        title_en: "Kindred",
        title_es: "Kindred",
    },
];

/// The topics that share the most keywords with the words (best first, at most two).
pub fn search(words: &[&str]) -> Vec<&'static Topic> {
    let mut scored: Vec<(usize, usize, &Topic)> = TOPICS
        .iter()
        .enumerate()
        .map(|(i, t)| (words.iter().filter(|w| t.keywords.contains(w)).count(), i, t))
        .filter(|(n, _, _)| *n > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(2).map(|(_, _, t)| t).collect()
}

pub fn answer(t: &Topic, lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => (t.en, t.title_en),
        Lang::Es => (t.es, t.title_es),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_to_questions_find_their_topic() {
        let find = |q: &str| {
            let n = crate::assistant::service::intent::normalise(q);
            let w: Vec<&str> = n.split_whitespace().collect();
            search(&w).first().map(|t| t.link)
        };
        assert_eq!(find("how do I create an event"), Some("/events/new"));
        assert_eq!(find("how can I change my privacy"), Some("/settings/privacy"));
        assert_eq!(find("¿cómo puedo invitar a un amigo?"), Some("/practice/referrals"));
        assert_eq!(find("ayuda con los canales"), Some("/communities"));
        assert_eq!(find("how do I install it on my phone"), Some("/"));
        assert_eq!(find("how do I fly"), None);
    }
}

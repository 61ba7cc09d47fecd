//! Member-authored markdown (posts, comments) turned into safe HTML, plus hashtag and mention extraction.
//!
//! # Safety approach
//!
//! Member text is hostile until proven otherwise, so the output is made safe by two independent layers; either
//! one alone should stop script injection, and a mistake in one must not be enough to open a hole:
//!
//! 1. **The event pass.** The markdown is parsed with pulldown-cmark and every event is rewritten before any HTML
//!    exists. Raw HTML in the input (blocks, inline tags, comments) is turned into *text*, so it is shown escaped,
//!    never interpreted. Link destinations are checked against an allow-list (http, https, mailto, and our own
//!    `/tags/…` and `/members/…` paths); any other link keeps only its text. Images lose their tag and keep their
//!    alt text, because remote images leak readers' addresses and invite tracking pixels. The only HTML we write
//!    ourselves is the hashtag and mention anchors, built from characters we have already validated.
//! 2. **The sanitizer.** The resulting HTML goes through an ammonia allow-list with exactly the tags this feed
//!    styles, no `style`/event-handler attributes, only the http/https/mailto schemes, relative URLs only for the
//!    two internal prefixes, and `rel="nofollow noopener ugc"` forced onto every anchor. If the event pass ever
//!    lets something through (a pulldown-cmark change, a new event kind), ammonia still removes it.
//!
//! Extraction (`hashtags`, `mentions`) walks the very same events with the very same rules as `render`, so what
//! is stored as a post's tags and mentions is exactly what appears linked on the page: never text in code, never
//! text inside an existing link (a URL's `#fragment` is not a tag), and the same caps.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, TextMergeStream};

/// More would be tag spam; the cap also bounds the rows one post can add to the tag index.
pub const MAX_HASHTAGS: usize = 30;
/// Each mention may notify someone, so a post cannot ping an unbounded crowd.
pub const MAX_MENTIONS: usize = 20;
const MAX_TAG_CHARS: usize = 50;
const MIN_NAME_CHARS: usize = 3;
const MAX_NAME_CHARS: usize = 30;
const LINK_REL: &str = "nofollow noopener ugc";
const ALLOWED_TAGS: [&str; 15] =
    ["p", "br", "em", "strong", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4", "hr"];

/// A hashtag as stored: lowercase, 1–50 chars of letters (any script), digits and `_`, not all digits.
/// Distinct, in first-seen order, at most [`MAX_HASHTAGS`].
pub fn hashtags(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for_each_token(text, |token| {
        if let Token::Tag(tag) = token {
            remember(&mut found, tag, MAX_HASHTAGS);
        }
    });
    found
}

/// Mentioned usernames (lowercase), matching Kindred usernames: an ASCII letter, then a–z, 0–9, `_`; 3–30 chars.
/// `@` must not follow a letter or digit, so e-mail addresses don't count. Distinct, first-seen order, at most
/// [`MAX_MENTIONS`]. Whether the names exist is the caller's business (see `known` in [`render`]).
pub fn mentions(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for_each_token(text, |token| {
        if let Token::Mention(name) = token {
            remember(&mut found, name, MAX_MENTIONS);
        }
    });
    found
}

/// Renders markdown to sanitized HTML (see the module docs for what is allowed and why).
///
/// `#tag` becomes `<a href="/tags/tag" class="hashtag">#tag</a>` and `@name` becomes
/// `<a href="/members/name" class="mention">@name</a>` — only in prose, never in code or inside existing links,
/// and a mention only if `known(name)` (called with the lowercase name, at most once per name) is true.
/// The link text keeps the member's spelling; the href uses the stored, lowercase form. Every anchor carries
/// `rel="nofollow noopener ugc"` (ammonia adds it to all links, internal ones included).
pub fn render(text: &str, known: &dyn Fn(&str) -> bool) -> String {
    let mut linker = Linker { tags: Vec::new(), names: Vec::new(), known };
    let mut prose = Prose::default();
    let mut events: Vec<Event> = Vec::new();
    // One entry per open link: whether its Start was kept, so the matching End is kept or dropped too.
    let mut links_kept: Vec<bool> = Vec::new();
    let mut html_block_lines = 0usize;

    for event in parse(text) {
        let scannable = prose.scannable();
        let prev = prose.prev;
        prose.advance(&event);
        match event {
            Event::Text(s) if scannable => linker.push_text(s, prev, &mut events),
            Event::Start(Tag::Heading { level, .. }) => events.push(Event::Start(Tag::Heading {
                level: demote(level),
                id: None,
                classes: vec![],
                attrs: vec![],
            })),
            Event::End(TagEnd::Heading(level)) => events.push(Event::End(TagEnd::Heading(demote(level)))),
            // Dropping only the image's tags leaves its alt text (the inner events) in the flow.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Link { link_type, dest_url, id, .. }) => {
                // Email autolinks carry a bare address; the writer prefixes it with `mailto:`.
                let keep = link_type == LinkType::Email || is_allowed_href(&dest_url);
                links_kept.push(keep);
                if keep {
                    // Titles are dropped by the sanitizer anyway; not emitting them keeps the output predictable.
                    let title = CowStr::Borrowed("");
                    events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
            }
            Event::End(TagEnd::Link) => {
                if links_kept.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            // Raw HTML blocks are shown as text; a paragraph gives that text a proper block to live in.
            Event::Start(Tag::HtmlBlock) => {
                html_block_lines = 0;
                events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::HtmlBlock) => events.push(Event::End(TagEnd::Paragraph)),
            Event::Html(s) => {
                // Keep the member's line structure visible instead of collapsing the block into one line.
                if html_block_lines > 0 {
                    events.push(Event::HardBreak);
                }
                html_block_lines += 1;
                events.push(Event::Text(s.trim_end_matches(['\n', '\r']).to_string().into()));
            }
            // Turning HTML into a Text event is what makes the writer escape it.
            Event::InlineHtml(s) | Event::InlineMath(s) | Event::DisplayMath(s) | Event::FootnoteReference(s) => {
                events.push(Event::Text(s))
            }
            Event::TaskListMarker(_) => {}
            other => events.push(other),
        }
    }

    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    sanitizer().clean(&html).to_string()
}

/// Plain text for previews, search and notifications: markdown syntax stripped, whitespace collapsed, at most
/// `max` chars (cut at a char boundary, ending in "…" when cut). Raw HTML stays as the literal text `render`
/// shows; the result is *not* HTML-escaped, so escape it wherever it is put into HTML.
pub fn plain_text(text: &str, max: usize) -> String {
    let mut buf = String::with_capacity(text.len());
    for event in parse(text) {
        match event {
            Event::Text(s)
            | Event::Code(s)
            | Event::Html(s)
            | Event::InlineHtml(s)
            | Event::InlineMath(s)
            | Event::DisplayMath(s)
            | Event::FootnoteReference(s) => buf.push_str(&s),
            Event::SoftBreak | Event::HardBreak | Event::Rule => buf.push(' '),
            // Without a separator, the end of one paragraph would run into the first word of the next.
            Event::Start(tag) if is_block(&tag.to_end()) => buf.push(' '),
            Event::End(tag) if is_block(&tag) => buf.push(' '),
            _ => {}
        }
    }
    let collapsed = buf.split_whitespace().collect::<Vec<_>>().join(" ");
    truncate(collapsed, max)
}

fn truncate(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    if max == 0 {
        return String::new();
    }
    // One char is reserved for the ellipsis so the result never exceeds `max`.
    let cut: String = text.chars().take(max - 1).collect();
    let mut cut = cut.trim_end().to_string();
    cut.push('…');
    cut
}

/// Strikethrough is the only extension: tables, task lists, footnotes etc. produce markup we don't allow.
fn parse(text: &str) -> TextMergeStream<'_, Parser<'_>> {
    // Merging adjacent text events matters: the parser splits text at escapes and entities, and a `#` that starts
    // a new event would otherwise look like it starts a word (`foo\#bar` must not yield the tag "bar").
    TextMergeStream::new(Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH))
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    // The page title and post titles own h1/h2; member content must not compete with them.
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        _ => HeadingLevel::H4,
    }
}

fn is_block(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Where in the document the walk is, shared by `render` and extraction so both agree on what is prose.
#[derive(Default)]
struct Prose {
    code_blocks: usize,
    links: usize,
    /// The character before the current text, across inline markup (`*a*#b` is not a tag) but not across blocks.
    prev: Option<char>,
}

impl Prose {
    fn scannable(&self) -> bool {
        self.code_blocks == 0 && self.links == 0
    }

    fn advance(&mut self, event: &Event) {
        match event {
            Event::Text(s)
            | Event::Code(s)
            | Event::Html(s)
            | Event::InlineHtml(s)
            | Event::InlineMath(s)
            | Event::DisplayMath(s)
            | Event::FootnoteReference(s) => {
                if let Some(c) = s.chars().next_back() {
                    self.prev = Some(c);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.prev = Some(' '),
            Event::Rule | Event::TaskListMarker(_) => self.prev = None,
            Event::Start(tag) => {
                match tag {
                    Tag::CodeBlock(_) => self.code_blocks += 1,
                    Tag::Link { .. } => self.links += 1,
                    _ => {}
                }
                if is_block(&tag.to_end()) {
                    self.prev = None;
                }
            }
            Event::End(tag) => {
                match tag {
                    TagEnd::CodeBlock => self.code_blocks = self.code_blocks.saturating_sub(1),
                    TagEnd::Link => self.links = self.links.saturating_sub(1),
                    _ => {}
                }
                if is_block(tag) {
                    self.prev = None;
                }
            }
        }
    }
}

fn for_each_token(text: &str, mut f: impl FnMut(Token)) {
    let mut prose = Prose::default();
    for event in parse(text) {
        if let Event::Text(s) = &event {
            if prose.scannable() {
                scan(s, prose.prev).into_iter().for_each(|found| f(found.token));
            }
        }
        prose.advance(&event);
    }
}

fn remember(list: &mut Vec<String>, item: String, cap: usize) {
    if list.len() < cap && !list.contains(&item) {
        list.push(item);
    }
}

enum Token {
    Tag(String),
    Mention(String),
}

struct Found {
    start: usize,
    end: usize,
    token: Token,
}

/// `#` and `@` only start a token at the beginning of a word; this keeps `a#b`, e-mail addresses, URL fragments
/// in bare URLs (`/#top`), entity-like text (`&#39;`) and doubled sigils (`##x`, `@@x`) out.
fn starts_word(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            !(c.is_alphanumeric() || matches!(c, '_' | '/' | '#' | '@' | '&' | '\\' | '=' | '%' | '+' | '~' | '$'))
        }
    }
}

/// Finds hashtags and mentions in one text event; byte ranges index into `text`.
fn scan(text: &str, mut prev: Option<char>) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let after = i + c.len_utf8();
        if (c == '#' || c == '@') && starts_word(prev) {
            let rest = &text[after..];
            let token = if c == '#' { hashtag_at(rest) } else { mention_at(rest) };
            if let Some((len, token)) = token {
                let end = after + len;
                found.push(Found { start: i, end, token });
                prev = text[..end].chars().next_back();
                i = end;
                continue;
            }
        }
        prev = Some(c);
        i = after;
    }
    found
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Returns the byte length of the tag body and the stored form. A run that is too long is rejected rather than
/// truncated: a 60-letter word was not meant as the 50-letter tag it would be cut to.
fn hashtag_at(rest: &str) -> Option<(usize, Token)> {
    let len = rest.find(|c: char| !is_tag_char(c)).unwrap_or(rest.len());
    let body = &rest[..len];
    let chars = body.chars().count();
    if chars == 0 || chars > MAX_TAG_CHARS || body.chars().all(char::is_numeric) {
        return None;
    }
    Some((len, Token::Tag(body.to_lowercase())))
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn mention_at(rest: &str) -> Option<(usize, Token)> {
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let len = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
    // A name glued to more letters (`@josé`) or to another `@` (a remote handle like `@ana@example.social`) is
    // not one of our usernames, and linking a prefix of it would point at the wrong person.
    if rest[len..].starts_with(|c: char| c.is_alphanumeric() || c == '@') {
        return None;
    }
    if !(MIN_NAME_CHARS..=MAX_NAME_CHARS).contains(&len) {
        return None;
    }
    Some((len, Token::Mention(rest[..len].to_ascii_lowercase())))
}

/// Turns tokens in prose into anchors while applying the same caps as extraction, so a page never links a tag
/// under which the post was not stored.
struct Linker<'k> {
    tags: Vec<String>,
    names: Vec<(String, bool)>,
    known: &'k dyn Fn(&str) -> bool,
}

impl Linker<'_> {
    fn push_text<'a>(&mut self, text: CowStr<'a>, prev: Option<char>, events: &mut Vec<Event<'a>>) {
        let found = scan(&text, prev);
        if found.is_empty() {
            events.push(Event::Text(text));
            return;
        }
        let mut done = 0;
        for Found { start, end, token } in found {
            let raw = &text[start..end];
            let anchor = match token {
                Token::Tag(tag) => self.tag_anchor(tag, raw),
                Token::Mention(name) => self.mention_anchor(name, raw),
            };
            if let Some(anchor) = anchor {
                if start > done {
                    events.push(Event::Text(text[done..start].to_string().into()));
                }
                events.push(Event::InlineHtml(anchor.into()));
                done = end;
            }
        }
        if done < text.len() {
            events.push(Event::Text(text[done..].to_string().into()));
        }
    }

    fn tag_anchor(&mut self, tag: String, raw: &str) -> Option<String> {
        let href = format!("/tags/{}", encode_segment(&tag));
        if !self.tags.contains(&tag) {
            if self.tags.len() >= MAX_HASHTAGS {
                return None;
            }
            self.tags.push(tag);
        }
        Some(anchor(&href, "hashtag", raw))
    }

    fn mention_anchor(&mut self, name: String, raw: &str) -> Option<String> {
        let linked = match self.names.iter().find(|(n, _)| *n == name) {
            Some((_, linked)) => *linked,
            None if self.names.len() >= MAX_MENTIONS => return None,
            None => {
                // `known` may cost a lookup; ask once per distinct name.
                let linked = (self.known)(&name);
                self.names.push((name.clone(), linked));
                linked
            }
        };
        linked.then(|| anchor(&format!("/members/{name}"), "mention", raw))
    }
}

fn anchor(href: &str, class: &str, text: &str) -> String {
    format!(r#"<a href="{}" class="{class}">{}</a>"#, escape_html(href), escape_html(text))
}

/// Tag bodies may be in any script; percent-encoding keeps the href plain ASCII (the router decodes it).
fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for &b in segment.as_bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Link destinations a member may use. Checked on the parsed destination (entities already decoded), so
/// `&#106;avascript:` cannot sneak past as text that only later becomes a scheme.
fn is_allowed_href(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme)) || is_internal_href(url)
}

/// Only a single, plain path segment under `/tags/` or `/members/`: no `..`, no further `/`, no query, so a
/// relative link cannot be steered to another page of ours (say, a logout or admin URL).
fn is_internal_href(url: &str) -> bool {
    let Some(segment) = url.strip_prefix("/tags/").or_else(|| url.strip_prefix("/members/")) else {
        return false;
    };
    if segment.is_empty() {
        return false;
    }
    let bytes = segment.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                // Escapes are only needed for non-ASCII; an escaped ASCII byte (`%2e%2e`, `%2f`) is an evasion.
                let hex = segment.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
                if !matches!(hex, Some(b) if b >= 0x80) {
                    return false;
                }
                i += 3;
            }
            b if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' => i += 1,
            b if b >= 0x80 => i += 1,
            _ => return false,
        }
    }
    // Non-ASCII bytes pass above one at a time; they must still be letters or digits, not spaces or controls.
    segment.chars().all(|c| c.is_ascii() || c.is_alphanumeric())
}

/// Keeps only the classes we emit ourselves: `language-…` on code from a fenced block's info string, and our two
/// anchor classes. (ammonia's class allow-list alone would leave an empty `class=""` behind.)
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    if element == "a" && attribute == "class" {
        return matches!(value, "hashtag" | "mention").then_some(Cow::Borrowed(value));
    }
    if element == "code" && attribute == "class" {
        let lang = value.strip_prefix("language-")?;
        let ok = !lang.is_empty()
            && lang.len() <= 40
            && lang.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '#' | '.'));
        return ok.then_some(Cow::Borrowed(value));
    }
    Some(Cow::Borrowed(value))
}

fn internal_only(url: &str) -> Option<Cow<'_, str>> {
    is_internal_href(url).then_some(Cow::Borrowed(url))
}

/// Built once: the allow-lists never change, and building hash sets per render would be wasted work.
fn sanitizer() -> &'static Builder<'static> {
    static SANITIZER: OnceLock<Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = Builder::empty();
        builder
            .tags(ALLOWED_TAGS.into_iter().collect())
            .generic_attributes(HashSet::new())
            .generic_attribute_prefixes(HashSet::new())
            .tag_attribute_values(HashMap::new())
            .set_tag_attribute_values(HashMap::new())
            .tag_attributes(HashMap::from([("a", HashSet::from(["href"])), ("code", HashSet::from(["class"]))]))
            // Classes on anchors are ours alone; `rel` is not listed because ammonia sets it on every anchor.
            .allowed_classes(HashMap::from([("a", HashSet::from(["hashtag", "mention"]))]))
            .attribute_filter(filter_attribute)
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            // Stricter than PassThrough: a relative URL survives only if it is one of our two internal prefixes.
            .url_relative(UrlRelative::Custom(Box::new(internal_only)))
            .link_rel(Some(LINK_REL))
            .strip_comments(true);
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> bool {
        false
    }

    fn all(_: &str) -> bool {
        true
    }

    /// Every real tag in the output. Text `<` is always escaped to `&lt;`, so each literal `<` opens a tag.
    fn tags_of(html: &str) -> Vec<String> {
        html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or("").to_ascii_lowercase()).collect()
    }

    /// Asserts the output is inert: only allowed elements, and no tag carries a handler, style, or a dangerous URL.
    fn assert_inert(input: &str) -> String {
        let html = render(input, &all);
        for tag in tags_of(&html) {
            let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or("");
            assert!(ALLOWED_TAGS.contains(&name), "disallowed <{tag}> in {html:?} from {input:?}");
            for bad in [" on", "style=", "javascript:", "data:", "vbscript:", "src=", "target="] {
                assert!(!tag.contains(bad), "{bad:?} inside <{tag}> in {html:?} from {input:?}");
            }
        }
        html
    }

    #[test]
    fn script_tag_is_shown_as_text_not_run() {
        let html = assert_inert("<script>alert(1)</script>");
        assert!(!html.contains("<script"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        let inline = assert_inert("hi <script>alert(1)</script> there");
        assert!(!inline.contains("<script"));
    }

    #[test]
    fn img_onerror_is_escaped_so_no_element_carries_the_handler() {
        let html = assert_inert("<img src=x onerror=alert(1)>");
        assert!(!html.contains("<img"));
        let inline = assert_inert("look <img src=x onerror=alert(1)> here");
        assert!(!inline.contains("<img"));
    }

    #[test]
    fn markdown_link_with_javascript_scheme_keeps_only_its_text() {
        for input in ["[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](&#106;avascript:alert(1))"] {
            let html = assert_inert(input);
            assert_eq!(html, "<p>x</p>\n", "{input}");
        }
        let autolink = assert_inert("<javascript:alert(1)>");
        assert!(!autolink.contains("<a"), "{autolink}");
        let reference = assert_inert("[x][evil]\n\n[evil]: javascript:alert(1)");
        assert!(!reference.contains("<a"), "{reference}");
    }

    #[test]
    fn raw_anchor_with_javascript_href_is_escaped() {
        let html = assert_inert(r#"<a href="javascript:alert(1)">click</a>"#);
        assert!(!html.contains("<a"), "{html}");
        assert!(html.contains("&lt;a href="), "{html}");
    }

    #[test]
    fn data_url_link_is_not_linked() {
        let html = assert_inert("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)");
        assert!(!html.contains("href"), "{html}");
        let image = assert_inert("![pic](data:image/svg+xml;base64,PHN2Zz4=)");
        assert_eq!(image, "<p>pic</p>\n");
    }

    #[test]
    fn div_with_style_is_escaped() {
        let html = assert_inert("<div style=\"position:fixed;inset:0\">cover</div>");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;div style="), "{html}");
    }

    #[test]
    fn html_comment_is_shown_as_text_not_hidden() {
        let html = assert_inert("before\n\n<!-- secret -->\n\nafter");
        assert!(html.contains("&lt;!-- secret --&gt;"), "{html}");
        assert!(!html.contains("<!--"), "{html}");
    }

    #[test]
    fn relative_links_outside_tags_and_members_are_not_linked() {
        for input in ["[x](/logout)", "[x](//evil.example/)", "[x](/tags/../logout)", "[x](/tags/%2e%2e)", "[x](#top)"]
        {
            let html = assert_inert(input);
            assert!(!html.contains("<a"), "{input} -> {html}");
        }
        let ok = assert_inert("[tango](/tags/tango) and [ana](/members/ana)");
        assert!(ok.contains(r#"<a href="/tags/tango" rel="nofollow noopener ugc">tango</a>"#), "{ok}");
        assert!(ok.contains(r#"<a href="/members/ana" rel="nofollow noopener ugc">ana</a>"#), "{ok}");
    }

    #[test]
    fn sanitizer_alone_strips_what_the_event_pass_might_miss() {
        let dirty = concat!(
            r#"<a href="javascript:alert(1)" onclick="x()" target="_blank" class="evil">a</a>"#,
            r#"<a href="/logout">b</a><a href="/tags/ok" class="hashtag">c</a><a href="/members/ana">d</a>"#,
            r#"<img src=x onerror=alert(1)><p style="color:red" id="p">e</p><code class="x">f</code>"#,
            r#"<code class="language-rust">g</code><script>alert(1)</script><h1>h</h1>"#,
            r#"<a href="data:text/html,x">i</a><a href="https://example.org/">j</a>"#,
        );
        let clean = sanitizer().clean(dirty).to_string();
        assert_eq!(
            clean,
            concat!(
                r#"<a rel="nofollow noopener ugc">a</a><a rel="nofollow noopener ugc">b</a>"#,
                r#"<a href="/tags/ok" class="hashtag" rel="nofollow noopener ugc">c</a>"#,
                r#"<a href="/members/ana" rel="nofollow noopener ugc">d</a>"#,
                r#"<p>e</p><code>f</code><code class="language-rust">g</code>h"#,
                r#"<a rel="nofollow noopener ugc">i</a>"#,
                r#"<a href="https://example.org/" rel="nofollow noopener ugc">j</a>"#,
            )
        );
    }

    #[test]
    fn emphasis_strong_and_strikethrough_render() {
        let html = render("*soft* **strong** ~~gone~~", &none);
        assert_eq!(html, "<p><em>soft</em> <strong>strong</strong> <del>gone</del></p>\n");
    }

    #[test]
    fn lists_render_as_ul_and_ol() {
        assert_eq!(render("- a\n- b", &none), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
        assert_eq!(render("1. a\n2. b", &none), "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n");
    }

    #[test]
    fn blockquote_renders() {
        assert_eq!(render("> quoted", &none), "<blockquote>\n<p>quoted</p>\n</blockquote>\n");
    }

    #[test]
    fn code_block_keeps_language_class_and_escapes_content() {
        let html = render("```rust\nlet a = \"<b>\" && #x;\n```", &all);
        assert_eq!(html, "<pre><code class=\"language-rust\">let a = \"&lt;b&gt;\" &amp;&amp; #x;\n</code></pre>\n");
        assert_eq!(render("    indented <i>\n", &none), "<pre><code>indented &lt;i&gt;\n</code></pre>\n");
        let odd = render("```x\" onclick=\"y\nz\n```", &none);
        assert!(!odd.contains("onclick=\""), "{odd}");
    }

    #[test]
    fn external_links_get_rel_and_no_target() {
        let html = render("[site](https://example.org/a?b=1&c=2 \"title\") <https://x.example> <me@x.example>", &none);
        assert_eq!(
            html,
            concat!(
                "<p><a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener ugc\">site</a> ",
                "<a href=\"https://x.example\" rel=\"nofollow noopener ugc\">https://x.example</a> ",
                "<a href=\"mailto:me@x.example\" rel=\"nofollow noopener ugc\">me@x.example</a></p>\n",
            )
        );
        assert!(!html.contains("target"));
    }

    #[test]
    fn headings_are_demoted_to_h3_and_h4() {
        let html = render("# One\n## Two\n### Three\n#### Four\n###### Six\nSetext\n======", &none);
        assert_eq!(html, "<h3>One</h3>\n<h3>Two</h3>\n<h4>Three</h4>\n<h4>Four</h4>\n<h4>Six</h4>\n<h3>Setext</h3>\n");
    }

    #[test]
    fn images_render_as_their_alt_text() {
        let html = render("see ![a *nice* cat](https://example.org/cat.png \"t\") here", &none);
        assert_eq!(html, "<p>see a <em>nice</em> cat here</p>\n");
    }

    #[test]
    fn rule_and_hard_break_render() {
        assert_eq!(render("a  \nb\n\n---", &none), "<p>a<br>\nb</p>\n<hr>\n");
    }

    #[test]
    fn hashtags_are_lowercased_distinct_and_skip_all_digit_tags() {
        assert_eq!(hashtags("#milonga #Milonga #tango_night #2024 #añoranza"), ["milonga", "tango_night", "añoranza"]);
    }

    #[test]
    fn hashtags_in_code_spans_and_blocks_are_ignored() {
        assert_eq!(hashtags("`#notatag` and #real\n\n```\n#alsonot\n```\n\n    #indented"), ["real"]);
    }

    #[test]
    fn hashtag_needs_a_word_start() {
        assert!(hashtags("a#b").is_empty());
        assert!(hashtags("x_#y ##double &#39;").is_empty());
        assert_eq!(hashtags("(#paren) *#emph* «#quoted»"), ["paren", "emph", "quoted"]);
        // Inline markup does not make a word boundary: this is still one word.
        assert!(hashtags("*a*#b").is_empty());
    }

    #[test]
    fn url_fragments_are_not_hashtags() {
        assert!(hashtags("[docs](https://example.org/page#section)").is_empty());
        assert!(hashtags("<https://example.org/#top>").is_empty());
        assert!(hashtags("bare https://example.org/#top url").is_empty());
        assert!(hashtags("[#linked text](https://example.org)").is_empty());
        let html = render("[docs](https://example.org/page#section)", &all);
        assert!(!html.contains("hashtag"), "{html}");
    }

    #[test]
    fn hashtag_length_is_limited_to_fifty_chars() {
        let fifty = "a".repeat(50);
        assert_eq!(hashtags(&format!("#{fifty}")), std::slice::from_ref(&fifty));
        assert!(hashtags(&format!("#{fifty}b")).is_empty());
        assert_eq!(hashtags("#x"), ["x"]);
    }

    #[test]
    fn hashtags_are_capped_at_thirty_and_render_links_only_those() {
        let text: String = (0..40).map(|i| format!("#t{i} ")).collect();
        let tags = hashtags(&text);
        assert_eq!(tags.len(), MAX_HASHTAGS);
        assert_eq!(tags[29], "t29");
        let html = render(&text, &none);
        assert_eq!(html.matches("class=\"hashtag\"").count(), MAX_HASHTAGS);
        assert!(html.contains("#t30"));
    }

    #[test]
    fn hashtags_render_as_links_with_the_members_spelling() {
        let html = render("Off to the #Milonga tonight, #añoranza!", &none);
        assert_eq!(
            html,
            concat!(
                "<p>Off to the ",
                "<a href=\"/tags/milonga\" class=\"hashtag\" rel=\"nofollow noopener ugc\">#Milonga</a> tonight, ",
                "<a href=\"/tags/a%C3%B1oranza\" class=\"hashtag\" rel=\"nofollow noopener ugc\">#añoranza</a>!</p>\n",
            )
        );
    }

    #[test]
    fn hashtags_in_code_are_not_linked() {
        let html = render("`#code` #live", &all);
        assert!(html.contains("<code>#code</code>"), "{html}");
        assert!(html.contains(r#"<a href="/tags/live" class="hashtag""#), "{html}");
    }

    #[test]
    fn mentions_are_lowercased_and_skip_emails() {
        assert_eq!(mentions("@Ana hi @bob_2 and mail me at x@example.org"), ["ana", "bob_2"]);
    }

    #[test]
    fn mentions_follow_username_rules() {
        assert!(mentions("@ab @1abc @_abc").is_empty(), "too short or not starting with a letter");
        assert_eq!(mentions(&format!("@a{}", "b".repeat(29))), [format!("a{}", "b".repeat(29))]);
        assert!(mentions(&format!("@a{}", "b".repeat(30))).is_empty(), "31 chars");
        assert!(mentions("@josé @ana@remote.example").is_empty(), "glued to more name characters");
        assert_eq!(mentions("(@ana), @bob. @ana"), ["ana", "bob"]);
        assert!(mentions("`@ana` [@bob](https://example.org)").is_empty(), "in code and links");
    }

    #[test]
    fn mentions_are_capped_at_twenty() {
        let text: String = (0..25).map(|i| format!("@user{i} ")).collect();
        assert_eq!(mentions(&text).len(), MAX_MENTIONS);
    }

    #[test]
    fn known_mentions_are_linked_and_unknown_stay_text() {
        let known = |name: &str| name == "ana";
        let html = render("@Ana meet @ghost", &known);
        assert_eq!(
            html,
            "<p><a href=\"/members/ana\" class=\"mention\" rel=\"nofollow noopener ugc\">@Ana</a> meet @ghost</p>\n"
        );
    }

    #[test]
    fn known_is_asked_once_per_name() {
        let calls = std::cell::Cell::new(0);
        let known = |_: &str| {
            calls.set(calls.get() + 1);
            true
        };
        let html = render("@ana @Ana @ana @bob", &known);
        assert_eq!(calls.get(), 2);
        assert_eq!(html.matches("class=\"mention\"").count(), 4);
    }

    #[test]
    fn mentions_in_code_and_emails_are_not_linked() {
        let html = render("`@ana` and\n\n```\n@ana\n```\n\nmail x@ana.example", &all);
        assert!(!html.contains("mention"), "{html}");
    }

    #[test]
    fn plain_text_strips_markdown_syntax() {
        let text = "# Title\n\nSome *em* and **strong**, a [link](https://example.org) and `code`.\n\n- one\n- two\n\n\
                    > quote\n\n![alt text](x.png)";
        assert_eq!(plain_text(text, 500), "Title Some em and strong, a link and code. one two quote alt text");
    }

    #[test]
    fn plain_text_collapses_whitespace() {
        assert_eq!(plain_text("  a\n\n\n   b\tc  ", 100), "a b c");
    }

    #[test]
    fn plain_text_truncates_with_ellipsis_within_max() {
        assert_eq!(plain_text("hello wonderful world", 11), "hello wond…");
        assert_eq!(plain_text("hello world", 11), "hello world");
        assert_eq!(plain_text("añoranza añoranza", 5), "añor…");
        assert_eq!(plain_text("hello world", 7), "hello…", "no space before the ellipsis");
        assert_eq!(plain_text("hello", 0), "");
        assert!(plain_text(&"ñ".repeat(300), 140).chars().count() <= 140);
    }
}

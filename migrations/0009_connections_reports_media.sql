-- Connections (mutual, with a closeness score), "connections only" posts, reports and the
-- moderation queue, and uploaded images (posts and avatars).

-- Connections ---------------------------------------------------------------------------------

-- A pending request. Accepting turns it into two `connections` rows; declining or cancelling
-- deletes it. At most one request per pair in either direction (enforced in the service, under
-- a lock on the pair).
create table connection_requests (
    requester_id  uuid not null references members (member_id) on delete cascade,
    addressee_id  uuid not null references members (member_id) on delete cascade,
    message       text not null default '' check (char_length(message) <= 500),
    created_at    timestamptz not null default now(),
    primary key (requester_id, addressee_id),
    check (requester_id <> addressee_id)
);
create index connection_requests_addressee_idx on connection_requests (addressee_id, created_at desc);

-- An accepted connection is stored once per direction, so "is A connected to B" and "B's
-- connections by closeness" are both single index lookups. Both rows always carry the same
-- closeness: every write updates the pair.
create table connections (
    member_id            uuid not null references members (member_id) on delete cascade,
    other_id             uuid not null references members (member_id) on delete cascade,
    closeness            real not null default 75 check (closeness between 0 and 100),
    last_interaction_at  timestamptz not null default now(),
    -- The day decay was last applied, so the periodic job decays at most once a day.
    decayed_on           date not null default current_date,
    created_at           timestamptz not null default now(),
    primary key (member_id, other_id),
    check (member_id <> other_id)
);
create index connections_closeness_idx on connections (member_id, closeness desc, other_id);
create index connections_idle_idx on connections (last_interaction_at);

alter type post_visibility add value if not exists 'connections';
alter type notification_kind add value if not exists 'connection';
alter type notification_kind add value if not exists 'moderation';

-- Reports and moderation ------------------------------------------------------------------------

alter table posts add column hidden_at timestamptz, add column hidden_by uuid references members (member_id) on delete set null;
alter table comments add column hidden_at timestamptz, add column hidden_by uuid references members (member_id) on delete set null;

create type report_reason as enum ('spam', 'harassment', 'hate', 'misinformation', 'self_harm', 'other');

create table reports (
    report_id    uuid primary key default gen_random_uuid(),
    reporter_id  uuid not null references members (member_id) on delete cascade,
    post_id      uuid references posts (post_id) on delete cascade,
    comment_id   uuid references comments (comment_id) on delete cascade,
    reason       report_reason not null,
    details      text not null default '' check (char_length(details) <= 1000),
    -- 'hidden' (content hidden) or 'dismissed' (no action), once a moderator resolves it.
    resolution   text check (resolution in ('hidden', 'dismissed')),
    resolved_by  uuid references members (member_id) on delete set null,
    resolved_at  timestamptz,
    created_at   timestamptz not null default now(),
    check (num_nonnulls(post_id, comment_id) = 1),
    check ((resolution is null) = (resolved_at is null))
);
-- One open report per member per piece of content.
create unique index reports_open_post_uniq on reports (reporter_id, post_id) where resolved_at is null and post_id is not null;
create unique index reports_open_comment_uniq on reports (reporter_id, comment_id) where resolved_at is null and comment_id is not null;
-- The moderation queue: open reports, oldest first.
create index reports_open_idx on reports (created_at, report_id) where resolved_at is null;
create index reports_post_idx on reports (post_id) where post_id is not null;
create index reports_comment_idx on reports (comment_id) where comment_id is not null;

-- Uploaded images -------------------------------------------------------------------------------

-- One uploaded image, re-encoded into a display size and a thumbnail (see feed::media). The
-- files live in the media store under `<media_id>/display.<ext>` and `<media_id>/thumb.<ext>`.
create table media (
    media_id      uuid primary key default gen_random_uuid(),
    owner_id      uuid not null references members (member_id) on delete cascade,
    purpose       text not null check (purpose in ('post', 'avatar', 'event')),
    content_type  text not null check (content_type in ('image/jpeg', 'image/png')),
    width         integer not null check (width > 0),
    height        integer not null check (height > 0),
    thumb_width   integer not null check (thumb_width > 0),
    thumb_height  integer not null check (thumb_height > 0),
    bytes         integer not null check (bytes > 0),
    created_at    timestamptz not null default now()
);
create index media_owner_idx on media (owner_id, created_at desc);

alter table posts
    add column image_id uuid references media (media_id) on delete set null,
    add column image_alt text not null default '' check (char_length(image_alt) <= 300);
alter table members add column avatar_id uuid references media (media_id) on delete set null;

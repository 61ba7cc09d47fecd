-- In-app notifications, with per-kind mutes.

create type notification_kind as enum ('engagement', 'comment', 'mention', 'follow', 'milestone');

create table notifications (
    notification_id  uuid primary key default gen_random_uuid(),
    member_id        uuid not null references members (member_id) on delete cascade,
    kind             notification_kind not null,
    actor_id         uuid references members (member_id) on delete cascade,
    post_id          uuid references posts (post_id) on delete cascade,
    message          text not null check (char_length(message) between 1 and 300),
    link             text not null check (link like '/%'),
    read_at          timestamptz,
    created_at       timestamptz not null default now()
);
-- The list, newest first (keyset), and the unread badge.
create index notifications_member_idx on notifications (member_id, created_at desc, notification_id desc);
create index notifications_unread_idx on notifications (member_id) where read_at is null;
create index notifications_actor_idx on notifications (actor_id) where actor_id is not null;
create index notifications_post_idx on notifications (post_id) where post_id is not null;

create table notification_mutes (
    member_id  uuid not null references members (member_id) on delete cascade,
    kind       notification_kind not null,
    primary key (member_id, kind)
);

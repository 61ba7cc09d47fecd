-- Communities and chat (seed 004's servers, roles, channels, messages and reactions; seed 001's
-- chat rooms and read state). See src/communities/ and src/chat/.

-- A community: public (anyone joins), private (join requests approved by someone with the
-- invite permission) or invite-only (codes with expiry and max uses).
create table communities (
    community_id  uuid primary key default gen_random_uuid(),
    slug          text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'),
    name          text not null check (char_length(name) between 2 and 60),
    description   text not null default '' check (char_length(description) <= 1000),
    icon_id       uuid references media (media_id) on delete set null,
    visibility    text not null check (visibility in ('public', 'private', 'invite')),
    -- What the message filter does with a message it objects to: refuse it, or deliver it and
    -- put it in the moderators' queue.
    filter_policy text not null default 'block' check (filter_policy in ('block', 'flag')),
    owner_id      uuid not null references members (member_id),
    member_count  integer not null default 0 check (member_count >= 0),
    created_at    timestamptz not null default now(),
    search        tsvector generated always as (to_tsvector('simple', name || ' ' || description)) stored
);
create index communities_listed_idx on communities (member_count desc, community_id) where visibility <> 'invite';
create index communities_search_idx on communities using gin (search);
create index communities_owner_idx on communities (owner_id);

-- Roles carry a permission bitset (bits in src/communities/perms.rs). `position` orders them:
-- higher is more senior; the @everyone role is 0, the owner role is above every other.
create table community_roles (
    role_id      uuid primary key default gen_random_uuid(),
    community_id uuid not null references communities on delete cascade,
    name         text not null check (char_length(name) between 1 and 40),
    colour       text not null default '#8a8a8a' check (colour ~ '^#[0-9a-f]{6}$'),
    position     integer not null check (position >= 0),
    permissions  bigint not null default 0,
    kind         text not null default 'custom' check (kind in ('everyone', 'moderator', 'owner', 'custom')),
    created_at   timestamptz not null default now(),
    unique (community_id, name)
);
create unique index community_roles_builtin_idx on community_roles (community_id, kind) where kind <> 'custom';
create index community_roles_order_idx on community_roles (community_id, position desc);

create table community_members (
    community_id  uuid not null references communities on delete cascade,
    member_id     uuid not null references members on delete cascade,
    joined_at     timestamptz not null default now(),
    -- While in the future the member can read but not write or react.
    timeout_until timestamptz,
    primary key (community_id, member_id)
);
create index community_members_member_idx on community_members (member_id, joined_at desc);
create index community_members_joined_idx on community_members (community_id, joined_at, member_id);

-- Roles beyond @everyone (which every member has implicitly).
create table community_member_roles (
    community_id uuid not null,
    member_id    uuid not null,
    role_id      uuid not null references community_roles on delete cascade,
    primary key (community_id, member_id, role_id),
    foreign key (community_id, member_id) references community_members on delete cascade
);
create index community_member_roles_role_idx on community_member_roles (role_id);

create table community_bans (
    community_id uuid not null references communities on delete cascade,
    member_id    uuid not null references members on delete cascade,
    reason       text not null default '' check (char_length(reason) <= 500),
    banned_by    uuid references members on delete set null,
    created_at   timestamptz not null default now(),
    primary key (community_id, member_id)
);

create table community_join_requests (
    community_id uuid not null references communities on delete cascade,
    member_id    uuid not null references members on delete cascade,
    note         text not null default '' check (char_length(note) <= 500),
    created_at   timestamptz not null default now(),
    primary key (community_id, member_id)
);

create table community_invites (
    code         text primary key check (code ~ '^[A-Za-z0-9]{8,16}$'),
    community_id uuid not null references communities on delete cascade,
    created_by   uuid references members on delete set null,
    expires_at   timestamptz,
    max_uses     integer check (max_uses between 1 and 1000),
    uses         integer not null default 0 check (uses >= 0),
    revoked_at   timestamptz,
    created_at   timestamptz not null default now()
);
create index community_invites_community_idx on community_invites (community_id, created_at desc);

-- Channels: text channels and categories of a community, and direct-message conversations
-- (no community). Every message of a channel has a number, `seq`, given out under the channel's
-- row lock, so numbers commit in order: "everything after N" is exact.
create table chat_channels (
    channel_id      uuid primary key default gen_random_uuid(),
    community_id    uuid references communities on delete cascade,
    kind            text not null check (kind in ('text', 'category', 'dm')),
    parent_id       uuid references chat_channels on delete set null,
    name            text not null default '' check (char_length(name) <= 40),
    topic           text not null default '' check (char_length(topic) <= 300),
    position        integer not null default 0,
    slow_mode_secs  integer not null default 0 check (slow_mode_secs between 0 and 21600),
    -- For a 1:1 conversation, the two member ids in order: one conversation per pair.
    dm_pair         text unique,
    last_seq        bigint not null default 0,
    last_message_at timestamptz,
    created_by      uuid references members on delete set null,
    created_at      timestamptz not null default now(),
    check ((kind = 'dm') = (community_id is null))
);
create index chat_channels_community_idx on chat_channels (community_id, position) where community_id is not null;

create table dm_members (
    channel_id uuid not null references chat_channels on delete cascade,
    member_id  uuid not null references members on delete cascade,
    primary key (channel_id, member_id)
);
create index dm_members_member_idx on dm_members (member_id);

-- Per-channel permission overrides for a role or a member: `deny` bits are taken away, then
-- `allow` bits given (resolution order in src/communities/perms.rs).
create table channel_overrides (
    channel_id  uuid not null references chat_channels on delete cascade,
    target_kind text not null check (target_kind in ('role', 'member')),
    target_id   uuid not null,
    allow       bigint not null default 0,
    deny        bigint not null default 0,
    primary key (channel_id, target_kind, target_id)
);

create table chat_messages (
    message_id        uuid primary key default gen_random_uuid(),
    channel_id        uuid not null references chat_channels on delete cascade,
    seq               bigint not null,
    author_id         uuid not null references members on delete cascade,
    body              text not null check (char_length(body) <= 4000),
    -- The body rendered once, when sent or edited (sanitised HTML).
    body_html         text not null default '',
    reply_to          uuid references chat_messages on delete set null,
    mentions          uuid[] not null default '{}',
    mentions_everyone boolean not null default false,
    image_id          uuid references media (media_id) on delete set null,
    image_alt         text not null default '' check (char_length(image_alt) <= 300),
    edited_at         timestamptz,
    deleted_at        timestamptz,
    -- Set when the filter objected and the community's policy is to deliver and flag.
    flagged_reason    text,
    flag_resolved_at  timestamptz,
    flag_resolved_by  uuid references members on delete set null,
    created_at        timestamptz not null default now(),
    search            tsvector generated always as (to_tsvector('simple', body)) stored,
    unique (channel_id, seq)
);
create index chat_messages_search_idx on chat_messages using gin (search);
create index chat_messages_flagged_idx on chat_messages (channel_id, created_at)
    where flagged_reason is not null and flag_resolved_at is null;
create index chat_messages_author_idx on chat_messages (author_id, created_at desc);
create index chat_messages_image_idx on chat_messages (image_id) where image_id is not null;

create table chat_reactions (
    message_id uuid not null references chat_messages on delete cascade,
    member_id  uuid not null references members on delete cascade,
    emoji      text not null check (char_length(emoji) between 1 and 16),
    created_at timestamptz not null default now(),
    primary key (message_id, emoji, member_id)
);

-- A member's place in a channel: the last message read, and when they last sent (slow mode).
create table chat_reads (
    channel_id    uuid not null references chat_channels on delete cascade,
    member_id     uuid not null references members on delete cascade,
    last_read_seq bigint not null default 0,
    last_sent_at  timestamptz,
    primary key (channel_id, member_id)
);
create index chat_reads_member_idx on chat_reads (member_id);

alter table media drop constraint media_purpose_check;
alter table media add constraint media_purpose_check check (purpose in ('post', 'avatar', 'event', 'place', 'message', 'community'));

alter type notification_kind add value if not exists 'chat';

-- Real-time messages name a topic: `m:<member>` (one member's sockets), `c:<channel>` (everyone
-- subscribed to a channel) or `g:<community>` (its members' sockets). Notifications go to their
-- member.
create or replace function notifications_realtime() returns trigger language plpgsql as $$
begin
    perform pg_notify('kindred_realtime', json_build_object('topic', 'm:' || new.member_id, 'kind', 'notification')::text);
    return null;
end
$$;

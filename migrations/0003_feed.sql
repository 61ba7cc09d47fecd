-- Feed: posts with chakra and frequency, edit history, mentions, comments, engagements with the
-- monthly energy allowance and aura, and follows.

create type chakra as enum ('root', 'sacral', 'solar', 'heart', 'throat', 'third_eye', 'crown');
create type post_visibility as enum ('public', 'followers');
create type engagement_kind as enum ('like', 'upvote', 'downvote', 'energy');

-- Monthly energy allowance: 1,000 at the start of each calendar month (UTC). The balance is
-- reset lazily, in the same statement that spends it, so no job has to run at midnight.
alter table members
    add column energy_balance integer not null default 1000 check (energy_balance >= 0),
    add column energy_month date not null default date_trunc('month', now())::date,
    add column aura integer not null default 0 check (aura >= 0);

create table posts (
    post_id          uuid primary key default gen_random_uuid(),
    author_id        uuid not null references members (member_id) on delete cascade,
    body             text not null check (char_length(body) between 1 and 5000),
    body_html        text not null,
    visibility       post_visibility not null default 'public',
    chakra           chakra not null,
    chakra_auto      chakra not null,
    frequency        smallint not null check (frequency between 1 and 10),
    chakra_reasons   jsonb not null default '[]',
    hashtags         text[] not null default '{}',
    like_count       integer not null default 0 check (like_count >= 0),
    upvote_count     integer not null default 0 check (upvote_count >= 0),
    downvote_count   integer not null default 0 check (downvote_count >= 0),
    energy_count     integer not null default 0 check (energy_count >= 0),
    comment_count    integer not null default 0 check (comment_count >= 0),
    search           tsvector generated always as (to_tsvector('simple', body)) stored,
    edited_at        timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create trigger posts_updated_at before update on posts for each row execute function set_updated_at();
-- Profile feeds and the home feed's "own and followed" part: newest first per author.
create index posts_author_idx on posts (author_id, created_at desc, post_id desc);
-- Public timelines (hashtag, chakra, everyone) only ever list public posts.
create index posts_public_idx on posts (created_at desc, post_id desc) where visibility = 'public';
create index posts_chakra_idx on posts (chakra, created_at desc, post_id desc) where visibility = 'public';
create index posts_hashtags_idx on posts using gin (hashtags);
create index posts_search_idx on posts using gin (search);

-- The text of a post before each edit.
create table post_edits (
    edit_id    bigint generated always as identity primary key,
    post_id    uuid not null references posts (post_id) on delete cascade,
    body       text not null,
    edited_at  timestamptz not null default now()
);
create index post_edits_post_idx on post_edits (post_id, edit_id desc);

create table post_mentions (
    post_id    uuid not null references posts (post_id) on delete cascade,
    member_id  uuid not null references members (member_id) on delete cascade,
    primary key (post_id, member_id)
);
create index post_mentions_member_idx on post_mentions (member_id);

create table comments (
    comment_id  uuid primary key default gen_random_uuid(),
    post_id     uuid not null references posts (post_id) on delete cascade,
    author_id   uuid not null references members (member_id) on delete cascade,
    parent_id   uuid references comments (comment_id) on delete cascade,
    depth       smallint not null default 0 check (depth >= 0),
    body        text not null check (char_length(body) between 1 and 2000),
    body_html   text not null,
    edited_at   timestamptz,
    created_at  timestamptz not null default now()
);
create index comments_post_idx on comments (post_id, created_at, comment_id);
create index comments_parent_idx on comments (parent_id) where parent_id is not null;
create index comments_author_idx on comments (author_id);

-- At most one engagement of each kind per member per post.
create table engagements (
    post_id     uuid not null references posts (post_id) on delete cascade,
    member_id   uuid not null references members (member_id) on delete cascade,
    kind        engagement_kind not null,
    created_at  timestamptz not null default now(),
    primary key (post_id, member_id, kind)
);
create index engagements_member_idx on engagements (member_id, created_at desc);

create table follows (
    follower_id  uuid not null references members (member_id) on delete cascade,
    followee_id  uuid not null references members (member_id) on delete cascade,
    created_at   timestamptz not null default now(),
    primary key (follower_id, followee_id),
    check (follower_id <> followee_id)
);
create index follows_followee_idx on follows (followee_id, created_at desc);

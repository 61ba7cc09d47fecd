-- Bookmarked posts.

create table bookmarks (
    member_id   uuid not null references members (member_id) on delete cascade,
    post_id     uuid not null references posts (post_id) on delete cascade,
    created_at  timestamptz not null default now(),
    primary key (member_id, post_id)
);
create index bookmarks_post_idx on bookmarks (post_id);

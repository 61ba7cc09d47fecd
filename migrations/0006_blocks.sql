-- Blocks: hide both members' posts and comments from each other; no follows, mentions or
-- comments between them.

create table blocks (
    blocker_id  uuid not null references members (member_id) on delete cascade,
    blocked_id  uuid not null references members (member_id) on delete cascade,
    created_at  timestamptz not null default now(),
    primary key (blocker_id, blocked_id),
    check (blocker_id <> blocked_id)
);
create index blocks_blocked_idx on blocks (blocked_id);

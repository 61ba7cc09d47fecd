-- Practice buddies (issue 20): a request, accepted or declined; an active pair sees each other's
-- streak and last practice, nudges (rate-limited), and counts the days both practised.
create type buddy_status as enum ('pending', 'active', 'declined', 'ended');
create table practice_buddies (
    buddy_id     uuid primary key default gen_random_uuid(),
    requester_id uuid not null references members (member_id) on delete cascade,
    addressee_id uuid not null references members (member_id) on delete cascade,
    status       buddy_status not null default 'pending',
    message      text not null default '' check (char_length(message) <= 300),
    created_at   timestamptz not null default now(),
    since        timestamptz,
    ended_at     timestamptz,
    check (requester_id <> addressee_id)
);
-- One open pair at a time, whoever asked.
create unique index practice_buddies_pair_key
    on practice_buddies (least(requester_id, addressee_id), greatest(requester_id, addressee_id))
    where status in ('pending', 'active');
create index practice_buddies_requester_idx on practice_buddies (requester_id) where status in ('pending', 'active');
create index practice_buddies_addressee_idx on practice_buddies (addressee_id) where status in ('pending', 'active');

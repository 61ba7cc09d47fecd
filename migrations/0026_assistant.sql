-- The assistant (issue 21): each member's private conversation with it, kept until they delete it.
create table assistant_messages (
    message_id  uuid primary key default gen_random_uuid(),
    member_id   uuid not null references members (member_id) on delete cascade,
    from_member boolean not null,
    body        text not null check (char_length(body) between 1 and 4000),
    -- The cards an answer links to (see assistant::model::Card).
    cards       jsonb not null default '[]' check (jsonb_typeof(cards) = 'array'),
    -- What the engine understood (for answers): the intent's name.
    intent      text,
    created_at  timestamptz not null default now()
);
create index assistant_messages_member_idx on assistant_messages (member_id, created_at desc, message_id desc);

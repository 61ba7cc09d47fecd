-- Practice challenges (issue 20): site-wide (moderators) or in a community (holders of "manage
-- events"), with dates, criteria, a participant limit and a reward; progress comes from sessions.
create table challenges (
    challenge_id     uuid primary key default gen_random_uuid(),
    title            text not null check (char_length(title) between 3 and 100),
    description      text not null default '' check (char_length(description) <= 2000),
    community_id     uuid references communities (community_id) on delete cascade,
    created_by       uuid references members (member_id) on delete set null,
    starts_on        date not null,
    ends_on          date not null,
    -- {"type": "minutes" | "sessions" | "days", "value": n, "category": slug?}
    criteria         jsonb not null check (jsonb_typeof(criteria) = 'object' and criteria ? 'type'),
    category_id      uuid references practice_categories (category_id) on delete cascade,
    max_participants integer check (max_participants between 1 and 100000),
    reward_xp        integer not null default 0 check (reward_xp between 0 and 500),
    reward_achievement_id uuid references achievements (achievement_id) on delete set null,
    participants     integer not null default 0,
    created_at       timestamptz not null default now(),
    check (ends_on >= starts_on and ends_on - starts_on <= 366)
);
create index challenges_dates_idx on challenges (ends_on, starts_on);
create index challenges_community_idx on challenges (community_id, ends_on) where community_id is not null;

create table challenge_participants (
    challenge_id uuid not null references challenges (challenge_id) on delete cascade,
    member_id    uuid not null references members (member_id) on delete cascade,
    joined_at    timestamptz not null default now(),
    progress     bigint not null default 0,
    completed_at timestamptz,
    primary key (challenge_id, member_id)
);
create index challenge_participants_rank_idx on challenge_participants (challenge_id, progress desc, member_id);
create index challenge_participants_member_idx on challenge_participants (member_id, challenge_id);

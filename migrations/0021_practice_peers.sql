-- Practice among peers (issue 20): privacy, leaderboards, validation of sessions and mastery
-- verification.

-- Who may see a member's profile; who may see their sessions; whether they appear on
-- leaderboards (off until they choose it).
create type profile_audience as enum ('public', 'members');
alter table members add column profile_audience profile_audience not null default 'public';

create type session_audience as enum ('everyone', 'connections', 'only_me');
alter table practice_members
    add column sessions_audience session_audience not null default 'connections',
    add column on_leaderboards boolean not null default false;

-- Minutes per ISO week (Monday, UTC), kept by every session; `listed` mirrors the member's
-- leaderboard choice so a leaderboard and a rank are one index range each.
create table practice_weekly (
    week_start date not null,
    member_id  uuid not null references members (member_id) on delete cascade,
    seconds    bigint not null default 0,
    listed     boolean not null default false,
    primary key (week_start, member_id)
);
create index practice_weekly_rank_idx on practice_weekly (week_start, seconds desc, member_id) where listed;

create table practice_weekly_categories (
    week_start  date not null,
    category_id uuid not null references practice_categories (category_id) on delete cascade,
    member_id   uuid not null references members (member_id) on delete cascade,
    seconds     bigint not null default 0,
    listed      boolean not null default false,
    primary key (week_start, category_id, member_id)
);
create index practice_weekly_categories_rank_idx
    on practice_weekly_categories (week_start, category_id, seconds desc, member_id) where listed;

create index practice_members_streak_board_idx
    on practice_members (current_streak desc, member_id) where on_leaderboards;

-- Peers mark a session authentic, helpful or inspiring, once each, never their own.
create type validation_kind as enum ('authentic', 'helpful', 'inspiring');
create table session_validations (
    session_id   uuid not null references practice_sessions (session_id) on delete cascade,
    validator_id uuid not null references members (member_id) on delete cascade,
    kind         validation_kind not null,
    comment      text not null default '' check (char_length(comment) <= 500),
    created_at   timestamptz not null default now(),
    primary key (session_id, validator_id)
);
create index session_validations_validator_idx on session_validations (validator_id, created_at desc);
alter table practice_sessions add column validations integer not null default 0;

-- Mastery verification: answers to a technique's questions, reviewed by members verified in it
-- (or moderators); 3 authentic reviews verify, 3 not authentic decline.
create type verification_status as enum ('pending', 'verified', 'declined');
create table verification_requests (
    request_id    uuid primary key default gen_random_uuid(),
    member_id     uuid not null references members (member_id) on delete cascade,
    technique_id  uuid not null references techniques (technique_id) on delete cascade,
    answers       text[] not null check (cardinality(answers) between 1 and 10),
    anonymous     boolean not null default false,
    status        verification_status not null default 'pending',
    authentic     integer not null default 0,
    not_authentic integer not null default 0,
    created_at    timestamptz not null default now(),
    decided_at    timestamptz
);
create unique index verification_requests_open_key on verification_requests (member_id, technique_id)
    where status = 'pending';
create index verification_requests_pending_idx on verification_requests (technique_id, created_at)
    where status = 'pending';

create table verification_reviews (
    request_id  uuid not null references verification_requests (request_id) on delete cascade,
    reviewer_id uuid not null references members (member_id) on delete cascade,
    authentic   boolean not null,
    comment     text not null default '' check (char_length(comment) <= 1000),
    created_at  timestamptz not null default now(),
    primary key (request_id, reviewer_id)
);

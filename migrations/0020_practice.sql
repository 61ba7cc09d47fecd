-- Practice (issue 20): the technique library, timed sessions, daily check-ins with streaks and
-- freezes, XP per category, and achievements defined as data.

-- Sessions of one member may not overlap: an exclusion constraint on (member, time range).
create extension if not exists btree_gist;

create table practice_categories (
    category_id uuid primary key default gen_random_uuid(),
    slug        text not null check (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
    name        text not null check (char_length(name) between 1 and 40),
    colour      text not null check (colour ~ '^#[0-9a-f]{6}$'),
    position    integer not null default 0,
    created_at  timestamptz not null default now()
);
create unique index practice_categories_slug_key on practice_categories (slug);

create table techniques (
    technique_id          uuid primary key default gen_random_uuid(),
    slug                  text not null check (slug ~ '^[a-z][a-z0-9-]{1,59}$'),
    category_id           uuid not null references practice_categories (category_id) on delete restrict,
    name                  text not null check (char_length(name) between 1 and 80),
    summary               text not null default '' check (char_length(summary) <= 280),
    guide                 text not null default '' check (char_length(guide) <= 20000),
    media_url             text check (media_url is null or (char_length(media_url) <= 500 and media_url ~ '^https://')),
    minutes               integer not null check (minutes between 1 and 240),
    difficulty            smallint not null check (difficulty between 1 and 5),
    prerequisite_id       uuid references techniques (technique_id) on delete set null,
    -- {"practice_count": n, "days_active": n, "streak": n, "category_level": {"category": slug, "level": n}}
    unlock                jsonb not null default '{}' check (jsonb_typeof(unlock) = 'object'),
    gateway               boolean not null default false,
    requires_verification boolean not null default false,
    questions             text[] not null default '{}' check (cardinality(questions) <= 10),
    active                boolean not null default true,
    created_by            uuid references members (member_id) on delete set null,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    search                tsvector generated always as (
        to_tsvector('english', name || ' ' || summary)
    ) stored,
    check (prerequisite_id is null or prerequisite_id <> technique_id)
);
create unique index techniques_slug_key on techniques (slug);
create index techniques_category_idx on techniques (category_id, difficulty, name);
create index techniques_search_idx on techniques using gin (search);
create trigger techniques_updated_at before update on techniques
    for each row execute function set_updated_at();

-- Per member: counters kept by every session and check-in (so no action scans the sessions),
-- the check-in streak with its freezes, and the day the evening reminder last went out.
create table practice_members (
    member_id          uuid primary key references members (member_id) on delete cascade,
    sessions           integer not null default 0,
    seconds            bigint not null default 0,
    days_active        integer not null default 0,
    check_ins          integer not null default 0,
    current_streak     integer not null default 0,
    longest_streak     integer not null default 0,
    last_check_in_day  date,
    freezes            smallint not null default 0 check (freezes between 0 and 2),
    frozen_days        date[] not null default '{}',
    validations_given  integer not null default 0,
    verified           integer not null default 0,
    challenges_completed integer not null default 0,
    reminded_on        date,
    updated_at         timestamptz not null default now()
);

create table member_techniques (
    member_id          uuid not null references members (member_id) on delete cascade,
    technique_id       uuid not null references techniques (technique_id) on delete cascade,
    unlocked_at        timestamptz,
    first_practised_at timestamptz,
    last_practised_at  timestamptz,
    sessions           integer not null default 0,
    seconds            bigint not null default 0,
    mastery            smallint not null default 0 check (mastery between 0 and 5),
    favourite          boolean not null default false,
    notes              text not null default '' check (char_length(notes) <= 4000),
    verified_at        timestamptz,
    primary key (member_id, technique_id)
);
create index member_techniques_favourite_idx on member_techniques (member_id) where favourite;

create type practice_feedback as enum ('bad', 'neutral', 'good');
create type practice_kind as enum ('solo', 'group', 'teaching', 'guided');

create table practice_sessions (
    session_id   uuid primary key default gen_random_uuid(),
    member_id    uuid not null references members (member_id) on delete cascade,
    technique_id uuid not null references techniques (technique_id) on delete restrict,
    category_id  uuid not null references practice_categories (category_id) on delete restrict,
    started_at   timestamptz not null,
    ended_at     timestamptz not null,
    seconds      integer not null check (seconds between 60 and 14400),
    -- The member's local day when the session started (their time zone then).
    local_day    date not null,
    feedback     practice_feedback,
    kind         practice_kind not null default 'solo',
    notes        text not null default '' check (char_length(notes) <= 2000),
    event_id     uuid references events (event_id) on delete set null,
    xp           integer not null default 0,
    created_at   timestamptz not null default now(),
    check (ended_at > started_at),
    constraint practice_sessions_no_overlap
        exclude using gist (member_id with =, tstzrange(started_at, ended_at) with &&)
);
create index practice_sessions_member_idx on practice_sessions (member_id, started_at desc, session_id desc);
create index practice_sessions_day_idx on practice_sessions (member_id, local_day);
-- Weekly leaderboards and charts read minutes by time.
create index practice_sessions_time_idx on practice_sessions (started_at) include (member_id, category_id, seconds);

create table practice_check_ins (
    member_id    uuid not null references members (member_id) on delete cascade,
    local_day    date not null,
    mood_before  smallint not null check (mood_before between 1 and 10),
    mood_after   smallint not null check (mood_after between 1 and 10),
    technique_id uuid references techniques (technique_id) on delete set null,
    session_id   uuid references practice_sessions (session_id) on delete set null,
    note         text not null default '' check (char_length(note) <= 1000),
    created_at   timestamptz not null default now(),
    primary key (member_id, local_day)
);

-- XP per member and category, and what each local day added (the daily cap).
create table practice_xp (
    member_id   uuid not null references members (member_id) on delete cascade,
    category_id uuid not null references practice_categories (category_id) on delete cascade,
    xp          integer not null default 0 check (xp >= 0),
    level       integer not null default 1 check (level >= 1),
    primary key (member_id, category_id)
);
create table practice_xp_days (
    member_id   uuid not null references members (member_id) on delete cascade,
    category_id uuid not null references practice_categories (category_id) on delete cascade,
    local_day   date not null,
    xp          integer not null default 0,
    primary key (member_id, category_id, local_day)
);

-- Achievements are data: adding a row adds an achievement, no code.
create table achievements (
    achievement_id uuid primary key default gen_random_uuid(),
    slug           text not null check (slug ~ '^[a-z][a-z0-9-]{1,59}$'),
    name           text not null check (char_length(name) between 1 and 80),
    description    text not null default '' check (char_length(description) <= 280),
    category_id    uuid references practice_categories (category_id) on delete set null,
    points         integer not null default 10 check (points between 0 and 1000),
    hidden         boolean not null default false,
    -- {"type": "streak" | "sessions" | "minutes" | ..., "value": n, "category": slug?}
    criteria       jsonb not null check (jsonb_typeof(criteria) = 'object' and criteria ? 'type'),
    active         boolean not null default true,
    created_at     timestamptz not null default now()
);
create unique index achievements_slug_key on achievements (slug);

create table member_achievements (
    member_id      uuid not null references members (member_id) on delete cascade,
    achievement_id uuid not null references achievements (achievement_id) on delete cascade,
    earned_at      timestamptz not null default now(),
    primary key (member_id, achievement_id)
);

alter type notification_kind add value if not exists 'achievement';

-- The evening reminder looks only at members with a streak to lose.
create index practice_members_streak_idx on practice_members (member_id) where current_streak > 0;

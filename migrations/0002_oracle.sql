-- Spirit guide and oracle.

create type element as enum ('fire', 'water', 'earth', 'air');

-- The questionnaire, stored as given (retaking it replaces the answers).
create table spirit_questionnaires (
    member_id    uuid primary key references members (member_id) on delete cascade,
    religious    boolean,
    spiritual    boolean,
    path         text not null default '' check (char_length(path) <= 200),
    beliefs      text not null default '' check (char_length(beliefs) <= 1000),
    offerings    text not null default '' check (char_length(offerings) <= 500),
    astro_sign   astro_sign,
    answered_at  timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create trigger spirit_questionnaires_updated_at before update on spirit_questionnaires
    for each row execute function set_updated_at();

create table spirit_guides (
    member_id      uuid primary key references members (member_id) on delete cascade,
    name           text not null check (char_length(name) between 1 and 80),
    description    text not null check (char_length(description) <= 2000),
    element        element not null,
    element_reason text not null default '',
    xp             integer not null default 0 check (xp >= 0),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create trigger spirit_guides_updated_at before update on spirit_guides
    for each row execute function set_updated_at();

-- Every XP gain, for the guide's evolution timeline. source_key makes each source count once
-- ever (e.g. 'engagement:<post>:like'), so toggling an engagement cannot farm XP.
create table guide_xp_events (
    event_id     bigint generated always as identity primary key,
    member_id    uuid not null references spirit_guides (member_id) on delete cascade,
    action       text not null check (char_length(action) between 1 and 40),
    source_key   text not null check (char_length(source_key) between 1 and 200),
    gain         integer not null check (gain > 0),
    xp_after     integer not null,
    level_after  integer not null,
    levelled_up  boolean not null,
    created_at   timestamptz not null default now(),
    constraint guide_xp_events_once unique (member_id, source_key)
);
create index guide_xp_events_timeline_idx on guide_xp_events (member_id, event_id desc);

-- Readings: the daily card and three-card spreads. cards is a jsonb array of
-- {"card": <0..77>, "reversed": bool, "position": "daily"|"past"|"present"|"future"}.
create table oracle_readings (
    reading_id    uuid primary key default gen_random_uuid(),
    member_id     uuid not null references members (member_id) on delete cascade,
    kind          text not null check (kind in ('daily', 'spread')),
    reading_date  date,
    question      text check (char_length(question) <= 280),
    cards         jsonb not null,
    title         text not null,
    guidance      text not null,
    symbols       text[] not null default '{}',
    created_at    timestamptz not null default now(),
    check ((kind = 'daily') = (reading_date is not null)),
    check ((kind = 'spread') = (question is not null))
);
-- One daily reading per member per local calendar day.
create unique index oracle_readings_daily_once on oracle_readings (member_id, reading_date) where kind = 'daily';
-- History, newest first, keyset on (created_at, reading_id).
create index oracle_readings_history_idx on oracle_readings (member_id, created_at desc, reading_id desc);

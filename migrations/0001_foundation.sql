-- Foundation: members, sessions, rate limits.

create function set_updated_at() returns trigger
language plpgsql as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

create type site_role as enum ('member', 'moderator', 'admin');
create type tango_role as enum ('leader', 'follower', 'both');
create type astro_sign as enum (
    'aries', 'taurus', 'gemini', 'cancer', 'leo', 'virgo',
    'libra', 'scorpio', 'sagittarius', 'capricorn', 'aquarius', 'pisces'
);

create table members (
    member_id      uuid primary key default gen_random_uuid(),
    username       text not null check (username ~ '^[a-z][a-z0-9_]{2,29}$'),
    email          text not null check (char_length(email) between 3 and 254 and email = lower(email)),
    display_name   text not null check (char_length(display_name) between 1 and 60),
    password_hash  text not null,
    site_role      site_role not null default 'member',
    bio            text not null default '' check (char_length(bio) <= 2000),
    city           text not null default '' check (char_length(city) <= 80),
    country        text not null default '' check (char_length(country) <= 60),
    time_zone      text not null default 'UTC' check (char_length(time_zone) between 1 and 64),
    languages      text[] not null default '{}' check (cardinality(languages) <= 10),
    tango_role     tango_role,
    birth_date     date check (birth_date >= date '1900-01-01'),
    astro_sign     astro_sign,
    is_premium     boolean not null default false,
    password_changed_at timestamptz not null default now(),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

-- Usernames are stored lowercase (CHECK above); emails too. Unique indexes are named so that
-- unique violations map to the right form field.
create unique index members_username_key on members (username);
create unique index members_email_key on members (email);
-- Member directory: newest first, keyset on (created_at, member_id).
create index members_created_idx on members (created_at desc, member_id desc);
-- Member search by name.
create index members_search_idx on members
    using gin (to_tsvector('simple', username || ' ' || display_name));

create trigger members_updated_at before update on members
    for each row execute function set_updated_at();

-- Server-side sessions (tower-sessions store). member_id is lifted out of the data so that a
-- member's other sessions can be ended (password change) without decoding every record.
create table sessions (
    session_id  text primary key,
    member_id   uuid references members (member_id) on delete cascade,
    data        jsonb not null,
    expires_at  timestamptz not null
);
create index sessions_member_idx on sessions (member_id) where member_id is not null;
create index sessions_expires_idx on sessions (expires_at);

-- Fixed-window rate limit counters shared by every app instance.
create table rate_limit_hits (
    bucket        text not null,
    window_start  timestamptz not null,
    hits          integer not null default 0,
    primary key (bucket, window_start)
);
create index rate_limit_hits_window_idx on rate_limit_hits (window_start);

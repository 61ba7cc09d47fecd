-- Places and check-ins: the wellness map, mood check-ins with daily streaks, journey levels,
-- milestone rewards redeemable once at a partner's places (seed 003, NightChill).

create type place_type as enum ('coffee', 'gym', 'mentor', 'nutrition', 'partner', 'studio');
create type anxiety_level as enum ('low', 'medium', 'high');
create type check_in_mood as enum ('calm', 'anxious', 'neutral', 'motivated');
create type reward_kind as enum ('coffee', 'gym_pass', 'discount', 'badge');

-- Organisations that own places and honour rewards.
create table partners (
    partner_id   uuid primary key default gen_random_uuid(),
    name         text not null check (char_length(name) between 1 and 120),
    description  text not null default '' check (char_length(description) <= 2000),
    website      text not null default '' check (char_length(website) <= 300),
    level        text not null default 'bronze' check (level in ('bronze', 'silver', 'gold', 'platinum')),
    active       boolean not null default true,
    created_at   timestamptz not null default now()
);

-- Members who may redeem rewards at a partner's places.
create table partner_staff (
    partner_id  uuid not null references partners (partner_id) on delete cascade,
    member_id   uuid not null references members (member_id) on delete cascade,
    added_at    timestamptz not null default now(),
    primary key (partner_id, member_id)
);
create index partner_staff_member_idx on partner_staff (member_id);

create table places (
    place_id           uuid primary key default gen_random_uuid(),
    name               text not null check (char_length(name) between 1 and 120),
    place_type         place_type not null,
    latitude           double precision not null check (latitude between -90 and 90),
    longitude          double precision not null check (longitude between -180 and 180),
    address            text not null default '' check (char_length(address) <= 200),
    city               text not null default '' check (char_length(city) <= 80),
    region             text not null default '' check (char_length(region) <= 80),
    country            text not null default '' check (char_length(country) <= 80),
    postal_code        text not null default '' check (char_length(postal_code) <= 20),
    description        text not null default '' check (char_length(description) <= 2000),
    amenities          text[] not null default '{}',
    anxiety            anxiety_level not null default 'medium',
    beginner_friendly  boolean not null default false,
    -- IANA zone the opening hours are in.
    time_zone          text not null default 'UTC',
    -- Opening hours per weekday: {"mon": [["09:00", "17:00"]], "sun": []}; a missing day is closed.
    hours              jsonb not null default '{}',
    phone              text not null default '' check (char_length(phone) <= 40),
    email              text not null default '' check (char_length(email) <= 200),
    website            text not null default '' check (char_length(website) <= 300),
    image_ids          uuid[] not null default '{}',
    partner_id         uuid references partners (partner_id) on delete set null,
    verified           boolean not null default false,
    verified_by        uuid references members (member_id) on delete set null,
    verified_at        timestamptz,
    proposed_by        uuid references members (member_id) on delete set null,
    rating             numeric(3, 2) not null default 0 check (rating between 0 and 5),
    review_count       integer not null default 0 check (review_count >= 0),
    check_in_count     integer not null default 0 check (check_in_count >= 0),
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
create trigger places_updated_at before update on places for each row execute function set_updated_at();
-- Map views and radius searches: a GiST index on the point, queried with `<@ box(...)`.
create index places_point_idx on places using gist (point(longitude, latitude));
create index places_city_idx on places (lower(city));
create index places_partner_idx on places (partner_id) where partner_id is not null;
create index places_proposer_idx on places (proposed_by);

create table check_ins (
    check_in_id  uuid primary key default gen_random_uuid(),
    member_id    uuid not null references members (member_id) on delete cascade,
    place_id     uuid not null references places (place_id) on delete cascade,
    mood         check_in_mood not null,
    note         text not null default '' check (char_length(note) <= 500),
    -- The calendar day in the member's time zone when they checked in (for streaks).
    local_day    date not null,
    created_at   timestamptz not null default now()
);
create index check_ins_member_idx on check_ins (member_id, created_at desc);
create index check_ins_place_idx on check_ins (place_id, created_at desc);

-- One row per member: counters, streaks and level, updated with every check-in (under this row's
-- lock, so concurrent check-ins by one member are applied one after another).
create table journeys (
    member_id        uuid primary key references members (member_id) on delete cascade,
    total_check_ins  integer not null default 0 check (total_check_ins >= 0),
    current_streak   integer not null default 0 check (current_streak >= 0),
    longest_streak   integer not null default 0 check (longest_streak >= 0),
    last_day         date,
    place_types      place_type[] not null default '{}',
    mentor_sessions  integer not null default 0 check (mentor_sessions >= 0),
    level            smallint not null default 1 check (level between 1 and 5),
    milestones       text[] not null default '{}',
    updated_at       timestamptz not null default now()
);

create table rewards (
    reward_id          uuid primary key default gen_random_uuid(),
    member_id          uuid not null references members (member_id) on delete cascade,
    milestone          text not null,
    kind               reward_kind not null,
    title              text not null,
    description        text not null default '',
    -- Unguessable redemption code (shown as text and as a QR code).
    code               text not null unique check (char_length(code) between 12 and 40),
    partner_id         uuid references partners (partner_id) on delete set null,
    expires_at         timestamptz,
    redeemed_at        timestamptz,
    redeemed_place_id  uuid references places (place_id) on delete set null,
    redeemed_by        uuid references members (member_id) on delete set null,
    earned_at          timestamptz not null default now(),
    unique (member_id, milestone),
    check (redeemed_at is not null or redeemed_place_id is null)
);
create index rewards_member_idx on rewards (member_id, earned_at desc);

-- Events: one-off or recurring (each occurrence is its own row), RSVPs with a capacity-bound
-- waitlist, co-organisers, a discussion thread and private calendar feeds.

create type event_type as enum (
    'milonga', 'practica', 'festival', 'workshop', 'class', 'group_practice', 'mentor_session'
);
create type event_status as enum ('draft', 'published', 'cancelled');
create type rsvp_status as enum ('going', 'interested', 'not_going', 'waitlisted');

-- The rule a recurring event was created from; its occurrences are rows in `events`.
create table event_series (
    series_id     uuid primary key default gen_random_uuid(),
    organizer_id  uuid not null references members (member_id) on delete cascade,
    rule          jsonb not null,
    time_zone     text not null,
    created_at    timestamptz not null default now()
);

create table events (
    event_id          uuid primary key default gen_random_uuid(),
    series_id         uuid references event_series (series_id) on delete set null,
    organizer_id      uuid not null references members (member_id) on delete cascade,
    title             text not null check (char_length(title) between 3 and 140),
    description       text not null default '' check (char_length(description) <= 10000),
    description_html  text not null default '',
    event_type        event_type not null,
    status            event_status not null default 'published',
    starts_at         timestamptz not null,
    ends_at           timestamptz not null,
    time_zone         text not null check (char_length(time_zone) between 1 and 64),
    is_online         boolean not null default false,
    venue             text not null default '' check (char_length(venue) <= 120),
    address           text not null default '' check (char_length(address) <= 200),
    city              text not null default '' check (char_length(city) <= 80),
    country           text not null default '' check (char_length(country) <= 60),
    latitude          double precision check (latitude between -90 and 90),
    longitude         double precision check (longitude between -180 and 180),
    meeting_url       text not null default '' check (char_length(meeting_url) <= 500),
    price_text        text not null default '' check (char_length(price_text) <= 60),
    currency          text not null default '' check (currency = '' or currency ~ '^[A-Z]{3}$'),
    ticket_url        text not null default '' check (char_length(ticket_url) <= 500),
    capacity          integer check (capacity between 1 and 100000),
    tags              text[] not null default '{}' check (cardinality(tags) <= 10),
    going_count       integer not null default 0 check (going_count >= 0),
    interested_count  integer not null default 0 check (interested_count >= 0),
    waitlist_count    integer not null default 0 check (waitlist_count >= 0),
    comment_count     integer not null default 0 check (comment_count >= 0),
    -- Bumped on every change, so calendar apps replace their copy (iCalendar SEQUENCE).
    sequence          integer not null default 0,
    reminder_sent_at  timestamptz,
    cancelled_at      timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    check (ends_at > starts_at and ends_at <= starts_at + interval '31 days'),
    check ((latitude is null) = (longitude is null)),
    check (capacity is null or going_count <= capacity)
);

-- Upcoming / past lists (keyset on starts_at, event_id), everywhere and per city.
create index events_listed_idx on events (starts_at, event_id) where status <> 'draft';
create index events_city_idx on events (lower(city), starts_at, event_id) where status <> 'draft';
create index events_series_idx on events (series_id, starts_at) where series_id is not null;
create index events_organizer_idx on events (organizer_id, starts_at desc);
-- Distance filters: a bounding box on coordinates narrows the rows before the exact distance.
create index events_geo_idx on events (latitude, longitude, starts_at) where latitude is not null and status <> 'draft';
-- The reminder job scans only published events whose reminder is still due.
create index events_reminder_due_idx on events (starts_at) where status = 'published' and reminder_sent_at is null;
create index events_tags_idx on events using gin (tags);

create table event_organizers (
    event_id   uuid not null references events (event_id) on delete cascade,
    member_id  uuid not null references members (member_id) on delete cascade,
    added_at   timestamptz not null default now(),
    primary key (event_id, member_id)
);
create index event_organizers_member_idx on event_organizers (member_id);

create table event_rsvps (
    event_id       uuid not null references events (event_id) on delete cascade,
    member_id      uuid not null references members (member_id) on delete cascade,
    status         rsvp_status not null,
    -- Waitlist order: when the member joined it (first come, first served).
    waitlisted_at  timestamptz,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    primary key (event_id, member_id),
    check ((status = 'waitlisted') = (waitlisted_at is not null))
);
create index event_rsvps_waitlist_idx on event_rsvps (event_id, waitlisted_at, member_id) where status = 'waitlisted';
create index event_rsvps_going_idx on event_rsvps (event_id, created_at) where status = 'going';
create index event_rsvps_member_idx on event_rsvps (member_id, status);

create table event_comments (
    comment_id   uuid primary key default gen_random_uuid(),
    event_id     uuid not null references events (event_id) on delete cascade,
    author_id    uuid not null references members (member_id) on delete cascade,
    body         text not null check (char_length(body) between 1 and 2000),
    created_at   timestamptz not null default now()
);
create index event_comments_event_idx on event_comments (event_id, created_at, comment_id);

-- A private calendar feed per member; the token is the secret part of its URL.
create table calendar_feeds (
    member_id   uuid primary key references members (member_id) on delete cascade,
    token       text not null unique check (char_length(token) >= 32),
    created_at  timestamptz not null default now()
);

-- Event notifications; RSVP news for organisers is batched into one unread notification per event.
alter type notification_kind add value 'event';
alter table notifications add column group_key text;
alter table notifications add column batch_count integer not null default 1;
create unique index notifications_batch_idx on notifications (member_id, group_key)
    where read_at is null and group_key is not null;

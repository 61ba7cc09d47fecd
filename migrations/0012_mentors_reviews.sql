-- Mentors, their sessions, and reviews of places and mentors (seed 003).

create type mentor_mode as enum ('in_person', 'virtual', 'both');
create type session_mode as enum ('in_person', 'virtual');
create type session_status as enum ('scheduled', 'completed', 'cancelled', 'no_show');

-- A member who offers mentoring. One row per member.
create table mentors (
    member_id        uuid primary key references members (member_id) on delete cascade,
    title            text not null check (char_length(title) between 1 and 100),
    specializations  text[] not null default '{}',
    bio              text not null default '' check (char_length(bio) <= 2000),
    mode             mentor_mode not null default 'both',
    place_id         uuid references places (place_id) on delete set null,
    available        boolean not null default true,
    verified         boolean not null default false,
    rating           numeric(3, 2) not null default 0 check (rating between 0 and 5),
    review_count     integer not null default 0 check (review_count >= 0),
    session_count    integer not null default 0 check (session_count >= 0),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create trigger mentors_updated_at before update on mentors for each row execute function set_updated_at();
create index mentors_listed_idx on mentors (verified desc, rating desc) where available;

create table mentor_sessions (
    session_id        uuid primary key default gen_random_uuid(),
    mentor_id         uuid not null references mentors (member_id) on delete cascade,
    member_id         uuid not null references members (member_id) on delete cascade,
    starts_at         timestamptz not null,
    duration_minutes  integer not null default 60 check (duration_minutes between 15 and 240),
    mode              session_mode not null,
    place_id          uuid references places (place_id) on delete set null,
    status            session_status not null default 'scheduled',
    -- Set when the mentor confirms the booking.
    confirmed_at      timestamptz,
    completed_at      timestamptz,
    -- Private notes: each side sees only its own.
    mentor_notes      text not null default '' check (char_length(mentor_notes) <= 4000),
    member_notes      text not null default '' check (char_length(member_notes) <= 4000),
    created_at        timestamptz not null default now(),
    check (mentor_id <> member_id)
);
create index mentor_sessions_mentor_idx on mentor_sessions (mentor_id, starts_at desc);
create index mentor_sessions_member_idx on mentor_sessions (member_id, starts_at desc);

create table reviews (
    review_id    uuid primary key default gen_random_uuid(),
    author_id    uuid not null references members (member_id) on delete cascade,
    place_id     uuid references places (place_id) on delete cascade,
    mentor_id    uuid references mentors (member_id) on delete cascade,
    rating       smallint not null check (rating between 1 and 5),
    body         text not null default '' check (char_length(body) <= 2000),
    flagged_at   timestamptz,
    flagged_by   uuid references members (member_id) on delete set null,
    flag_reason  text not null default '' check (char_length(flag_reason) <= 500),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    check (num_nonnulls(place_id, mentor_id) = 1)
);
create trigger reviews_updated_at before update on reviews for each row execute function set_updated_at();
-- One review per member per place or mentor (edited in place).
create unique index reviews_place_uniq on reviews (author_id, place_id) where place_id is not null;
create unique index reviews_mentor_uniq on reviews (author_id, mentor_id) where mentor_id is not null;
create index reviews_place_idx on reviews (place_id, created_at desc) where place_id is not null;
create index reviews_mentor_idx on reviews (mentor_id, created_at desc) where mentor_id is not null;
create index reviews_flagged_idx on reviews (flagged_at) where flagged_at is not null;

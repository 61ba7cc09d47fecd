-- Hardening (issue 19).

-- An attendee's email reaches an event's organisers only when the attendee chose to share it.
alter table event_rsvps add column shares_email boolean not null default false;

-- Member search matches any part of a name; a trigram index serves it (and ranks by similarity).
create extension if not exists pg_trgm;
create index members_name_trgm_idx on members
    using gin (lower(username || ' ' || display_name) gin_trgm_ops);

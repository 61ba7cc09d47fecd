-- Practice (issue 20), last parts: group and teaching sessions from events, and the path a member
-- chooses on a first visit.

-- An event of a practising kind can name the technique it practises; after it, the people who
-- went log it as a group session (its organisers as teaching) in one click.
alter table events add column technique_id uuid references techniques (technique_id) on delete set null;
alter table events add constraint events_technique_kind
    check (technique_id is null or event_type in ('group_practice', 'class', 'workshop', 'mentor_session'));
-- The practice page lists a member's recent events that named a technique.
create index events_technique_idx on events (ends_at) where technique_id is not null;
-- One session per member and event.
create unique index practice_sessions_event_key on practice_sessions (member_id, event_id) where event_id is not null;

-- The path chosen on a first visit: a category whose gateway techniques are suggested first.
alter table practice_members add column path_category_id uuid
    references practice_categories (category_id) on delete set null;

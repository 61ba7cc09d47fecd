-- Community posts and events: a post can be written to a community (its members read it, and
-- everyone when the community is public), and an event can belong to a community, where members
-- with the manage-events permission create and run it.

alter type post_visibility add value if not exists 'community';

alter table posts add column community_id uuid references communities (community_id) on delete cascade;
-- (Compared as text: a new enum value cannot be used in the transaction that adds it.)
alter table posts add constraint posts_community_check check ((visibility::text = 'community') = (community_id is not null));
create index posts_community_idx on posts (community_id, created_at desc, post_id desc) where community_id is not null;

alter table events add column community_id uuid references communities (community_id) on delete cascade;
create index events_community_idx on events (community_id, starts_at, event_id) where community_id is not null and status <> 'draft';

-- Who may read a community's posts and events: everyone when the community is public, otherwise
-- its members. Inlined by the planner, so the feed and event lists keep using their indexes.
create function community_readable(community uuid, viewer uuid) returns boolean
language sql stable as $$
    select exists (select 1 from communities c where c.community_id = community and c.visibility = 'public')
        or exists (select 1 from community_members m where m.community_id = community and m.member_id = viewer)
$$;

-- The one rule for who may read a post (blocks and hidden posts are checked beside it):
-- community posts follow their community; others are public, followers-only (for followers and
-- connections) or connections-only. Authors always read their own.
create function post_readable(author uuid, visibility post_visibility, community uuid, viewer uuid) returns boolean
language sql stable as $$
    select author = viewer
        or case when community is not null then community_readable(community, viewer)
                else visibility = 'public'
                     or (visibility = 'followers'
                         and exists (select 1 from follows f where f.follower_id = viewer and f.followee_id = author))
                     or exists (select 1 from connections c where c.member_id = viewer and c.other_id = author)
           end
$$;

-- Someone banned from a community no longer reads it, even when it is public: its posts,
-- events and channels are closed to them like a private community's.
create or replace function community_readable(community uuid, viewer uuid) returns boolean
language sql stable as $$
    select exists (select 1 from community_members m where m.community_id = community and m.member_id = viewer)
        or (exists (select 1 from communities c where c.community_id = community and c.visibility = 'public')
            and not exists (select 1 from community_bans b where b.community_id = community and b.member_id = viewer))
$$;

-- Explore: posts ranked by engagement with time decay. The rank is stored and refreshed by the
-- housekeeping task (see feed::repo::refresh_ranks), never computed over the table per request.

alter table posts add column rank double precision not null default 0.35;
create index posts_rank_idx on posts (rank desc, post_id desc) where visibility = 'public';

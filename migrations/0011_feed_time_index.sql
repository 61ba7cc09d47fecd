-- Home feeds of members who follow many people walk posts newest first and keep those by their
-- authors (the planner chooses this over the author index when the author list is long).
create index posts_created_idx on posts (created_at desc, post_id desc);

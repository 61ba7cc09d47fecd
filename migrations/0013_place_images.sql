-- Places have photos too (kept in places.image_ids, through the same upload pipeline).
alter table media drop constraint media_purpose_check;
alter table media add constraint media_purpose_check check (purpose in ('post', 'avatar', 'event', 'place'));
create index places_images_idx on places using gin (image_ids) where image_ids <> '{}';

-- The great-circle (haversine) distance in km between two points given in degrees, on a sphere
-- of radius 6371 km. One SQL expression, so the planner inlines it into the queries that call it.
create or replace function distance_km(lat1 double precision, lon1 double precision,
                                       lat2 double precision, lon2 double precision)
returns double precision
language sql immutable parallel safe as $$
    select 12742.0 * asin(sqrt(power(sin(radians(lat2 - lat1) / 2), 2)
        + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)))
$$;

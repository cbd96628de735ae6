-- The PostGIS add-on (not a numbered migration: it depends on the server, not on the
-- schema version).  PostgresStore applies it, in one transaction, when it opens a
-- database on a server that has PostGIS and the user may create the extension; a
-- database without it answers the same queries from lat/lon ranges.
-- geom follows lat/lon by itself (a generated column), so no write path sets it.
CREATE EXTENSION IF NOT EXISTS postgis;
ALTER TABLE events ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326)
    GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED;
-- Bounding boxes (&&) use the first, distances (ST_DWithin on a sphere) the second.
CREATE INDEX IF NOT EXISTS events_geom ON events USING gist (geom);
CREATE INDEX IF NOT EXISTS events_geog ON events USING gist ((geom::geography));

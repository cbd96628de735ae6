-- Reviews (sitrep serve): each event's review status, the fields reviewers set (applied
-- again whenever the event is re-written, so reviewed values win over re-extraction),
-- and the audit trail of every review action.  Plus the indexes of the API's filters.
ALTER TABLE events ADD COLUMN review_status text NOT NULL DEFAULT 'unreviewed'
    CHECK (review_status IN ('unreviewed', 'confirmed', 'edited', 'rejected'));
CREATE INDEX events_status ON events(review_status);
-- The API's sort order: newest first (undated last), then id; keyset pages walk this.
CREATE INDEX events_date_id ON events(date_start DESC NULLS LAST, id DESC);
-- Without PostGIS a bbox is a lat/lon range; with it, events.geom (see postgres.py).
CREATE INDEX events_lat_lon ON events(lat, lon);
CREATE INDEX events_fatalities ON events(fatalities_best);
CREATE INDEX events_admin1 ON events(lower(admin1));

CREATE TABLE event_overrides (
    event_id text COLLATE "C" NOT NULL,
    field text NOT NULL,
    value jsonb NOT NULL,            -- the reviewed value (sitrep.store.review.check_edit)
    reviewer text NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (event_id, field)
);

-- No foreign key to events: the trail of a merged-away event outlives it.
CREATE TABLE audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id text COLLATE "C" NOT NULL,
    action text NOT NULL CHECK (action IN ('confirm', 'edit', 'reject', 'merge')),
    field text,
    before jsonb,
    after jsonb,
    reviewer text NOT NULL,
    note text,
    at timestamptz NOT NULL
);
CREATE INDEX audit_event ON audit(event_id, id);

-- Reviews (sitrep serve): each event's review status, the fields reviewers set (applied
-- again whenever the event is re-written, so reviewed values win over re-extraction),
-- and the audit trail of every review action.  Plus the indexes of the API's filters.
ALTER TABLE events ADD COLUMN review_status TEXT NOT NULL DEFAULT 'unreviewed'
    CHECK (review_status IN ('unreviewed', 'confirmed', 'edited', 'rejected'));
CREATE INDEX events_status ON events(review_status);
-- The API's sort order: newest first, then id; keyset pages walk this index.
CREATE INDEX events_date_id ON events(date_start, id);
CREATE INDEX events_lat_lon ON events(lat, lon);
CREATE INDEX events_fatalities ON events(fatalities_best);
CREATE INDEX events_admin1 ON events(admin1 COLLATE NOCASE);

CREATE TABLE event_overrides (
    event_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,             -- JSON: the reviewed value (sitrep.store.review.check_edit)
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (event_id, field)
);

-- No foreign key to events: the trail of a merged-away event outlives it.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('confirm', 'edit', 'reject', 'merge')),
    field TEXT,
    before TEXT,                     -- JSON
    after TEXT,                      -- JSON
    reviewer TEXT NOT NULL,
    note TEXT,
    at TEXT NOT NULL
);
CREATE INDEX audit_event ON audit(event_id, id);

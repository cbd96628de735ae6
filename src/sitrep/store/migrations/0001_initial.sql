-- sitrep schema, version 1.
--
-- Every table that holds a pipeline object also keeps its full serialisation
-- (sitrep.export.records) in a "json" column: the other columns are for filtering and
-- joining, the JSON is what is read back, so a stored object round-trips exactly.
-- Offsets are named start_char/end_char because END is an SQL keyword.

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    settings TEXT NOT NULL,          -- JSON: the resolved configuration of the run
    counts TEXT                      -- JSON: the run's tally, written by finish_run
);

-- seq is the rowid the full-text index points at.  A table without an INTEGER PRIMARY
-- KEY may have its rowids renumbered by VACUUM, which would silently detach the index.
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    external_id TEXT,
    url TEXT,
    outlet TEXT,
    title TEXT,
    language TEXT,
    published TEXT,
    published_source TEXT NOT NULL,
    origin TEXT,
    text TEXT NOT NULL,
    boilerplate TEXT NOT NULL DEFAULT '',
    processed_at TEXT NOT NULL,
    model TEXT,
    run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    json TEXT NOT NULL
);
CREATE INDEX articles_external_id ON articles(external_id);
CREATE INDEX articles_published ON articles(published);

-- External-content index: the text is stored once, in articles.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text)
    VALUES (new.seq, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, coalesce(old.title, ''), old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, coalesce(old.title, ''), old.text);
    INSERT INTO articles_fts(rowid, title, text)
    VALUES (new.seq, coalesce(new.title, ''), new.text);
END;

CREATE TABLE rejections (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    stage TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    article_id TEXT,
    raw TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (origin, code, message)   -- re-running a batch does not repeat its rejections
);
CREATE INDEX rejections_code ON rejections(code);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    actor1 TEXT,
    actor2 TEXT,
    actor1_type TEXT,
    actor2_type TEXT,
    place_name TEXT,
    country TEXT,                    -- ISO 3166-1 alpha-2, upper case
    country_name TEXT,               -- so that a country can be asked for by name
    admin1 TEXT,
    lat REAL,
    lon REAL,
    geo_precision INTEGER,
    date_start TEXT,
    date_end TEXT,
    time_precision INTEGER,
    fatalities_low INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    is_background INTEGER NOT NULL,
    confidence REAL NOT NULL,
    n_reports INTEGER NOT NULL,
    json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX events_type_date ON events(event_type COLLATE NOCASE, date_start);
CREATE INDEX events_sub_type ON events(sub_event_type COLLATE NOCASE);
CREATE INDEX events_country ON events(country);
CREATE INDEX events_country_name ON events(country_name COLLATE NOCASE);
CREATE INDEX events_date ON events(date_start, date_end);

CREATE TABLE reports (
    id TEXT PRIMARY KEY,             -- sitrep.store.base.report_id
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id TEXT REFERENCES events(id) ON DELETE SET NULL,
    position INTEGER NOT NULL,       -- order within the article, to read back as written
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    time_precision INTEGER,
    actor1 TEXT,
    actor2 TEXT,
    place_name TEXT,
    country TEXT,
    fatalities INTEGER,
    injured INTEGER,
    is_background INTEGER NOT NULL,
    source TEXT,
    confidence REAL NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX reports_article ON reports(article_id, position);
CREATE INDEX reports_event ON reports(event_id);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX evidence_report ON evidence(report_id);

CREATE TABLE casualty_reports (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    total INTEGER,
    qualifier TEXT,
    period_start TEXT,
    period_end TEXT,
    place_name TEXT,
    country TEXT,
    source TEXT,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX casualty_reports_article ON casualty_reports(article_id, position);

CREATE TABLE displacement (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    figure INTEGER,
    unit TEXT NOT NULL,
    persons INTEGER,
    term TEXT NOT NULL,
    origin_name TEXT,
    country TEXT,
    source TEXT,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX displacement_article ON displacement(article_id, position);
CREATE INDEX displacement_country ON displacement(country);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('place', 'time', 'actor', 'quantity', 'attribution')),
    position INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL              -- JSON: the mention as sitrep.export.records writes it
);
CREATE INDEX mentions_article ON mentions(article_id, kind, position);

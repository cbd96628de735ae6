-- sitrep schema for PostgreSQL, version 1: the logical schema of migrations/0001_initial.sql.
--
-- Every table that holds a pipeline object also keeps its full serialisation
-- (sitrep.export.records) in a "json" column: the other columns are for filtering and
-- joining, the JSON is what is read back, so a stored object round-trips exactly.
-- Differences from SQLite, all for PostgreSQL's own types: dates are DATE, moments are
-- timestamptz, flags are boolean, JSON is jsonb, and ids sort by bytes (COLLATE "C"),
-- as SQLite's do, so keyset pages and id prefixes behave the same on both backends.
-- The full-text index is a generated tsvector column with a GIN index instead of FTS5.

CREATE TABLE runs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at timestamptz NOT NULL,
    finished_at timestamptz,
    settings jsonb NOT NULL,         -- the resolved configuration of the run
    counts jsonb                     -- the run's tally, written by finish_run
);

-- 'simple' text search (lower-casing, no stemming, no stop words) matches what SQLite's
-- unicode61 tokenizer finds: "kill" does not find "killed" on either backend.
CREATE TABLE articles (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text COLLATE "C" NOT NULL UNIQUE,
    external_id text,
    url text,
    outlet text,
    title text,
    language text,
    published date,
    published_source text NOT NULL,
    origin text,
    text text NOT NULL,
    boilerplate text NOT NULL DEFAULT '',
    processed_at timestamptz NOT NULL,
    model text,
    run_id bigint REFERENCES runs(id) ON DELETE SET NULL,
    json jsonb NOT NULL,
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, text), 'B')
    ) STORED
);
CREATE INDEX articles_external_id ON articles(external_id);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_search ON articles USING gin (search);

CREATE TABLE rejections (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    origin text NOT NULL,
    stage text NOT NULL,
    code text NOT NULL,
    message text NOT NULL,
    article_id text,
    raw text,
    created_at timestamptz NOT NULL,
    UNIQUE (origin, code, message)   -- re-running a batch does not repeat its rejections
);
CREATE INDEX rejections_code ON rejections(code);

CREATE TABLE events (
    id text COLLATE "C" PRIMARY KEY,
    event_type text NOT NULL,
    sub_event_type text NOT NULL,
    actor1 text,
    actor2 text,
    actor1_type text,
    actor2_type text,
    place_name text,
    country text,                    -- ISO 3166-1 alpha-2, upper case
    country_name text,               -- so that a country can be asked for by name
    admin1 text,
    lat double precision,
    lon double precision,
    geo_precision integer,
    date_start date,
    date_end date,
    time_precision integer,
    fatalities_low integer,
    fatalities_best integer,
    fatalities_high integer,
    is_background boolean NOT NULL,
    confidence double precision NOT NULL,
    n_reports integer NOT NULL,
    json jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
-- lower(...) indexes stand for SQLite's COLLATE NOCASE ones: the store compares
-- lower(column) = lower(value).
CREATE INDEX events_type_date ON events(lower(event_type), date_start);
CREATE INDEX events_sub_type ON events(lower(sub_event_type));
CREATE INDEX events_country ON events(country);
CREATE INDEX events_country_name ON events(lower(country_name));
CREATE INDEX events_date ON events(date_start, date_end);

CREATE TABLE reports (
    id text COLLATE "C" PRIMARY KEY, -- sitrep.store.base.report_id
    article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id text COLLATE "C" REFERENCES events(id) ON DELETE SET NULL,
    position integer NOT NULL,       -- order within the article, to read back as written
    event_type text NOT NULL,
    sub_event_type text NOT NULL,
    date_start date,
    date_end date,
    time_precision integer,
    actor1 text,
    actor2 text,
    place_name text,
    country text,
    fatalities integer,
    injured integer,
    is_background boolean NOT NULL,
    source text,
    confidence double precision NOT NULL,
    trigger_start integer NOT NULL,
    trigger_end integer NOT NULL,
    sentence_start integer NOT NULL,
    sentence_end integer NOT NULL,
    json jsonb NOT NULL
);
CREATE INDEX reports_article ON reports(article_id, position);
CREATE INDEX reports_event ON reports(event_id);

CREATE TABLE evidence (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id text COLLATE "C" NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    field text NOT NULL,
    start_char integer NOT NULL,
    end_char integer NOT NULL,
    text text NOT NULL
);
CREATE INDEX evidence_report ON evidence(report_id);

CREATE TABLE casualty_reports (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position integer NOT NULL,
    total integer,
    qualifier text,
    period_start date,
    period_end date,
    place_name text,
    country text,
    source text,
    sentence_start integer NOT NULL,
    sentence_end integer NOT NULL,
    json jsonb NOT NULL
);
CREATE INDEX casualty_reports_article ON casualty_reports(article_id, position);

CREATE TABLE displacement (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position integer NOT NULL,
    figure bigint,
    unit text NOT NULL,
    persons bigint,
    term text NOT NULL,
    origin_name text,
    country text,
    source text,
    sentence_start integer NOT NULL,
    sentence_end integer NOT NULL,
    json jsonb NOT NULL
);
CREATE INDEX displacement_article ON displacement(article_id, position);
CREATE INDEX displacement_country ON displacement(country);

CREATE TABLE mentions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('place', 'time', 'actor', 'quantity', 'attribution')),
    position integer NOT NULL,
    start_char integer NOT NULL,
    end_char integer NOT NULL,
    text text NOT NULL,
    value jsonb NOT NULL             -- the mention as sitrep.export.records writes it
);
CREATE INDEX mentions_article ON mentions(article_id, kind, position);

-- Indexes for `sitrep events` filters: country then date, and sub-event type then date,
-- so a filtered query reads one index range (as migrations/0002 does for SQLite).
CREATE INDEX events_country_date ON events(country, date_start);
CREATE INDEX events_sub_type_date ON events(lower(sub_event_type), date_start);

-- The curated data, built once from data/ and read-only afterwards.
-- Whole records are kept as JSON documents (exactly what the open-data API
-- serves); the columns beside them are what the queries select on.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE incidents (
  id        TEXT PRIMARY KEY,
  ord       INTEGER NOT NULL, -- data (file) order
  published TEXT NOT NULL,    -- YYYY-MM-DD, or '' when the notice does not say
  body      TEXT NOT NULL
);

CREATE TABLE services (
  id       TEXT PRIMARY KEY,
  ord      INTEGER NOT NULL,
  incident TEXT NOT NULL REFERENCES incidents(id),
  body     TEXT NOT NULL
);

-- Every way a person may type a service (name, kana, aliases, operator),
-- folded by store.Fold so search is width-, case- and kana-insensitive; the
-- trigram tokenizer finds a query of three or more characters anywhere in a
-- key through the index, not a scan. ord is the service's data order. The
-- server answers the same queries from postings of these keys it builds in
-- memory at open (store/search.go), and its tests hold the two to agree.
CREATE VIRTUAL TABLE service_search USING fts5(key, service UNINDEXED, ord UNINDEXED, tokenize='trigram');

-- Populations and contacts are whole inside their incident's document; these
-- tables index them for SQL readers of the file (which incident covers a
-- service's activity, which desks answer whom) without a second copy.
CREATE TABLE populations (
  id       TEXT PRIMARY KEY,
  ord      INTEGER NOT NULL,
  incident TEXT NOT NULL REFERENCES incidents(id),
  service  TEXT NOT NULL REFERENCES services(id)
);

CREATE TABLE population_activities (
  population TEXT NOT NULL REFERENCES populations(id),
  service    TEXT NOT NULL,
  activity   TEXT NOT NULL,
  PRIMARY KEY (service, activity, population)
);

CREATE TABLE contacts (
  id       TEXT PRIMARY KEY,
  ord      INTEGER NOT NULL,
  incident TEXT NOT NULL REFERENCES incidents(id)
);

-- audience is "service.activity" or "press".
CREATE TABLE contact_audience (
  contact  TEXT NOT NULL REFERENCES contacts(id),
  audience TEXT NOT NULL,
  PRIMARY KEY (audience, contact)
);

CREATE TABLE advice (
  class    TEXT PRIMARY KEY,
  priority INTEGER NOT NULL,
  body     TEXT NOT NULL
);

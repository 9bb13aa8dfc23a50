/**
 * The store's schema, as an append-only list of migrations. A migration is never
 * edited once released: add a new one. `openStore` applies the ones a data
 * directory has not seen yet, each in its own transaction.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the initial schema.
  `
  CREATE TABLE sources (
    id         TEXT PRIMARY KEY,          -- sourceIdOf(area)
    area       TEXT NOT NULL,
    nation     TEXT NOT NULL,
    region     TEXT,
    config     TEXT NOT NULL,             -- the source entry as last configured (JSON)
    updated_at TEXT NOT NULL
  );

  -- One row per crawl (or run); the report is the JSON the terminal table is drawn from.
  CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    command     TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL,            -- running | finished | interrupted
    report      TEXT
  );

  -- The URL manifest: every URL the crawl has requested or decided not to request.
  CREATE TABLE urls (
    url           TEXT PRIMARY KEY,
    source_id     TEXT NOT NULL REFERENCES sources(id),
    kind          TEXT NOT NULL,          -- page | document | other
    depth         INTEGER NOT NULL DEFAULT 0,
    status        INTEGER,                -- last HTTP status, null if none was received
    content_type  TEXT,
    etag          TEXT,
    last_modified TEXT,
    sha256        TEXT,                   -- of the last body received (documents)
    document_id   TEXT REFERENCES documents(id),
    outcome       TEXT,                   -- see UrlOutcome
    error         TEXT,
    referrer      TEXT,                   -- the page the URL was found on
    link_text     TEXT,
    link_context  TEXT,                   -- heading and words around the link (JSON)
    first_seen    TEXT NOT NULL,
    last_seen     TEXT,                   -- last time it answered with content (2xx or 304)
    last_checked  TEXT,
    last_run_id   INTEGER
  );
  CREATE INDEX urls_source ON urls(source_id);
  CREATE INDEX urls_document ON urls(document_id);

  -- Archived bytes, by content hash. A blob is never deleted.
  CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    bytes      INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    path       TEXT NOT NULL,             -- relative to the data directory
    first_seen TEXT NOT NULL
  );

  -- A document is one published file, followed across versions. Its id is stable:
  -- derived from the hash of the first version seen. The same bytes at two URLs are
  -- one document with two locations (urls.document_id).
  CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    source_id    TEXT NOT NULL REFERENCES sources(id),
    sha256       TEXT NOT NULL REFERENCES blobs(sha256),   -- the current version
    url          TEXT NOT NULL,           -- the preferred location
    online       INTEGER NOT NULL DEFAULT 1,
    first_seen   TEXT NOT NULL,
    last_seen    TEXT NOT NULL
  );
  CREATE UNIQUE INDEX documents_sha ON documents(sha256);

  CREATE TABLE document_versions (
    document_id TEXT NOT NULL REFERENCES documents(id),
    sha256      TEXT NOT NULL REFERENCES blobs(sha256),
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    PRIMARY KEY (document_id, sha256)
  );

  -- What each later stage last did to a document: the input it worked from (a hash
  -- of what it read) and its code version. A stage has work when either differs.
  CREATE TABLE document_stages (
    document_id TEXT NOT NULL REFERENCES documents(id),
    stage       TEXT NOT NULL,            -- extract | tag | index:<backend>
    input       TEXT NOT NULL,
    version     INTEGER NOT NULL,
    status      TEXT NOT NULL,            -- ok | failed | needs-ocr
    error       TEXT,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (document_id, stage)
  );

  -- Metadata of a document's current version. Every field may be null (unknown);
  -- provenance says where each known value came from (JSON).
  CREATE TABLE document_meta (
    document_id       TEXT PRIMARY KEY REFERENCES documents(id),
    sha256            TEXT NOT NULL,
    title             TEXT,
    area              TEXT,
    nation            TEXT,
    year              INTEGER,
    published_date    TEXT,
    review_type       TEXT,
    document_kind     TEXT,
    is_review         INTEGER NOT NULL,
    not_review_reason TEXT,
    child_names       TEXT NOT NULL DEFAULT '[]',
    child_age         TEXT,
    child_outcome     TEXT,               -- died | seriously-harmed
    pages             INTEGER,
    provenance        TEXT NOT NULL DEFAULT '{}'
  );

  CREATE TABLE pages (
    document_id TEXT NOT NULL REFERENCES documents(id),
    num         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (document_id, num)
  );

  CREATE TABLE sections (
    document_id TEXT NOT NULL REFERENCES documents(id),
    ordinal     INTEGER NOT NULL,
    section     TEXT NOT NULL,            -- canonical id: summary | background | findings | learning | ...
    heading     TEXT NOT NULL,
    page_start  INTEGER NOT NULL,
    page_end    INTEGER NOT NULL,
    PRIMARY KEY (document_id, ordinal)
  );

  CREATE TABLE passages (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    ordinal     INTEGER NOT NULL,
    page        INTEGER NOT NULL,
    section     TEXT NOT NULL,
    text        TEXT NOT NULL,
    UNIQUE (document_id, ordinal)
  );

  CREATE TABLE document_themes (
    document_id TEXT NOT NULL REFERENCES documents(id),
    theme_id    TEXT NOT NULL,
    score       REAL NOT NULL,
    evidence    TEXT NOT NULL,            -- [{page, text, passageId}] (JSON), best first
    PRIMARY KEY (document_id, theme_id)
  );

  CREATE TABLE passage_themes (
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    theme_id   TEXT NOT NULL,
    score      REAL NOT NULL,
    PRIMARY KEY (passage_id, theme_id)
  );
  `,
  // 2: crawls, so a killed crawl is finished by the next; the pages' grouping of a review's documents.
  `
  -- One row per crawl. A crawl killed before finished_at is set is taken over by the next
  -- crawl, which counts the URLs it reached (urls.last_run_id) as its own and does not ask
  -- for those documents again. finished_at is 'interrupted' for one that was not taken over.
  CREATE TABLE crawls (
    run_id       INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    resumed_from INTEGER
  );

  -- What the pages say about which documents belong to one review: each row puts a URL in
  -- an entry of a page (a table row, a case heading, one paragraph, a per-case page).
  -- URLs sharing an entry are companions (report, summary, briefing …). Rows accumulate
  -- over crawls, so a document taken down keeps its companions.
  CREATE TABLE review_links (
    page_url TEXT NOT NULL,
    entry    TEXT NOT NULL,             -- row:<label> | heading:<case> | name:… | block:… | page
    url      TEXT NOT NULL,
    label    TEXT,                      -- the words that tie them (case name, heading, row label)
    run_id   INTEGER NOT NULL,
    PRIMARY KEY (page_url, entry, url)
  );
  CREATE INDEX review_links_url ON review_links(url);
  `,
  // 3: the child's age as a number, so researchers can filter on it ("under 1": < 12 months).
  `
  ALTER TABLE document_meta ADD COLUMN child_age_months REAL;  -- 7 weeks → 1.6, 15 years → 180

  -- Ages already stored as text ("7 weeks", "15 years": a number, a space, a unit) get their
  -- number now, as extraction would give it (completed months, tenths cut), so exports are
  -- right before the next extract.
  UPDATE document_meta SET child_age_months = CASE
      WHEN child_age LIKE '% day%' THEN CAST(CAST(child_age AS INTEGER) * 10 / 30.4375 AS INTEGER) / 10.0
      WHEN child_age LIKE '% week%' THEN CAST(CAST(child_age AS INTEGER) * 70 / 30.4375 AS INTEGER) / 10.0
      WHEN child_age LIKE '% month%' THEN CAST(child_age AS INTEGER)
      WHEN child_age LIKE '% year%' THEN CAST(child_age AS INTEGER) * 12
    END
  WHERE child_age IS NOT NULL;
  `,
];

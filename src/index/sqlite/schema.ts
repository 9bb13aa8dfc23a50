import type Database from 'better-sqlite3';

/** Bump to rebuild every embedded index from the store (the index stage sees the change). */
export const SQLITE_INDEX_VERSION = 1;

/**
 * The embedded search index: its own SQLite file beside the store, holding copies of
 * the review records and passages (as Meilisearch would) plus FTS5 tables over them.
 */
export function createIndexSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS reviews (
      id             TEXT PRIMARY KEY,
      title          TEXT,
      area           TEXT,
      nation         TEXT,
      region         TEXT,
      year           INTEGER,
      published_date TEXT,
      review_type    TEXT,
      document_kind  TEXT,
      child_names    TEXT NOT NULL,
      themes         TEXT NOT NULL,
      document_url   TEXT NOT NULL,
      source_page    TEXT,
      online         INTEGER NOT NULL,
      pages          INTEGER
    );
    CREATE TABLE IF NOT EXISTS review_themes (
      review_id TEXT NOT NULL,
      theme_id  TEXT NOT NULL,
      PRIMARY KEY (theme_id, review_id)
    );
    CREATE TABLE IF NOT EXISTS passages (
      id        INTEGER PRIMARY KEY,
      review_id TEXT NOT NULL,
      ordinal   INTEGER NOT NULL,
      page      INTEGER NOT NULL,
      section   TEXT NOT NULL,
      text      TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS passages_review ON passages(review_id);
    CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
      text, content='passages', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS reviews_fts USING fts5(
      review_id UNINDEXED, title, child_names, tokenize='porter unicode61 remove_diacritics 2'
    );
    -- Surface words and how many passages hold them, for typo correction.
    CREATE TABLE IF NOT EXISTS vocabulary (
      word  TEXT PRIMARY KEY,
      count INTEGER NOT NULL
    ) WITHOUT ROWID;
  `);
}

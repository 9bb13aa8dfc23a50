import type Database from 'better-sqlite3';
import { SectionId } from '../../contracts/index.js';
import { UsageError } from '../../errors.js';

/** Bump to rebuild every embedded index from the store (the index stage sees the change). */
export const SQLITE_INDEX_VERSION = 2;

/** File name of the embedded index inside the data directory. */
export const SQLITE_INDEX_FILE = 'search-index.sqlite';

/** The review-level FTS table's section columns, one per section id, in this order. */
export const SECTION_COLUMNS: readonly SectionId[] = SectionId.options;

const SLOT_SHIFT = 2 ** 24;
const SECTION_SHIFT = 2 ** 20;

/** Most passages one review may have in one section (the rowid layout's room). */
export const MAX_PASSAGES_PER_SECTION = SECTION_SHIFT;

/**
 * A passage's rowid: its review's slot, then its section, then its place. One review's
 * passages are one rowid range, and one section's a sub-range, so the plain `passages`
 * table reads them in order without an index.
 */
export function passageRowid(slot: number, section: SectionId, index: number): number {
  return slot * SLOT_SHIFT + SECTION_COLUMNS.indexOf(section) * SECTION_SHIFT + index;
}

/** The rowid range of a review's passages, or of one of its sections. */
export function passageRange(slot: number, section?: SectionId): [number, number] {
  if (section === undefined) return [slot * SLOT_SHIFT, (slot + 1) * SLOT_SHIFT - 1];
  const start = slot * SLOT_SHIFT + SECTION_COLUMNS.indexOf(section) * SECTION_SHIFT;
  return [start, start + SECTION_SHIFT - 1];
}

/** The review slot a passage rowid belongs to. */
export function slotOfPassage(rowid: number): number {
  return Math.floor(rowid / SLOT_SHIFT);
}

/** The section a passage rowid belongs to. */
export function sectionOfPassage(rowid: number): SectionId {
  return SECTION_COLUMNS[Math.floor((rowid % SLOT_SHIFT) / SECTION_SHIFT)] as SectionId;
}

const TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'";

/**
 * The embedded search index, a SQLite file beside the store holding copies of the
 * review records and passages (as Meilisearch would) and two FTS5 indexes:
 * `passages_fts` over passage text (plus a `tag` column naming each passage's review
 * and section), and `reviews_fts`, one row per review with a column per section, for
 * review-level matching, bm25 with section weights, and counts. Facet values live in
 * `review_facets`, one row per review and value; `vocabulary` holds surface words with
 * the number of reviews using them, for typo correction, prefixes and related reviews.
 */
export function createIndexSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS reviews (
      slot           INTEGER PRIMARY KEY,
      id             TEXT NOT NULL UNIQUE,
      title          TEXT,
      area           TEXT COLLATE NOCASE,
      nation         TEXT COLLATE NOCASE,
      region         TEXT COLLATE NOCASE,
      year           INTEGER,
      published_date TEXT,
      review_type    TEXT,
      document_kind  TEXT,
      child_names    TEXT NOT NULL,
      themes         TEXT NOT NULL,
      document_url   TEXT NOT NULL,
      source_page    TEXT,
      online         INTEGER NOT NULL,
      pages          INTEGER,
      sections       TEXT NOT NULL,
      profile        TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS review_facets (
      facet TEXT NOT NULL,
      value TEXT NOT NULL,
      slot  INTEGER NOT NULL,
      PRIMARY KEY (facet, value, slot)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS review_facets_slot ON review_facets(slot);
    CREATE TABLE IF NOT EXISTS passages (
      id      INTEGER PRIMARY KEY,
      ordinal INTEGER NOT NULL,
      page    INTEGER NOT NULL,
      section TEXT NOT NULL,
      text    TEXT NOT NULL,
      tag     TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
      text, tag, content='passages', content_rowid='id', ${TOKENIZE}
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS reviews_fts USING fts5(
      title, child_names, ${SECTION_COLUMNS.join(', ')},
      content='', contentless_delete=1, ${TOKENIZE}
    );
    CREATE TABLE IF NOT EXISTS vocabulary (
      word  TEXT PRIMARY KEY,
      count INTEGER NOT NULL
    ) WITHOUT ROWID;
  `);
}

const INDEX_TABLES = [
  'meta',
  'reviews',
  'review_facets',
  'passages',
  'passages_fts',
  'reviews_fts',
  'vocabulary',
];

/**
 * Makes the file hold an index of this version: a file of another version (or none) is
 * emptied and given the current schema, since the index is rebuilt from the store
 * anyway. Read-only opens cannot do that, so they throw a `UsageError` saying what to run.
 */
export function prepareIndexFile(db: Database.Database, file: string, readonly: boolean): void {
  const found = indexVersion(db);
  if (found === SQLITE_INDEX_VERSION) return;
  if (readonly) {
    throw new UsageError(
      `${file}: the search index has format ${found ?? 'unknown'}, this version reads ${SQLITE_INDEX_VERSION}: run "casereviews index" to rebuild it`,
    );
  }
  db.transaction(() => {
    for (const table of INDEX_TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
    createIndexSchema(db);
    db.prepare("INSERT INTO meta (key, value) VALUES ('version', ?)").run(String(SQLITE_INDEX_VERSION));
  })();
}

function indexVersion(db: Database.Database): number | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!hasMeta) return null;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as
    { value: string } | undefined;
  return row ? Number(row.value) : null;
}

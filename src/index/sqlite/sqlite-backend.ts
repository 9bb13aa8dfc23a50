import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SearchAnswer, SectionId } from '../../contracts/index.js';
import type { IndexPassage, IndexReview, IndexSink, SearchBackend, SearchQuery } from '../backend.js';
import type { RelatedAnswer, TermProfile } from '../related.js';
import type { SearchConfig } from '../search-config.js';
import { IndexLexicon } from './index-lexicon.js';
import { findRelated } from './index-related.js';
import { IndexSearch } from './index-search.js';
import type { StoredReview } from './index-writer.js';
import { IndexWriter, ReviewCatalog } from './index-writer.js';
import { prepareIndexFile, SQLITE_INDEX_FILE } from './schema.js';

interface ReviewRow {
  slot: number;
  id: string;
  title: string | null;
  area: string | null;
  nation: string | null;
  region: string | null;
  year: number | null;
  published_date: string | null;
  review_type: IndexReview['reviewType'];
  document_kind: IndexReview['documentKind'];
  child_names: string;
  themes: string;
  document_url: string;
  source_page: string | null;
  online: number;
  pages: number | null;
  sections: string;
  profile: string;
}

/**
 * The embedded search backend: SQLite FTS5 in `search-index.sqlite` beside the store.
 * Writes are transactions (a rebuild is one), so a search in another process sees the
 * index before or after a change, never half of it (the file is in WAL mode).
 */
export class SqliteBackend implements SearchBackend {
  readonly name = 'sqlite';
  readonly #db: Database.Database;
  readonly #catalog = new ReviewCatalog();
  readonly #lexicon: IndexLexicon;
  readonly #search: IndexSearch;
  readonly #writer: IndexWriter | null;

  constructor(dataDir: string, config: SearchConfig, options: { readonly?: boolean } = {}) {
    const file = join(dataDir, SQLITE_INDEX_FILE);
    const readonly = options.readonly ?? false;
    this.#db = new Database(file, { readonly, fileMustExist: readonly });
    if (!readonly) this.#db.pragma('journal_mode = WAL');
    prepareIndexFile(this.#db, file, readonly);
    for (const row of this.#db.prepare('SELECT * FROM reviews').all() as ReviewRow[]) {
      this.#catalog.add(fromRow(row));
    }
    this.#lexicon = new IndexLexicon(this.#db);
    this.#search = new IndexSearch(this.#db, this.#catalog, this.#lexicon, config);
    this.#writer = readonly ? null : new IndexWriter(this.#db, config, this.#catalog);
  }

  async upsert(reviews: IndexReview[], passages: IndexPassage[]): Promise<void> {
    const writer = this.#writable();
    const byReview = groupByReview(passages);
    this.#db.transaction(() => {
      for (const review of reviews) {
        writer.remove(review.id);
        writer.insert(review, byReview.get(review.id) ?? []);
      }
    })();
    this.#search.invalidate();
  }

  async remove(reviewIds: string[]): Promise<void> {
    const writer = this.#writable();
    this.#db.transaction(() => {
      for (const id of reviewIds) writer.remove(id);
    })();
    this.#search.invalidate();
  }

  async reviewIds(): Promise<string[]> {
    return [...this.#catalog.byId.keys()];
  }

  /**
   * Empties and refills the index in one transaction (FTS5 work is buffered per
   * transaction, and vocabulary counts are summed in memory), then merges the FTS5
   * segments so searches read one b-tree per index.
   */
  async rebuild(fill: (sink: IndexSink) => Promise<void>): Promise<void> {
    const writer = this.#writable();
    const db = this.#db;
    // Not db.transaction(): that cannot span the awaits of `fill`. Nothing else uses this
    // connection meanwhile, as the data directory lock keeps other writers out.
    db.exec('BEGIN IMMEDIATE');
    try {
      writer.clear();
      writer.beginBulk();
      await fill({
        upsert: async (reviews, passages) => {
          const byReview = groupByReview(passages);
          for (const review of reviews) {
            writer.remove(review.id);
            writer.insert(review, byReview.get(review.id) ?? []);
          }
        },
      });
      writer.flushVocabulary();
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      this.#reload();
      throw error;
    } finally {
      this.#search.invalidate();
    }
    db.exec(`
      INSERT INTO passages_fts (passages_fts) VALUES ('optimize');
      INSERT INTO reviews_fts (reviews_fts) VALUES ('optimize');
    `);
    db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async search(query: SearchQuery): Promise<SearchAnswer> {
    return this.#search.search(query);
  }

  async related(reviewId: string, limit: number): Promise<RelatedAnswer> {
    return findRelated(this.#db, this.#catalog, this.#lexicon, reviewId, limit);
  }

  async close(): Promise<void> {
    this.#db.close();
  }

  #writable(): IndexWriter {
    if (!this.#writer) throw new Error('the embedded search index was opened read-only');
    return this.#writer;
  }

  /** Reloads the in-memory records from the file (after a rolled-back rebuild). */
  #reload(): void {
    this.#catalog.clear();
    for (const row of this.#db.prepare('SELECT * FROM reviews').all() as ReviewRow[]) {
      this.#catalog.add(fromRow(row));
    }
    this.#writer?.resync();
  }
}

function fromRow(row: ReviewRow): StoredReview {
  return {
    slot: row.slot,
    id: row.id,
    title: row.title,
    area: row.area,
    nation: row.nation,
    region: row.region,
    year: row.year,
    publishedDate: row.published_date,
    reviewType: row.review_type,
    documentKind: row.document_kind,
    childNames: JSON.parse(row.child_names) as string[],
    themes: JSON.parse(row.themes) as string[],
    documentUrl: row.document_url,
    sourcePage: row.source_page,
    online: row.online === 1,
    pages: row.pages,
    sectionCounts: JSON.parse(row.sections) as Partial<Record<SectionId, number>>,
    profile: JSON.parse(row.profile) as TermProfile,
  };
}

/** Groups passages by their review id (Map.groupBy needs Node 21). */
function groupByReview(passages: readonly IndexPassage[]): Map<string, IndexPassage[]> {
  const groups = new Map<string, IndexPassage[]>();
  for (const passage of passages) {
    const group = groups.get(passage.reviewId);
    if (group) group.push(passage);
    else groups.set(passage.reviewId, [passage]);
  }
  return groups;
}

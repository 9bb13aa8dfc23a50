import type Database from 'better-sqlite3';
import type { SectionId } from '../../contracts/index.js';
import type { IndexPassage, IndexReview } from '../backend.js';
import { tokenize } from '../query-text.js';
import type { TermProfile } from '../related.js';
import { termProfile } from '../related.js';
import type { SearchConfig } from '../search-config.js';
import { passageTag } from './fts-query.js';
import { MAX_PASSAGES_PER_SECTION, passageRange, passageRowid, SECTION_COLUMNS } from './schema.js';

/** A review as the embedded index keeps it in memory: the record plus its slot and sections. */
export interface StoredReview extends IndexReview {
  slot: number;
  /** Passages per section, for the sections the review has. */
  sectionCounts: Partial<Record<SectionId, number>>;
  profile: TermProfile;
}

/** The reviews an index holds, by id and by slot, kept in memory (a few thousand records). */
export class ReviewCatalog {
  readonly byId = new Map<string, StoredReview>();
  readonly bySlot = new Map<number, StoredReview>();

  add(review: StoredReview): void {
    this.byId.set(review.id, review);
    this.bySlot.set(review.slot, review);
  }

  delete(review: StoredReview): void {
    this.byId.delete(review.id);
    this.bySlot.delete(review.slot);
  }

  clear(): void {
    this.byId.clear();
    this.bySlot.clear();
  }
}

/** The embedded index has no room for a review this large. */
export class IndexCapacityError extends Error {
  override name = 'IndexCapacityError';
}

/**
 * Writes reviews into the embedded index's tables: rows, FTS entries, facet values and
 * vocabulary counts. Callers hold the transaction. In bulk mode (a rebuild) vocabulary
 * counts are summed in memory and written once by `flushVocabulary`, instead of one
 * upsert per word per review.
 */
export class IndexWriter {
  readonly #db: Database.Database;
  readonly #config: SearchConfig;
  readonly #reviews: ReviewCatalog;
  #nextSlot: number;
  #pendingVocabulary: Map<string, number> | null = null;

  constructor(db: Database.Database, config: SearchConfig, reviews: ReviewCatalog) {
    this.#db = db;
    this.#config = config;
    this.#reviews = reviews;
    this.#nextSlot = this.#firstFreeSlot();
  }

  /** Picks up the file's state again (after a rolled-back rebuild). */
  resync(): void {
    this.#pendingVocabulary = null;
    this.#nextSlot = this.#firstFreeSlot();
  }

  #firstFreeSlot(): number {
    const row = this.#db.prepare('SELECT coalesce(max(slot), 0) AS slot FROM reviews').get() as {
      slot: number;
    };
    return row.slot + 1;
  }

  /** Collects vocabulary counts in memory until `flushVocabulary`. */
  beginBulk(): void {
    this.#pendingVocabulary = new Map();
  }

  flushVocabulary(): void {
    const pending = this.#pendingVocabulary;
    this.#pendingVocabulary = null;
    if (pending) this.#adjustVocabulary(pending, 1);
  }

  /** Inserts a review and its passages (a review with this id must not be present). */
  insert(review: IndexReview, passages: readonly IndexPassage[]): StoredReview {
    const db = this.#db;
    const slot = this.#nextSlot++;
    const bySection = new Map<SectionId, IndexPassage[]>();
    for (const passage of [...passages].sort((a, b) => a.ordinal - b.ordinal)) {
      const list = bySection.get(passage.section) ?? [];
      list.push(passage);
      bySection.set(passage.section, list);
    }
    const insertPassage = db.prepare(
      'INSERT INTO passages (id, ordinal, page, section, text, tag) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertFts = db.prepare('INSERT INTO passages_fts (rowid, text, tag) VALUES (?, ?, ?)');
    const counts = new Map<string, number>();
    const count = (text: string) => {
      for (const word of tokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
    };
    for (const [section, list] of bySection) {
      if (list.length > MAX_PASSAGES_PER_SECTION) {
        throw new IndexCapacityError(
          `review ${review.id}: ${list.length} passages in section ${section}, more than the ${MAX_PASSAGES_PER_SECTION} the embedded index holds`,
        );
      }
      const tag = passageTag(slot, section);
      list.forEach((p, i) => {
        const rowid = passageRowid(slot, section, i);
        insertPassage.run(rowid, p.ordinal, p.page, section, p.text, tag);
        insertFts.run(rowid, p.text, tag);
        count(p.text);
      });
    }
    count(review.title ?? '');
    count(review.childNames.join(' '));

    db.prepare(
      `INSERT INTO reviews_fts (rowid, title, child_names, ${SECTION_COLUMNS.join(', ')})
       VALUES (?, ?, ?, ${SECTION_COLUMNS.map(() => '?').join(', ')})`,
    ).run(
      slot,
      review.title ?? '',
      review.childNames.join(' ; '),
      ...SECTION_COLUMNS.map((section) => (bySection.get(section) ?? []).map((p) => p.text).join('\n')),
    );
    const stored: StoredReview = {
      ...review,
      slot,
      sectionCounts: Object.fromEntries([...bySection].map(([section, list]) => [section, list.length])),
      profile: termProfile(counts, this.#config.stopWords),
    };
    this.#insertRecord(stored);
    this.#countWords(new Set(counts.keys()), 1);
    this.#reviews.add(stored);
    return stored;
  }

  /** Removes a review, its passages and its counts; false when it was not there. */
  remove(id: string): boolean {
    const db = this.#db;
    const stored = this.#reviews.byId.get(id);
    if (!stored) return false;
    const [from, to] = passageRange(stored.slot);
    const old = db.prepare('SELECT id, text, tag FROM passages WHERE id BETWEEN ? AND ?').all(from, to) as {
      id: number;
      text: string;
      tag: string;
    }[];
    // External-content FTS5 deletes need the indexed values, to find the entries to drop.
    const deleteFts = db.prepare(
      "INSERT INTO passages_fts (passages_fts, rowid, text, tag) VALUES ('delete', ?, ?, ?)",
    );
    const words = new Set<string>();
    for (const p of old) {
      deleteFts.run(p.id, p.text, p.tag);
      for (const word of tokenize(p.text)) words.add(word);
    }
    for (const word of tokenize(`${stored.title ?? ''} ${stored.childNames.join(' ')}`)) words.add(word);
    db.prepare('DELETE FROM passages WHERE id BETWEEN ? AND ?').run(from, to);
    db.prepare('DELETE FROM reviews_fts WHERE rowid = ?').run(stored.slot);
    db.prepare('DELETE FROM review_facets WHERE slot = ?').run(stored.slot);
    db.prepare('DELETE FROM reviews WHERE slot = ?').run(stored.slot);
    this.#countWords(words, -1);
    this.#reviews.delete(stored);
    return true;
  }

  /** Empties every table (a rebuild's first step). */
  clear(): void {
    const db = this.#db;
    db.exec(`
      DELETE FROM passages;
      INSERT INTO passages_fts (passages_fts) VALUES ('delete-all');
      INSERT INTO reviews_fts (reviews_fts) VALUES ('delete-all');
      DELETE FROM review_facets;
      DELETE FROM reviews;
      DELETE FROM vocabulary;
    `);
    this.#reviews.clear();
    this.#nextSlot = 1;
  }

  #insertRecord(review: StoredReview): void {
    const db = this.#db;
    db.prepare(
      `INSERT INTO reviews (slot, id, title, area, nation, region, year, published_date, review_type, document_kind,
         child_names, themes, document_url, source_page, online, pages, sections, profile)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      review.slot,
      review.id,
      review.title,
      review.area,
      review.nation,
      review.region,
      review.year,
      review.publishedDate,
      review.reviewType,
      review.documentKind,
      JSON.stringify(review.childNames),
      JSON.stringify(review.themes),
      review.documentUrl,
      review.sourcePage,
      review.online ? 1 : 0,
      review.pages,
      JSON.stringify(review.sectionCounts),
      JSON.stringify(review.profile),
    );
    const insertFacet = db.prepare(
      'INSERT OR IGNORE INTO review_facets (facet, value, slot) VALUES (?, ?, ?)',
    );
    const facets: [string, string | number | null][] = [
      ['area', review.area],
      ['nation', review.nation],
      ['year', review.year],
      ['reviewType', review.reviewType],
      ['documentKind', review.documentKind],
      ...review.themes.map((theme): [string, string] => ['theme', theme]),
      ...Object.keys(review.sectionCounts).map((section): [string, string] => ['section', section]),
    ];
    for (const [facet, value] of facets) {
      if (value !== null) insertFacet.run(facet, String(value), review.slot);
    }
  }

  #countWords(words: Set<string>, sign: 1 | -1): void {
    const pending = this.#pendingVocabulary;
    if (pending && sign > 0) {
      for (const word of words) pending.set(word, (pending.get(word) ?? 0) + 1);
      return;
    }
    this.#adjustVocabulary(new Map([...words].map((word) => [word, 1])), sign);
  }

  #adjustVocabulary(words: Map<string, number>, sign: 1 | -1): void {
    const upsert = this.#db.prepare(
      'INSERT INTO vocabulary (word, count) VALUES (?, ?) ON CONFLICT(word) DO UPDATE SET count = count + excluded.count',
    );
    const drop = this.#db.prepare('DELETE FROM vocabulary WHERE word = ? AND count <= 0');
    for (const [word, count] of words) {
      upsert.run(word, sign * count);
      if (sign < 0) drop.run(word);
    }
  }
}

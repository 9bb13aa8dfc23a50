import type Database from 'better-sqlite3';
import type { Facets } from '../../contracts/index.js';
import type { SearchQuery } from '../backend.js';
import { countFacets } from '../facets.js';
import type { Clause } from '../query-plan.js';
import type { ReviewRank } from '../ranking.js';
import { compareReviewRanks, reviewScore, SECTION_WEIGHT } from '../ranking.js';
import { reviewFilterSql } from './filter-sql.js';
import { ftsAll, inColumns } from './fts-query.js';
import type { ReviewCatalog } from './index-writer.js';
import { SECTION_COLUMNS } from './schema.js';

/** A review that matches, with its score (higher is better; 0 when listing by filters). */
export interface ReviewMatch extends ReviewRank {
  slot: number;
}

/** bm25 weights of `reviews_fts`'s columns: title, child names, then each section. */
const COLUMN_WEIGHTS = [3, 3, ...SECTION_COLUMNS.map((s) => SECTION_WEIGHT[s])].join(', ');

/** Matches kept for reuse (paging through results, facets, the next keystroke's filters). */
const CACHE_SIZE = 64;

/**
 * Finds the reviews a query matches, at review level: `reviews_fts` has one row per
 * review, so a common word costs a pass over two thousand rows rather than over a third
 * of a million passages, and the total and facet counts are counts of matched reviews.
 * Results are cached until the index changes.
 */
export class ReviewMatcher {
  readonly #db: Database.Database;
  readonly #catalog: ReviewCatalog;
  readonly #cache = new Map<string, { matches: ReviewMatch[]; facets?: Facets }>();

  constructor(db: Database.Database, catalog: ReviewCatalog) {
    this.#db = db;
    this.#catalog = catalog;
  }

  invalidate(): void {
    this.#cache.clear();
  }

  /**
   * Reviews where every clause matches (within the query's sections when it names any),
   * passing the filters, best first (or newest first when sorting by year).
   */
  match(clauses: readonly Clause[], query: SearchQuery): ReviewMatch[] {
    const all = ftsAll(clauses);
    const expression = query.sections.length > 0 ? inColumns(query.sections, all) : all;
    const filter = reviewFilterSql(query);
    return this.#cached(`${expression}|${filter.sql}|${JSON.stringify(filter.params)}|${query.sort}`, () => {
      const rows = this.#db
        .prepare(
          `SELECT r.slot AS slot, bm25(reviews_fts, ${COLUMN_WEIGHTS}) AS rank
           FROM reviews_fts JOIN reviews r ON r.slot = reviews_fts.rowid
           WHERE reviews_fts MATCH ? AND ${filter.sql}`,
        )
        .all(expression, ...filter.params) as { slot: number; rank: number }[];
      // A query that names sections is about passages; the title cannot satisfy it.
      const byTitle =
        query.sections.length > 0 || rows.length === 0
          ? new Set<number>()
          : new Set(
              this.#db
                .prepare('SELECT rowid FROM reviews_fts WHERE reviews_fts MATCH ?')
                .pluck()
                .all(inColumns(['title', 'child_names'], all)) as number[],
            );
      const matches = rows.map((row) => {
        const kind = this.#catalog.bySlot.get(row.slot)?.documentKind ?? null;
        return { slot: row.slot, byName: byTitle.has(row.slot), kind, score: reviewScore(-row.rank, kind) };
      });
      return this.#sorted(matches, query);
    });
  }

  /** Reviews passing the filters alone, newest first. */
  filter(query: SearchQuery): ReviewMatch[] {
    const filter = reviewFilterSql(query);
    return this.#cached(`|${filter.sql}|${JSON.stringify(filter.params)}`, () => {
      const slots = this.#db
        .prepare(`SELECT r.slot FROM reviews r WHERE ${filter.sql}`)
        .pluck()
        .all(...filter.params) as number[];
      return this.#sorted(
        slots.map((slot) => ({ slot, byName: false, kind: null, score: 0 })),
        { ...query, sort: 'year' },
      );
    });
  }

  /** Facet counts over matched reviews (see countFacets), kept with the cached match. */
  facets(matches: readonly ReviewMatch[]): Facets {
    const entry = [...this.#cache.values()].find((e) => e.matches === matches);
    if (entry?.facets) return entry.facets;
    const bySlot = this.#catalog.bySlot;
    const facets = countFacets(
      (function* () {
        for (const m of matches) {
          const review = bySlot.get(m.slot);
          if (review) yield review;
        }
      })(),
    );
    if (entry) entry.facets = facets;
    return facets;
  }

  #sorted(matches: ReviewMatch[], query: Pick<SearchQuery, 'sort'>): ReviewMatch[] {
    const catalog = this.#catalog.bySlot;
    const id = (m: ReviewMatch) => catalog.get(m.slot)?.id ?? '';
    if (query.sort === 'year') {
      const year = (m: ReviewMatch) => catalog.get(m.slot)?.year ?? Number.NEGATIVE_INFINITY;
      return matches.sort(
        (a, b) => year(b) - year(a) || compareReviewRanks(a, b) || id(a).localeCompare(id(b)),
      );
    }
    return matches.sort((a, b) => compareReviewRanks(a, b) || id(a).localeCompare(id(b)));
  }

  #cached(key: string, compute: () => ReviewMatch[]): ReviewMatch[] {
    const hit = this.#cache.get(key);
    if (hit) {
      // Refresh its place: the map's order is the eviction order.
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return hit.matches;
    }
    const matches = compute();
    this.#cache.set(key, { matches });
    if (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
    return matches;
  }
}

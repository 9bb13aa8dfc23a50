import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SearchAnswer, SearchResult } from '../../contracts/index.js';
import type { IndexPassage, IndexReview, SearchBackend, SearchQuery } from '../backend.js';
import { countFacets, matchesReviewFilters } from '../facets.js';
import type { QueryTerm } from '../query-text.js';
import { formatQueryText, parseQueryText, tokenize } from '../query-text.js';
import { MARK_END, MARK_START, renderSnippet } from '../snippet.js';
import { suggestCorrection, type VocabularyEntry } from '../spelling.js';
import { createIndexSchema } from './schema.js';

/** File name of the embedded index inside the data directory. */
export const SQLITE_INDEX_FILE = 'search-index.sqlite';

/** How much a passage's section says about what a review is about. */
const SECTION_WEIGHT: Record<string, number> = {
  summary: 1.2,
  findings: 1.3,
  learning: 1.4,
  recommendations: 1.2,
  analysis: 1.1,
  chronology: 0.7,
  appendix: 0.5,
};

/** Passages shown per review in grouped results. */
const PASSAGES_PER_REVIEW = 3;

interface ReviewRow {
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
}

interface PassageHit {
  id: number;
  reviewId: string;
  page: number;
  section: string;
  score: number;
}

/**
 * The embedded search backend: SQLite FTS5 in `search-index.sqlite`, bm25 ranking
 * weighted by section, snippets with `<mark>`, facets over the matching reviews.
 */
export class SqliteBackend implements SearchBackend {
  readonly name = 'sqlite';
  readonly #db: Database.Database;
  readonly #reviews = new Map<string, IndexReview>();

  constructor(dataDir: string, options: { readonly?: boolean } = {}) {
    this.#db = new Database(join(dataDir, SQLITE_INDEX_FILE), { readonly: options.readonly ?? false });
    if (!options.readonly) {
      this.#db.pragma('journal_mode = WAL');
      createIndexSchema(this.#db);
    }
    for (const row of this.#db.prepare('SELECT * FROM reviews').all() as ReviewRow[]) {
      this.#reviews.set(row.id, fromRow(row));
    }
  }

  async upsert(reviews: IndexReview[], passages: IndexPassage[]): Promise<void> {
    const byReview = groupByReview(passages);
    this.#db.transaction(() => {
      for (const review of reviews) {
        this.#removeOne(review.id);
        this.#insertReview(review, byReview.get(review.id) ?? []);
      }
    })();
  }

  async remove(reviewIds: string[]): Promise<void> {
    this.#db.transaction(() => {
      for (const id of reviewIds) this.#removeOne(id);
    })();
  }

  async reviewIds(): Promise<string[]> {
    return [...this.#reviews.keys()];
  }

  async search(query: SearchQuery): Promise<SearchAnswer> {
    const parsed = parseQueryText(query.q);
    if (parsed.terms.length === 0) return this.#browse(query);
    const corrected = this.#correct(parsed.terms);
    const terms = corrected ?? parsed.terms;
    const match = terms.map((term) => `"${term.words.join(' ')}"`).join(' ');
    const hits = this.#passageHits(match, query);
    const titleScores = this.#titleScores(match, query);

    const answer = query.passages
      ? this.#passageAnswer(match, hits, query)
      : this.#reviewAnswer(match, hits, titleScores, query);
    return { query: query.q, correctedQuery: corrected ? formatQueryText(corrected) : null, ...answer };
  }

  async close(): Promise<void> {
    this.#db.close();
  }

  #insertReview(review: IndexReview, passages: IndexPassage[]): void {
    const db = this.#db;
    db.prepare(
      `INSERT INTO reviews (id, title, area, nation, region, year, published_date, review_type, document_kind,
         child_names, themes, document_url, source_page, online, pages)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
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
    );
    const insertTheme = db.prepare('INSERT OR IGNORE INTO review_themes (review_id, theme_id) VALUES (?, ?)');
    for (const theme of review.themes) insertTheme.run(review.id, theme);
    db.prepare('INSERT INTO reviews_fts (review_id, title, child_names) VALUES (?, ?, ?)').run(
      review.id,
      review.title ?? '',
      review.childNames.join(' ; '),
    );
    const insertPassage = db.prepare(
      'INSERT INTO passages (id, review_id, ordinal, page, section, text) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertFts = db.prepare('INSERT INTO passages_fts (rowid, text) VALUES (?, ?)');
    const words = new Map<string, number>();
    for (const p of passages) {
      insertPassage.run(p.id, review.id, p.ordinal, p.page, p.section, p.text);
      insertFts.run(p.id, p.text);
      for (const word of new Set(tokenize(p.text))) words.set(word, (words.get(word) ?? 0) + 1);
    }
    this.#adjustVocabulary(words, +1);
    this.#reviews.set(review.id, review);
  }

  #removeOne(id: string): void {
    const db = this.#db;
    const old = db.prepare('SELECT id, text FROM passages WHERE review_id = ?').all(id) as {
      id: number;
      text: string;
    }[];
    if (old.length > 0) {
      const deleteFts = db.prepare(
        "INSERT INTO passages_fts (passages_fts, rowid, text) VALUES ('delete', ?, ?)",
      );
      const words = new Map<string, number>();
      for (const p of old) {
        deleteFts.run(p.id, p.text);
        for (const word of new Set(tokenize(p.text))) words.set(word, (words.get(word) ?? 0) + 1);
      }
      this.#adjustVocabulary(words, -1);
      db.prepare('DELETE FROM passages WHERE review_id = ?').run(id);
    }
    db.prepare('DELETE FROM reviews_fts WHERE review_id = ?').run(id);
    db.prepare('DELETE FROM review_themes WHERE review_id = ?').run(id);
    db.prepare('DELETE FROM reviews WHERE id = ?').run(id);
    this.#reviews.delete(id);
  }

  #adjustVocabulary(words: Map<string, number>, sign: 1 | -1): void {
    const upsert = this.#db.prepare(
      'INSERT INTO vocabulary (word, count) VALUES (?, ?) ON CONFLICT(word) DO UPDATE SET count = count + excluded.count',
    );
    for (const [word, count] of words) upsert.run(word, sign * count);
    if (sign < 0) this.#db.prepare('DELETE FROM vocabulary WHERE count <= 0').run();
  }

  /**
   * Replaces words the index has never seen with their nearest indexed word. Returns
   * the corrected terms, or null when every word is known (or nothing is close).
   */
  #correct(terms: QueryTerm[]): QueryTerm[] | null {
    const known = this.#db.prepare('SELECT 1 FROM vocabulary WHERE word = ?');
    let vocabulary: VocabularyEntry[] | null = null;
    let changed = false;
    const result = terms.map((term) => {
      const words = term.words.map((word) => {
        if (known.get(word) || /\d/.test(word)) return word;
        vocabulary ??= this.#db.prepare('SELECT word, count FROM vocabulary').all() as VocabularyEntry[];
        const suggestion = suggestCorrection(word, vocabulary);
        if (suggestion === null) return word;
        changed = true;
        return suggestion;
      });
      return { ...term, words };
    });
    return changed ? result : null;
  }

  #passageHits(match: string, query: SearchQuery): PassageHit[] {
    const sectionFilter =
      query.sections.length > 0 ? `AND p.section IN (${query.sections.map(() => '?').join(', ')})` : '';
    const rows = this.#db
      .prepare(
        `SELECT p.id, p.review_id AS reviewId, p.page, p.section, bm25(passages_fts) AS rank
         FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid
         WHERE passages_fts MATCH ? ${sectionFilter}`,
      )
      .all(match, ...query.sections) as (Omit<PassageHit, 'score'> & { rank: number })[];
    const hits: PassageHit[] = [];
    for (const row of rows) {
      const review = this.#reviews.get(row.reviewId);
      if (!review || !matchesReviewFilters(review, query)) continue;
      hits.push({ ...row, score: -row.rank * (SECTION_WEIGHT[row.section] ?? 1) });
    }
    return hits;
  }

  /** Reviews whose title or child names match, with a bm25-based bonus. */
  #titleScores(match: string, query: SearchQuery): Map<string, number> {
    const rows = this.#db
      .prepare(
        'SELECT review_id AS id, bm25(reviews_fts, 0, 2.0, 2.0) AS rank FROM reviews_fts WHERE reviews_fts MATCH ?',
      )
      .all(match) as { id: string; rank: number }[];
    const scores = new Map<string, number>();
    for (const row of rows) {
      const review = this.#reviews.get(row.id);
      if (review && matchesReviewFilters(review, query)) scores.set(row.id, -row.rank);
    }
    return scores;
  }

  #reviewAnswer(
    match: string,
    hits: PassageHit[],
    titleScores: Map<string, number>,
    query: SearchQuery,
  ): Omit<SearchAnswer, 'query' | 'correctedQuery'> {
    const byReview = groupByReview(hits);
    // Sections filter the passages; a title match alone cannot satisfy it.
    const ids = new Set([...byReview.keys(), ...(query.sections.length > 0 ? [] : titleScores.keys())]);
    const scored = [...ids].map((id) => {
      const passages = (byReview.get(id) ?? []).sort((a, b) => b.score - a.score);
      // The best passage counts most; a few more strong ones add a little.
      const passageScore = passages.slice(0, 3).reduce((sum, hit, i) => sum + hit.score / (i + 1), 0);
      return { id, passages, score: passageScore + 2 * (titleScores.get(id) ?? 0) };
    });
    sortResults(scored, query, this.#reviews);
    const page = scored.slice(query.offset, query.offset + query.limit);
    const shown = page.flatMap((r) => r.passages.slice(0, PASSAGES_PER_REVIEW));
    const snippets = this.#snippets(
      match,
      shown.map((hit) => hit.id),
    );
    const results = page.map((r) =>
      this.#result(r.id, r.score, r.passages.slice(0, PASSAGES_PER_REVIEW), snippets),
    );
    return { total: scored.length, results, facets: countFacets(this.#reviewsOf(scored.map((r) => r.id))) };
  }

  #passageAnswer(
    match: string,
    hits: PassageHit[],
    query: SearchQuery,
  ): Omit<SearchAnswer, 'query' | 'correctedQuery'> {
    const sorted = [...hits].sort((a, b) => b.score - a.score);
    if (query.sort === 'year') {
      sorted.sort(
        (a, b) => (this.#reviews.get(b.reviewId)?.year ?? 0) - (this.#reviews.get(a.reviewId)?.year ?? 0),
      );
    }
    const page = sorted.slice(query.offset, query.offset + query.limit);
    const snippets = this.#snippets(
      match,
      page.map((hit) => hit.id),
    );
    const results = page.map((hit) => this.#result(hit.reviewId, hit.score, [hit], snippets));
    return {
      total: sorted.length,
      results,
      facets: countFacets(this.#reviewsOf(new Set(hits.map((hit) => hit.reviewId)))),
    };
  }

  /** No words: the reviews the filters select, newest first, with passages of the chosen sections. */
  #browse(query: SearchQuery): SearchAnswer {
    const matching = [...this.#reviews.values()].filter((review) => matchesReviewFilters(review, query));
    const scored = matching.map((review) => ({ id: review.id, score: 0, passages: [] as PassageHit[] }));
    sortResults(scored, { ...query, sort: 'year' }, this.#reviews);
    const page = scored.slice(query.offset, query.offset + query.limit);
    const results = page.map((r) => {
      const passages = query.sections.length > 0 ? this.#sectionPassages(r.id, query) : [];
      const snippets = new Map(passages.map((p) => [p.id, p.text]));
      return this.#result(r.id, 0, passages, snippets);
    });
    return {
      query: query.q,
      correctedQuery: null,
      total: scored.length,
      results,
      facets: countFacets(matching),
    };
  }

  #sectionPassages(reviewId: string, query: SearchQuery): (PassageHit & { text: string })[] {
    const rows = this.#db
      .prepare(
        `SELECT id, review_id AS reviewId, page, section, text, 0 AS score FROM passages
         WHERE review_id = ? AND section IN (${query.sections.map(() => '?').join(', ')}) ORDER BY ordinal`,
      )
      .all(reviewId, ...query.sections) as (PassageHit & { text: string })[];
    return rows.slice(0, PASSAGES_PER_REVIEW);
  }

  #snippets(match: string, passageIds: number[]): Map<number, string> {
    if (passageIds.length === 0) return new Map();
    const rows = this.#db
      .prepare(
        `SELECT rowid AS id, snippet(passages_fts, 0, '${MARK_START}', '${MARK_END}', '…', 32) AS snippet
         FROM passages_fts WHERE passages_fts MATCH ? AND rowid IN (${passageIds.map(() => '?').join(', ')})`,
      )
      .all(match, ...passageIds) as { id: number; snippet: string }[];
    return new Map(rows.map((row) => [row.id, row.snippet]));
  }

  #result(
    reviewId: string,
    score: number,
    passages: PassageHit[],
    snippets: Map<number, string>,
  ): SearchResult {
    const review = this.#reviews.get(reviewId) as IndexReview;
    return {
      id: review.id,
      title: review.title,
      area: review.area,
      year: review.year,
      reviewType: review.reviewType,
      documentKind: review.documentKind,
      documentUrl: review.documentUrl,
      online: review.online,
      score: Math.round(score * 1000) / 1000,
      themes: review.themes,
      passages: passages.map((p) => ({
        page: p.page,
        section: p.section as SearchResult['passages'][number]['section'],
        snippet: renderSnippet(snippets.get(p.id) ?? ''),
      })),
    };
  }

  #reviewsOf(ids: Iterable<string>): IndexReview[] {
    return [...ids].flatMap((id) => this.#reviews.get(id) ?? []);
  }
}

function sortResults(
  scored: { id: string; score: number }[],
  query: SearchQuery,
  reviews: Map<string, IndexReview>,
): void {
  if (query.sort === 'year') {
    scored.sort(
      (a, b) => (reviews.get(b.id)?.year ?? 0) - (reviews.get(a.id)?.year ?? 0) || b.score - a.score,
    );
  } else {
    scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }
}

function fromRow(row: ReviewRow): IndexReview {
  return {
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
  };
}

/** Groups items by their review id (Map.groupBy needs Node 21). */
function groupByReview<T extends { reviewId: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.reviewId);
    if (group) group.push(item);
    else groups.set(item.reviewId, [item]);
  }
  return groups;
}

import type Database from 'better-sqlite3';
import type { SectionId } from '../../contracts/index.js';
import { PASSAGES_PER_REVIEW } from '../backend.js';
import type { Clause } from '../query-plan.js';
import { inverseFrequency, kindPrior, SECTION_WEIGHT } from '../ranking.js';
import { MARK_END, MARK_START } from '../snippet.js';
import { ftsAll, ftsAny, ftsClause, passagesOf } from './fts-query.js';
import type { IndexLexicon } from './index-lexicon.js';
import type { ReviewCatalog } from './index-writer.js';
import { passageRange, sectionOfPassage, SECTION_COLUMNS, slotOfPassage } from './schema.js';

/** A passage chosen for a result: where it is, and its marked snippet (or plain text). */
export interface FoundPassage {
  rowid: number;
  slot: number;
  page: number;
  section: SectionId;
  score: number;
  /** Engine output with MARK_START/MARK_END around matches; render with renderSnippet. */
  marked: string;
}

/** Reviews whose passages are ranked at a time in passage-level results. */
const REVIEWS_PER_ROUND = 100;

/** Slots per FTS5 expression: keeps the `tag` OR-list, and FTS5's work on it, bounded. */
const SLOTS_PER_QUERY = 200;

/**
 * Finds and snippets passages in the embedded index. Queries name the reviews (and
 * sections) they want through the `tag` column, so FTS5 seeks to those passages instead
 * of reading every passage that holds a common word.
 */
export class PassageFinder {
  readonly #db: Database.Database;
  readonly #catalog: ReviewCatalog;
  readonly #lexicon: IndexLexicon;

  constructor(db: Database.Database, catalog: ReviewCatalog, lexicon: IndexLexicon) {
    this.#db = db;
    this.#catalog = catalog;
    this.#lexicon = lexicon;
  }

  /**
   * The best passages of each review for a query: a passage scores the weights (idf) of
   * the clauses it holds times its section's weight, so one holding every word in the
   * learning beats one holding the commonest word in the chronology. One FTS5 query per
   * clause, without bm25, whose idf pass reads a common word's whole doclist.
   */
  best(
    clauses: readonly Clause[],
    slots: readonly number[],
    sections: readonly SectionId[],
  ): Map<number, FoundPassage[]> {
    const total = this.#catalog.bySlot.size;
    const scores = new Map<number, number>();
    for (const clause of clauses) {
      const weight = inverseFrequency(this.#clauseFrequency(clause), total);
      for (const rowid of this.#rowids(ftsClause(clause.alternatives), slots, sections)) {
        scores.set(rowid, (scores.get(rowid) ?? 0) + weight);
      }
    }
    const bySlot = new Map<number, { rowid: number; score: number }[]>();
    for (const [rowid, score] of scores) {
      const slot = slotOfPassage(rowid);
      const list = bySlot.get(slot) ?? [];
      list.push({ rowid, score: score * SECTION_WEIGHT[sectionOfPassage(rowid)] });
      bySlot.set(slot, list);
    }
    const chosen = [...bySlot.values()].flatMap((list) =>
      list.sort((a, b) => b.score - a.score || a.rowid - b.rowid).slice(0, PASSAGES_PER_REVIEW),
    );
    return groupBySlot(this.#withSnippets(clauses, chosen));
  }

  /**
   * Passage-level hits: passages holding every clause, from reviews taken in `slots`
   * order a round at a time until there are `wanted` of them, ranked by bm25 times
   * section weight and document kind. Ranking within the best reviews keeps the work
   * bounded for common words; the passages of reviews further down cannot outrank
   * these by much, as their review-level match was weaker.
   */
  hits(
    clauses: readonly Clause[],
    slots: readonly number[],
    sections: readonly SectionId[],
    wanted: number,
    yearOf?: (slot: number) => number,
  ): FoundPassage[] {
    const all = ftsAll(clauses);
    const found: { rowid: number; score: number; year: number }[] = [];
    // By year, `slots` come newest first and passages rank by (year, score): keep taking
    // rounds while the next review is as new as the last passage wanted, so a page never
    // misses a better passage of the same year further down.
    const order = (a: { rowid: number; score: number; year: number }, b: typeof a) =>
      (yearOf ? b.year - a.year : 0) || b.score - a.score || a.rowid - b.rowid;
    const enough = (next: number | undefined) => {
      if (found.length < wanted) return false;
      if (!yearOf || next === undefined) return true;
      found.sort(order);
      return yearOf(next) < (found[wanted - 1] as { year: number }).year;
    };
    for (let i = 0; i < slots.length && !enough(slots[i]); i += REVIEWS_PER_ROUND) {
      const round = slots.slice(i, i + REVIEWS_PER_ROUND);
      const rows = this.#db
        .prepare(
          'SELECT rowid, bm25(passages_fts, 1.0, 0.0) AS rank FROM passages_fts WHERE passages_fts MATCH ?',
        )
        .all(passagesOf(all, round, sections)) as { rowid: number; rank: number }[];
      for (const row of rows) {
        const slot = slotOfPassage(row.rowid);
        const kind = this.#catalog.bySlot.get(slot)?.documentKind ?? null;
        found.push({
          rowid: row.rowid,
          score: -row.rank * SECTION_WEIGHT[sectionOfPassage(row.rowid)] * kindPrior(kind),
          year: yearOf ? yearOf(slot) : 0,
        });
      }
    }
    found.sort(order);
    return this.#withSnippets(clauses, found.slice(0, wanted));
  }

  /** How many passages hold every clause, in these reviews (all when `slots` is null) and sections. */
  count(clauses: readonly Clause[], slots: readonly number[] | null, sections: readonly SectionId[]): number {
    const all = ftsAll(clauses);
    const statement = this.#db
      .prepare('SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?')
      .pluck();
    if (slots === null) return statement.get(passagesOf(all, [], sections)) as number;
    let total = 0;
    for (let i = 0; i < slots.length; i += SLOTS_PER_QUERY) {
      total += statement.get(passagesOf(all, slots.slice(i, i + SLOTS_PER_QUERY), sections)) as number;
    }
    return total;
  }

  /** A review's first passages, in reading order, from the given sections (all when none). */
  leading(slot: number, sections: readonly SectionId[], skip: number, limit: number): FoundPassage[] {
    const ranges = (sections.length > 0 ? sections : SECTION_COLUMNS).map((s) => passageRange(slot, s));
    const rows = this.#db
      .prepare(
        `SELECT id AS rowid, page, section, text FROM passages
         WHERE ${ranges.map(() => 'id BETWEEN ? AND ?').join(' OR ')}
         ORDER BY ordinal LIMIT ? OFFSET ?`,
      )
      .all(...ranges.flat(), limit, skip) as {
      rowid: number;
      page: number;
      section: SectionId;
      text: string;
    }[];
    return rows.map((row) => ({ ...row, slot, score: 0, marked: row.text }));
  }

  #rowids(expression: string, slots: readonly number[], sections: readonly SectionId[]): number[] {
    const statement = this.#db.prepare('SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?').pluck();
    const rowids: number[] = [];
    for (let i = 0; i < slots.length; i += SLOTS_PER_QUERY) {
      const chunk = statement.all(
        passagesOf(expression, slots.slice(i, i + SLOTS_PER_QUERY), sections),
      ) as number[];
      for (const rowid of chunk) rowids.push(rowid);
    }
    return rowids;
  }

  /** Reviews holding a clause: of its alternatives, the commonest; of a phrase, its rarest word. */
  #clauseFrequency(clause: Clause): number {
    return Math.max(
      ...clause.alternatives.map((a) => Math.min(...a.words.map((w) => this.#lexicon.reviewsWith(w)))),
    );
  }

  #withSnippets(
    clauses: readonly Clause[],
    chosen: readonly { rowid: number; score: number }[],
  ): FoundPassage[] {
    if (chosen.length === 0) return [];
    const slots = [...new Set(chosen.map((c) => slotOfPassage(c.rowid)))];
    const ids = JSON.stringify(chosen.map((c) => c.rowid));
    // `+rowid`: offered to FTS5 as a constraint, `rowid IN (…)` makes it look each rowid up
    // in every term's doclist (3–11 ms for 60 passages); as a plain filter on the rows the
    // tag-restricted match yields, it costs under a millisecond.
    const marked = this.#db
      .prepare(
        `SELECT rowid, snippet(passages_fts, 0, ?, ?, '…', 32) AS marked FROM passages_fts
         WHERE passages_fts MATCH ? AND +rowid IN (SELECT value FROM json_each(?))`,
      )
      .all(MARK_START, MARK_END, passagesOf(ftsAny(clauses), slots, []), ids) as {
      rowid: number;
      marked: string;
    }[];
    const pageRows = this.#db
      .prepare('SELECT id, page FROM passages WHERE id IN (SELECT value FROM json_each(?))')
      .all(ids) as { id: number; page: number }[];
    const pages = new Map(pageRows.map((row) => [row.id, row.page]));
    const rows = marked.flatMap((row) => {
      const page = pages.get(row.rowid);
      return page === undefined ? [] : [{ ...row, page }];
    });
    const byRowid = new Map(rows.map((row) => [row.rowid, row]));
    return chosen.flatMap((c) => {
      const row = byRowid.get(c.rowid);
      if (!row) return [];
      return [
        {
          rowid: c.rowid,
          slot: slotOfPassage(c.rowid),
          page: row.page,
          section: sectionOfPassage(c.rowid),
          score: c.score,
          marked: row.marked,
        },
      ];
    });
  }
}

function groupBySlot(passages: readonly FoundPassage[]): Map<number, FoundPassage[]> {
  const groups = new Map<number, FoundPassage[]>();
  for (const passage of passages) {
    const list = groups.get(passage.slot) ?? [];
    list.push(passage);
    groups.set(passage.slot, list);
  }
  return groups;
}

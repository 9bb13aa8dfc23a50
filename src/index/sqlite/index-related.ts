import type Database from 'better-sqlite3';
import { UsageError } from '../../errors.js';
import type { RelatedAnswer, RelatedCandidate } from '../related.js';
import { keyTerms, RELATED_CANDIDATES, RELATED_KEY_TERMS, rankRelated } from '../related.js';
import { ftsString } from './fts-query.js';
import type { IndexLexicon } from './index-lexicon.js';
import type { ReviewCatalog } from './index-writer.js';

/**
 * The reviews most like one in the embedded index: its distinctive words (tf-idf over
 * its term profile) searched at review level with bm25, plus the reviews sharing most
 * of its themes, then ordered by text and theme similarity together.
 */
export function findRelated(
  db: Database.Database,
  catalog: ReviewCatalog,
  lexicon: IndexLexicon,
  reviewId: string,
  limit: number,
): RelatedAnswer {
  const self = catalog.byId.get(reviewId);
  if (!self) throw new UsageError(`no review with id "${reviewId}" in the search index`);
  const terms = keyTerms(
    self.profile,
    (word) => lexicon.reviewsWith(word),
    catalog.byId.size,
    RELATED_KEY_TERMS,
  );
  const textScores = new Map<number, number>();
  const holders = new Map<string, Set<number>>();
  if (terms.length > 0) {
    const rows = db
      .prepare(
        `SELECT rowid AS slot, bm25(reviews_fts) AS rank FROM reviews_fts WHERE reviews_fts MATCH ?
         ORDER BY rank LIMIT ?`,
      )
      .all(terms.map((t) => ftsString([t])).join(' OR '), RELATED_CANDIDATES + 1) as {
      slot: number;
      rank: number;
    }[];
    for (const row of rows) textScores.set(row.slot, -row.rank);
    const holding = db.prepare('SELECT rowid FROM reviews_fts WHERE reviews_fts MATCH ?').pluck();
    for (const term of terms) holders.set(term, new Set(holding.all(ftsString([term])) as number[]));
  }
  const byThemes =
    self.themes.length === 0
      ? []
      : (db
          .prepare(
            `SELECT slot FROM review_facets WHERE facet = 'theme' AND value IN (SELECT value FROM json_each(?))
             GROUP BY slot ORDER BY count(*) DESC, slot LIMIT ?`,
          )
          .pluck()
          .all(JSON.stringify(self.themes), RELATED_CANDIDATES + 1) as number[]);
  const candidates: RelatedCandidate[] = [...new Set([...textScores.keys(), ...byThemes])].flatMap((slot) => {
    const review = catalog.bySlot.get(slot);
    if (!review) return [];
    return [
      {
        review,
        textScore: textScores.get(slot) ?? 0,
        sharedTerms: terms.filter((t) => holders.get(t)?.has(slot)),
      },
    ];
  });
  return { id: self.id, title: self.title, results: rankRelated(self, candidates, limit) };
}

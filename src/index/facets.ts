import type { Facets } from '../contracts/index.js';
import type { IndexReview } from './backend.js';

/**
 * Facet counts over a set of reviews: each review counts once per value, however many
 * of its passages matched. Counted over the records the embedded index keeps in memory:
 * a few thousand reviews take well under a millisecond, where a GROUP BY over the
 * matched reviews' rows in `review_facets` took 3–15 ms.
 */
export function countFacets(reviews: Iterable<IndexReview>): Facets {
  // Counted in Maps (plain objects slow down as keys are added), turned into records at the end.
  const counts = {
    area: new Map(),
    year: new Map(),
    reviewType: new Map(),
    theme: new Map(),
    nation: new Map(),
  };
  const bump = (facet: Map<string | number, number>, value: string | number | null) => {
    if (value !== null) facet.set(value, (facet.get(value) ?? 0) + 1);
  };
  for (const review of reviews) {
    bump(counts.area, review.area);
    bump(counts.year, review.year);
    bump(counts.reviewType, review.reviewType);
    bump(counts.nation, review.nation);
    // A review's theme ids are distinct (one tag per theme), so each counts once.
    for (const theme of review.themes) bump(counts.theme, theme);
  }
  const record = (facet: Map<string | number, number>) =>
    Object.fromEntries([...facet].map(([value, n]) => [String(value), n]));
  return {
    area: record(counts.area),
    year: record(counts.year),
    reviewType: record(counts.reviewType),
    theme: record(counts.theme),
    nation: record(counts.nation),
  };
}

import type { Facets } from '../contracts/index.js';
import type { IndexReview } from './backend.js';

/**
 * Facet counts over a set of reviews: each review counts once per value, however many
 * of its passages matched. Counted over the records the embedded index keeps in memory:
 * a few thousand reviews take well under a millisecond, where a GROUP BY over the
 * matched reviews' rows in `review_facets` took 3–15 ms.
 */
export function countFacets(reviews: Iterable<IndexReview>): Facets {
  const facets: Facets = { area: {}, year: {}, reviewType: {}, theme: {}, nation: {} };
  const bump = (facet: Record<string, number>, value: string | number | null) => {
    if (value === null) return;
    const key = String(value);
    facet[key] = (facet[key] ?? 0) + 1;
  };
  for (const review of reviews) {
    bump(facets.area, review.area);
    bump(facets.year, review.year);
    bump(facets.reviewType, review.reviewType);
    bump(facets.nation, review.nation);
    for (const theme of new Set(review.themes)) bump(facets.theme, theme);
  }
  return facets;
}

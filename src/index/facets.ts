import type { Facets } from '../contracts/index.js';
import type { IndexReview } from './backend.js';

/** Facet counts over a set of reviews: each review counts once per value. */
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

/** Whether a review passes the query's review-level filters. */
export function matchesReviewFilters(
  review: IndexReview,
  query: {
    themes: string[];
    areas: string[];
    nations: string[];
    regions: string[];
    reviewTypes: string[];
    documentKinds: string[];
    yearFrom: number | null;
    yearTo: number | null;
    online: boolean | null;
  },
): boolean {
  const within = (values: string[], value: string | null) =>
    values.length === 0 || (value !== null && values.some((v) => v.toLowerCase() === value.toLowerCase()));
  if (!within(query.areas, review.area)) return false;
  if (!within(query.nations, review.nation)) return false;
  if (!within(query.regions, review.region)) return false;
  if (!within(query.reviewTypes, review.reviewType)) return false;
  if (!within(query.documentKinds, review.documentKind)) return false;
  if (query.yearFrom !== null && (review.year === null || review.year < query.yearFrom)) return false;
  if (query.yearTo !== null && (review.year === null || review.year > query.yearTo)) return false;
  if (query.online !== null && review.online !== query.online) return false;
  // Several themes narrow: a review must carry all of them.
  return query.themes.every((theme) => review.themes.includes(theme));
}

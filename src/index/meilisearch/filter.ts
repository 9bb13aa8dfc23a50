import type { SearchQuery } from '../backend.js';

/**
 * Meilisearch filter expressions, built from parsed query fields. Every string value is
 * a double-quoted filter string with `\` and `"` escaped (Meilisearch unescapes `\\` and
 * `\"` since v1.4), so a value such as `Barnsley" OR online = false` stays one value.
 * Numbers and booleans come typed from the query schema, never from raw text.
 */

/** A string as a Meilisearch filter value. */
export function quoteFilterValue(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** `field IN ["a", "b"]`, or `field = "a"` for one value. */
export function anyOfFilter(field: string, values: readonly string[]): string {
  if (values.length === 1) return `${field} = ${quoteFilterValue(values[0] as string)}`;
  return `${field} IN [${values.map(quoteFilterValue).join(', ')}]`;
}

/**
 * The query's review-level filters, as a list Meilisearch ANDs together. Both indexes
 * name these fields alike. Several themes must all hold. Meilisearch compares filter
 * strings case-insensitively, as the embedded index does. `withSections` adds that the
 * review has a passage in one of the chosen sections (review index only).
 */
export function reviewFilters(query: SearchQuery, withSections: boolean): string[] {
  const filters: string[] = [];
  const anyOf = (field: string, values: readonly string[]) => {
    if (values.length > 0) filters.push(anyOfFilter(field, values));
  };
  anyOf('area', query.areas);
  anyOf('nation', query.nations);
  anyOf('region', query.regions);
  anyOf('reviewType', query.reviewTypes);
  anyOf('documentKind', query.documentKinds);
  if (query.yearFrom !== null) filters.push(`year >= ${integer(query.yearFrom)}`);
  if (query.yearTo !== null) filters.push(`year <= ${integer(query.yearTo)}`);
  if (query.online !== null) filters.push(`online = ${query.online ? 'true' : 'false'}`);
  for (const theme of query.themes) filters.push(anyOfFilter('themes', [theme]));
  if (withSections && query.sections.length > 0) anyOf('sections', query.sections);
  return filters;
}

/** Filters for passages: the review-level filters, the chosen sections, and optionally one review. */
export function passageFilters(query: SearchQuery, reviewId: string | null): string[] {
  const filters = reviewFilters(query, false);
  if (query.sections.length > 0) filters.push(anyOfFilter('section', query.sections));
  if (reviewId !== null) filters.push(anyOfFilter('reviewId', [reviewId]));
  return filters;
}

function integer(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`filter: expected a whole number, got ${n}`);
  return String(n);
}

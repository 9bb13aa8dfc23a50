import type { SearchQuery } from '../backend.js';

/** A SQL condition over the `reviews` table (alias `r`) and the values bound to its `?`s. */
export interface SqlCondition {
  sql: string;
  params: (string | number)[];
}

/**
 * The query's review-level filters as SQL. Values are bound parameters, never spliced
 * into the text. Area, nation and region columns compare case-insensitively (their
 * collation is NOCASE); several themes must all hold; sections keep reviews that have a
 * passage in at least one of them.
 */
export function reviewFilterSql(query: SearchQuery): SqlCondition {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const anyOf = (column: string, values: readonly string[]) => {
    if (values.length === 0) return;
    parts.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  anyOf('r.area', query.areas);
  anyOf('r.nation', query.nations);
  anyOf('r.region', query.regions);
  anyOf('r.review_type', query.reviewTypes);
  anyOf('r.document_kind', query.documentKinds);
  if (query.yearFrom !== null) {
    parts.push('r.year >= ?');
    params.push(query.yearFrom);
  }
  if (query.yearTo !== null) {
    parts.push('r.year <= ?');
    params.push(query.yearTo);
  }
  if (query.online !== null) {
    parts.push('r.online = ?');
    params.push(query.online ? 1 : 0);
  }
  for (const theme of query.themes) {
    parts.push(
      "EXISTS (SELECT 1 FROM review_facets f WHERE f.facet = 'theme' AND f.value = ? AND f.slot = r.slot)",
    );
    params.push(theme);
  }
  if (query.sections.length > 0) {
    parts.push(
      `EXISTS (SELECT 1 FROM review_facets f WHERE f.facet = 'section' AND f.value IN (${query.sections
        .map(() => '?')
        .join(', ')}) AND f.slot = r.slot)`,
    );
    params.push(...query.sections);
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params };
}

/**
 * Whether the query filters reviews by their record (area, year, theme…). Sections do
 * not count: they filter passages, and a passage in a section implies its review has it.
 */
export function hasReviewFilters(query: SearchQuery): boolean {
  return reviewFilterSql({ ...query, sections: [] }).params.length > 0;
}

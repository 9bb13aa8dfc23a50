import { DocumentKind, ReviewType, SectionId } from '../contracts/index.js';
import { UsageError } from '../errors.js';
import type { SearchQueryInput } from '../index/index.js';

/** The search flags as commander collects them. */
export interface SearchFlags {
  theme: string[];
  area: string[];
  nation: string[];
  region: string[];
  type: string[];
  kind: string[];
  year?: string;
  section: string[];
  limit: string;
  offset: string;
  sort: string;
  passages?: boolean;
  prefix?: boolean;
  online?: boolean;
  offline?: boolean;
}

/** Parses `--year`: `2021`, `2019..2024`, `2019..` or `..2024`. */
export function parseYearRange(value: string): { yearFrom: number | null; yearTo: number | null } {
  const match = /^\s*(\d{4})?\s*(\.\.|–|-)?\s*(\d{4})?\s*$/.exec(value);
  if (!match || (!match[1] && !match[3]) || (!match[2] && match[3] && match[1])) {
    throw new UsageError(`--year: expected YEAR or FROM..TO (e.g. 2019..2024), got "${value}"`);
  }
  const from = match[1] ? Number(match[1]) : null;
  const to = match[2] ? (match[3] ? Number(match[3]) : null) : from;
  if (from !== null && to !== null && from > to) {
    throw new UsageError(`--year: FROM is after TO in "${value}"`);
  }
  return { yearFrom: from, yearTo: to };
}

function oneOf<T extends string>(flag: string, values: string[], allowed: readonly T[]): T[] {
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new UsageError(`${flag}: expected one of ${allowed.join(', ')}, got "${value}"`);
    }
  }
  return values as T[];
}

/** Parses a whole-number flag within bounds; a usage error names the flag otherwise. */
export function parseCount(flag: string, value: string, min: number, max = Number.POSITIVE_INFINITY): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    const expected = Number.isFinite(max)
      ? `a whole number from ${min} to ${max}`
      : min === 1
        ? 'a positive integer'
        : `a whole number of at least ${min}`;
    throw new UsageError(`${flag}: expected ${expected}, got "${value}"`);
  }
  return n;
}

/** Turns search flags into a query, checking every value against what the index knows. */
export function searchQueryFromFlags(
  q: string,
  flags: SearchFlags,
  themeIds: readonly string[],
): SearchQueryInput {
  for (const theme of flags.theme) {
    if (!themeIds.includes(theme)) {
      const near = themeIds.filter((id) => id.includes(theme) || theme.includes(id.split('-')[0] as string));
      const hint =
        near.length > 0 ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ' (see config/themes.yaml)';
      throw new UsageError(`--theme: unknown theme id "${theme}"${hint}`);
    }
  }
  if (flags.online && flags.offline) throw new UsageError('--online and --offline exclude each other');
  return {
    q,
    themes: flags.theme,
    areas: flags.area,
    nations: flags.nation,
    regions: flags.region,
    reviewTypes: oneOf('--type', flags.type, ReviewType.options),
    documentKinds: oneOf('--kind', flags.kind, DocumentKind.options),
    ...(flags.year ? parseYearRange(flags.year) : {}),
    sections: oneOf('--section', flags.section, SectionId.options),
    online: flags.online ? true : flags.offline ? false : null,
    sort: oneOf('--sort', [flags.sort], ['relevance', 'year'] as const)[0],
    limit: parseCount('--limit', flags.limit, 1, 500),
    offset: parseCount('--offset', flags.offset, 0, 1_000_000),
    passages: flags.passages ?? false,
    prefix: flags.prefix ?? false,
  };
}

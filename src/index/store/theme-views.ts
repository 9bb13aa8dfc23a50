import type { Store } from './open-store.js';

/** How many review documents carry a theme, in all and per year of publication. */
export interface ThemeYearCounts {
  themeId: string;
  reviews: number;
  /** Reviews per publication year; `unknown` counts reviews whose year is not known. */
  byYear: Record<string, number>;
}

/** A set of themes and how many review documents carry all of them. */
export interface ThemesTogether {
  themes: string[];
  reviews: number;
  /** Of the reviews carrying the first theme, the share that carry all of them (0–1). */
  shareOfFirst: number;
}

/** What the corpus views count: review documents (not briefings' landing pages or other files). */
const REVIEW_THEMES = `
  SELECT t.document_id AS documentId, t.theme_id AS themeId, m.year
  FROM document_themes t
  JOIN documents d ON d.id = t.document_id
  JOIN document_meta m ON m.document_id = d.id
  WHERE m.is_review = 1`;

/**
 * For each theme, the number of review documents carrying it, per year of publication
 * (the search page's theme-by-year view). Themes with no reviews are left out; order
 * is most reviews first.
 */
export function themeYearCounts(store: Store): ThemeYearCounts[] {
  const rows = store.db
    .prepare(
      `SELECT themeId, year, COUNT(DISTINCT documentId) AS reviews FROM (${REVIEW_THEMES})
       GROUP BY themeId, year`,
    )
    .all() as { themeId: string; year: number | null; reviews: number }[];
  const byTheme = new Map<string, ThemeYearCounts>();
  for (const row of rows) {
    const entry = byTheme.get(row.themeId) ?? { themeId: row.themeId, reviews: 0, byYear: {} };
    entry.reviews += row.reviews;
    entry.byYear[row.year === null ? 'unknown' : String(row.year)] = row.reviews;
    byTheme.set(row.themeId, entry);
  }
  return [...byTheme.values()].sort((a, b) => b.reviews - a.reviews || a.themeId.localeCompare(b.themeId));
}

/**
 * Themes that occur together in review documents: every pair and triple carried by
 * at least `minReviews` reviews (default 2), most reviews first. With `themeId`, only
 * the combinations that include it, listed with it first ("domestic abuse, parental
 * mental health and substance misuse together").
 */
export function themesTogether(
  store: Store,
  options: { themeId?: string; minReviews?: number } = {},
): ThemesTogether[] {
  const minReviews = options.minReviews ?? 2;
  const rows = store.db.prepare(`SELECT documentId, themeId FROM (${REVIEW_THEMES})`).all() as {
    documentId: string;
    themeId: string;
  }[];
  const themesOf = new Map<string, string[]>();
  for (const row of rows)
    themesOf.set(row.documentId, [...(themesOf.get(row.documentId) ?? []), row.themeId]);
  const reviewsWith = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const themes of themesOf.values()) {
    const sorted = [...new Set(themes)].sort();
    for (const theme of sorted) reviewsWith.set(theme, (reviewsWith.get(theme) ?? 0) + 1);
    for (const combination of combinations(sorted)) {
      const key = combination.join('\u0000');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const result: ThemesTogether[] = [];
  for (const [key, reviews] of counts) {
    if (reviews < minReviews) continue;
    let themes = key.split('\u0000');
    if (options.themeId !== undefined) {
      if (!themes.includes(options.themeId)) continue;
      themes = [options.themeId, ...themes.filter((theme) => theme !== options.themeId)];
    }
    const first = reviewsWith.get(themes[0] as string) ?? reviews;
    result.push({ themes, reviews, shareOfFirst: Math.round((reviews / first) * 1000) / 1000 });
  }
  return result.sort(
    (a, b) =>
      b.reviews - a.reviews ||
      a.themes.length - b.themes.length ||
      a.themes.join().localeCompare(b.themes.join()),
  );
}

/** The number of review documents that carry at least one theme. */
export function taggedReviewCount(store: Store): number {
  const row = store.db.prepare(`SELECT COUNT(DISTINCT documentId) AS n FROM (${REVIEW_THEMES})`).get() as {
    n: number;
  };
  return row.n;
}

/** Every pair and triple of a sorted list. */
function combinations(themes: readonly string[]): string[][] {
  const result: string[][] = [];
  for (let i = 0; i < themes.length; i++) {
    for (let j = i + 1; j < themes.length; j++) {
      result.push([themes[i] as string, themes[j] as string]);
      for (let k = j + 1; k < themes.length; k++)
        result.push([themes[i] as string, themes[j] as string, themes[k] as string]);
    }
  }
  return result;
}

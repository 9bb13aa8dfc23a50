import type { Store } from './open-store.js';
import { loadReviewGroups } from './review-groups.js';

/** How many reviews carry a theme, in all and per year of publication. */
export interface ThemeYearCounts {
  themeId: string;
  reviews: number;
  /** Reviews per publication year; `unknown` counts reviews whose year is not known. */
  byYear: Record<string, number>;
}

/** A set of themes and how many reviews carry all of them. */
export interface ThemesTogether {
  themes: string[];
  reviews: number;
  /** Of the reviews carrying the first theme, the share that carry all of them (0–1). */
  shareOfFirst: number;
}

/** The themes of every review document (not briefings' landing pages or other files). */
const REVIEW_THEMES = `
  SELECT t.document_id AS documentId, t.theme_id AS themeId, m.year
  FROM document_themes t
  JOIN documents d ON d.id = t.document_id
  JOIN document_meta m ON m.document_id = d.id
  WHERE m.is_review = 1`;

/** A review as the corpus views count it: its themes, and the year it was published. */
interface TaggedReview {
  themes: Set<string>;
  year: number | null;
}

/**
 * What the corpus views count: reviews, not documents. A review's report, summary and
 * briefing are one review group (see `loadReviewGroups`), so a case published as three
 * documents counts once, with the themes of all of them and the earliest year known.
 */
function taggedReviews(store: Store): TaggedReview[] {
  const rows = store.db.prepare(REVIEW_THEMES).all() as {
    documentId: string;
    themeId: string;
    year: number | null;
  }[];
  const groups = loadReviewGroups(store);
  const reviews = new Map<string, TaggedReview>();
  for (const row of rows) {
    const key = groups.get(row.documentId)?.id ?? row.documentId;
    const review = reviews.get(key) ?? { themes: new Set<string>(), year: null };
    review.themes.add(row.themeId);
    if (row.year !== null && (review.year === null || row.year < review.year)) review.year = row.year;
    reviews.set(key, review);
  }
  return [...reviews.values()];
}

/**
 * For each theme, the number of reviews carrying it, per year of publication (the
 * search page's theme-by-year view). Themes with no reviews are left out; order is
 * most reviews first.
 */
export function themeYearCounts(store: Store): ThemeYearCounts[] {
  const byTheme = new Map<string, ThemeYearCounts>();
  for (const review of taggedReviews(store)) {
    const year = review.year === null ? 'unknown' : String(review.year);
    for (const themeId of review.themes) {
      const entry = byTheme.get(themeId) ?? { themeId, reviews: 0, byYear: {} };
      entry.reviews++;
      entry.byYear[year] = (entry.byYear[year] ?? 0) + 1;
      byTheme.set(themeId, entry);
    }
  }
  return [...byTheme.values()].sort((a, b) => b.reviews - a.reviews || a.themeId.localeCompare(b.themeId));
}

/**
 * Themes that occur together in reviews: every pair and triple carried by
 * at least `minReviews` reviews (default 2), most reviews first. With `themeId`, only
 * the combinations that include it, listed with it first ("domestic abuse, parental
 * mental health and substance misuse together").
 */
export function themesTogether(
  store: Store,
  options: { themeId?: string; minReviews?: number } = {},
): ThemesTogether[] {
  const minReviews = options.minReviews ?? 2;
  const reviewsWith = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const { themes } of taggedReviews(store)) {
    const sorted = [...themes].sort();
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

/** The number of reviews (review groups) that carry at least one theme. */
export function taggedReviewCount(store: Store): number {
  return taggedReviews(store).length;
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

import { z } from 'zod';
import { SearchResult } from '../contracts/index.js';
import type { IndexReview } from './backend.js';
import { inverseFrequency } from './ranking.js';
import { toSearchResult } from './search-result.js';

/** A review similar to the one asked about, with what they share. */
export const RelatedReview = SearchResult.omit({ passages: true }).extend({
  /** Themes both reviews carry. */
  sharedThemes: z.array(z.string()),
  /** Distinctive words of the asked-about review that this one also uses. */
  sharedTerms: z.array(z.string()),
});
export type RelatedReview = z.infer<typeof RelatedReview>;

/** The answer to "reviews related to this one" (`related --json`), the same for every backend. */
export const RelatedAnswer = z.object({
  id: z.string(),
  title: z.string().nullable(),
  results: z.array(RelatedReview),
});
export type RelatedAnswer = z.infer<typeof RelatedAnswer>;

/** A review's commonest words and their counts: what `keyTerms` picks the distinctive ones from. */
export type TermProfile = [word: string, count: number][];

/** Words kept in a profile. Enough to hold the distinctive words once common ones are discounted. */
const PROFILE_SIZE = 60;

/**
 * A review's term profile from its words: the commonest words of three or more letters,
 * stop words and numbers left out.
 */
export function termProfile(
  counts: ReadonlyMap<string, number>,
  stopWords: ReadonlySet<string>,
): TermProfile {
  return [...counts]
    .filter(([word]) => word.length >= 3 && !stopWords.has(word) && !/^\d+$/.test(word))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, PROFILE_SIZE);
}

/**
 * The words that best say what a review is about: frequent in it, rare elsewhere
 * (tf-idf). Words in no other review cannot find one, and words in more than half of
 * them say nothing; both are left out. `df` is the number of reviews holding a word.
 */
export function keyTerms(
  profile: TermProfile,
  df: (word: string) => number,
  reviewCount: number,
  limit: number,
): string[] {
  return profile
    .map(([word, count]) => ({ word, count, df: df(word) }))
    .filter((t) => t.df >= 2 && t.df <= Math.max(2, reviewCount / 2))
    .map((t) => ({ word: t.word, weight: (1 + Math.log(t.count)) * inverseFrequency(t.df, reviewCount) }))
    .sort((a, b) => b.weight - a.weight || a.word.localeCompare(b.word))
    .slice(0, limit)
    .map((t) => t.word);
}

/** A candidate from the text search, with its text score (higher is more similar). */
export interface RelatedCandidate {
  review: IndexReview;
  textScore: number;
  /** Which of the key terms it holds. */
  sharedTerms: string[];
}

/** Weight of shared text against shared themes in the similarity. */
const TEXT_WEIGHT = 0.6;

/**
 * Orders candidates by similarity to `self`: text score (relative to the best candidate)
 * and the Jaccard overlap of their themes. Documents of the same case (same area and a
 * child's name in common: the summary or briefing of the same review) are left out:
 * they are the same learning, not related learning.
 */
export function rankRelated(
  self: IndexReview,
  candidates: readonly RelatedCandidate[],
  limit: number,
): RelatedReview[] {
  const best = Math.max(...candidates.map((c) => c.textScore), Number.EPSILON);
  return candidates
    .filter((c) => c.review.id !== self.id && !isSameCase(self, c.review))
    .map((c) => {
      const shared = c.review.themes.filter((t) => self.themes.includes(t));
      const union = new Set([...self.themes, ...c.review.themes]).size;
      const themeScore = union === 0 ? 0 : shared.length / union;
      const score = TEXT_WEIGHT * (c.textScore / best) + (1 - TEXT_WEIGHT) * themeScore;
      return { candidate: c, shared, score };
    })
    .sort((a, b) => b.score - a.score || a.candidate.review.id.localeCompare(b.candidate.review.id))
    .slice(0, limit)
    .map(({ candidate, shared, score }) => {
      const { passages: _none, ...result } = toSearchResult(candidate.review, score, []);
      return { ...result, sharedThemes: shared, sharedTerms: candidate.sharedTerms };
    });
}

/** Whether two documents belong to the same case: same area and a child's name in common. */
export function isSameCase(a: IndexReview, b: IndexReview): boolean {
  if (a.area === null || b.area === null || a.area.toLowerCase() !== b.area.toLowerCase()) return false;
  const names = new Set(a.childNames.map((n) => n.toLowerCase()));
  return b.childNames.some((n) => names.has(n.toLowerCase()));
}

/** How many candidates the text search fetches before themes re-rank them. */
export const RELATED_CANDIDATES = 60;
/** How many key terms the text search uses (Meilisearch reads at most 10 query words). */
export const RELATED_KEY_TERMS = 10;

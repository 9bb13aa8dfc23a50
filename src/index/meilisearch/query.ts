import type { FacetDistribution } from 'meilisearch';
import type { Facets } from '../../contracts/index.js';
import type { QueryTerm } from '../query-text.js';
import { tokenize } from '../query-text.js';
import type { SearchConfig } from '../search-config.js';
import { MARK_END, MARK_START } from '../snippet.js';
import { allowedTypos, typoCost } from '../spelling.js';

/**
 * The `q` Meilisearch gets for typed terms: words as words, quoted phrases quoted, built
 * from tokens of letters and digits only, so Meilisearch's own syntax (a leading `-`
 * negates a word) never comes from the user. A hyphenated word goes as its words, for
 * Meilisearch's synonyms ("co sleeping") to apply. Unless `prefixLast`, a trailing space
 * tells Meilisearch the last word is complete rather than a prefix.
 */
export function meiliQueryText(terms: readonly QueryTerm[], prefixLast: boolean): string {
  const text = terms
    .map((term) => (term.quoted ? `"${term.words.join(' ')}"` : term.words.join(' ')))
    .join(' ');
  return prefixLast ? text : `${text} `;
}

/** The words Meilisearch highlighted in formatted text (between the marker characters). */
export function highlightedWords(formatted: string): string[] {
  const words: string[] = [];
  const pattern = new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, 'g');
  for (const match of formatted.matchAll(pattern)) words.push(...tokenize(match[1] ?? ''));
  return words;
}

/**
 * What Meilisearch's typo tolerance turned the typed words into, read off the words it
 * highlighted: a typed word (unquoted, not a stop word, synonym or number) that was not
 * matched itself, nor as a prefix when typed last, but a highlighted word within its
 * typo budget was, is corrected to the nearest such word. Null when nothing was.
 */
export function inferCorrection(
  terms: readonly QueryTerm[],
  matched: readonly string[],
  config: SearchConfig,
  prefixLast: boolean,
): QueryTerm[] | null {
  const seen = new Set(matched);
  const protectedWords = new Set([...config.stopWords, ...config.synonyms.flat(2)]);
  let changed = false;
  const corrected = terms.map((term, t) => {
    if (term.quoted) return term;
    const words = term.words.map((word, w) => {
      if (seen.has(word) || protectedWords.has(word) || /\d/.test(word)) return word;
      const isLast = t === terms.length - 1 && w === term.words.length - 1;
      if (prefixLast && isLast && matched.some((m) => m.startsWith(word))) return word;
      const budget = allowedTypos(word);
      let best: string | null = null;
      let bestCost = Number.POSITIVE_INFINITY;
      for (const candidate of seen) {
        const cost = typoCost(word, candidate);
        if (cost <= budget && cost < bestCost) {
          best = candidate;
          bestCost = cost;
        }
      }
      if (best === null) return word;
      changed = true;
      return best;
    });
    return { ...term, words };
  });
  return changed ? corrected : null;
}

/** Meilisearch's facet distribution in the search answer's shape (`themes` is `theme`). */
export function toFacets(distribution: FacetDistribution | undefined): Facets {
  return {
    area: { ...distribution?.area },
    year: { ...distribution?.year },
    reviewType: { ...distribution?.reviewType },
    theme: { ...distribution?.themes },
    nation: { ...distribution?.nation },
  };
}

/**
 * Meilisearch's page-based pagination for an offset and limit. Pages give an exact
 * `totalHits` (offset and limit only estimate it); an offset that is not a whole number
 * of pages fetches the first `offset + limit` hits and skips `skip` of them.
 */
export function pageWindow(
  offset: number,
  limit: number,
): { page: number; hitsPerPage: number; skip: number } {
  if (offset % limit === 0) return { page: offset / limit + 1, hitsPerPage: limit, skip: 0 };
  return { page: 1, hitsPerPage: offset + limit, skip: offset };
}

import type { Settings } from 'meilisearch';
import type { SectionId } from '../../contracts/index.js';
import { SECTIONS_BY_WEIGHT } from '../ranking.js';
import type { SearchConfig } from '../search-config.js';

/**
 * Meilisearch indexes at most 65,535 word positions per attribute and ignores the rest,
 * and a sentence end takes 8 positions; so a review's text is split per section into
 * chunks of at most this many words, each its own attribute.
 */
export const WORDS_PER_TEXT_ATTRIBUTE = 20_000;

/** Chunks per section: 100,000 words, beyond any review's section; the last one takes any excess. */
export const CHUNKS_PER_SECTION = 5;

/** The review document attribute holding chunk `chunk` of a section's text. */
export function textAttribute(section: SectionId, chunk: number): string {
  return `text_${section}_${chunk}`;
}

/** A section's text attributes, in order. */
export function sectionAttributes(section: SectionId): string[] {
  return Array.from({ length: CHUNKS_PER_SECTION }, (_, chunk) => textAttribute(section, chunk));
}

/** Review fields a search returns (everything but the text chunks). */
export const REVIEW_DISPLAYED = [
  'id',
  'title',
  'childNames',
  'area',
  'nation',
  'region',
  'year',
  'publishedDate',
  'reviewType',
  'documentKind',
  'themes',
  'documentUrl',
  'sourcePage',
  'online',
  'pages',
  'sectionCounts',
  'profile',
];

/** Fields both indexes filter on, named alike in both. */
const SHARED_FILTERS = ['area', 'nation', 'region', 'year', 'reviewType', 'documentKind', 'themes', 'online'];

/** The facets a search answer counts, as Meilisearch names them. */
export const FACET_ATTRIBUTES = ['area', 'nation', 'year', 'reviewType', 'themes'];

/** Typo tolerance matching the embedded index's corrections (see `allowedTypos`). */
const TYPO_TOLERANCE: Settings['typoTolerance'] = {
  enabled: true,
  minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
  disableOnNumbers: true,
};

/**
 * Synonym groups as Meilisearch takes them: every entry maps to all the other entries
 * of its groups (Meilisearch synonyms are one-way unless listed both ways).
 */
export function meiliSynonyms(groups: readonly string[][][]): Record<string, string[]> {
  const synonyms: Record<string, Set<string>> = {};
  for (const group of groups) {
    const entries = group.map((words) => words.join(' '));
    for (const entry of entries) {
      const others = (synonyms[entry] ??= new Set());
      for (const other of entries) if (other !== entry) others.add(other);
    }
  }
  return Object.fromEntries(Object.entries(synonyms).map(([entry, others]) => [entry, [...others].sort()]));
}

/**
 * Meilisearch's built-in rules with `sort` first: sorting by year is asked for as the
 * order of results (as in the embedded index), not as a tie-breaker after relevance;
 * without a sort it does nothing.
 */
const RANKING_RULES_HEAD = ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'];

function shared(config: SearchConfig): Settings {
  return {
    stopWords: [...config.stopWords].sort(),
    synonyms: meiliSynonyms(config.synonyms),
    typoTolerance: TYPO_TOLERANCE,
    faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: 100_000 },
    proximityPrecision: 'byWord',
  };
}

/**
 * The review-level index: one document per review document, its text in section chunks
 * ranked in section-weight order, so counts and facets count reviews. Child names rank
 * first, then the title: every document of a case carries the same names, so a search
 * by name ties them on Meilisearch's `attribute` rule (which also weighs where in the
 * attribute the words stand, and titles differ there) and `kindRank`, the embedded
 * index's document-kind prior, puts the report before its summary, briefing and response.
 */
export function reviewIndexSettings(config: SearchConfig): Settings {
  return {
    ...shared(config),
    searchableAttributes: ['childNames', 'title', ...SECTIONS_BY_WEIGHT.flatMap(sectionAttributes)],
    displayedAttributes: REVIEW_DISPLAYED,
    filterableAttributes: ['id', ...SHARED_FILTERS, 'sections'],
    sortableAttributes: ['year', 'kindRank'],
    rankingRules: RANKING_RULES_HEAD.concat('kindRank:asc'),
    // Reviews are one document each: nothing to group.
    distinctAttribute: null,
  };
}

/**
 * The passage-level index: one document per passage with its review's filter fields
 * copied in, for passage results, the best passages of a review (filtered by
 * `reviewId`) and highlighted snippets. Passages rank by section weight and document
 * kind after Meilisearch's own rules, like the embedded index's passage scores.
 */
export function passageIndexSettings(config: SearchConfig): Settings {
  return {
    ...shared(config),
    searchableAttributes: ['text'],
    displayedAttributes: ['id', 'reviewId', 'ordinal', 'page', 'section', 'text'],
    filterableAttributes: ['reviewId', 'section', ...SHARED_FILTERS],
    sortableAttributes: ['year', 'ordinal', 'sectionRank', 'kindRank'],
    rankingRules: RANKING_RULES_HEAD.concat('sectionRank:asc', 'kindRank:asc'),
    // Not grouped by review here: Meilisearch would still count facets per passage, so
    // grouped results, totals and facets come from the review index instead.
    distinctAttribute: null,
  };
}

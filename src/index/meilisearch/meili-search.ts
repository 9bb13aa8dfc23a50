import type { Hit, Meilisearch, MultiSearchQuery, RecordAny, SearchResponse } from 'meilisearch';
import type { SearchAnswer, SearchResult } from '../../contracts/index.js';
import { UsageError } from '../../errors.js';
import { PASSAGES_PER_REVIEW, type SearchQuery } from '../backend.js';
import { formatQueryText, parseQueryText } from '../query-text.js';
import type { RelatedAnswer, RelatedCandidate } from '../related.js';
import { keyTerms, RELATED_CANDIDATES, RELATED_KEY_TERMS, rankRelated } from '../related.js';
import type { SearchConfig } from '../search-config.js';
import { toSearchResult } from '../search-result.js';
import { MARK_END, MARK_START, renderSnippet } from '../snippet.js';
import type { MeiliPassageDocument, MeiliReviewDocument } from './documents.js';
import { anyOfFilter, passageFilters, quoteFilterValue, reviewFilters } from './filter.js';
import { highlightedWords, inferCorrection, meiliQueryText, pageWindow, toFacets } from './query.js';
import { FACET_ATTRIBUTES, REVIEW_DISPLAYED, sectionAttributes } from './settings.js';

/** The two index uids a backend works with. */
export interface MeiliIndexes {
  reviews: string;
  passages: string;
}

type PassageHit = Hit<MeiliPassageDocument>;

/** Highlighting and cropping of passage text into snippets marked as the embedded index marks them. */
const SNIPPET: Partial<MultiSearchQuery> = {
  attributesToHighlight: ['text'],
  attributesToCrop: ['text'],
  cropLength: 32,
  cropMarker: '…',
  highlightPreTag: MARK_START,
  highlightPostTag: MARK_END,
};

/**
 * Answers searches on a Meilisearch server: totals, facets and the order of reviews
 * from the review index; passages and snippets from the passage index, all in one or
 * two multi-search requests.
 */
export class MeiliSearcher {
  readonly #client: Meilisearch;
  readonly #indexes: MeiliIndexes;
  readonly #config: SearchConfig;

  constructor(client: Meilisearch, indexes: MeiliIndexes, config: SearchConfig) {
    this.#client = client;
    this.#indexes = indexes;
    this.#config = config;
  }

  async search(query: SearchQuery): Promise<SearchAnswer> {
    const terms = parseQueryText(query.q).terms;
    const prefixLast = query.prefix && !/\s$/.test(query.q);
    const q = terms.length > 0 ? meiliQueryText(terms, prefixLast) : '';
    const answer = query.passages ? await this.#passageAnswer(q, query) : await this.#reviewAnswer(q, query);
    const corrected = inferCorrection(terms, answer.matched, this.#config, prefixLast);
    return {
      query: query.q,
      correctedQuery: corrected ? formatQueryText(corrected) : null,
      total: answer.total,
      results: answer.results,
      facets: answer.facets,
    };
  }

  async #reviewAnswer(q: string, query: SearchQuery): Promise<Answer> {
    const window = pageWindow(query.offset, query.limit);
    const [reviews] = await this.#multi<MeiliReviewDocument>([this.#reviewQuery(q, query, window)]);
    const page = (reviews?.hits ?? []).slice(window.skip);
    const wantPassages = q !== '' || query.sections.length > 0;
    const passageResults = wantPassages
      ? await this.#multi<MeiliPassageDocument>(
          page.map((hit) => ({
            indexUid: this.#indexes.passages,
            q,
            filter: passageFilters(query, hit.id),
            limit: PASSAGES_PER_REVIEW,
            // Best passages hold the rarest words even when they lack the commonest.
            matchingStrategy: 'frequency' as const,
            ...(q === '' ? { sort: ['ordinal:asc'] } : SNIPPET),
            attributesToRetrieve: ['id', 'page', 'section', 'text'],
          })),
        )
      : [];
    const passagesOf = (i: number) => passageResults[i]?.hits ?? [];
    return {
      total: reviews?.totalHits ?? 0,
      results: page.map((hit, i) => toResult(hit, hit._rankingScore ?? 0, passagesOf(i))),
      facets: toFacets(reviews?.facetDistribution),
      matched: page.flatMap((_, i) =>
        passagesOf(i).flatMap((p) => highlightedWords(p._formatted?.text ?? '')),
      ),
    };
  }

  async #passageAnswer(q: string, query: SearchQuery): Promise<Answer> {
    const window = pageWindow(query.offset, query.limit);
    const [passages, facets] = await this.#multi<MeiliPassageDocument>([
      {
        indexUid: this.#indexes.passages,
        q,
        filter: passageFilters(query, null),
        ...(query.sort === 'year' || q === ''
          ? { sort: q === '' ? ['year:desc', 'ordinal:asc'] : ['year:desc'] }
          : {}),
        page: window.page,
        hitsPerPage: window.hitsPerPage,
        showRankingScore: true,
        ...SNIPPET,
      },
      // Facets count reviews, so they come from the review index.
      { ...this.#reviewQuery(q, query, { page: 1, hitsPerPage: 0 }), attributesToRetrieve: ['id'] },
    ]);
    const hits = (passages?.hits ?? []).slice(window.skip);
    const reviews = await this.#reviewsById([...new Set(hits.map((h) => h.reviewId))]);
    return {
      total: passages?.totalHits ?? 0,
      results: hits.flatMap((hit) => {
        const review = reviews.get(hit.reviewId);
        return review ? [toResult(review, hit._rankingScore ?? 0, [hit])] : [];
      }),
      facets: toFacets(facets?.facetDistribution),
      matched: hits.flatMap((hit) => highlightedWords(hit._formatted?.text ?? '')),
    };
  }

  #reviewQuery(
    q: string,
    query: SearchQuery,
    window: { page: number; hitsPerPage: number },
  ): MultiSearchQuery {
    return {
      indexUid: this.#indexes.reviews,
      q,
      filter: reviewFilters(query, true),
      facets: FACET_ATTRIBUTES,
      ...(query.sort === 'year' || q === '' ? { sort: ['year:desc'] } : {}),
      ...(query.sections.length > 0 && q !== ''
        ? { attributesToSearchOn: query.sections.flatMap(sectionAttributes) }
        : {}),
      matchingStrategy: 'all',
      page: window.page,
      hitsPerPage: window.hitsPerPage,
      attributesToRetrieve: REVIEW_DISPLAYED,
      showRankingScore: true,
    };
  }

  /**
   * Reviews most like one: its distinctive words (tf-idf, with document frequencies
   * counted by the review index) searched at review level, then ordered by text and
   * theme similarity as the embedded index orders them.
   */
  async related(reviewId: string, limit: number): Promise<RelatedAnswer> {
    const self = (await this.#reviewsById([reviewId])).get(reviewId);
    if (!self) throw new UsageError(`no review with id "${reviewId}" in the search index`);
    const words = self.profile.map(([word]) => word);
    const counts = await this.#multi([
      { indexUid: this.#indexes.reviews, q: '', page: 1, hitsPerPage: 0 },
      ...words.map((word) => ({ indexUid: this.#indexes.reviews, q: `"${word}"`, page: 1, hitsPerPage: 0 })),
    ]);
    const df = new Map(words.map((word, i) => [word, counts[i + 1]?.totalHits ?? 0]));
    const terms = keyTerms(
      self.profile,
      (word) => df.get(word) ?? 0,
      counts[0]?.totalHits ?? 0,
      RELATED_KEY_TERMS,
    );
    const exclude = `id != ${quoteFilterValue(self.id)}`;
    if (terms.length === 0 && self.themes.length === 0)
      return { id: self.id, title: self.title, results: [] };
    const [found, ...holders] = await this.#multi<MeiliReviewDocument>([
      terms.length > 0
        ? {
            indexUid: this.#indexes.reviews,
            q: `${terms.join(' ')} `,
            matchingStrategy: 'frequency',
            filter: [exclude],
            limit: RELATED_CANDIDATES,
            attributesToRetrieve: REVIEW_DISPLAYED,
            showRankingScore: true,
          }
        : {
            indexUid: this.#indexes.reviews,
            q: '',
            filter: [exclude, anyOfFilter('themes', self.themes)],
            limit: RELATED_CANDIDATES,
            attributesToRetrieve: REVIEW_DISPLAYED,
          },
      ...terms.map((term) => ({
        indexUid: this.#indexes.reviews,
        q: `"${term}"`,
        filter: [exclude],
        limit: RELATED_CANDIDATES * 4,
        attributesToRetrieve: ['id'],
      })),
    ]);
    const holding = terms.map(
      (term, i) => [term, new Set((holders[i]?.hits ?? []).map((h) => h.id))] as const,
    );
    const candidates: RelatedCandidate[] = (found?.hits ?? []).map((hit) => ({
      review: hit,
      textScore: hit._rankingScore ?? 0,
      sharedTerms: holding.filter(([, ids]) => ids.has(hit.id)).map(([term]) => term),
    }));
    return { id: self.id, title: self.title, results: rankRelated(self, candidates, limit) };
  }

  async #reviewsById(ids: readonly string[]): Promise<Map<string, MeiliReviewDocument>> {
    if (ids.length === 0) return new Map();
    const found = await this.#client
      .index(this.#indexes.reviews)
      .getDocuments({ filter: anyOfFilter('id', ids), fields: REVIEW_DISPLAYED, limit: ids.length })
      .catch((error: unknown) => rethrowMissingIndex(error, this.#indexes.reviews));
    const reviews = found.results as MeiliReviewDocument[];
    return new Map(reviews.map((review) => [review.id, review]));
  }

  async #multi<T extends RecordAny>(queries: MultiSearchQuery[]): Promise<SearchResponse<T>[]> {
    if (queries.length === 0) return [];
    const response = await this.#client
      .multiSearch<{ queries: MultiSearchQuery[] }, T>({ queries })
      .catch((error: unknown) =>
        rethrowMissingIndex(error, `${this.#indexes.reviews} or ${this.#indexes.passages}`),
      );
    return response.results;
  }
}

interface Answer {
  total: number;
  results: SearchResult[];
  facets: SearchAnswer['facets'];
  /** Words Meilisearch highlighted, for "showing results for". */
  matched: string[];
}

/** Turns "index not found" into a message saying what to run. */
function rethrowMissingIndex(error: unknown, uid: string): never {
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  if (code === 'index_not_found') {
    throw new UsageError(`Meilisearch has no index ${uid}: run "casereviews index --backend meilisearch"`, {
      cause: error,
    });
  }
  throw error;
}

function toResult(review: MeiliReviewDocument, score: number, passages: readonly PassageHit[]): SearchResult {
  return toSearchResult(
    review,
    score,
    passages.map((p) => ({
      page: p.page,
      section: p.section,
      snippet: renderSnippet(p._formatted?.text ?? p.text),
    })),
  );
}

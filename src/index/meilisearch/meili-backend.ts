import type { EnqueuedTask, Settings } from 'meilisearch';
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';
import type { SearchAnswer } from '../../contracts/index.js';
import { UsageError } from '../../errors.js';
import type { IndexPassage, IndexReview, IndexSink, SearchBackend, SearchQuery } from '../backend.js';
import type { RelatedAnswer } from '../related.js';
import type { SearchConfig } from '../search-config.js';
import type { BatchLimits } from './batches.js';
import { batchDocuments, DEFAULT_BATCH_LIMITS } from './batches.js';
import { toPassageDocument, toReviewDocument } from './documents.js';
import { anyOfFilter } from './filter.js';
import type { MeiliIndexes } from './meili-search.js';
import { MeiliSearcher } from './meili-search.js';
import type { BrowserSearchConfig } from './search-key.js';
import { searchOnlyKey } from './search-key.js';
import { passageIndexSettings, reviewIndexSettings } from './settings.js';
import { settle } from './tasks.js';

/** Bump when documents or settings change shape: the index stage then rebuilds. */
export const MEILI_INDEX_VERSION = 1;

/** Where the Meilisearch backend connects, and what it names its indexes. */
export interface MeilisearchOptions {
  host: string;
  /** The admin (or an indexing) key; never sent to a browser (see `browserConfig`). */
  apiKey: string | undefined;
  /** Index uids are `<prefix>-reviews` and `<prefix>-passages`. */
  indexPrefix: string;
  batchLimits?: BatchLimits;
}

/** Options from `MEILI_HOST`, `MEILI_API_KEY` and `MEILI_INDEX_PREFIX` (default `casereviews`). */
export function meilisearchOptionsFromEnv(env: NodeJS.ProcessEnv): MeilisearchOptions {
  const host = env.MEILI_HOST;
  if (!host)
    throw new UsageError('the meilisearch backend needs MEILI_HOST (and MEILI_API_KEY) in the environment');
  const indexPrefix = env.MEILI_INDEX_PREFIX ?? 'casereviews';
  if (!/^[A-Za-z0-9_-]+$/.test(indexPrefix)) {
    throw new UsageError(`MEILI_INDEX_PREFIX: expected letters, digits, - or _, got "${indexPrefix}"`);
  }
  return { host, apiKey: env.MEILI_API_KEY || undefined, indexPrefix };
}

/** Passages deleted per request when replacing reviews (ids go into one filter). */
const REVIEWS_PER_DELETE = 100;

/**
 * The Meilisearch backend: a review index (counts, facets, order of reviews) and a
 * passage index (passages, snippets). Writes go in batches and wait for every task,
 * failing with the task's own error; a rebuild fills fresh indexes and swaps them in.
 */
export class MeilisearchBackend implements SearchBackend {
  readonly name = 'meilisearch';
  readonly #client: Meilisearch;
  readonly #options: MeilisearchOptions;
  readonly #config: SearchConfig;
  readonly #indexes: MeiliIndexes;
  readonly #searcher: MeiliSearcher;
  #ready: Promise<void> | null = null;

  constructor(options: MeilisearchOptions, config: SearchConfig) {
    this.#options = options;
    this.#config = config;
    this.#client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
    this.#indexes = {
      reviews: `${options.indexPrefix}-reviews`,
      passages: `${options.indexPrefix}-passages`,
    };
    this.#searcher = new MeiliSearcher(this.#client, this.#indexes, config);
  }

  async upsert(reviews: IndexReview[], passages: IndexPassage[]): Promise<void> {
    await this.#reach(async () => {
      await this.#ensureIndexes(this.#indexes);
      await this.#write(this.#indexes, reviews, passages, true);
    });
  }

  async remove(reviewIds: string[]): Promise<void> {
    if (reviewIds.length === 0) return;
    await this.#reach(async () => {
      await this.#ensureIndexes(this.#indexes);
      await settle(this.#client, [
        this.#client.index(this.#indexes.reviews).deleteDocuments(reviewIds),
        ...this.#deletePassagesOf(this.#indexes, reviewIds),
      ]);
    });
  }

  async reviewIds(): Promise<string[]> {
    return this.#reach(async () => {
      const index = this.#client.index<{ id: string }>(this.#indexes.reviews);
      const ids: string[] = [];
      for (let offset = 0; ; offset += 1000) {
        const page = await index
          .getDocuments({ fields: ['id'], limit: 1000, offset })
          .catch((error: unknown) => {
            if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return null;
            throw error;
          });
        if (page === null) return [];
        ids.push(...page.results.map((document) => document.id));
        if (page.results.length < 1000) return ids;
      }
    });
  }

  /**
   * Fills a fresh pair of indexes, then swaps both with the live ones in one swap task
   * (so searchers see the old pair or the new, never a mix), then deletes the old pair.
   * If anything fails, the fresh pair is deleted and the live indexes are untouched.
   */
  async rebuild(fill: (sink: IndexSink) => Promise<void>): Promise<void> {
    await this.#reach(async () => {
      const suffix = `rebuild-${Date.now().toString(36)}`;
      const fresh: MeiliIndexes = {
        reviews: `${this.#indexes.reviews}-${suffix}`,
        passages: `${this.#indexes.passages}-${suffix}`,
      };
      let failure: unknown = null;
      try {
        await this.#ensureIndexes(fresh, true);
        await fill({ upsert: (reviews, passages) => this.#write(fresh, reviews, passages, false) });
        await this.#ensureIndexes(this.#indexes);
        await settle(this.#client, [
          this.#client.swapIndexes([
            { indexes: [this.#indexes.reviews, fresh.reviews], rename: false },
            { indexes: [this.#indexes.passages, fresh.passages], rename: false },
          ]),
        ]);
      } catch (error) {
        failure = error;
      }
      // After the swap these uids hold the old documents; before it, a failed fill's.
      try {
        await settle(
          this.#client,
          [this.#client.deleteIndex(fresh.reviews), this.#client.deleteIndex(fresh.passages)],
          ['index_not_found'],
        );
      } catch (error) {
        const message = `rebuild: could not delete ${fresh.reviews} and ${fresh.passages}`;
        throw failure === null
          ? new Error(message, { cause: error })
          : new AggregateError([failure, error], message);
      }
      if (failure !== null) throw failure;
    });
  }

  async search(query: SearchQuery): Promise<SearchAnswer> {
    return this.#reach(() => this.#searcher.search(query));
  }

  async related(reviewId: string, limit: number): Promise<RelatedAnswer> {
    return this.#reach(() => this.#searcher.related(reviewId, limit));
  }

  /** What a search page gets: the host, the index names and a search-only key. */
  async browserConfig(): Promise<BrowserSearchConfig> {
    return this.#reach(async () => ({
      host: this.#options.host,
      apiKey: await searchOnlyKey(this.#client, [this.#indexes.reviews, this.#indexes.passages]),
      reviewsIndex: this.#indexes.reviews,
      passagesIndex: this.#indexes.passages,
    }));
  }

  async close(): Promise<void> {
    // The client holds no connection open between requests.
  }

  /** Replaces reviews and their passages in a pair of indexes, batch by batch. */
  async #write(
    indexes: MeiliIndexes,
    reviews: IndexReview[],
    passages: IndexPassage[],
    replace: boolean,
  ): Promise<void> {
    if (reviews.length === 0) return;
    const byId = new Map(reviews.map((review) => [review.id, review]));
    const passagesOf = new Map<string, IndexPassage[]>();
    for (const passage of passages) {
      if (!byId.has(passage.reviewId)) continue;
      const list = passagesOf.get(passage.reviewId) ?? [];
      list.push(passage);
      passagesOf.set(passage.reviewId, list);
    }
    const limits = this.#options.batchLimits ?? DEFAULT_BATCH_LIMITS;
    const reviewDocuments = reviews.map((r) => toReviewDocument(r, passagesOf.get(r.id) ?? [], this.#config));
    const passageDocuments = reviews.flatMap((r) =>
      (passagesOf.get(r.id) ?? []).map((p) => toPassageDocument(p, r)),
    );
    const reviewIndex = this.#client.index(indexes.reviews);
    const passageIndex = this.#client.index(indexes.passages);
    // Tasks on one index run in the order enqueued: old passages go before new ones arrive.
    await settle(this.#client, [
      ...(replace
        ? this.#deletePassagesOf(
            indexes,
            reviews.map((r) => r.id),
          )
        : []),
      ...batchDocuments(reviewDocuments, limits).map((batch) =>
        reviewIndex.addDocuments(batch, { primaryKey: 'id' }),
      ),
      ...batchDocuments(passageDocuments, limits).map((batch) =>
        passageIndex.addDocuments(batch, { primaryKey: 'id' }),
      ),
    ]);
  }

  #deletePassagesOf(indexes: MeiliIndexes, reviewIds: readonly string[]): Promise<EnqueuedTask>[] {
    const index = this.#client.index(indexes.passages);
    const tasks: Promise<EnqueuedTask>[] = [];
    for (let i = 0; i < reviewIds.length; i += REVIEWS_PER_DELETE) {
      tasks.push(
        index.deleteDocuments({
          filter: anyOfFilter('reviewId', reviewIds.slice(i, i + REVIEWS_PER_DELETE)),
        }),
      );
    }
    return tasks;
  }

  /** Creates the indexes if missing and applies their settings (once per backend for the live pair). */
  async #ensureIndexes(indexes: MeiliIndexes, fresh = false): Promise<void> {
    const live = indexes === this.#indexes;
    if (live && this.#ready) return this.#ready;
    const work = (async () => {
      const pairs: [string, Settings][] = [
        [indexes.reviews, reviewIndexSettings(this.#config)],
        [indexes.passages, passageIndexSettings(this.#config)],
      ];
      for (const [uid] of pairs) {
        const exists = fresh
          ? false
          : await this.#client.getIndex(uid).then(
              () => true,
              (error: unknown) => {
                if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found')
                  return false;
                throw error;
              },
            );
        if (!exists) await settle(this.#client, [this.#client.createIndex(uid, { primaryKey: 'id' })]);
      }
      await settle(
        this.#client,
        pairs.map(([uid, settings]) => this.#client.index(uid).updateSettings(settings)),
      );
    })();
    if (live) {
      this.#ready = work.catch((error: unknown) => {
        this.#ready = null;
        throw error;
      });
      return this.#ready;
    }
    return work;
  }

  /** Runs a request, turning "cannot connect" into a message naming MEILI_HOST. */
  async #reach<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof MeilisearchRequestError) {
        throw new UsageError(
          `MEILI_HOST ${this.#options.host}: cannot reach Meilisearch (${errorText(error)})`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }
}

function errorText(error: Error): string {
  const cause = error.cause instanceof Error ? error.cause : null;
  const inner = cause?.cause instanceof Error ? cause.cause.message : cause?.message;
  return inner ?? error.message;
}

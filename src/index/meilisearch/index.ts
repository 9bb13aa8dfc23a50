/**
 * The Meilisearch backend: a review-level and a passage-level index on a Meilisearch
 * server, with explicit settings, batched writes checked task by task, rebuild and swap,
 * and a search-only key for browsers.
 */
export type { BatchLimits } from './batches.js';
export { batchDocuments, DEFAULT_BATCH_LIMITS, DocumentTooLargeError } from './batches.js';
export type { MeiliPassageDocument, MeiliReviewDocument } from './documents.js';
export { chunkTexts, toPassageDocument, toReviewDocument } from './documents.js';
export { anyOfFilter, passageFilters, quoteFilterValue, reviewFilters } from './filter.js';
export type { MeilisearchOptions } from './meili-backend.js';
export { MEILI_INDEX_VERSION, MeilisearchBackend, meilisearchOptionsFromEnv } from './meili-backend.js';
export { highlightedWords, inferCorrection, meiliQueryText, pageWindow, toFacets } from './query.js';
export type { BrowserSearchConfig } from './search-key.js';
export { isSearchOnlyKey, SEARCH_KEY_NAME, searchOnlyKey, UnsafeSearchKeyError } from './search-key.js';
export {
  CHUNKS_PER_SECTION,
  meiliSynonyms,
  passageIndexSettings,
  reviewIndexSettings,
  textAttribute,
  WORDS_PER_TEXT_ATTRIBUTE,
} from './settings.js';
export { checkTasks, MeilisearchTaskError, TASK_TIMEOUT_MS } from './tasks.js';

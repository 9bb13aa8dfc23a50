import type { Store } from '../../src/index/index.js';
import { openStore, storeDocumentBytes, upsertSource } from '../../src/index/index.js';

/** A document to archive as if a crawl had fetched it from `url`. */
export interface StoredDocumentInput {
  url: string;
  bytes: Uint8Array;
  mediaType: string;
}

/**
 * Opens the store in `dataDir` and archives these documents of one source (Ashcombe,
 * England), as a crawl would, without a site to crawl. The caller closes the store.
 */
export function storeDocuments(dataDir: string, documents: readonly StoredDocumentInput[]): Store {
  const store = openStore(dataDir);
  const sourceId = upsertSource(store, {
    area: 'Ashcombe',
    nation: 'England',
    startUrls: ['http://127.0.0.1/reviews/'],
    maxRequestsPerMinute: 60,
  } as Parameters<typeof upsertSource>[1]);
  for (const doc of documents) storeDocumentBytes(store, { ...doc, sourceId });
  return store;
}

/** Limits on one document batch sent to Meilisearch. */
export interface BatchLimits {
  /** Documents per batch. */
  maxDocuments: number;
  /** Bytes of JSON per batch; Meilisearch refuses payloads over its limit (100 MB by default). */
  maxBytes: number;
}

/**
 * Default limits: a thousand documents, or 8 MB of JSON, whichever comes first. Review
 * documents carry a whole review's text, so the byte limit is what bounds those.
 */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxDocuments: 1000, maxBytes: 8 * 1024 * 1024 };

/** Thrown for a single document larger than a whole batch may be. */
export class DocumentTooLargeError extends Error {
  override name = 'DocumentTooLargeError';
}

/**
 * Splits documents into batches within the limits, in order. A document larger than
 * `maxBytes` on its own throws, naming it: sending it would fail on the server anyway.
 */
export function batchDocuments<T extends { id: string }>(
  documents: readonly T[],
  limits: BatchLimits,
): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 2; // the array's brackets
  for (const document of documents) {
    const json = Buffer.byteLength(JSON.stringify(document));
    const size = json + 1; // and a comma
    if (json + 2 > limits.maxBytes) {
      throw new DocumentTooLargeError(
        `document ${document.id}: ${json} bytes of JSON, more than a batch may hold (${limits.maxBytes})`,
      );
    }
    if (batch.length >= limits.maxDocuments || bytes + size > limits.maxBytes) {
      batches.push(batch);
      batch = [];
      bytes = 2;
    }
    batch.push(document);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

import type { IndexPassage, IndexReview, IndexSink, SearchBackend } from './backend.js';
import { withoutControlCharacters } from './snippet.js';
import type { DocumentRecord, Store } from './store/index.js';
import {
  isStageCurrent,
  loadDocumentRecords,
  loadPassagesWithThemes,
  markStage,
  sha256Of,
  stageRecords,
} from './store/index.js';

/** What an index run did. */
export interface IndexReport {
  backend: string;
  indexed: number;
  unchanged: number;
  removed: number;
  /** Whether the index was rebuilt from scratch (and swapped in) rather than updated. */
  rebuilt: boolean;
}

/** How to bring an index up to date. */
export interface IndexOptions {
  /** Rebuild everything, even if the index is current. */
  rebuild?: boolean;
}

/** Reviews loaded into a backend per call, to bound memory on large corpora. */
const BATCH_REVIEWS = 50;

/**
 * Brings a search backend up to date with the store: review documents whose record,
 * passages or themes changed since the backend last took them are (re)loaded, and
 * reviews the store no longer has as reviews are removed. `version` is the backend's
 * index format. When nothing in the backend is current (a first run, a new format, an
 * index deleted by hand) or `rebuild` is asked for, the whole index is rebuilt and
 * swapped in at once, so searches never see it half-built.
 */
export async function indexDocuments(
  store: Store,
  backend: SearchBackend,
  version: number,
  options: IndexOptions = {},
): Promise<IndexReport> {
  const stage = `index:${backend.name}` as const;
  const done = stageRecords(store, stage);
  const tagged = stageRecords(store, 'tag');
  const reviews = loadDocumentRecords(store)
    .filter((record) => record.isReview)
    .map((record) => {
      const review = toIndexReview(record);
      const input = sha256Of(Buffer.from(`${JSON.stringify(review)}|${tagged.get(record.id)?.input ?? ''}`));
      return { review, input };
    });

  // The backend's own list is the truth about what it holds: an index file deleted by
  // hand, or a Meilisearch server started afresh, gets everything again.
  const present = new Set(await backend.reviewIds());
  const isCurrent = ({ review, input }: { review: IndexReview; input: string }) =>
    present.has(review.id) && isStageCurrent(done.get(review.id), input, version);
  if (options.rebuild || reviews.length === 0 || !reviews.some(isCurrent)) {
    await backend.rebuild(async (sink) => {
      for (let i = 0; i < reviews.length; i += BATCH_REVIEWS) {
        await loadBatch(store, sink, reviews.slice(i, i + BATCH_REVIEWS));
      }
    });
    markIndexed(store, stage, version, reviews);
    const kept = new Set(reviews.map((r) => r.review.id));
    const removed = [...present].filter((id) => !kept.has(id)).length;
    return { backend: backend.name, indexed: reviews.length, unchanged: 0, removed, rebuilt: true };
  }

  const wanted = new Set(reviews.map(({ review }) => review.id));
  const stale = [...present].filter((id) => !wanted.has(id));
  if (stale.length > 0) await backend.remove(stale);

  let indexed = 0;
  let unchanged = 0;
  let batch: { review: IndexReview; input: string }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await loadBatch(store, backend, batch);
    markIndexed(store, stage, version, batch);
    indexed += batch.length;
    batch = [];
  };

  for (const entry of reviews) {
    if (isCurrent(entry)) {
      unchanged++;
      continue;
    }
    batch.push(entry);
    if (batch.length >= BATCH_REVIEWS) await flush();
  }
  await flush();
  return { backend: backend.name, indexed, unchanged, removed: stale.length, rebuilt: false };
}

/** Loads reviews' passages from the store and writes them to a backend or rebuild. */
async function loadBatch(
  store: Store,
  sink: IndexSink,
  batch: readonly { review: IndexReview }[],
): Promise<void> {
  const passages: IndexPassage[] = batch.flatMap(({ review }) =>
    loadPassagesWithThemes(store, review.id).map((p) => ({
      ...p,
      text: withoutControlCharacters(p.text),
      reviewId: review.id,
    })),
  );
  await sink.upsert(
    batch.map((b) => b.review),
    passages,
  );
}

function markIndexed(
  store: Store,
  stage: `index:${string}`,
  version: number,
  batch: readonly { review: IndexReview; input: string }[],
): void {
  store.db.transaction(() => {
    for (const { review, input } of batch) {
      markStage(store, { documentId: review.id, stage, input, version, status: 'ok', error: null });
    }
  })();
}

function toIndexReview(record: DocumentRecord): IndexReview {
  return {
    id: record.id,
    title: record.title,
    area: record.area,
    nation: record.nation,
    region: record.region,
    year: record.year,
    publishedDate: record.publishedDate,
    reviewType: record.reviewType,
    documentKind: record.documentKind,
    childNames: record.childNames,
    themes: record.themes.map((theme) => theme.id),
    documentUrl: record.documentUrl,
    sourcePage: record.sourcePage,
    online: record.online,
    pages: record.pages,
  };
}

import type { IndexPassage, IndexReview, SearchBackend } from './backend.js';
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
}

/** Reviews loaded into a backend per call, to bound memory on large corpora. */
const BATCH_REVIEWS = 50;

/**
 * Brings a search backend up to date with the store: review documents whose record,
 * passages or themes changed since the backend last took them are (re)loaded, and
 * reviews the store no longer has as reviews are removed. `version` is the backend's
 * index format; a new one reloads everything.
 */
export async function indexDocuments(
  store: Store,
  backend: SearchBackend,
  version: number,
): Promise<IndexReport> {
  const stage = `index:${backend.name}` as const;
  const done = stageRecords(store, stage);
  const tagged = stageRecords(store, 'tag');
  const reviews = loadDocumentRecords(store).filter((record) => record.isReview);
  const wanted = new Set(reviews.map((review) => review.id));

  // The backend's own list is the truth about what it holds: an index file deleted by
  // hand, or a Meilisearch server started afresh, gets everything again.
  const present = new Set(await backend.reviewIds());
  const stale = [...present].filter((id) => !wanted.has(id));
  if (stale.length > 0) await backend.remove(stale);

  let indexed = 0;
  let unchanged = 0;
  let batch: { review: IndexReview; input: string }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const passages: IndexPassage[] = batch.flatMap(({ review }) =>
      loadPassagesWithThemes(store, review.id).map((p) => ({ ...p, reviewId: review.id })),
    );
    await backend.upsert(
      batch.map((b) => b.review),
      passages,
    );
    store.db.transaction(() => {
      for (const { review, input } of batch) {
        markStage(store, { documentId: review.id, stage, input, version, status: 'ok', error: null });
      }
    })();
    indexed += batch.length;
    batch = [];
  };

  for (const record of reviews) {
    const review = toIndexReview(record);
    const input = sha256Of(Buffer.from(`${JSON.stringify(review)}|${tagged.get(record.id)?.input ?? ''}`));
    if (present.has(record.id) && isStageCurrent(done.get(record.id), input, version)) {
      unchanged++;
      continue;
    }
    batch.push({ review, input });
    if (batch.length >= BATCH_REVIEWS) await flush();
  }
  await flush();
  return { backend: backend.name, indexed, unchanged, removed: stale.length };
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

import PQueue from 'p-queue';
import { DocumentError } from '../errors.js';
import type { DocumentLocation, DocumentRow, Store } from '../index/index.js';
import {
  documentLocations,
  extractedVersion,
  listDocuments,
  markStage,
  readBlob,
  saveExtraction,
  stageRecords,
} from '../index/index.js';
import type { ExtractJob, ExtractOutcome } from './extract-bytes.js';
import type { ExtractStep } from './extract-plan.js';
import { OCR_NOT_RUN, OCR_READ_TOO_LITTLE, planExtract } from './extract-plan.js';
import { isOcrAvailable } from './formats/ocr.js';
import type { LinkEvidence } from './metadata/index.js';
import type { ExtractLimits } from './worker-pool.js';
import { ExtractPool } from './worker-pool.js';

/** Bump when extraction changes what it produces: every document is extracted again. */
export const EXTRACT_VERSION = 5;

/** What an extract run did. */
export interface ExtractReport {
  extracted: number;
  unchanged: number;
  /** Documents tried again after a failure or a scan with no text (see `planExtract`), whatever the outcome. */
  retried: number;
  /**
   * `keptVersion` is the sha256 of an earlier version that stays searchable and exported
   * because this one failed; null when there is none.
   */
  failed: { documentId: string; url: string; error: string; keptVersion: string | null }[];
  needsOcr: { documentId: string; url: string }[];
  /** Documents whose scanned pages were read by OCR. */
  ocred: { documentId: string; url: string; pages: number }[];
}

/** Options of an extract run. */
export interface ExtractOptions {
  onProgress?: (status: string) => void;
  /** Worker threads, time limit, memory ceiling, page limit (see `ExtractLimits`). */
  limits?: Partial<ExtractLimits>;
  /** OCR scanned PDFs when tesseract is installed (default true). */
  ocr?: boolean;
  /** Try again every document whose last attempt failed or found no text, though nothing changed. */
  retryFailed?: boolean;
}

/**
 * Extracts every document whose current bytes have not been extracted by this
 * version yet, in a pool of worker threads, and retries earlier failures as
 * `planExtract` decides. A document that fails (corrupt, encrypted, empty, enormous,
 * over its time or memory limit, an unsupported format) is recorded with its error
 * and the run goes on; one whose pages have no text layer is OCRed when tesseract is
 * installed, else recorded as needing OCR. Either way an earlier version that was
 * read stays the document's searchable text until a new one is.
 */
export async function extractPending(store: Store, options: ExtractOptions = {}): Promise<ExtractReport> {
  const done = stageRecords(store, 'extract');
  const ocr = options.ocr ?? true;
  const policy = { retryFailed: options.retryFailed ?? false, canOcr: ocr && (await isOcrAvailable()) };
  const report: ExtractReport = {
    extracted: 0,
    unchanged: 0,
    retried: 0,
    failed: [],
    needsOcr: [],
    ocred: [],
  };
  const pending = listDocuments(store).flatMap((doc) => {
    const step = planExtract(done.get(doc.id), doc.sha256, EXTRACT_VERSION, policy);
    if (step === 'skip') report.unchanged++;
    return step === 'skip' ? [] : [{ doc, step }];
  });
  if (pending.length === 0) return report;
  const pool = new ExtractPool(options.limits);
  // As many documents in flight as workers: each one's time limit then runs from when it starts,
  // and only that many files are held in memory.
  const queue = new PQueue({ concurrency: pool.limits.threads });
  let finished = 0;
  try {
    await Promise.all(
      pending.map(({ doc, step }) =>
        queue.add(async () => {
          const outcome = await extractOne(store, pool, doc, ocr);
          finished++;
          options.onProgress?.(`extract: ${finished}/${pending.length} ${doc.url}`);
          record(store, report, { doc, step }, outcome);
        }),
      ),
    );
  } finally {
    await pool.close();
  }
  return report;
}

async function extractOne(
  store: Store,
  pool: ExtractPool,
  doc: DocumentRow,
  ocr: boolean,
): Promise<ExtractOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = readBlob(store, doc.sha256).bytes;
  } catch (error) {
    const cause = new DocumentError(doc.url, `archived file unreadable (${(error as Error).message})`, {
      cause: error,
    });
    return { status: 'failed', error: cause.message };
  }
  const locations = documentLocations(store, doc.id);
  const job: ExtractJob = {
    documentId: doc.url,
    sha256: doc.sha256,
    mediaType: servedMediaType(doc.mediaType, locations[0]?.contentType ?? null),
    bytes,
    source: { area: doc.area, nation: doc.nation },
    links: linkEvidence(locations),
    options: { ocr, maxPages: pool.limits.maxPages },
  };
  return pool.run(job);
}

/**
 * The archived media type with the parameters the server sent, when it served that type:
 * an HTML page's charset is often only in the header (`text/html; charset=windows-1252`).
 */
function servedMediaType(archived: string, served: string | null): string {
  const essence = served?.split(';')[0]?.trim().toLowerCase();
  return served !== null && essence === archived ? served : archived;
}

function linkEvidence(locations: readonly DocumentLocation[]): LinkEvidence[] {
  return locations.map((location) => {
    const context = (location.linkContext ?? {}) as { heading?: string | null; context?: string | null };
    return {
      url: location.url,
      linkText: location.linkText,
      heading: context.heading ?? null,
      context: context.context ?? null,
    };
  });
}

/**
 * Saves an outcome and marks the stage, so a rerun skips the document until its bytes or
 * our version change (or a retry is due). A version that failed, or whose scan could not
 * be read, does not replace an earlier version that was: that one stays searchable.
 */
function record(
  store: Store,
  report: ExtractReport,
  { doc, step }: { doc: DocumentRow; step: ExtractStep },
  outcome: ExtractOutcome,
): void {
  if (step === 'retry') report.retried++;
  const mark = (status: 'ok' | 'failed' | 'needs-ocr', error: string | null) =>
    markStage(store, {
      documentId: doc.id,
      stage: 'extract',
      input: doc.sha256,
      version: EXTRACT_VERSION,
      status,
      error,
    });
  const earlier = outcome.status === 'ok' ? null : extractedVersion(store, doc.id);
  // Text read before (an earlier version, or these bytes by OCR on another machine) is
  // never replaced by a reading that failed or found no text.
  const keptVersion = earlier !== null && earlier.hasText ? earlier.sha256 : null;
  if (outcome.status === 'failed') {
    report.failed.push({ documentId: doc.id, url: doc.url, error: outcome.error, keptVersion });
    mark('failed', outcome.error);
    return;
  }
  if (keptVersion === null) saveExtraction(store, doc.id, outcome.extraction);
  if (outcome.ocrPages.length > 0) {
    report.ocred.push({ documentId: doc.id, url: doc.url, pages: outcome.ocrPages.length });
  }
  if (outcome.status === 'needs-ocr') {
    report.needsOcr.push({ documentId: doc.id, url: doc.url });
    mark('needs-ocr', outcome.ocrPages.length > 0 ? OCR_READ_TOO_LITTLE : OCR_NOT_RUN);
  } else {
    report.extracted++;
    mark('ok', null);
  }
}

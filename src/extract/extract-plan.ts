import type { StageRecord } from '../index/index.js';

/** The error recorded for a scan when OCR could not run; a later run with OCR retries it. */
export const OCR_NOT_RUN = 'no text layer (scanned pages); OCR needed: install tesseract-ocr';
/** The error recorded for a scan OCR was run on but read too little from; only a forced retry repeats it. */
export const OCR_READ_TOO_LITTLE = 'no text layer (scanned pages), and OCR read too little text from them';

/**
 * What an extract run does with a document: `skip` it (this version of the extractor
 * has done these bytes), `extract` it (new or changed bytes, or a new extractor), or
 * `retry` it (the last attempt failed or found no text, and something has changed
 * since that may make it succeed).
 */
export type ExtractStep = 'skip' | 'extract' | 'retry';

/** When a document whose last attempt did not succeed is tried again. */
export interface RetryPolicy {
  /** Retry every failure and scan, though neither the file nor the extractor changed (`--retry-failed`). */
  retryFailed: boolean;
  /** OCR can run now (switched on and tesseract installed): retry scans it could not read before. */
  canOcr: boolean;
}

/**
 * Decides a document's step from its last extract record. The same bytes with the same
 * extractor fail the same way, so a failure is retried when the extractor version
 * changed, a scan when OCR has become available, and either when asked to.
 */
export function planExtract(
  record: StageRecord | undefined,
  sha256: string,
  version: number,
  policy: RetryPolicy,
): ExtractStep {
  if (record === undefined || record.input !== sha256) return 'extract';
  const succeeded = record.status === 'ok';
  if (record.version !== version) return succeeded ? 'extract' : 'retry';
  if (succeeded) return 'skip';
  if (policy.retryFailed) return 'retry';
  return record.status === 'needs-ocr' && record.error === OCR_NOT_RUN && policy.canOcr ? 'retry' : 'skip';
}

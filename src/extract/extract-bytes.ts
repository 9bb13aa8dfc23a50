import { performance } from 'node:perf_hooks';
import { DocumentError } from '../errors.js';
import type { Extraction } from '../index/index.js';
import { extractDocument } from './extract-document.js';
import type { ReadOptions } from './formats/read-document.js';
import { needsOcr, readDocumentText, timeLimitMessage } from './formats/read-document.js';
import type { LinkEvidence } from './metadata/index.js';

/** One document to extract: its bytes and what the store knows about where it came from. */
export interface ExtractJob {
  /** Names the document in errors (its URL). */
  documentId: string;
  sha256: string;
  mediaType: string;
  bytes: Uint8Array;
  source: { area: string; nation: string };
  links: LinkEvidence[];
  options: ReadOptions;
}

/** Time spent reading the file (pdf-parse, mammoth, OCR) and in our own steps after it, in ms. */
export interface ExtractTimings {
  readMs: number;
  pipelineMs: number;
}

/** How extracting one document ended. A failure carries the message to record. */
export type ExtractOutcome =
  | {
      status: 'ok' | 'needs-ocr';
      extraction: Extraction;
      /** Pages read by OCR. */
      ocrPages: number[];
      timings: ExtractTimings;
    }
  | { status: 'failed'; error: string };

/**
 * Reads a document's bytes and runs the whole extraction on them. A `DocumentError`
 * (a broken, encrypted, empty or enormous file) becomes a `failed` outcome with its
 * message, as does going over `options.timeoutMs`; anything else is a bug and is
 * thrown. Runs in a worker thread
 * (extract-worker.ts) and, for evaluation, in-process.
 */
export async function extractFromBytes(job: ExtractJob): Promise<ExtractOutcome> {
  const started = performance.now();
  try {
    const text = await readDocumentText(job.documentId, job.bytes, job.mediaType, job.options);
    const read = performance.now();
    const extraction = extractDocument(job.sha256, {
      pageTexts: text.pageTexts,
      paragraphs: text.paragraphs,
      pdfTitle: text.title,
      pdfCreationDate: text.creationDate,
      source: job.source,
      links: job.links,
    });
    const done = performance.now();
    const { timeoutMs, startedAt } = job.options;
    const tookMs = startedAt === undefined ? done - started : Date.now() - startedAt;
    // Finished, but late (inside pdf-parse, which cannot be stopped): the limit holds all the same.
    if (timeoutMs !== undefined && tookMs > timeoutMs) {
      throw new DocumentError(job.documentId, timeLimitMessage(timeoutMs));
    }
    return {
      status: text.format === 'pdf' && needsOcr(text.pageTexts) ? 'needs-ocr' : 'ok',
      extraction,
      ocrPages: text.ocrPages,
      timings: { readMs: read - started, pipelineMs: done - read },
    };
  } catch (error) {
    if (error instanceof DocumentError) return { status: 'failed', error: error.reason };
    throw error;
  }
}

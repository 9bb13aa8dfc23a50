import { DocumentError } from '../../errors.js';
import type { DocumentText } from './document-text.js';
import { readDocxText } from './docx-text.js';
import { decodeHtml } from './html-charset.js';
import { readHtmlText } from './html-text.js';
import { isOcrAvailable, ocrPdfPages } from './ocr.js';
import { readPdfText } from './pdf-text.js';
import { readPptxText } from './pptx-text.js';

/** Limits and switches for reading one document. */
export interface ReadOptions {
  /** A PDF with more pages is refused as enormous. */
  maxPages: number;
  /** OCR scanned pages when tesseract is installed; false records them as needing OCR instead. */
  ocr: boolean;
  /**
   * Time the document may take, in ms, from `startedAt`; OCR stops when it is up, with
   * its programs killed and its files removed. Default: no limit.
   */
  timeoutMs?: number;
  /**
   * When the document's time began (`Date.now()`), so a worker's clock agrees with the
   * pool's, which counts from when it handed the document over. Default: when reading starts.
   */
  startedAt?: number;
}

/** A signal that aborts when the document's time is up (never, without a limit). */
export function timeLimitSignal(options: ReadOptions): AbortSignal {
  if (options.timeoutMs === undefined) return new AbortController().signal;
  const left = (options.startedAt ?? Date.now()) + options.timeoutMs - Date.now();
  return AbortSignal.timeout(Math.max(0, left));
}

/** The failure recorded for a document over its time limit. */
export function timeLimitMessage(timeoutMs: number): string {
  return `took longer than the ${timeoutMs} ms time limit`;
}

/**
 * Fewer characters than this on a page means the page is an image (a scan) with no
 * text layer worth reading.
 */
export const MIN_CHARS_PER_PAGE = 80;

const MEDIA_TYPES: Record<string, DocumentText['format']> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
};

/**
 * Reads an archived document's text by its media type, which may carry the charset it
 * was served with (`text/html; charset=windows-1252`). Every failure (an empty
 * file, a format we do not read, a broken file) is a `DocumentError` naming the
 * document and the cause. A PDF that is a scan is OCRed when `options.ocr` is set
 * and tesseract is installed; otherwise its pages stay (nearly) empty and
 * `needsOcr` says so.
 */
export async function readDocumentText(
  documentId: string,
  bytes: Uint8Array,
  mediaType: string,
  options: ReadOptions,
): Promise<DocumentText> {
  if (bytes.byteLength === 0) throw new DocumentError(documentId, 'empty file (0 bytes)');
  const format = MEDIA_TYPES[mediaType.split(';')[0]?.trim().toLowerCase() ?? ''];
  if (format === undefined) throw new DocumentError(documentId, `cannot extract text from ${mediaType}`);
  if (format === 'pdf') {
    return readPdf(documentId, bytes, options, timeLimitSignal(options));
  }
  try {
    if (format === 'docx') return await readDocxText(bytes);
    if (format === 'pptx') return await readPptxText(bytes);
    return readHtmlText(decodeHtml(bytes, mediaType));
  } catch (error) {
    throw new DocumentError(
      documentId,
      `not a readable ${format.toUpperCase()} (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
}

async function readPdf(
  documentId: string,
  bytes: Uint8Array,
  options: ReadOptions,
  signal: AbortSignal,
): Promise<DocumentText> {
  const pdf = await readPdfText(documentId, bytes, options);
  const text: DocumentText = {
    format: 'pdf',
    pageTexts: pdf.pages,
    paragraphs: null,
    title: pdf.title,
    creationDate: pdf.creationDate,
    ocrPages: [],
  };
  if (!needsOcr(pdf.pages) || !options.ocr || !(await isOcrAvailable())) return text;
  const scanned = pdf.pages.flatMap((page, i) => (visibleChars(page) < MIN_CHARS_PER_PAGE ? [i + 1] : []));
  try {
    const read = await ocrPdfPages(bytes, scanned, signal);
    for (const [page, ocrText] of read) text.pageTexts[page - 1] = ocrText;
  } catch (error) {
    if (signal.aborted && options.timeoutMs !== undefined) {
      throw new DocumentError(documentId, timeLimitMessage(options.timeoutMs), { cause: error });
    }
    throw new DocumentError(documentId, `OCR failed (${(error as Error).message})`, { cause: error });
  }
  text.ocrPages = scanned;
  return text;
}

/** Whether page texts look like a scan without a text layer. */
export function needsOcr(pageTexts: readonly string[]): boolean {
  const chars = pageTexts.reduce((n, text) => n + visibleChars(text), 0);
  return pageTexts.length > 0 && chars / pageTexts.length < MIN_CHARS_PER_PAGE;
}

function visibleChars(text: string): number {
  return text.replace(/\s+/g, '').length;
}

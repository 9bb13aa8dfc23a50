import { DocumentError } from '../errors.js';
import type { DocumentRow, Store } from '../index/index.js';
import {
  documentLocations,
  isStageCurrent,
  listDocuments,
  markStage,
  readBlob,
  saveExtraction,
  stageRecords,
} from '../index/index.js';
import { extractDocument, needsOcr } from './extract-document.js';
import type { LinkEvidence } from './metadata/index.js';
import { readPdfText } from './pdf-text.js';

/** Bump when extraction changes what it produces: every document is extracted again. */
export const EXTRACT_VERSION = 1;

/** What an extract run did. */
export interface ExtractReport {
  extracted: number;
  unchanged: number;
  failed: { documentId: string; url: string; error: string }[];
  needsOcr: { documentId: string; url: string }[];
}

/**
 * Extracts every document whose current bytes have not been extracted by this
 * version yet. A document that fails (corrupt, encrypted, an unsupported format) is
 * recorded with its error and the run goes on; one that has no text layer is
 * recorded as needing OCR.
 */
export async function extractPending(
  store: Store,
  options: { onProgress?: (status: string) => void } = {},
): Promise<ExtractReport> {
  const done = stageRecords(store, 'extract');
  const report: ExtractReport = { extracted: 0, unchanged: 0, failed: [], needsOcr: [] };
  const pending = listDocuments(store).filter((doc) => {
    const current = isStageCurrent(done.get(doc.id), doc.sha256, EXTRACT_VERSION);
    if (current) report.unchanged++;
    return !current;
  });
  for (const [i, doc] of pending.entries()) {
    options.onProgress?.(`extract: ${i + 1}/${pending.length} ${doc.url}`);
    const mark = (status: 'ok' | 'failed' | 'needs-ocr', error: string | null) =>
      markStage(store, {
        documentId: doc.id,
        stage: 'extract',
        input: doc.sha256,
        version: EXTRACT_VERSION,
        status,
        error,
      });
    try {
      const status = await extractOne(store, doc);
      if (status === 'needs-ocr') report.needsOcr.push({ documentId: doc.id, url: doc.url });
      else report.extracted++;
      mark(status, status === 'needs-ocr' ? 'no text layer (scanned pages); OCR needed' : null);
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      report.failed.push({ documentId: doc.id, url: doc.url, error: error.message });
      mark('failed', error.message);
    }
  }
  return report;
}

async function extractOne(store: Store, doc: DocumentRow): Promise<'ok' | 'needs-ocr'> {
  const blob = readBlob(store, doc.sha256);
  if (blob.mediaType !== 'application/pdf') {
    throw new DocumentError(doc.url, `cannot extract text from ${blob.mediaType} yet`);
  }
  const pdf = await readPdfText(doc.url, blob.bytes);
  const links: LinkEvidence[] = documentLocations(store, doc.id).map((location) => {
    const context = (location.linkContext ?? {}) as { heading?: string | null; context?: string | null };
    return {
      url: location.url,
      linkText: location.linkText,
      heading: context.heading ?? null,
      context: context.context ?? null,
    };
  });
  const extraction = extractDocument(doc.sha256, {
    pageTexts: pdf.pages,
    pdfTitle: pdf.title,
    pdfCreationDate: pdf.creationDate,
    source: { area: doc.area, nation: doc.nation },
    links,
  });
  saveExtraction(store, doc.id, extraction);
  return needsOcr(pdf.pages) ? 'needs-ocr' : 'ok';
}

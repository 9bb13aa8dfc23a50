import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import { afterEach, describe, expect, it } from 'vitest';
import { extractPending, isOcrAvailable } from '../src/extract/index.js';
import type { Store } from '../src/index/index.js';
import { openStore, storeDocumentBytes, upsertSource } from '../src/index/index.js';
import { tempDir } from './helpers/temp-dir.js';

const run = promisify(execFile);
const WORDS = [
  'Serious Case Review Child W',
  'Child W was eleven months old when he was',
  'admitted to hospital with a fractured skull.',
  'Professionals did not share what they knew.',
];
let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

function pdf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}

/** A scan: the text drawn, rendered to an image by pdftoppm, and that image alone put in a new PDF. */
async function scannedPdf(dir: string): Promise<Buffer> {
  const text = await pdf((doc) => {
    doc.font('Times-Roman').fontSize(20);
    for (const line of WORDS) doc.text(line).moveDown(0.5);
  });
  writeFileSync(join(dir, 'text.pdf'), text);
  await run('pdftoppm', [
    '-r',
    '150',
    '-gray',
    '-png',
    '-singlefile',
    join(dir, 'text.pdf'),
    join(dir, 'scan'),
  ]);
  const image = readFileSync(join(dir, 'scan.png'));
  return pdf((doc) => {
    doc.image(image, 0, 0, { width: doc.page.width, height: doc.page.height });
  });
}

function storeWith(bytes: Uint8Array): Store {
  const opened = openStore(tempDir());
  const sourceId = upsertSource(opened, {
    area: 'Ashcombe',
    nation: 'England',
    startUrls: ['http://127.0.0.1/reviews/'],
    maxRequestsPerMinute: 60,
  } as Parameters<typeof upsertSource>[1]);
  storeDocumentBytes(opened, {
    url: 'http://127.0.0.1/reviews/scan.pdf',
    sourceId,
    bytes,
    mediaType: 'application/pdf',
  });
  store = opened;
  return opened;
}

describe('scanned PDFs', () => {
  it('are read by OCR when tesseract is installed', async (ctx) => {
    if (!(await isOcrAvailable()))
      ctx.skip(
        'tesseract-ocr or poppler-utils is not installed (apt-get install tesseract-ocr poppler-utils)',
      );
    const opened = storeWith(await scannedPdf(tempDir()));
    const report = await extractPending(opened);
    expect(report.ocred).toEqual([
      expect.objectContaining({ url: 'http://127.0.0.1/reviews/scan.pdf', pages: 1 }),
    ]);
    expect(report.needsOcr).toEqual([]);
    const page = opened.db.prepare('SELECT text FROM pages').get() as { text: string };
    expect(page.text).toMatch(/fractured skull/);
    const meta = opened.db.prepare('SELECT child_names, child_age FROM document_meta').get() as {
      child_names: string;
      child_age: string;
    };
    expect(JSON.parse(meta.child_names)).toEqual(['Child W']);
    expect(meta.child_age).toBe('11 months');
  });

  it('are recorded as needing OCR when it is switched off, and the run goes on', async (ctx) => {
    if (!(await isOcrAvailable())) ctx.skip('pdftoppm (poppler-utils) is needed to make the scanned fixture');
    const opened = storeWith(await scannedPdf(tempDir()));
    const report = await extractPending(opened, { ocr: false });
    expect(report.needsOcr).toEqual([expect.objectContaining({ url: 'http://127.0.0.1/reviews/scan.pdf' })]);
    const stage = opened.db
      .prepare("SELECT status, error FROM document_stages WHERE stage = 'extract'")
      .get();
    expect(stage).toEqual({
      status: 'needs-ocr',
      error: 'no text layer (scanned pages); OCR needed: install tesseract-ocr',
    });
  });

  it('are read on the next run once OCR can run, and counted as retried', async (ctx) => {
    if (!(await isOcrAvailable()))
      ctx.skip(
        'tesseract-ocr or poppler-utils is not installed (apt-get install tesseract-ocr poppler-utils)',
      );
    const opened = storeWith(await scannedPdf(tempDir()));
    expect((await extractPending(opened, { ocr: false })).needsOcr).toHaveLength(1);
    expect(await extractPending(opened, { ocr: false })).toMatchObject({ unchanged: 1, retried: 0 });

    const report = await extractPending(opened);
    expect(report).toMatchObject({ extracted: 1, retried: 1, needsOcr: [] });
    expect(report.ocred).toEqual([expect.objectContaining({ url: 'http://127.0.0.1/reviews/scan.pdf' })]);
    const page = opened.db.prepare('SELECT text FROM pages').get() as { text: string };
    expect(page.text).toMatch(/fractured skull/);
    expect(await extractPending(opened)).toMatchObject({ unchanged: 1, retried: 0 });
  });
});

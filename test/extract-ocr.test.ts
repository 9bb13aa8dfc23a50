import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { extractPending, isOcrAvailable } from '../src/extract/index.js';
import type { Store } from '../src/index/index.js';
import { storeDocuments } from './helpers/stored-documents.js';
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

/** A scan: the text drawn, rendered to an image by pdftoppm, and that image alone put in a new PDF, `pages` times. */
async function scannedPdf(dir: string, pages = 1): Promise<Buffer> {
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
    for (let page = 0; page < pages; page++) {
      if (page > 0) doc.addPage();
      doc.image(image, 0, 0, { width: doc.page.width, height: doc.page.height });
    }
  });
}

/** The OCR programs this process started that are still running. */
async function runningOcrPrograms(): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'pid=,ppid=,comm=']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(
      ([, ppid, command]) => ppid === String(process.pid) && /^(pdftoppm|tesseract)$/.test(command ?? ''),
    )
    .map(([pid, , command]) => `${command} ${pid}`);
}

function storeWith(bytes: Uint8Array): Store {
  const opened = storeDocuments(tempDir(), [
    { url: 'http://127.0.0.1/reviews/scan.pdf', bytes, mediaType: 'application/pdf' },
  ]);
  store = opened;
  return opened;
}

describe('scanned PDFs', () => {
  it('over the time limit leave no OCR program running and no work files behind', async (ctx) => {
    if (!(await isOcrAvailable()))
      ctx.skip(
        'tesseract-ocr or poppler-utils is not installed (apt-get install tesseract-ocr poppler-utils)',
      );
    const opened = storeWith(await scannedPdf(tempDir(), 12));
    // Worker threads take their temporary directory from the environment when they start.
    const workDir = tempDir();
    const before = process.env.TMPDIR;
    process.env.TMPDIR = workDir;
    onTestFinished(() => {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    });
    const report = await extractPending(opened, { limits: { timeoutMs: 4000 } });
    expect(report.failed.map((f) => f.error)).toEqual(['took longer than the 4000 ms time limit']);
    expect(await runningOcrPrograms()).toEqual([]);
    // tsx keeps a cache there too; only OCR's work directories are ours.
    expect(readdirSync(workDir).filter((name) => name.startsWith('casereviews-ocr-'))).toEqual([]);
  });

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

  it('keep the text OCR read when a newer extractor runs where OCR cannot', async (ctx) => {
    if (!(await isOcrAvailable()))
      ctx.skip(
        'tesseract-ocr or poppler-utils is not installed (apt-get install tesseract-ocr poppler-utils)',
      );
    const opened = storeWith(await scannedPdf(tempDir()));
    expect((await extractPending(opened)).ocred).toHaveLength(1);
    // As after an upgrade: the stored reading was made by an older extractor.
    opened.db.prepare("UPDATE document_stages SET version = version - 1 WHERE stage = 'extract'").run();
    const report = await extractPending(opened, { ocr: false });
    expect(report.needsOcr).toHaveLength(1);
    const page = opened.db.prepare('SELECT text FROM pages').get() as { text: string };
    expect(page.text).toMatch(/fractured skull/);
  });
});

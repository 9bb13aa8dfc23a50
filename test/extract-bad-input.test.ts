import PDFDocument from 'pdfkit';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLabelledDocument, LABELLED_SPECS } from '../fixtures/extract/index.js';
import type { ExtractReport } from '../src/extract/index.js';
import { extractPending } from '../src/extract/index.js';
import type { Store } from '../src/index/index.js';
import { storeDocuments } from './helpers/stored-documents.js';
import { tempDir } from './helpers/temp-dir.js';

const PDF = 'application/pdf';
let store: Store | null = null;

afterEach(() => {
  store?.close();
  store = null;
});

async function reportPdf(): Promise<Uint8Array> {
  const spec = LABELLED_SPECS.find((s) => s.id === 'ashcombe-child-y');
  if (!spec) throw new Error('labelled spec ashcombe-child-y is missing');
  return (await buildLabelledDocument(spec)).bytes;
}

function encryptedPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument({ userPassword: 'secret', ownerPassword: 'owner' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text('Serious Case Review Child Z: a confidential draft.');
  doc.end();
  return done;
}

/** A store holding the given documents, one source, each at its own URL. */
function storeWith(documents: { name: string; bytes: Uint8Array; mediaType: string }[]): Store {
  const opened = storeDocuments(
    tempDir(),
    documents.map(({ name, ...doc }) => ({ url: `http://127.0.0.1/reviews/${name}`, ...doc })),
  );
  store = opened;
  return opened;
}

function failures(report: ExtractReport): string[] {
  return report.failed.map((f) => f.error).sort();
}

describe('extracting bad documents', () => {
  it('records each broken file with its cause and goes on with the rest', async () => {
    const good = await reportPdf();
    const opened = storeWith([
      { name: 'good.pdf', bytes: good, mediaType: PDF },
      { name: 'encrypted.pdf', bytes: await encryptedPdf(), mediaType: PDF },
      {
        name: 'corrupt.pdf',
        bytes: Buffer.from('%PDF-1.7\nthis is not a PDF body at all\n%%EOF'),
        mediaType: PDF,
      },
      { name: 'truncated.pdf', bytes: good.slice(0, Math.floor(good.length / 3)), mediaType: PDF },
      { name: 'empty.pdf', bytes: new Uint8Array(0), mediaType: PDF },
      {
        name: 'old.doc',
        bytes: Buffer.from('\u00d0\u00cf\u0011\u00e0 Word 97'),
        mediaType: 'application/msword',
      },
    ]);
    const report = await extractPending(opened, { limits: { threads: 2 } });
    expect(report.extracted).toBe(1);
    expect(failures(report)).toEqual(
      [
        'cannot extract text from application/msword',
        'empty file (0 bytes)',
        'encrypted PDF (a password is needed to read it)',
        expect.stringMatching(/^not a readable PDF \(.+\)$/),
        expect.stringMatching(/^(not a readable PDF|PDF could not be read) \(.+\)$/),
      ].sort((a, b) => String(a).localeCompare(String(b))),
    );
    const meta = opened.db.prepare('SELECT title FROM document_meta').all() as { title: string }[];
    expect(meta.map((m) => m.title)).toEqual(['Serious Case Review ‘Child Y’']);
    const again = await extractPending(opened);
    expect(again.unchanged).toBe(6);
  });

  it('refuses an enormous document before reading its text', async () => {
    const opened = storeWith([{ name: 'long.pdf', bytes: await reportPdf(), mediaType: PDF }]);
    const report = await extractPending(opened, { limits: { maxPages: 3 } });
    expect(failures(report)).toEqual([expect.stringMatching(/^too many pages \(\d+; the limit is 3\)$/)]);
  });

  it('gives up on a document over its time limit without stopping the run', async () => {
    const opened = storeWith([{ name: 'slow.pdf', bytes: await reportPdf(), mediaType: PDF }]);
    const report = await extractPending(opened, { limits: { timeoutMs: 5 } });
    expect(failures(report)).toEqual(['took longer than the 5 ms time limit']);
  });

  it('ends only the worker of a document over the memory ceiling', async () => {
    const opened = storeWith([{ name: 'big.pdf', bytes: await reportPdf(), mediaType: PDF }]);
    const report = await extractPending(opened, { limits: { maxMemoryMb: 4 } });
    expect(failures(report)).toEqual(['ran out of memory (limit 4 MB)']);
  });
});

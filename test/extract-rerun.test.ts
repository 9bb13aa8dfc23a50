import { describe, expect, it } from 'vitest';
import { SearchAnswer } from '../src/contracts/index.js';
import { loadThemesConfig } from '../src/config/index.js';
import { loadThemeModel, planExtract, tagPending } from '../src/extract/index.js';
import type { StageRecord } from '../src/index/index.js';
import { openStore, sha256Of } from '../src/index/index.js';
import { writePdf } from './helpers/pdf.js';
import { startReviewSite } from './helpers/review-site.js';
import { exportedRecords, runCli } from './helpers/run-cli.js';
import { storeDocuments } from './helpers/stored-documents.js';
import { tempDir } from './helpers/temp-dir.js';

const PDF = 'application/pdf';
const URL = 'http://127.0.0.1/reviews/child-d.pdf';

/** A review of Child D whose learning section carries `phrase`, so a search can tell versions apart. */
function reviewPdf(phrase: string, options: { userPassword?: string } = {}): Promise<Buffer> {
  return writePdf(
    [
      'Serious Case Review: Child D',
      'Published: March 2021',
      'Introduction',
      'This review was commissioned after Child D was admitted to hospital with a fractured skull.',
      'Key learning',
      `Practitioners should have noticed the ${phrase} and shared what they saw with one another.`,
      // Evidence of a theme in plain words, so the review is tagged whatever the model's weights.
      "Child D's mother drank heavily throughout the pregnancy, and the GP knew of her alcohol misuse.",
    ],
    options,
  );
}

/** A data directory holding one archived document that cannot be read (a password-protected PDF). */
async function dataDirWithFailure(): Promise<string> {
  const data = tempDir();
  const bytes = await reviewPdf('missed appointments', { userPassword: 'secret' });
  storeDocuments(data, [{ url: URL, bytes, mediaType: PDF }]).close();
  return data;
}

function setStageVersion(data: string, change: number): void {
  const store = openStore(data);
  try {
    store.db.prepare("UPDATE document_stages SET version = version + ? WHERE stage = 'extract'").run(change);
  } finally {
    store.close();
  }
}

describe('planExtract', () => {
  const last = (status: StageRecord['status'], error: string | null = null, version = 4): StageRecord => ({
    documentId: 'd',
    stage: 'extract',
    input: 'sha-1',
    version,
    status,
    error,
  });
  const notRun = 'no text layer (scanned pages); OCR needed: install tesseract-ocr';
  const readLittle = 'no text layer (scanned pages), and OCR read too little text from them';
  const plain = { retryFailed: false, canOcr: false };
  it.each([
    ['never extracted', undefined, 'sha-1', plain, 'extract'],
    ['new bytes', last('ok'), 'sha-2', plain, 'extract'],
    ['done by this version', last('ok'), 'sha-1', plain, 'skip'],
    ['done by an older version', last('ok', null, 3), 'sha-1', plain, 'extract'],
    ['failed, nothing changed', last('failed', 'encrypted PDF'), 'sha-1', plain, 'skip'],
    ['failed under an older version', last('failed', 'encrypted PDF', 3), 'sha-1', plain, 'retry'],
    [
      'failed, retry asked for',
      last('failed', 'encrypted PDF'),
      'sha-1',
      { ...plain, retryFailed: true },
      'retry',
    ],
    ['a scan, OCR still unavailable', last('needs-ocr', notRun), 'sha-1', plain, 'skip'],
    ['a scan, OCR now available', last('needs-ocr', notRun), 'sha-1', { ...plain, canOcr: true }, 'retry'],
    [
      'a scan OCR read too little of',
      last('needs-ocr', readLittle),
      'sha-1',
      { ...plain, canOcr: true },
      'skip',
    ],
  ] as const)('%s', (_, record, sha256, policy, step) => {
    expect(planExtract(record, sha256, 4, policy)).toBe(step);
  });
});

describe('extract run again', () => {
  it('leaves a failure alone until the extractor changes or a retry is asked for, and counts retries', async () => {
    const data = await dataDirWithFailure();
    const failedLine = `failed: ${URL}: encrypted PDF (a password is needed to read it)`;

    const first = await runCli(['extract', '--data', data]);
    expect(first.status).toBe(1);
    expect(first.stderr).toContain('extract: 0 extracted, 0 unchanged, 1 failed\n');
    expect(first.stderr).toContain(failedLine);

    const again = await runCli(['extract', '--data', data]);
    expect(again.stderr).toContain('extract: 0 extracted, 1 unchanged, 0 failed\n');

    const forced = await runCli(['extract', '--retry-failed', '--data', data]);
    expect(forced.status).toBe(1);
    expect(forced.stderr).toContain('extract: 0 extracted, 0 unchanged, 1 failed, 1 retried\n');
    expect(forced.stderr).toContain(failedLine);

    // As a data directory last extracted by an older extractor would hold it.
    setStageVersion(data, -1);
    const upgraded = await runCli(['extract', '--data', data]);
    expect(upgraded.stderr).toContain('extract: 0 extracted, 0 unchanged, 1 failed, 1 retried\n');
  });

  it('lists --retry-failed in its help', async () => {
    const help = await runCli(['extract', '--help']);
    expect(help.stdout).toMatch(/--retry-failed\s+also try again documents that failed or had no text/);
  });
});

describe('a new version of a review that cannot be read', () => {
  it('keeps the previous version searchable and exported until a new one is read', async () => {
    const dir = tempDir();
    const site = await startReviewSite(dir);
    const data = `${dir}/data`;
    const serve = (body: Buffer) =>
      site.serve([
        { path: '/reviews/child-d.pdf', linkText: 'Child D: serious case review', body, contentType: PDF },
      ]);
    const pipeline = () => runCli(['run', '--config', site.configFile, '--data', data]);
    const exported = () => exportedRecords(data);
    const found = async (query: string) => {
      const answer = await runCli(['search', query, '--data', data, '--json']);
      return SearchAnswer.parse(JSON.parse(answer.stdout)).results.map((r) => r.title);
    };

    const first = await reviewPdf('missed appointments');
    serve(first);
    expect((await pipeline()).status).toBe(0);
    expect(await found('missed appointments')).toEqual(['Serious Case Review: Child D']);

    serve(await reviewPdf('unexplained bruising', { userPassword: 'secret' }));
    const broken = await pipeline();
    expect(broken.status).toBe(1);
    const url = `${site.origin}/reviews/child-d.pdf`;
    expect(broken.stderr).toContain(
      `failed: ${url}: encrypted PDF (a password is needed to read it) (the text read before stays searchable)`,
    );
    expect((await exported()).map((r) => [r.title, r.sha256])).toEqual([
      ['Serious Case Review: Child D', sha256Of(first)],
    ]);
    expect(await found('missed appointments')).toEqual(['Serious Case Review: Child D']);

    // Its tags follow a changed themes config while the new version cannot be read.
    const themesBefore = (await exported())[0]?.themes.map((t) => t.id) ?? [];
    const dropped = themesBefore[0];
    expect(dropped).toBeDefined();
    const themes = await loadThemesConfig();
    const edited = {
      ...themes,
      themes: themes.themes.map((t) => (t.id === dropped ? { ...t, terms: [], cues: [] } : t)),
    };
    const store = openStore(data);
    try {
      expect(tagPending(store, edited, loadThemeModel()).tagged).toBe(1);
    } finally {
      store.close();
    }
    // The themes' words are the model's features too, so others may move; the dropped one must go.
    const themesAfter = (await exported())[0]?.themes.map((t) => t.id);
    expect(themesAfter).not.toContain(dropped);
    expect(themesAfter).toEqual(expect.arrayContaining(themesBefore.filter((id) => id !== dropped)));

    const fixed = await reviewPdf('unexplained bruising');
    serve(fixed);
    expect((await pipeline()).status).toBe(0);
    expect((await exported()).map((r) => [r.title, r.sha256])).toEqual([
      ['Serious Case Review: Child D', sha256Of(fixed)],
    ]);
    expect(await found('unexplained bruising')).toEqual(['Serious Case Review: Child D']);
    expect(await found('missed appointments')).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentMeta, Store } from '../src/index/index.js';
import {
  markStage,
  openStore,
  recordVisit,
  saveExtraction,
  storeDocumentBytes,
  taggedReviewCount,
  themesTogether,
  themeYearCounts,
  upsertSource,
} from '../src/index/index.js';
import { loadThemesConfig } from '../src/config/index.js';
import type { LabelledDocument } from '../src/extract/index.js';
import { loadLabelledSet, tagPending } from '../src/extract/index.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

const META: DocumentMeta = {
  title: null,
  area: 'Northmoor',
  nation: 'England',
  year: null,
  publishedDate: null,
  reviewType: 'lcspr',
  documentKind: 'full-report',
  isReview: true,
  notReviewReason: null,
  childNames: [],
  childAge: null,
  childOutcome: null,
  pages: 20,
  provenance: {},
};

/** Stores a labelled review as an extracted document, as the extract stage would. */
function addReview(
  store: Store,
  sourceId: string,
  review: LabelledDocument,
  meta: Partial<DocumentMeta>,
): string {
  const url = `http://127.0.0.1:1/${review.id}.pdf`;
  const stored = storeDocumentBytes(store, {
    url,
    sourceId,
    bytes: Buffer.from(`%PDF-1.4 ${review.id}`),
    mediaType: 'application/pdf',
  });
  recordVisit(store, {
    url,
    sourceId,
    runId: 1,
    kind: 'document',
    origin: { referrer: null, linkText: null, linkContext: null, depth: 1 },
    outcome: stored.outcome,
    sha256: stored.sha256,
    documentId: stored.documentId,
  });
  saveExtraction(store, stored.documentId, {
    sha256: stored.sha256,
    meta: { ...META, title: review.id, ...meta },
    pages: [],
    sections: [],
    passages: review.passages.map((p, ordinal) => ({
      ordinal,
      page: p.page,
      section: p.section,
      text: p.text,
    })),
  });
  markStage(store, {
    documentId: stored.documentId,
    stage: 'extract',
    input: stored.sha256,
    version: 1,
    status: 'ok',
    error: null,
  });
  return stored.documentId;
}

let dataDir: string;
let store: Store;
let tagged: Map<string, string[]>;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'casereviews-themes-'));
  store = openStore(dataDir);
  const sourceId = upsertSource(store, {
    area: 'Northmoor',
    nation: 'England',
    startUrls: ['http://127.0.0.1:1/'],
  });
  const reviews = loadLabelledSet().documents.filter((d) => d.part === 'heldout-a');
  const ids = reviews.map((review, i) =>
    addReview(store, sourceId, review, { year: i === 0 ? null : 2019 + (i % 3), isReview: i !== 1 }),
  );
  const report = tagPending(store, await loadThemesConfig());
  expect(report).toEqual({ tagged: reviews.length, unchanged: 0 });
  const rows = store.db
    .prepare('SELECT document_id AS id, theme_id AS themeId FROM document_themes')
    .all() as { id: string; themeId: string }[];
  tagged = new Map(
    ids.filter((_, i) => i !== 1).map((id) => [id, rows.filter((r) => r.id === id).map((r) => r.themeId)]),
  );
  store.close();
  store = openStore(dataDir, { readonly: true });
});

afterAll(() => {
  store?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('theme views of the store', () => {
  it('counts reviews per theme and per year, unknown years included, non-reviews left out', () => {
    const counts = themeYearCounts(store);
    expect(taggedReviewCount(store)).toBe([...tagged.values()].filter((themes) => themes.length > 0).length);
    for (const count of counts) {
      const carrying = [...tagged.values()].filter((themes) => themes.includes(count.themeId)).length;
      expect(count.reviews, count.themeId).toBe(carrying);
      expect(Object.values(count.byYear).reduce((a, b) => a + b, 0)).toBe(carrying);
    }
    const first = [...tagged.values()][0] as string[];
    expect(counts.find((c) => c.themeId === first[0])?.byYear.unknown).toBe(1);
  });

  it('lists pairs and triples of themes with the reviews that carry all of them', () => {
    const together = themesTogether(store, { minReviews: 1 });
    for (const combination of together.slice(0, 20)) {
      const carrying = [...tagged.values()].filter((themes) =>
        combination.themes.every((t) => themes.includes(t)),
      );
      expect(combination.reviews, combination.themes.join('+')).toBe(carrying.length);
    }
    const withDomesticAbuse = themesTogether(store, { themeId: 'domestic-abuse', minReviews: 1 });
    expect(withDomesticAbuse.length).toBeGreaterThan(0);
    expect(withDomesticAbuse.every((c) => c.themes[0] === 'domestic-abuse')).toBe(true);
  });
});

describe('casereviews themes', () => {
  it('prints the views as JSON on stdout', async () => {
    const result = await runCli(['themes', '--data', dataDir, '--json', '--min', '1', '--limit', '5']);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const answer = JSON.parse(result.stdout) as {
      reviews: number;
      themes: { themeId: string; label: string }[];
      together: unknown[];
    };
    expect(answer.reviews).toBe(taggedReviewCount(store));
    expect(answer.themes.find((t) => t.themeId === 'domestic-abuse')?.label).toBe('Domestic abuse');
    expect(answer.together).toHaveLength(5);
  });

  it('prints a table for people, and one theme with --theme', async () => {
    const result = await runCli(['themes', '--data', dataDir, '--theme', 'domestic-abuse']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^Themes across \d+ reviews \(a report with its summary and briefing counts once\), by year of publication/,
    );
    expect(result.stdout).toMatch(/\ndomestic-abuse +\d+/);
    expect(result.stdout).not.toMatch(/\nneglect +\d+/);
  });

  it.each([
    [
      ['--theme', 'domestik-abuse'],
      'casereviews: --theme: unknown theme id "domestik-abuse"; the ids are in config/themes.yaml\n',
    ],
    [['--min', '0'], 'casereviews: --min: expected a positive integer, got "0"\n'],
  ])('rejects bad usage %j with exit status 2', async (flags, message) => {
    const result = await runCli(['themes', '--data', dataDir, ...flags]);
    expect(result).toEqual({ status: 2, stdout: '', stderr: message });
  });

  it('says so when the data directory has no store', async () => {
    const empty = tempDir();
    const result = await runCli(['themes', '--data', empty]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `casereviews: no data in ${empty}: run "casereviews run --config <sources.yaml>" first\n`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { buildLabelledDocument, LABELLED_SPECS } from '../fixtures/extract/index.js';
import { ExportRecord } from '../src/contracts/index.js';
import { extractPending, metadata } from '../src/extract/index.js';
import { openStore, storeDocumentBytes, upsertSource } from '../src/index/index.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

const { ageInMonths, childAgeIn } = metadata;

describe('the child’s age in months', () => {
  it.each([
    ['Baby T was seven weeks old when he died.', '7 weeks', 1.6],
    ['Child E died at nine weeks old.', '9 weeks', 2],
    ['Patricia was aged 5 months when she was admitted.', '5 months', 5],
    ['The baby was 10 days old when she was admitted.', '10 days', 0.3],
    ['Leo, a 15-year-old, sustained serious injuries.', '15 years', 180],
    ['Child S was 1 year old when she died.', '1 year', 12],
  ])('%s → %s, %d months', (text, age, months) => {
    expect(childAgeIn([text])).toMatchObject({ value: age, months });
  });

  it('keeps "under 1" and "1 or over" apart', () => {
    expect(ageInMonths(11, 'month')).toBeLessThan(12);
    expect(ageInMonths(52, 'week')).toBeLessThan(12);
    expect(ageInMonths(365, 'day')).toBeLessThan(12);
    expect(ageInMonths(1, 'year')).toBe(12);
  });
});

/** Archives three labelled documents in a fresh data directory and extracts them. */
async function extractedStore(ids: readonly string[]): Promise<string> {
  const dataDir = tempDir();
  const store = openStore(dataDir);
  try {
    for (const id of ids) {
      const spec = LABELLED_SPECS.find((s) => s.id === id);
      if (!spec) throw new Error(`no labelled spec ${id}`);
      const doc = await buildLabelledDocument(spec);
      const sourceId = upsertSource(store, {
        area: spec.area,
        nation: 'England',
        startUrls: ['http://127.0.0.1/reviews/'],
        maxRequestsPerMinute: 60,
      } as Parameters<typeof upsertSource>[1]);
      storeDocumentBytes(store, {
        url: `http://127.0.0.1/reviews/${id}.pdf`,
        sourceId,
        bytes: doc.bytes,
        mediaType: doc.mediaType,
      });
    }
    const report = await extractPending(store, { limits: { threads: 1 } });
    expect(report.failed).toEqual([]);
  } finally {
    store.close();
  }
  return dataDir;
}

describe('childAgeMonths in exports', () => {
  it('is in every JSON record and CSV row, null where the age is unknown', async () => {
    const dataDir = await extractedStore(['farrowdale-baby-t', 'redwick-leo-exec', 'elsworth-thematic']);
    const jsonl = await runCli(['export', '--format', 'jsonl', '--data', dataDir]);
    expect(jsonl.status).toBe(0);
    const records = jsonl.stdout
      .trim()
      .split('\n')
      .map((line) => ExportRecord.parse(JSON.parse(line)));
    const byTitle = Object.fromEntries(records.map((r) => [r.title, [r.childAge, r.childAgeMonths]]));
    expect(byTitle).toEqual({
      'CSPR Baby T': ['7 weeks', 1.6],
      'Local Child Safeguarding Practice Review: Leo Executive Summary': ['15 years', 180],
      'Thematic Review of Contextual Safeguarding Responses': [null, null],
    });

    const csv = await runCli(['export', '--format', 'csv', '--data', dataDir]);
    const [header, ...rows] = csv.stdout.trimEnd().split('\r\n');
    // Counted from the end of a row: a quoted title earlier in it may hold commas.
    const column = header?.split(',').indexOf('childAgeMonths') ?? -1;
    expect(column).toBeGreaterThan(0);
    expect(rows.map((row) => row.split(',').at(column - (header?.split(',').length ?? 0))).sort()).toEqual([
      '',
      '1.6',
      '180',
    ]);
  });
});

describe('migration 3', () => {
  it('gives ages already stored as text their number of months', () => {
    const dataDir = tempDir();
    // A data directory as the previous release left it: schema version 2, ages as text only.
    const old = openStore(dataDir);
    old.db.exec('ALTER TABLE document_meta DROP COLUMN child_age_months');
    old.db.pragma('user_version = 2');
    // Rows without documents: this test is about the column, not the whole schema.
    old.db.pragma('foreign_keys = OFF');
    const insert = old.db.prepare(
      "INSERT INTO document_meta (document_id, sha256, is_review, child_age) VALUES (?, 'x', 1, ?)",
    );
    for (const [id, age] of [
      ['a', '7 weeks'],
      ['b', '15 years'],
      ['c', '3 months'],
      ['d', '10 days'],
      ['e', null],
    ] as const) {
      insert.run(id, age);
    }
    old.close();

    const store = openStore(dataDir);
    try {
      const rows = store.db
        .prepare('SELECT document_id AS id, child_age_months AS months FROM document_meta ORDER BY id')
        .all();
      expect(rows).toEqual([
        { id: 'a', months: 1.6 },
        { id: 'b', months: 180 },
        { id: 'c', months: 3 },
        { id: 'd', months: 0.3 },
        { id: 'e', months: null },
      ]);
      // The same numbers extraction gives.
      expect([ageInMonths(7, 'week'), ageInMonths(10, 'day')]).toEqual([1.6, 0.3]);
    } finally {
      store.close();
    }
  });
});

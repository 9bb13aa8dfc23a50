import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import type { FixtureWeb } from '../fixtures/web/index.js';
import { startFixtureWeb } from '../fixtures/web/index.js';
import { ExportRecord, SearchAnswer } from '../src/contracts/index.js';
import { openStore } from '../src/index/index.js';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';

let web: FixtureWeb;
let dataDir: string;
let configFile: string;
let firstRun: CliResult;
let records: ExportRecord[];

beforeAll(async () => {
  web = await startFixtureWeb();
  dataDir = mkdtempSync(join(tmpdir(), 'casereviews-e2e-'));
  configFile = join(dataDir, 'sources.yaml');
  const sources = parseYaml(web.sourcesYaml) as object;
  writeFileSync(configFile, stringify({ crawl: { maxRequestsPerMinute: 6000 }, ...sources }));
  firstRun = await runCli(['run', '--config', configFile, '--data', dataDir]);
  const exported = await runCli(['export', '--format', 'jsonl', '--data', dataDir]);
  records = exported.stdout
    .trim()
    .split('\n')
    .map((line) => ExportRecord.parse(JSON.parse(line)));
}, 300_000);

afterAll(async () => {
  await web?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('casereviews run on the fixture web', () => {
  it('finishes without failed documents and reports on stderr only', () => {
    expect(firstRun.stderr).toMatch(/crawl: \d+ source/);
    expect(firstRun.stdout).toBe('');
    expect(firstRun.status).toBe(0);
  });

  it('exports every review document with its area and publication year', () => {
    const byUrl = new Map(records.map((record) => [record.documentUrl, record]));
    const reviews = web.documents.filter((doc) => doc.isReview);
    expect(reviews.length).toBeGreaterThanOrEqual(14);
    const wrong = reviews.flatMap((doc) => {
      const record = byUrl.get(doc.url);
      if (!record) return [`missing: ${doc.url} (${doc.title})`];
      const problems = [];
      if (record.area !== doc.area) problems.push(`area ${record.area} ≠ ${doc.area}`);
      if (record.year !== doc.year) problems.push(`year ${record.year} ≠ ${doc.year}`);
      return problems.map((p) => `${doc.title}: ${p}`);
    });
    expect(wrong).toEqual([]);
  });

  it('titles each review as its cover does, in the capitals a reader expects', () => {
    const norm = (title: string | null) => (title ?? '').toLowerCase().replace(/\W+/g, ' ').trim();
    const byUrl = new Map(records.map((record) => [record.documentUrl, record]));
    const wrong = web.documents
      .filter((doc) => doc.isReview && byUrl.has(doc.url))
      .flatMap((doc) => {
        const title = byUrl.get(doc.url)?.title ?? null;
        return norm(title) === norm(doc.title) && title !== title?.toUpperCase()
          ? []
          : [`${doc.title} → ${title}`];
      });
    expect(wrong).toEqual([]);
  });

  it('keeps non-review documents out of the reviews', () => {
    const exportedUrls = new Set(records.map((record) => record.documentUrl));
    const leaked = web.documents
      .filter((doc) => !doc.isReview && exportedUrls.has(doc.url))
      .map((doc) => doc.title);
    expect(leaked).toEqual([]);
  });

  it('fills every export field, with null for what is unknown', () => {
    for (const record of records) {
      expect(Object.keys(record).sort()).toEqual(Object.keys(ExportRecord.shape).sort());
      expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(record.online).toBe(true);
    }
  });

  it('finds each review first when searched for a phrase from it', async () => {
    const misses: string[] = [];
    for (const doc of web.documents.filter((d) => d.isReview)) {
      const result = await runCli(['search', `"${doc.phrase}"`, '--json', '--data', dataDir]);
      const answer = SearchAnswer.parse(JSON.parse(result.stdout));
      if (answer.results[0]?.documentUrl !== doc.url)
        misses.push(`${doc.phrase} → ${answer.results[0]?.documentUrl ?? 'nothing'}`);
    }
    expect(misses).toEqual([]);
  });

  it("puts a case's own report first when searched by the child's name", async () => {
    const reports = web.documents.filter((d) => d.isReview && d.documentKind === 'full-report');
    const names = new Set(reports.flatMap((d) => d.childNames));
    expect(names.size).toBeGreaterThanOrEqual(5);
    const misses: string[] = [];
    for (const name of names) {
      const result = await runCli(['search', name, '--json', '--data', dataDir]);
      const first = SearchAnswer.parse(JSON.parse(result.stdout)).results[0];
      const wanted = reports.filter((d) => d.childNames.includes(name)).map((d) => d.url);
      if (!first || !wanted.includes(first.documentUrl))
        misses.push(`${name} → ${first?.title ?? 'nothing'}`);
    }
    expect(misses).toEqual([]);
  });

  it('rebuilds the index on request without changing what searches find', async () => {
    const before = await runCli(['search', 'neglect', '--json', '--data', dataDir]);
    const rebuilt = await runCli(['index', '--rebuild', '--data', dataDir]);
    expect(rebuilt.stderr).toMatch(/index \(sqlite\): \d+ indexed, 0 unchanged, 0 removed \(rebuilt\)/);
    const after = await runCli(['search', 'neglect', '--json', '--data', dataDir]);
    expect(JSON.parse(after.stdout)).toEqual(JSON.parse(before.stdout));
  });

  it('does no work again on a second run over an unchanged web', async () => {
    const again = await runCli(['run', '--config', configFile, '--data', dataDir]);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/extract: 0 extracted/);
    expect(again.stderr).toMatch(/index \(sqlite\): 0 indexed/);
    expect(again.stderr).toMatch(/^total\s+\d+\s+0\s+0\s+\d+\s+0\s+0$/m);
  });
});

describe('exports a briefing writer opens', () => {
  const byUrl = () => new Map(records.map((record) => [record.documentUrl, record]));
  const childJ = () =>
    web.documents.filter((doc) => doc.isReview && doc.childNames.includes('Child J')).map((doc) => doc.url);

  it("ties a case's report, summary, briefing and response together as one review", () => {
    const docs = childJ().map((url) => byUrl().get(url) as ExportRecord);
    expect(docs).toHaveLength(4);
    expect(new Set(docs.map((d) => d.reviewGroup)).size).toBe(1);
    for (const doc of docs) {
      expect(doc.companions.sort()).toEqual(
        docs
          .map((d) => d.id)
          .filter((id) => id !== doc.id)
          .sort(),
      );
    }
  });

  it('ties the documents of one case together even when no page lists them side by side', () => {
    const cases = new Map<string, Set<string>>();
    for (const doc of web.documents) {
      const record = doc.isReview ? byUrl().get(doc.url) : undefined;
      if (!record || doc.childNames.length === 0) continue;
      const key = `${doc.area}: ${doc.childNames[0]}`;
      cases.set(key, (cases.get(key) ?? new Set()).add(record.reviewGroup));
    }
    const split = [...cases].filter(([, groups]) => groups.size > 1).map(([key]) => key);
    expect(split, 'cases whose documents fall in more than one review group').toEqual([]);
    const groups = [...cases.values()].map((set) => [...set][0]);
    expect(new Set(groups).size, 'distinct cases merged into one group').toBe(cases.size);
    expect(cases.get('Eastmere: Siblings W and X')).toBeDefined();
  });

  it('writes CSV a spreadsheet reads: a header, one row per review document, quoted fields', async () => {
    const csv = await runCli(['export', '--format', 'csv', '--data', dataDir]);
    const rows = csv.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'id,title,area,nation,year,publishedDate,reviewType,documentKind,childNames,themes,documentUrl,sourcePage,' +
        'online,pages,sha256,firstSeen,lastSeen,childAge,childOutcome,reviewGroup,companions,childAgeMonths,yearSource',
    );
    expect(rows).toHaveLength(records.length + 1);
    const matthew = rows.find((row) => row.includes('Serious Case Review: Matthew'));
    expect(matthew).toMatch(/^[0-9a-f]{16},"?Serious Case Review: Matthew"?,Harbourside,England,2022,/);
  });

  it('groups a Markdown briefing by review, full report first, each quote citing its document and page', async () => {
    const md = await runCli(['export', '--format', 'md', '--theme', 'neglect', '--data', dataDir]);
    expect(md.status).toBe(0);
    expect(md.stdout).toMatch(/^# Learning from case reviews: Neglect\n/);
    const matthew = md.stdout.split('\n## ').find((part) => part.startsWith('Serious Case Review: Matthew'));
    expect(matthew).toBeDefined();
    expect(matthew).toMatch(
      /- Full report: Serious Case Review: Matthew \(2022\)[^\n]*\n- Briefing: SCR Matthew/,
    );
    expect(matthew).toMatch(/> — (full report|briefing), p\. \d+, (learning|findings|recommendations)/);
    // Reviews with learning to quote come first, strongest on the theme first.
    const quoted = md.stdout
      .split('\n## ')
      .slice(1)
      .map((part) => !part.includes('_No learning, findings or recommendations passages'));
    expect(quoted[0]).toBe(true);
    expect(quoted.indexOf(false) === -1 || !quoted.slice(quoted.indexOf(false)).includes(true)).toBe(true);
  });
});

describe('theme tags on the fixture web', () => {
  const reviewRecords = () => {
    const byUrl = new Map(records.map((record) => [record.documentUrl, record]));
    return web.documents.flatMap((doc) => {
      const record = doc.isReview ? byUrl.get(doc.url) : undefined;
      return record ? [{ record, truth: doc.themes }] : [];
    });
  };

  it('finds the themes each review is written about, without tagging every theme it mentions', () => {
    const reviews = reviewRecords();
    const wanted = reviews.flatMap(({ record, truth }) =>
      truth.map((id) => ({ id, found: record.themes.some((t) => t.id === id) })),
    );
    const missed = wanted.filter((w) => !w.found).map((w) => w.id);
    expect(missed.length / wanted.length, `missed: ${missed.join(', ')}`).toBeLessThanOrEqual(0.1);
    const perReview = reviews.reduce((sum, { record }) => sum + record.themes.length, 0) / reviews.length;
    expect(perReview).toBeLessThanOrEqual(9);
  });

  it('keeps for every tag a score and evidence passages found on the page given', () => {
    const store = openStore(dataDir, { readonly: true });
    try {
      const onPage = store.db.prepare(
        'SELECT 1 FROM passages WHERE document_id = ? AND page = ? AND text LIKE ?',
      );
      for (const { record } of reviewRecords()) {
        for (const theme of record.themes) {
          expect(theme.score).toBeGreaterThan(0);
          expect(theme.score).toBeLessThanOrEqual(1);
          expect(theme.evidence.length).toBeGreaterThan(0);
          for (const evidence of theme.evidence) {
            const start = evidence.text.slice(0, 60).replace(/[%_]/g, '');
            expect(
              onPage.get(record.id, evidence.page, `${start}%`),
              `${record.id} ${theme.id}`,
            ).toBeTruthy();
          }
        }
      }
    } finally {
      store.close();
    }
  });

  it('counts in the themes command exactly the exported reviews that carry each theme', async () => {
    const result = await runCli(['themes', '--data', dataDir, '--json', '--limit', '3']);
    const answer = JSON.parse(result.stdout) as { themes: { themeId: string; reviews: number }[] };
    // Every exported review, the report pages archived as HTML (not in the fixture truth)
    // included; a report with its summary and briefing (one review group) counts once.
    const reviews = records;
    expect(answer.themes.length).toBeGreaterThan(0);
    for (const theme of answer.themes) {
      const carrying = reviews.filter((r) => r.themes.some((t) => t.id === theme.themeId));
      expect(theme.reviews, theme.themeId).toBe(new Set(carrying.map((r) => r.reviewGroup)).size);
    }
    expect(new Set(reviews.map((r) => r.reviewGroup)).size).toBeLessThan(reviews.length);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrapWeb } from '../fixtures/web/index.js';
import { startTrapWeb } from '../fixtures/web/index.js';
import type { CrawlReport } from '../src/crawl/index.js';
import type { Store } from '../src/index/index.js';
import { documentLocations, getManifestEntry, openStore, readBlob } from '../src/index/index.js';
import { readCrawlReport, writeSourcesConfig } from './helpers/crawl-config.js';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';

let web: TrapWeb;
let dataDir: string;
let result: CliResult;
let report: CrawlReport;
let store: Store;

const CONTACT = 'https://example.org/about-our-crawler';

beforeAll(async () => {
  web = await startTrapWeb({ slowMs: 300 });
  dataDir = mkdtempSync(join(tmpdir(), 'casereviews-traps-'));
  // Two requests at once: the slow host may hold one of them, never both.
  const config = writeSourcesConfig(dataDir, web.sourcesYaml, {
    contactUrl: CONTACT,
    maxRequestsPerMinute: 6000,
    maxConcurrency: 2,
    requestTimeoutMs: 1000,
    maxRetries: 1,
  });
  result = await runCli(['crawl', '--config', config, '--data', dataDir]);
  report = readCrawlReport(dataDir, 'crawl', 1);
  store = openStore(dataDir, { readonly: true });
}, 60_000);

afterAll(async () => {
  store?.close();
  await web?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const requestsFor = (url: string) => web.requests.filter((r) => r.origin + r.path === url);

describe('crawling sites that set traps', () => {
  it('exits 1 and lists each failed URL with its reason', () => {
    expect(result.status).toBe(1);
    const failures = report.sources.flatMap((s) => s.failures.map((f) => `${s.area}: ${f.url}: ${f.reason}`));
    const expected = [
      `Ravensholme: ${web.urls.htmlAsPdf}: served as a PDF but is not one (starts with "<!DOCTYPE html>\\n<html><head><title>Error")`,
      `Ravensholme: ${web.urls.emptyPdf}: empty body (0 bytes)`,
      `Ravensholme: ${web.urls.redirectLoop}: redirect loop (back to ${web.urls.redirectLoop})`,
      `Lowfold: ${web.urls.hangs}: no complete answer within 1000 ms`,
    ];
    const truncated = new RegExp(
      `^Ravensholme: ${escape(web.urls.truncatedPdf)}: truncated PDF \\(\\d+ bytes, no %%EOF marker at the end\\)$`,
    );
    expect(failures.filter((f) => !truncated.test(f)).sort()).toEqual(expected.sort());
    expect(failures.filter((f) => truncated.test(f))).toHaveLength(1);
    for (const failure of failures) expect(result.stderr).toContain(`failed: ${failure}`);
  });

  it('never requests a URL robots.txt disallows, and reports it skipped', () => {
    expect(web.requests.filter((r) => r.path.startsWith('/private/'))).toEqual([]);
    expect(getManifestEntry(store, web.urls.disallowed)).toMatchObject({ outcome: 'skipped', status: null });
    expect(result.stderr).toMatch(/^skipped: Ravensholme: 1 disallowed by robots\.txt$/m);
  });

  it('never requests a linked URL on a domain outside the source', () => {
    expect(web.requests.filter((r) => r.origin === web.origins.offsite)).toEqual([]);
  });

  it('recognises a PDF by its bytes at a download URL without .pdf', () => {
    const entry = getManifestEntry(store, web.urls.downloadWithoutExtension);
    expect(entry).toMatchObject({ kind: 'document', outcome: 'new', contentType: 'application/pdf' });
    const blob = readBlob(store, entry?.sha256 as string);
    expect(blob.mediaType).toBe('application/pdf');
    expect(blob.path).toMatch(/\.pdf$/);
    expect(readFileSync(blob.path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('keeps a Word document as a DOCX, recognised by its bytes and headers', () => {
    const entry = getManifestEntry(store, web.urls.docx);
    expect(entry).toMatchObject({ kind: 'document', outcome: 'new' });
    const blob = readBlob(store, entry?.sha256 as string);
    expect(blob.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(blob.path).toMatch(/\.docx$/);
  });

  it('retries a 500 after a back-off and keeps the PDF', () => {
    const tries = requestsFor(web.urls.failsOnce);
    expect(tries).toHaveLength(2);
    expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(getManifestEntry(store, web.urls.failsOnce)).toMatchObject({ outcome: 'new', status: 200 });
  });

  it('gives up on a host that never answers after its retries, within the timeout each time', () => {
    const tries = requestsFor(web.urls.hangs);
    expect(tries).toHaveLength(2);
    expect(getManifestEntry(store, web.urls.hangs)).toMatchObject({ outcome: 'failed', status: null });
  });

  it('follows a paginated listing to its second page', () => {
    expect(getManifestEntry(store, web.urls.paginated)).toMatchObject({ kind: 'document', outcome: 'new' });
    expect(getManifestEntry(store, web.urls.paginated)?.documentId).not.toBeNull();
  });

  it('keeps the same PDF on two sites as one document with two locations', () => {
    const a = getManifestEntry(store, web.urls.sharedOnRavensholme);
    const b = getManifestEntry(store, web.urls.sharedOnMoorcross);
    expect(a?.documentId).toBeTruthy();
    expect(b?.documentId).toBe(a?.documentId);
    const urls = documentLocations(store, a?.documentId as string).map((l) => l.url);
    expect(urls.sort()).toEqual([web.urls.sharedOnMoorcross, web.urls.sharedOnRavensholme].sort());
  });

  it('keeps a slow host from holding up the others', () => {
    const slow = web.requests.filter((r) => r.origin === web.origins.lowfold).map((r) => r.at);
    const fast = web.requests.filter((r) => r.origin !== web.origins.lowfold).map((r) => r.at);
    // Lowfold answers every request 300 ms late and one never; the other sites are done long before.
    expect(Math.max(...fast)).toBeLessThan(Math.max(...slow.slice(0, -2)));
    expect(web.requests.filter((r) => r.origin === web.origins.lowfold).length).toBe(10);
  });

  it('reports per source, as a table on stderr and as JSON in the data directory', () => {
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^crawl report \(failed: documents that failed \+ pages and robots\.txt files that could not be read\)\nsource\s+pages\s+new\s+changed\s+unchanged\s+gone\s+failed$/m,
    );
    expect(result.stderr).toMatch(/^Lowfold\s+1\s+6\s+0\s+0\s+0\s+1$/m);
    expect(result.stderr).toMatch(/^total\s+4\s+12\s+0\s+1\s+0\s+5$/m);
    const lowfold = report.sources.find((s) => s.area === 'Lowfold');
    expect(lowfold).toMatchObject({
      pages: 1,
      documents: { new: 6, changed: 0, unchanged: 0, gone: 0, failed: 1 },
      complete: true,
    });
    expect(report.sources.find((s) => s.area === 'Ravensholme')).toMatchObject({
      pages: 2,
      skipped: 1,
      skippedReasons: { 'disallowed by robots.txt': 1 },
      // The redirect loop was linked as a page: a failed page, not a failed document, and
      // what it might have linked was not reached.
      documents: { failed: 3, gone: 0 },
      pagesFailed: 1,
      complete: false,
      failures: expect.arrayContaining([expect.objectContaining({ url: web.urls.redirectLoop })]),
    });
  });

  it('names itself and its contact URL in every request', () => {
    const agents = new Set(web.requests.map((r) => r.headers['user-agent']));
    expect([...agents]).toEqual([
      expect.stringMatching(new RegExp(`^casereviews/\\S+ \\(\\+${CONTACT}\\)$`)),
    ]);
  });

  it('keeps a review its site takes down (410) in the archive, offline, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casereviews-traps-gone-'));
    try {
      const moorcrossOnly = writeSourcesConfig(
        dir,
        web.sourcesYaml,
        { maxRequestsPerMinute: 6000 },
        (area) => area === 'Moorcross',
      );
      const childP = `${web.origins.moorcross}/documents/child-p-overview-report.pdf`;
      expect((await runCli(['crawl', '--config', moorcrossOnly, '--data', dir])).status).toBe(0);
      web.takeDown(childP);
      const again = await runCli(['crawl', '--config', moorcrossOnly, '--data', dir]);
      expect(again.status).toBe(0);
      expect(again.stderr).toMatch(/^Moorcross\s+1\s+0\s+0\s+1\s+1\s+0$/m);
      expect(again.stderr).toContain(`gone: Moorcross: ${childP} (HTTP 410)`);
      const gone = openStore(dir, { readonly: true });
      try {
        const entry = getManifestEntry(gone, childP);
        expect(entry).toMatchObject({ outcome: 'gone', status: 410 });
        expect(gone.db.prepare('SELECT online FROM documents WHERE id = ?').get(entry?.documentId)).toEqual({
          online: 0,
        });
        expect(
          readFileSync(readBlob(gone, entry?.sha256 as string).path)
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
      } finally {
        gone.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureWeb, SiteRequest, WebChange } from '../fixtures/web/index.js';
import { startFixtureWeb } from '../fixtures/web/index.js';
import { main } from '../src/cli/main.js';
import type { CrawlReport } from '../src/crawl/index.js';
import type { Store } from '../src/index/index.js';
import { getManifestEntry, loadReviewGroups, openStore, readBlob, sha256Of } from '../src/index/index.js';
import { readCrawlReport, writeSourcesConfig } from './helpers/crawl-config.js';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';

let web: FixtureWeb;
let dataDir: string;
let config: string;
const runs: { result: CliResult; report: CrawlReport; requests: SiteRequest[] }[] = [];
let change: WebChange;
let terminal = '';

/** Crawls once; `tty` runs the CLI with a terminal on stderr and keeps what it drew. */
async function crawl(tty = false): Promise<void> {
  web.requests.length = 0;
  let result: CliResult;
  if (tty) {
    let stderr = '';
    const status = await main(['crawl', '--config', config, '--data', dataDir], {
      stdout: { write: () => true },
      stderr: { write: (chunk: string) => (stderr += chunk), isTTY: true },
      env: {},
      cwd: process.cwd(),
    });
    terminal = stderr;
    result = { status, stdout: '', stderr };
  } else {
    result = await runCli(['crawl', '--config', config, '--data', dataDir]);
  }
  runs.push({
    result,
    report: readCrawlReport(dataDir, 'crawl', runs.length + 1),
    requests: [...web.requests],
  });
}

/** The Kingsford page that is itself a report, as served before and after the web moved on. */
const reportPage = { url: '', first: Buffer.alloc(0), later: Buffer.alloc(0) };
const served = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

beforeAll(async () => {
  web = await startFixtureWeb();
  dataDir = mkdtempSync(join(tmpdir(), 'casereviews-recrawl-'));
  config = writeSourcesConfig(dataDir, web.sourcesYaml, { maxRequestsPerMinute: 6000 });
  const kingsford = web.sources.find((s) => s.area === 'Kingsford and Ashby');
  reportPage.url = `${new URL(kingsford?.startUrls[0] as string).origin}/scr-ka18-baby-f/`;
  reportPage.first = await served(reportPage.url);
  await crawl();
  await crawl(true);
  change = await web.advance();
  reportPage.later = await served(reportPage.url);
  await crawl();
}, 120_000);

afterAll(async () => {
  await web?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function withStore<T>(read: (store: Store) => T): T {
  const store = openStore(dataDir, { readonly: true });
  try {
    return read(store);
  } finally {
    store.close();
  }
}

const pathOf = (url: string): string => {
  const { pathname, search } = new URL(url);
  return pathname + search;
};
const pagesAsked = (requests: SiteRequest[]) =>
  requests.filter((r) => r.status === 200 && r.path !== '/robots.txt').map((r) => r.origin + r.path);

describe('a weekly crawl of the fixture web', () => {
  it('archives every review document the sites link to on the first crawl', () => {
    expect(runs[0]?.result.status).toBe(0);
    const missing = web.documents.filter(
      (doc) => doc.isReview && !withStore((store) => getManifestEntry(store, doc.url)?.documentId),
    );
    expect(missing.map((doc) => doc.url)).toEqual([]);
  });

  it('asks again for every page and, conditionally, for every known document on the next crawl', () => {
    const [first, second] = runs;
    const documentUrls = new Set(web.documents.map((doc) => doc.url));
    const firstPages = pagesAsked(first?.requests ?? []).filter((url) => !documentUrls.has(url));
    const secondAsked = new Set((second?.requests ?? []).map((r) => r.origin + r.path));
    expect(firstPages.filter((url) => !secondAsked.has(url))).toEqual([]);
    const known = web.documents.filter((doc) =>
      withStore((store) => getManifestEntry(store, doc.url)?.documentId),
    );
    for (const doc of known) {
      const asked = second?.requests.filter((r) => r.origin + r.path === doc.url) ?? [];
      expect(asked, doc.url).toHaveLength(1);
      expect(asked[0]?.headers['if-none-match'], doc.url).toBeTruthy();
      expect(asked[0]?.status, doc.url).toBe(304);
    }
    const documents = first?.report.sources.reduce((n, s) => n + s.documents.new, 0);
    expect(second?.result.stderr).toMatch(
      new RegExp(`^total\\s+\\d+\\s+0\\s+0\\s+${documents}\\s+0\\s+0$`, 'm'),
    );
  });

  it('shows its progress while it runs on a terminal', () => {
    // Each status line is drawn over the last one: carriage return, then "erase line".
    const redraw = '\r\u001b[2K';
    const lines = terminal.split(redraw);
    expect(lines.some((line) => /^crawl: \d+ URLs done, \d+ queued, \d+ hosts busy · 0 new/.test(line))).toBe(
      true,
    );
    // The status line is cleared before the report is written.
    expect(lines.some((line) => line.startsWith('crawl report ('))).toBe(true);
  });

  it('reports exactly what changed after a week: one changed, one gone, two new', () => {
    const third = runs[2];
    expect(third?.result.status).toBe(0);
    const westbrook = third?.report.sources.find((s) => s.area === 'Westbrook');
    expect(westbrook?.documents).toEqual({ new: 2, changed: 1, unchanged: 3, gone: 1, failed: 0 });
    expect(westbrook?.gone).toEqual([
      {
        documentId: expect.stringMatching(/^[0-9a-f]{16}$/),
        url: change.removed[0]?.url,
        reason: 'no longer linked from the source pages',
      },
    ]);
    const others = third?.report.sources.filter((s) => s.area !== 'Westbrook') ?? [];
    for (const source of others) expect(source.documents).toMatchObject({ new: 0, changed: 0, gone: 0 });
    expect(third?.result.stderr).toMatch(/^Westbrook\s+1\s+2\s+1\s+3\s+1\s+0$/m);
    expect(third?.result.stderr).toContain(
      `gone: Westbrook: ${change.removed[0]?.url} (no longer linked from the source pages)`,
    );
  });

  it('downloads only what changed: conditional requests for known documents, none for the removed one', () => {
    const requests = runs[2]?.requests ?? [];
    const asked = (url: string) => requests.filter((r) => r.origin + r.path === url);
    const changed = change.changed[0]?.url as string;
    expect(asked(changed)).toEqual([
      expect.objectContaining({
        status: 200,
        headers: expect.objectContaining({ 'if-none-match': expect.any(String) }),
      }),
    ]);
    for (const doc of change.added) {
      expect(asked(doc.url)).toEqual([expect.objectContaining({ status: 200 })]);
      expect(asked(doc.url)[0]?.headers['if-none-match']).toBeUndefined();
    }
    expect(asked(change.removed[0]?.url as string)).toEqual([]);
    const untouched = web.documents.filter(
      (doc) => doc.area !== 'Westbrook' && withStore((store) => getManifestEntry(store, doc.url)?.documentId),
    );
    for (const doc of untouched) expect(asked(doc.url).map((r) => r.status)).toEqual([304]);
  });

  it('keeps the removed review in the archive, offline, and both versions of the changed one', () => {
    withStore((store) => {
      const removed = getManifestEntry(store, change.removed[0]?.url as string);
      expect(removed).toMatchObject({ outcome: 'gone' });
      const row = store.db
        .prepare('SELECT online, sha256 FROM documents WHERE id = ?')
        .get(removed?.documentId) as {
        online: number;
        sha256: string;
      };
      expect(row.online).toBe(0);
      expect(existsSync(readBlob(store, row.sha256).path)).toBe(true);
      const changed = getManifestEntry(store, change.changed[0]?.url as string);
      const versions = store.db
        .prepare('SELECT sha256 FROM document_versions WHERE document_id = ?')
        .all(changed?.documentId) as { sha256: string }[];
      expect(versions).toHaveLength(2);
      for (const version of versions) expect(existsSync(readBlob(store, version.sha256).path)).toBe(true);
    });
  });

  it('archives a page that is itself a report, with its own bytes, as text/html', () => {
    const landingPage = `${new URL(reportPage.url).origin}/kascp2020-21-01`;
    withStore((store) => {
      const entry = getManifestEntry(store, reportPage.url);
      expect(entry).toMatchObject({ kind: 'document', sha256: sha256Of(reportPage.first) });
      expect(readBlob(store, entry?.sha256 as string).mediaType).toBe('text/html');
      // A landing page that summarises a review and links its PDFs stays a page.
      expect(getManifestEntry(store, landingPage)).toMatchObject({ kind: 'page', documentId: null });
      // A week later only the site's footer changed: the same report, not a new version.
      expect(sha256Of(reportPage.later)).not.toBe(sha256Of(reportPage.first));
      expect(entry?.outcome).toBe('unchanged');
      expect(
        store.db
          .prepare('SELECT count(*) AS n FROM document_versions WHERE document_id = ?')
          .get(entry?.documentId),
      ).toEqual({ n: 1 });
    });
  });

  it("groups each review's documents as its pages present them, and nothing else", () => {
    const groups = withStore((store) => {
      const urlOf = new Map(
        (store.db.prepare('SELECT id, url FROM documents').all() as { id: string; url: string }[]).map(
          (r) => [r.id, pathOf(r.url)],
        ),
      );
      const found = new Set(loadReviewGroups(store).values());
      return [...found]
        .filter((group) => group.documentIds.length > 1)
        .map((group) => group.documentIds.map((id) => urlOf.get(id) as string).sort());
    });
    expect(groups.sort((a, b) => (a[0] as string).localeCompare(b[0] as string))).toEqual(
      [
        // A table row: the case and its overview report and learning brief.
        ['/media/1011/child-nb-learning-brief.pdf', '/media/1043/child-nb-overview-report.pdf'],
        // An accordion panel headed with the child's name.
        [
          '/wp-content/uploads/2022/03/Child-Kilo-Executive-Summary.pdf',
          '/wp-content/uploads/2022/03/Child-Kilo-LCSPR-Final-Report.pdf',
        ],
        // A library section headed "Child J"; the one-page summary keeps its place after removal.
        [
          '/downloads/file/123/child-j-overview-report',
          '/downloads/file/124/child-j-executive-summary',
          '/downloads/file/125/child-j-one-page-learning-summary',
          '/downloads/file/126/wscp-response-child-j',
        ],
        ['/downloads/file/131/child-q-overview-report', '/downloads/file/132/child-q-executive-summary'],
        // The HTML report with its briefing and the PDF of the full report it links.
        [
          '/scr-ka18-baby-f/',
          '/wp-content/uploads/2019/10/SCR-KA18-Baby-F-Overview-Report.pdf',
          '/wp-content/uploads/2019/10/Six-step-Briefing-KA18-Baby-F.pdf',
        ],
        // A landing page per case: report, briefing note and presentation.
        [
          '/wp-content/uploads/2024/12/KASCP-2020-21-01-Briefing-Note.pdf',
          '/wp-content/uploads/2024/12/KASCP-2020-21-01-LCSPR-Leo.pdf',
          '/wp-content/uploads/2024/12/KASCP-2020-21-01-Presentation.pdf',
        ],
        // One paragraph: "Read the full report for SCR Matthew here. Read the Learning Briefing … here."
        ['/documents/scr-matthew-learning-briefing.pdf', '/documents/scr-matthew-overview-report.pdf'],
      ]
        .map((group) => group.sort())
        .sort((a, b) => (a[0] as string).localeCompare(b[0] as string)),
    );
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrapRoute, TrapWeb } from '../fixtures/web/index.js';
import { startTrapWeb } from '../fixtures/web/index.js';
import { getManifestEntry, openStore } from '../src/index/index.js';
import { readCrawlReport, writeSourcesConfig } from './helpers/crawl-config.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

let web: TrapWeb;

beforeEach(async () => {
  web = await startTrapWeb({ slowMs: 0 });
});

afterEach(async () => {
  await web.close();
});

/** Writes a config for one trap source in a fresh data directory; `crawl` runs the CLI on it. */
function oneSource(area: string) {
  const dir = tempDir();
  const config = writeSourcesConfig(
    dir,
    web.sourcesYaml,
    { maxRequestsPerMinute: 6000, requestTimeoutMs: 1000, maxRetries: 0 },
    (name) => name === area,
  );
  return { dir, crawl: () => runCli(['crawl', '--config', config, '--data', dir]) };
}

/** Each document's `online` flag and its URLs' manifest outcome, by URL. */
function documentStates(dir: string, urls: readonly string[]) {
  const store = openStore(dir, { readonly: true });
  try {
    return urls.map((url) => {
      const entry = getManifestEntry(store, url);
      const row = store.db.prepare('SELECT online FROM documents WHERE id = ?').get(entry?.documentId) as
        { online: number } | undefined;
      return { url, outcome: entry?.outcome, online: row?.online };
    });
  } finally {
    store.close();
  }
}

describe('a crawl that could not read every page', () => {
  const listingPage2 = () => `${web.origins.ravensholme}/safeguarding/case-reviews/?page=2`;

  it.each<[string, TrapRoute, string]>([
    ['answers 500', { kind: 'status', status: 500 }, 'server answered 500'],
    ['times out', { kind: 'hang' }, 'no complete answer within 1000 ms'],
  ])(
    'keeps the documents it did not reach when a listing page %s, and exits 1 naming the page',
    async (_, route, reason) => {
      const { dir, crawl } = oneSource('Ravensholme');
      await crawl();
      expect(documentStates(dir, [web.urls.paginated])).toEqual([
        { url: web.urls.paginated, outcome: 'new', online: 1 },
      ]);

      web.serve(listingPage2(), route);
      const again = await crawl();
      expect(again.status).toBe(1);
      expect(again.stderr).not.toMatch(/^gone:/m);
      expect(again.stderr).toContain(`failed: Ravensholme: ${listingPage2()}: ${reason}`);
      expect(again.stderr).toContain(
        `incomplete: Ravensholme: ${listingPage2()}: page not read (${reason}); documents not reached were kept, not marked gone`,
      );
      expect(documentStates(dir, [web.urls.paginated])).toEqual([
        { url: web.urls.paginated, outcome: 'new', online: 1 },
      ]);
      const report = readCrawlReport(dir, 'crawl', 2).sources[0];
      expect(report).toMatchObject({ complete: false, documents: { gone: 0 } });
      expect((report?.documents.failed ?? 0) + (report?.pagesFailed ?? 0)).toBe(report?.failures.length);
    },
    30_000,
  );

  it('keeps every document of a source whose robots.txt answers 503, and exits 1 naming robots.txt', async () => {
    const { dir, crawl } = oneSource('Moorcross');
    const documents = [
      `${web.origins.moorcross}/documents/child-p-overview-report.pdf`,
      web.urls.sharedOnMoorcross,
    ];
    const first = await crawl();
    expect(first.status).toBe(0);

    const robots = `${web.origins.moorcross}/robots.txt`;
    web.serve(robots, { kind: 'status', status: 503 });
    web.requests.length = 0;
    const again = await crawl();
    expect(again.status).toBe(1);
    expect(web.requests.map((r) => r.path)).toEqual(['/robots.txt', '/robots.txt']);
    expect(again.stderr).toMatch(/^Moorcross\s+0\s+0\s+0\s+0\s+0\s+1$/m);
    expect(again.stderr).not.toMatch(/^gone:/m);
    expect(again.stderr).toContain(
      `failed: Moorcross: ${robots}: robots.txt unreachable (server answered 503)`,
    );
    expect(again.stderr).toContain(
      `incomplete: Moorcross: ${robots}: robots.txt unreachable (server answered 503); documents not reached were kept, not marked gone`,
    );
    expect(documentStates(dir, documents).map((d) => d.online)).toEqual([1, 1]);
  }, 30_000);
});

describe('a source whose pages misbehave', () => {
  it('keeps every document when robots.txt comes to disallow the start page, and exits 1 saying so', async () => {
    const { dir, crawl } = oneSource('Moorcross');
    const document = `${web.origins.moorcross}/documents/child-p-overview-report.pdf`;
    expect((await crawl()).status).toBe(0);
    web.serve(`${web.origins.moorcross}/robots.txt`, {
      kind: 'body',
      type: 'text/plain',
      body: Buffer.from('User-agent: *\nDisallow: /\n'),
    });
    const again = await crawl();
    expect(again.status).toBe(1);
    expect(again.stderr).not.toMatch(/^gone:/m);
    expect(again.stderr).toMatch(/^incomplete: Moorcross: \S+: start page disallowed by robots\.txt;/m);
    expect(documentStates(dir, [document]).map((d) => d.online)).toEqual([1]);
  }, 30_000);

  it('records a redirect to an unparseable Location as that page failing, and crawls the rest', async () => {
    const page2 = `${web.origins.ravensholme}/safeguarding/case-reviews/?page=2`;
    web.serve(page2, { kind: 'redirect', to: 'http://[::1' });
    const { crawl } = oneSource('Ravensholme');
    const result = await crawl();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `failed: Ravensholme: ${page2}: redirect 302 to an invalid Location "http://[::1"`,
    );
    expect(result.stderr).toMatch(/^Ravensholme\s+\d+\s+[1-9]/m);
  }, 30_000);
});

describe('robots.txt', () => {
  it('means no rules when it answers 4xx', async () => {
    web.serve(`${web.origins.moorcross}/robots.txt`, { kind: 'status', status: 403 });
    const { crawl } = oneSource('Moorcross');
    const result = await crawl();
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^Moorcross\s+1\s+2\s+0\s+0\s+0\s+0$/m);
  });

  it('is read up to its first 500 KiB when it is longer', async () => {
    const padding = '# a very long comment line in a very long robots.txt file\n'.repeat(12_000);
    web.serve(`${web.origins.ravensholme}/robots.txt`, {
      kind: 'body',
      type: 'text/plain',
      body: Buffer.from(`User-agent: *\nDisallow: /private/\n${padding}Disallow: /media/\n`),
    });
    const { dir, crawl } = oneSource('Ravensholme');
    const result = await crawl();
    expect(result.stderr).not.toContain('robots.txt unreachable');
    expect(result.stderr).toMatch(/^skipped: Ravensholme: 1 disallowed by robots\.txt$/m);
    expect(documentStates(dir, [web.urls.paginated])).toEqual([
      { url: web.urls.paginated, outcome: 'new', online: 1 },
    ]);
    expect(web.requests.filter((r) => r.path.startsWith('/private/'))).toEqual([]);
  });
});

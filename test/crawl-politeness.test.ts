import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import type { RecordedRequest, TrapWebOptions } from '../fixtures/web/index.js';
import { startTrapWeb } from '../fixtures/web/index.js';
import { getManifestEntry, openStore } from '../src/index/index.js';
import { writeSourcesConfig } from './helpers/crawl-config.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

/** Crawls Moorcross and Lowfold of a fresh trap web; returns the requests each origin received. */
async function crawlTwoHosts(options: TrapWebOptions, crawl: Record<string, unknown>) {
  const web = await startTrapWeb({ slowMs: 0, lowfoldReviews: 3, ...options });
  onTestFinished(() => web.close());
  const dir = tempDir();
  const config = writeSourcesConfig(
    dir,
    web.sourcesYaml,
    { requestTimeoutMs: 1500, maxRetries: 0, ...crawl },
    (area) => area !== 'Ravensholme',
  );
  const result = await runCli(['crawl', '--config', config, '--data', dir]);
  const of = (origin: string) => web.requests.filter((r) => r.origin === origin);
  return { result, moorcross: of(web.origins.moorcross), lowfold: of(web.origins.lowfold) };
}

/** Milliseconds between consecutive requests. */
function gaps(requests: readonly RecordedRequest[]): number[] {
  return requests.slice(1).map((r, i) => r.at - (requests[i] as RecordedRequest).at);
}

describe('politeness', () => {
  it('sends at most one request a second to a host by default, while other hosts go on in parallel', async () => {
    const { result, moorcross, lowfold } = await crawlTwoHosts({}, {});
    expect(result.stderr).toMatch(/^total\s+2\s+5\s+0\s+0\s+0\s+1$/m);
    // robots.txt, the listing and two PDFs on Moorcross; robots.txt, the listing, three PDFs and
    // one that never answers on Lowfold.
    expect(moorcross.map((r) => r.path)[0]).toBe('/robots.txt');
    expect(moorcross).toHaveLength(4);
    expect(lowfold).toHaveLength(6);
    for (const gap of [...gaps(moorcross), ...gaps(lowfold)]) expect(gap).toBeGreaterThanOrEqual(1000);
    // In parallel: each host's second request comes before the other's third.
    expect(moorcross[1]?.at).toBeLessThan(lowfold[2]?.at ?? 0);
    expect(lowfold[1]?.at).toBeLessThan(moorcross[2]?.at ?? 0);
  }, 30_000);

  it("waits robots.txt's Crawl-delay between requests to the host that asks for it, and only there", async () => {
    const { moorcross, lowfold } = await crawlTwoHosts(
      { crawlDelaySeconds: 1.5 },
      { maxRequestsPerMinute: 6000, requestTimeoutMs: 500 },
    );
    expect(moorcross).toHaveLength(4);
    for (const gap of gaps(moorcross)) expect(gap).toBeGreaterThanOrEqual(1500);
    expect(Math.min(...gaps(lowfold))).toBeLessThan(500);
  }, 30_000);

  it("waits the target host's turn for a redirect from another host", async () => {
    const web = await startTrapWeb({ slowMs: 0, lowfoldReviews: 1, crawlDelaySeconds: 1.5 });
    onTestFinished(() => web.close());
    const movedTo = `${web.origins.moorcross}/documents/child-p-overview-report.pdf`;
    web.serve(web.urls.paginated, { kind: 'redirect', to: movedTo });
    const dir = tempDir();
    // Ravensholme's scope takes in every port of 127.0.0.1, so the redirect may be followed.
    const { sources } = parseYaml(web.sourcesYaml) as { sources: { area: string }[] };
    const config = join(dir, 'sources.yaml');
    writeFileSync(
      config,
      stringify({
        crawl: { maxRequestsPerMinute: 6000, requestTimeoutMs: 500, maxRetries: 0 },
        sources: sources
          .filter((source) => source.area !== 'Lowfold')
          .map((source) =>
            source.area === 'Ravensholme' ? { ...source, allowedDomains: ['127.0.0.1'] } : source,
          ),
      }),
    );
    await runCli(['crawl', '--config', config, '--data', dir]);
    const moorcross = web.requests.filter((r) => r.origin === web.origins.moorcross);
    expect(moorcross.map((r) => r.path)).toContain(new URL(movedTo).pathname);
    for (const gap of gaps(moorcross)) expect(gap).toBeGreaterThanOrEqual(1500);
    const store = openStore(dir, { readonly: true });
    onTestFinished(() => store.close());
    // The redirect was followed: what it led to is recorded against the URL Ravensholme links.
    expect(getManifestEntry(store, web.urls.paginated)).toMatchObject({ kind: 'document', status: 200 });
  }, 30_000);
});

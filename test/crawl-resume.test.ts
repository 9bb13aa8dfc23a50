import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startTrapWeb } from '../fixtures/web/index.js';
import { packageRoot } from '../src/package-info.js';
import { UsageError } from '../src/errors.js';
import type { Store } from '../src/index/index.js';
import { getManifestEntry, openStore } from '../src/index/index.js';
import { readCrawlReport, writeSourcesConfig } from './helpers/crawl-config.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

/** Polls `check` every 25 ms until it holds, failing after `timeoutMs`. */
async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** The slow host of the trap web, with no ETag or Last-Modified, and a config crawling only it. */
async function slowSite(reviews: number) {
  const web = await startTrapWeb({ validators: false, slowMs: 150, lowfoldReviews: reviews });
  onTestFinished(() => web.close());
  const dataDir = tempDir();
  const config = writeSourcesConfig(
    dataDir,
    web.sourcesYaml,
    { maxRequestsPerMinute: 6000, requestTimeoutMs: 800, maxRetries: 0 },
    (area) => area === 'Lowfold',
  );
  return { web, dataDir, config };
}

describe('a crawl that is stopped', () => {
  it('is finished by the next crawl without requesting what it had finished', async () => {
    const { web, dataDir, config } = await slowSite(12);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(packageRoot, 'src/cli/bin.ts'),
        'crawl',
        '--config',
        config,
        '--data',
        dataDir,
      ],
      { cwd: packageRoot, stdio: 'ignore' },
    );
    onTestFinished(() => {
      child.kill('SIGKILL');
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const finished = () => {
      if (!existsSync(join(dataDir, 'casereviews.sqlite'))) return [];
      let store: Store;
      try {
        store = openStore(dataDir, { readonly: true });
      } catch (error) {
        // The crawl is still creating the schema: a read-only open refuses a store not yet up to date.
        if (error instanceof UsageError) return [];
        throw error;
      }
      try {
        // The crawl creates the file before its schema: nothing is archived until the manifest exists.
        if (!store.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'urls'").get()) return [];
        return web.lowfoldDocuments.filter((url) => getManifestEntry(store, url)?.outcome === 'new');
      } finally {
        store.close();
      }
    };
    await until(() => finished().length >= 4, 'four documents archived by the first crawl');
    child.kill('SIGKILL');
    await exited;
    const done = finished();
    expect(done.length).toBeGreaterThanOrEqual(4);
    expect(done.length).toBeLessThan(12);
    const killedAt = web.requests.length;

    const rerun = await runCli(['crawl', '--config', config, '--data', dataDir]);
    const after = web.requests.slice(killedAt).map((r) => r.origin + r.path);
    expect(rerun.stderr).toContain('note: finished the crawl interrupted in run 1');
    expect(after.filter((url) => done.includes(url))).toEqual([]);
    // The listing is read again: it is how the crawl finds the documents still to fetch.
    expect(after).toContain(`${web.origins.lowfold}/case-reviews/`);
    expect(after.filter((url) => web.lowfoldDocuments.includes(url)).sort()).toEqual(
      web.lowfoldDocuments.filter((url) => !done.includes(url)).sort(),
    );
    // Every document is archived, and the report counts the first crawl's work as this run's.
    const report = readCrawlReport(dataDir, 'crawl', 2);
    expect(report.resumedFrom).toBe(1);
    expect(report.sources[0]?.documents).toMatchObject({ new: 12, failed: 1 });
    const store = openStore(dataDir, { readonly: true });
    try {
      for (const url of web.lowfoldDocuments)
        expect(getManifestEntry(store, url)?.documentId, url).toBeTruthy();
      expect(store.db.prepare('SELECT id, status FROM runs ORDER BY id').all()).toEqual([
        { id: 1, status: 'interrupted' },
        { id: 2, status: 'finished' },
      ]);
      expect(store.db.prepare('SELECT run_id, resumed_from FROM crawls ORDER BY run_id').all()).toEqual([
        { run_id: 1, resumed_from: null },
        { run_id: 2, resumed_from: 1 },
      ]);
    } finally {
      store.close();
    }

    // The crawl after that is a new crawl: it asks for everything again.
    const before = web.requests.length;
    await runCli(['crawl', '--config', config, '--data', dataDir]);
    const third = web.requests.slice(before).map((r) => r.origin + r.path);
    for (const url of web.lowfoldDocuments) expect(third).toContain(url);
  }, 60_000);

  it('refuses a second crawl on the same data directory while the first runs', async () => {
    const { dataDir, config } = await slowSite(3);
    const first = runCli(['crawl', '--config', config, '--data', dataDir]);
    await until(() => existsSync(join(dataDir, 'casereviews.lock')), 'the first crawl to take the lock');
    const second = await runCli(['crawl', '--config', config, '--data', dataDir]);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(
      new RegExp(
        `^casereviews: ${dataDir} is in use by another crawl \\(pid ${process.pid}, since .+\\); wait`,
      ),
    );
    expect(second.stdout).toBe('');
    const finished = await first;
    expect(finished.stderr).toMatch(/^Lowfold\s+1\s+3\s+0\s+0\s+0\s+1$/m);
    expect(existsSync(join(dataDir, 'casereviews.lock'))).toBe(false);
  }, 30_000);
});

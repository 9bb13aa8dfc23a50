/**
 * `npm run bench:crawl [-- --sites N --concurrency N]`: the crawler's throughput against a bare HTTP
 * client on the same generated web (bench/_crawl-web.ts, served from a child process on 127.0.0.1),
 * rate limits off. Prints requests per second and CPU seconds for both, and their ratio.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PQueue from 'p-queue';
import { SourcesConfig } from '../src/config/index.js';
import type { CrawlReport } from '../src/crawl/index.js';
import { crawlSources } from '../src/crawl/index.js';
import { openStore, startRun } from '../src/index/index.js';
import type { BenchWebReady, BenchWebShape } from './_crawl-web.js';

interface Timing {
  requests: number;
  seconds: number;
  cpuSeconds: number;
}

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

async function timed(work: () => Promise<number>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const requests = await work();
  const used = process.cpuUsage(cpu);
  return {
    requests,
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/**
 * The same GETs done with undici's fetch and a p-queue, bodies read in full. With
 * `archiveDir`, each PDF is also written to a file named by its hash, as the archive
 * does: the floor under any crawler that keeps what it fetches.
 */
async function bareFetch(urls: readonly string[], concurrency: number, archiveDir?: string): Promise<number> {
  const queue = new PQueue({ concurrency });
  for (const url of urls) {
    void queue.add(async () => {
      const response = await fetch(url, { redirect: 'manual' });
      const body = Buffer.from(await response.arrayBuffer());
      if (archiveDir && response.headers.get('content-type') === 'application/pdf') {
        const sha256 = createHash('sha256').update(body).digest('hex');
        mkdirSync(join(archiveDir, sha256.slice(0, 2)), { recursive: true });
        writeFileSync(join(archiveDir, sha256.slice(0, 2), `${sha256}.pdf`), body);
      }
    });
  }
  await queue.onIdle();
  return urls.length;
}

function line(label: string, t: Timing): string {
  return `${label.padEnd(22)} ${String(t.requests).padStart(6)} requests  ${t.seconds.toFixed(2).padStart(6)} s  ${(
    t.requests / t.seconds
  )
    .toFixed(0)
    .padStart(6)} requests/s  ${t.cpuSeconds.toFixed(2).padStart(6)} s CPU`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** One crawl of the whole web into a fresh data directory; returns its timing and the URLs it requested. */
async function crawlOnce(
  config: SourcesConfig,
  origins: readonly string[],
): Promise<[Timing, string[], string]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'casereviews-bench-crawl-'));
  try {
    const store = openStore(dataDir);
    let requested: string[] = [];
    let counts = '';
    const timing = await timed(async () => {
      const report = await crawlSources(store, config, { runId: startRun(store, 'crawl') });
      const sum = (pick: (s: CrawlReport['sources'][number]) => number) =>
        report.sources.reduce((n, s) => n + pick(s), 0);
      counts = `${sum((s) => s.pages)} pages read, ${sum((s) => s.documents.new)} documents archived`;
      requested = (
        store.db.prepare('SELECT url FROM urls WHERE status IS NOT NULL').all() as { url: string }[]
      ).map((row) => row.url);
      return requested.length + origins.length;
    });
    store.close();
    return [timing, [...requested, ...origins.map((origin) => `${origin}/robots.txt`)], counts];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs the benchmark. */
export async function run(args: string[]): Promise<void> {
  const shape: BenchWebShape = {
    sites: flag(args, 'sites', 52),
    reviewsPerSite: flag(args, 'reviews', 16),
    listingPages: 3,
  };
  const concurrency = flag(args, 'concurrency', 10);
  const rounds = flag(args, 'rounds', 3);
  const child = fork(fileURLToPath(new URL('./_crawl-web.ts', import.meta.url)), [JSON.stringify(shape)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const web = await new Promise<BenchWebReady>((resolve, reject) => {
      child.once('message', (message) => resolve(message as BenchWebReady));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`bench web exited with ${code}`)));
    });
    process.stdout.write(
      `generated web: ${web.origins.length} sites serving ${web.pages} pages and ${web.documents} PDFs on 127.0.0.1; ` +
        `concurrency ${concurrency}, rate limits off, ${rounds} rounds\n`,
    );
    const config = SourcesConfig.parse({
      crawl: { maxRequestsPerMinute: 1_000_000, maxConcurrency: concurrency, maxDepth: 4 },
      sources: web.origins.map((origin, i) => ({
        area: `Benchshire ${i + 1}`,
        nation: 'England',
        startUrls: [`${origin}/case-reviews/`],
      })),
    });
    const crawler: Timing[] = [];
    const bare: Timing[] = [];
    const bareArchiving: Timing[] = [];
    for (let round = 1; round <= rounds; round++) {
      const [timing, urls, counts] = await crawlOnce(config, web.origins);
      if (round === 1) process.stdout.write(`each crawl: ${counts}, ${urls.length} requests\n`);
      crawler.push(timing);
      // Warm the bare client's connections as the crawl's were, then time it.
      await bareFetch(urls.slice(0, 200), concurrency);
      bare.push(await timed(() => bareFetch(urls, concurrency)));
      const archiveDir = mkdtempSync(join(tmpdir(), 'casereviews-bench-bare-'));
      bareArchiving.push(await timed(() => bareFetch(urls, concurrency, archiveDir)));
      rmSync(archiveDir, { recursive: true, force: true });
      process.stdout.write(
        [
          `round ${round}`,
          line('crawler (crawlSources)', timing),
          line('bare fetch + p-queue', bare.at(-1) as Timing),
          line('bare, writing PDFs', bareArchiving.at(-1) as Timing),
        ].join('\n  ') + '\n',
      );
    }
    const seconds = (t: Timing[]) => median(t.map((x) => x.seconds));
    const cpu = (t: Timing[]) => median(t.map((x) => x.cpuSeconds));
    const requests = crawler[0]?.requests ?? 0;
    process.stdout.write(
      `median: crawler ${(requests / seconds(crawler)).toFixed(0)} requests/s, bare ${(requests / seconds(bare)).toFixed(0)} requests/s\n` +
        `ratio: the crawler takes ${(seconds(crawler) / seconds(bare)).toFixed(2)}x the time and ` +
        `${(cpu(crawler) / cpu(bare)).toFixed(2)}x the CPU of the bare client (medians of ${rounds} rounds); ` +
        `${(seconds(crawler) / seconds(bareArchiving)).toFixed(2)}x the time and ` +
        `${(cpu(crawler) / cpu(bareArchiving)).toFixed(2)}x the CPU of the bare client writing each PDF to a file\n`,
    );
  } finally {
    child.disconnect();
  }
}

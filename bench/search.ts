/**
 * `npm run bench:search [-- --reviews N --passages N --queries N --backend sqlite|meilisearch]`:
 * builds an index of a generated corpus (2,000 reviews, about 300,000 passages by default),
 * then times a mix of searches. Prints build time, size on disk, peak memory, and latency
 * percentiles overall, over the queries asked for the first time (repeats reuse cached
 * matches), and by kind of query. Meilisearch is benchmarked when MEILI_HOST is
 * set (into indexes named casereviews-bench-*, deleted afterwards).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { BenchQuery } from '../fixtures/search-corpus/index.js';
import { generateQueryMix, generateSearchCorpus } from '../fixtures/search-corpus/index.js';
import { loadThemesConfig } from '../src/config/index.js';
import type { BackendName, SearchBackend } from '../src/index/index.js';
import { openBackend, SearchQuery, SQLITE_INDEX_FILE } from '../src/index/index.js';

/** Reviews written per upsert while building, as the index stage writes them. */
const BUILD_BATCH = 50;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      reviews: { type: 'string', default: '2000' },
      passages: { type: 'string', default: '154' },
      queries: { type: 'string', default: '600' },
      backend: { type: 'string' },
    },
  });
  const reviews = Number(values.reviews);
  const passagesPerReview = Number(values.passages);
  const queryCount = Number(values.queries);
  const backends: BackendName[] = values.backend
    ? [values.backend as BackendName]
    : process.env.MEILI_HOST
      ? ['sqlite', 'meilisearch']
      : ['sqlite'];
  if (!process.env.MEILI_HOST && !values.backend) {
    process.stdout.write(
      'meilisearch: skipped (MEILI_HOST not set; set it to a server to benchmark it too)\n',
    );
  }
  for (const name of backends) await benchBackend(name, { reviews, passagesPerReview, queryCount });
}

async function benchBackend(
  name: BackendName,
  options: { reviews: number; passagesPerReview: number; queryCount: number },
): Promise<void> {
  const themes = await loadThemesConfig();
  const dataDir = mkdtempSync(join(tmpdir(), 'casereviews-bench-search-'));
  const env = { ...process.env, MEILI_INDEX_PREFIX: `casereviews-bench-${Date.now().toString(36)}` };
  const { backend } = openBackend(name, dataDir, { env });
  const peak = trackPeakMemory();
  try {
    process.stdout.write(`\n${name}: building ${options.reviews} reviews …\n`);
    let passages = 0;
    const started = performance.now();
    await backend.rebuild(async (sink) => {
      let batch: ReturnType<typeof generateSearchCorpus> extends Iterable<infer T> ? T[] : never = [];
      for (const item of generateSearchCorpus({
        reviews: options.reviews,
        passagesPerReview: options.passagesPerReview,
        themes,
      })) {
        batch.push(item);
        passages += item.passages.length;
        if (batch.length === BUILD_BATCH) {
          await sink.upsert(
            batch.map((b) => b.review),
            batch.flatMap((b) => b.passages),
          );
          batch = [];
        }
      }
      await sink.upsert(
        batch.map((b) => b.review),
        batch.flatMap((b) => b.passages),
      );
    });
    const buildMs = performance.now() - started;
    const buildPeak = peak.stop();
    const size = name === 'sqlite' ? directoryBytes(dataDir) : null;

    const queries = generateQueryMix(
      {
        themes,
        rareWords: name === 'sqlite' ? rareWords(dataDir) : ['disclosure', 'tenancy', 'interpreter'],
        reviewIds: await backend.reviewIds(),
      },
      options.queryCount,
    );
    // Warm the page cache and lazily loaded state before timing, as a running server would be.
    for (const query of queries.slice(0, 20)) await runQuery(backend, query);
    const timings: { kind: string; ms: number; hits: number; repeat: boolean }[] = [];
    const seen = new Set<string>();
    for (const query of queries) {
      // A query asked before is answered partly from the backend's cache, as a server would;
      // the "first asked" row leaves those out.
      const key = JSON.stringify(query);
      const t = performance.now();
      const hits = await runQuery(backend, query);
      timings.push({ kind: query.kind, ms: performance.now() - t, hits, repeat: seen.has(key) });
      seen.add(key);
    }
    printReport(name, {
      reviews: options.reviews,
      passages,
      buildMs,
      size,
      peakRss: Math.max(buildPeak, process.resourceUsage().maxRSS * 1024),
      timings,
    });
  } finally {
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runQuery(backend: SearchBackend, query: BenchQuery): Promise<number> {
  if ('related' in query)
    return (await backend.related(query.related.reviewId, query.related.limit)).results.length;
  return (await backend.search(SearchQuery.parse(query.search))).total;
}

/** Words of the built index used by 2–20 reviews: what a researcher types for a rare term. */
function rareWords(dataDir: string): string[] {
  const db = new Database(join(dataDir, SQLITE_INDEX_FILE), { readonly: true });
  try {
    return db
      .prepare(
        "SELECT word FROM vocabulary WHERE count BETWEEN 2 AND 20 AND word GLOB '[a-z]*' ORDER BY word LIMIT 2000",
      )
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

function trackPeakMemory(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

function directoryBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function printReport(
  name: string,
  figures: {
    reviews: number;
    passages: number;
    buildMs: number;
    size: number | null;
    peakRss: number;
    timings: { kind: string; ms: number; hits: number; repeat: boolean }[];
  },
): void {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const out: string[] = [
    `${name}: ${figures.reviews} reviews, ${figures.passages} passages`,
    `  build            ${(figures.buildMs / 1000).toFixed(1)} s`,
    `  size on disk     ${figures.size === null ? 'n/a (on the server)' : mb(figures.size)}`,
    `  peak memory      ${mb(figures.peakRss)} (resident, whole process)`,
    '',
    `  ${'queries'.padEnd(14)} ${'n'.padStart(4)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}  (ms)`,
  ];
  const row = (label: string, ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    const f = (v: number) => v.toFixed(1).padStart(7);
    out.push(
      `  ${label.padEnd(14)} ${String(ms.length).padStart(4)} ${f(percentile(sorted, 50))} ${f(percentile(sorted, 95))} ${f(percentile(sorted, 99))} ${f(sorted[sorted.length - 1] ?? Number.NaN)}`,
    );
  };
  row(
    'all',
    figures.timings.map((t) => t.ms),
  );
  const first = figures.timings.filter((t) => !t.repeat);
  row(
    'first asked',
    first.map((t) => t.ms),
  );
  out.push('  by kind, first asked:');
  const kinds = [...new Set(first.map((t) => t.kind))].sort();
  for (const kind of kinds)
    row(
      kind,
      first.filter((t) => t.kind === kind).map((t) => t.ms),
    );
  process.stdout.write(`${out.join('\n')}\n`);
}

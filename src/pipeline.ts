import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourcesConfig, ThemesConfig } from './config/index.js';
import type { CrawlReport } from './crawl/index.js';
import { crawlSources, formatCrawlReport, hasFailures } from './crawl/index.js';
import type { ExtractReport, TagReport } from './extract/index.js';
import { extractPending, tagPending } from './extract/index.js';
import type { BackendName, IndexReport, Store } from './index/index.js';
import {
  failRun,
  finishRun,
  indexDocuments,
  lockDataDir,
  openBackend,
  openStore,
  startRun,
} from './index/index.js';

/** Where a stage writes its messages and progress (stderr in the CLI). */
export interface StageOutput {
  /** A line of message for the user. */
  message(line: string): void;
  /** A transient status line (shown on a terminal, dropped otherwise). */
  progress(status: string): void;
}

/** The reports of a full run. */
export interface RunReport {
  crawl?: CrawlReport;
  extract?: ExtractReport;
  tag?: TagReport;
  index?: IndexReport;
}

/**
 * Runs `work` with the data directory's store open and locked, recording the run
 * and writing its report to `reports/<command>-<run>.json`. The lock keeps two
 * writers off one data directory.
 */
export async function withStore<T extends RunReport>(
  dataDir: string,
  command: string,
  work: (store: Store, runId: number) => Promise<T>,
): Promise<T> {
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir, command);
  const store = openStore(dataDir);
  try {
    const runId = startRun(store, command);
    let report: T;
    try {
      report = await work(store, runId);
    } catch (error) {
      failRun(store, runId, error);
      throw error;
    }
    finishRun(store, runId, report);
    const reportsDir = join(dataDir, 'reports');
    mkdirSync(reportsDir, { recursive: true });
    writeFileSync(
      join(reportsDir, `${command}-${String(runId).padStart(5, '0')}.json`),
      JSON.stringify(report, null, 2),
    );
    return report;
  } finally {
    store.close();
    lock.release();
  }
}

/** Crawls the configured sources and prints the report table. */
export async function crawlStage(
  store: Store,
  runId: number,
  config: SourcesConfig,
  out: StageOutput,
): Promise<CrawlReport> {
  out.message(`crawl: ${config.sources.length} source(s)`);
  const report = await crawlSources(store, config, { runId, onProgress: out.progress });
  out.message(formatCrawlReport(report));
  return report;
}

/**
 * Extracts text and metadata from new and changed documents (and retries earlier
 * failures that may now succeed; all of them with `retryFailed`), then tags their themes.
 */
export async function extractStage(
  store: Store,
  themes: ThemesConfig,
  out: StageOutput,
  options: { retryFailed?: boolean } = {},
): Promise<{ extract: ExtractReport; tag: TagReport }> {
  const extract = await extractPending(store, { onProgress: out.progress, retryFailed: options.retryFailed });
  out.message(
    `extract: ${extract.extracted} extracted, ${extract.unchanged} unchanged, ${extract.failed.length} failed` +
      (extract.retried > 0 ? `, ${extract.retried} retried` : '') +
      (extract.ocred.length > 0 ? `, ${extract.ocred.length} read by OCR` : '') +
      (extract.needsOcr.length > 0 ? `, ${extract.needsOcr.length} need OCR` : ''),
  );
  for (const failure of extract.failed) {
    const kept = failure.keptVersion === null ? '' : ' (the text read before stays searchable)';
    out.message(`failed: ${failure.url}: ${failure.error}${kept}`);
  }
  for (const scan of extract.needsOcr) out.message(`needs OCR: ${scan.url}`);
  const tag = tagPending(store, themes);
  out.message(`themes: ${tag.tagged} tagged, ${tag.unchanged} unchanged`);
  return { extract, tag };
}

/**
 * Brings the chosen search backend up to date with the store (`rebuild`: all of it).
 * `env` is where a Meilisearch backend finds its host and key (default process.env).
 */
export async function indexStage(
  store: Store,
  backendName: BackendName,
  out: StageOutput,
  options: { rebuild?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<IndexReport> {
  const { backend, version } = openBackend(backendName, store.dataDir, { env: options.env });
  try {
    const report = await indexDocuments(store, backend, version, { rebuild: options.rebuild });
    out.message(
      `index (${report.backend}): ${report.indexed} indexed, ${report.unchanged} unchanged, ${report.removed} removed` +
        (report.rebuilt ? ' (rebuilt)' : ''),
    );
    return report;
  } finally {
    await backend.close();
  }
}

/**
 * The whole pipeline on an open store: crawl the sources, extract and tag what is new
 * or changed, and bring the search backend up to date. `run` and `demo` both use it.
 */
export async function runPipeline(
  store: Store,
  runId: number,
  input: { config: SourcesConfig; themes: ThemesConfig; backend: BackendName; env: NodeJS.ProcessEnv },
  out: StageOutput,
): Promise<RunReport> {
  const crawl = await crawlStage(store, runId, input.config, out);
  const { extract, tag } = await extractStage(store, input.themes, out);
  const index = await indexStage(store, input.backend, out, { env: input.env });
  return { crawl, extract, tag, index };
}

/** Whether a run's reports hold failed documents (exit status 1). */
export function runHasFailures(report: RunReport): boolean {
  return (
    (report.crawl !== undefined && hasFailures(report.crawl)) || (report.extract?.failed.length ?? 0) > 0
  );
}

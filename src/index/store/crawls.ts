import type { Store } from './open-store.js';
import { nowIso } from './open-store.js';
import { statement } from './statements.js';

/** A crawl that stopped before it finished (killed, or crashed), found by `findInterruptedCrawl`. */
export interface InterruptedCrawl {
  runId: number;
  startedAt: string;
  /** URLs it reached (answered, failed or skipped) before it stopped. */
  reached: number;
}

/** Records that run `runId` starts crawling. */
export function startCrawl(store: Store, runId: number): void {
  statement(store, 'INSERT OR REPLACE INTO crawls (run_id, started_at) VALUES (?, ?)').run(runId, nowIso());
}

/** Records that run `runId`'s crawl finished: nothing is left for a later crawl to take over. */
export function finishCrawl(store: Store, runId: number): void {
  statement(store, 'UPDATE crawls SET finished_at = ? WHERE run_id = ?').run(nowIso(), runId);
}

/**
 * The latest crawl, other than `runId`, that never finished and started after
 * `sinceIso`. The caller holds the data directory's lock, so no process still runs it.
 */
export function findInterruptedCrawl(store: Store, runId: number, sinceIso: string): InterruptedCrawl | null {
  const row = statement(
    store,
    `SELECT c.run_id AS runId, c.started_at AS startedAt,
       (SELECT count(*) FROM urls u WHERE u.last_run_id = c.run_id) AS reached
     FROM crawls c WHERE c.finished_at IS NULL AND c.run_id <> ? AND c.started_at >= ?
     ORDER BY c.run_id DESC LIMIT 1`,
  ).get(runId, sinceIso) as InterruptedCrawl | undefined;
  return row ?? null;
}

/**
 * Makes run `toRunId` the continuation of the interrupted crawl of run `fromRunId`: the
 * URLs it reached count as reached by this run (so the new run need not ask for them
 * again, and they are not taken for gone), and the old crawl and its run are recorded
 * as interrupted. Every other unfinished crawl is closed as interrupted too. One transaction.
 */
export function adoptInterruptedCrawl(store: Store, fromRunId: number, toRunId: number): void {
  store.db.transaction(() => {
    statement(store, 'UPDATE urls SET last_run_id = ? WHERE last_run_id = ?').run(toRunId, fromRunId);
    statement(store, 'UPDATE crawls SET resumed_from = ? WHERE run_id = ?').run(fromRunId, toRunId);
    closeInterruptedCrawls(store, toRunId);
  })();
}

/** Records every unfinished crawl but `runId`'s (and its run) as interrupted. */
export function closeInterruptedCrawls(store: Store, runId: number): void {
  statement(
    store,
    `UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND id <> ?
       AND id IN (SELECT run_id FROM crawls WHERE finished_at IS NULL)`,
  ).run(runId);
  statement(
    store,
    "UPDATE crawls SET finished_at = 'interrupted' WHERE finished_at IS NULL AND run_id <> ?",
  ).run(runId);
}

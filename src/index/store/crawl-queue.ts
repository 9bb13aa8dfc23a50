import type { Store } from './open-store.js';
import { statement } from './statements.js';

/** A URL in a crawl's queue, with what the crawl carries for it. */
export interface QueuedUrl {
  url: string;
  sourceId: string;
  /** The crawl's own data for the request (JSON-able). */
  request: unknown;
  done: boolean;
}

/** A crawl that stopped before it finished (killed, or crashed), found by `findInterruptedCrawl`. */
export interface InterruptedCrawl {
  runId: number;
  startedAt: string;
  done: number;
  pending: number;
}

/** Adds URLs to a run's queue; a URL already queued in the run is left as it is. */
export function enqueueUrls(
  store: Store,
  runId: number,
  urls: readonly { url: string; sourceId: string; request: unknown }[],
): void {
  const insert = statement(
    store,
    'INSERT OR IGNORE INTO crawl_queue (run_id, url, source_id, request) VALUES (?, ?, ?, ?)',
  );
  for (const queued of urls) insert.run(runId, queued.url, queued.sourceId, JSON.stringify(queued.request));
}

/** Marks a URL of a run's queue done: a resumed crawl does not request it again. */
export function markUrlDone(store: Store, runId: number, url: string): void {
  statement(store, 'UPDATE crawl_queue SET done = 1 WHERE run_id = ? AND url = ?').run(runId, url);
}

/** A run's queue in the order it was filled. */
export function loadQueue(store: Store, runId: number): QueuedUrl[] {
  const rows = statement(
    store,
    'SELECT url, source_id AS sourceId, request, done FROM crawl_queue WHERE run_id = ? ORDER BY rowid',
  ).all(runId) as { url: string; sourceId: string; request: string; done: number }[];
  return rows.map((row) => ({
    url: row.url,
    sourceId: row.sourceId,
    request: JSON.parse(row.request) as unknown,
    done: row.done === 1,
  }));
}

/**
 * The latest crawl, other than `runId`, that left its queue behind: it never finished.
 * The caller holds the data directory's lock, so no other process is still running it.
 */
export function findInterruptedCrawl(store: Store, runId: number): InterruptedCrawl | null {
  const row = statement(
    store,
    `SELECT q.run_id AS runId, r.started_at AS startedAt, SUM(q.done) AS done, COUNT(*) - SUM(q.done) AS pending
     FROM crawl_queue q JOIN runs r ON r.id = q.run_id
     WHERE q.run_id <> ? GROUP BY q.run_id ORDER BY q.run_id DESC LIMIT 1`,
  ).get(runId) as InterruptedCrawl | undefined;
  return row ?? null;
}

/**
 * Makes run `toRunId` the continuation of the interrupted run `fromRunId`: its queue and
 * its manifest marks (what it reached) move over, so URLs it finished count as reached
 * by this run, and the old run is recorded as interrupted. Older interrupted queues are
 * dropped. One transaction.
 */
export function adoptInterruptedCrawl(store: Store, fromRunId: number, toRunId: number): void {
  store.db.transaction(() => {
    statement(store, 'UPDATE crawl_queue SET run_id = ? WHERE run_id = ?').run(toRunId, fromRunId);
    statement(store, 'UPDATE urls SET last_run_id = ? WHERE last_run_id = ?').run(toRunId, fromRunId);
    statement(store, "UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'").run(
      fromRunId,
    );
    discardOtherQueues(store, toRunId);
  })();
}

/**
 * Drops every queue but `runId`'s (interrupted crawls too old or superseded), recording
 * their runs as interrupted.
 */
export function discardOtherQueues(store: Store, runId: number): void {
  statement(
    store,
    `UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND id <> ?
       AND id IN (SELECT DISTINCT run_id FROM crawl_queue)`,
  ).run(runId);
  statement(store, 'DELETE FROM crawl_queue WHERE run_id <> ?').run(runId);
}

/** Deletes a finished crawl's queue. */
export function clearQueue(store: Store, runId: number): void {
  statement(store, 'DELETE FROM crawl_queue WHERE run_id = ?').run(runId);
}

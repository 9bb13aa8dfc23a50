import type { Store } from './open-store.js';
import { nowIso } from './open-store.js';

/** Records the start of a command's run; returns its id. */
export function startRun(store: Store, command: string): number {
  const result = store.db
    .prepare("INSERT INTO runs (command, started_at, status) VALUES (?, ?, 'running')")
    .run(command, nowIso());
  return Number(result.lastInsertRowid);
}

/** Records the end of a run with its report (any JSON-able value). */
export function finishRun(store: Store, runId: number, report: unknown): void {
  store.db
    .prepare("UPDATE runs SET finished_at = ?, status = 'finished', report = ? WHERE id = ?")
    .run(nowIso(), JSON.stringify(report), runId);
}

/** Records that a run stopped on an error, with the error's message, so no run stays "running". */
export function failRun(store: Store, runId: number, error: unknown): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  store.db
    .prepare("UPDATE runs SET finished_at = ?, status = 'failed', report = ? WHERE id = ?")
    .run(nowIso(), JSON.stringify({ error: message }), runId);
}

import type { EnqueuedTask, Meilisearch, Task } from 'meilisearch';

/**
 * How long to wait for one Meilisearch task. The client's default is 5 seconds, far too
 * short for a batch of review documents on a busy server; a task still running after
 * this is reported (the client throws MeilisearchTaskTimeOutError), not abandoned.
 */
export const TASK_TIMEOUT_MS = 15 * 60 * 1000;

/** Polling interval while waiting for tasks. */
const TASK_POLL_MS = 50;

/** A Meilisearch task ended without succeeding; the message carries the server's reason. */
export class MeilisearchTaskError extends Error {
  override name = 'MeilisearchTaskError';
  readonly taskUid: number;
  readonly indexUid: string | null;
  /** Meilisearch's error code, e.g. `invalid_document_id`; null for a canceled task. */
  readonly code: string | null;

  constructor(task: Task, others: number) {
    const reason = task.error ? `${task.error.code}: ${task.error.message}` : task.status;
    super(
      `Meilisearch task ${task.uid} (${task.type} on ${task.indexUid ?? 'the server'}) ${task.status}: ${reason}` +
        (others > 0 ? ` (and ${others} more task(s) failed)` : ''),
    );
    this.taskUid = task.uid;
    this.indexUid = task.indexUid;
    this.code = task.error?.code ?? null;
  }
}

/**
 * Throws for the first task that did not succeed. Needed because the client resolves a
 * failed task rather than rejecting: its status says `failed` and `error` says why.
 */
export function checkTasks(tasks: readonly Task[]): void {
  const failed = tasks.filter((task) => task.status !== 'succeeded');
  const first = failed[0];
  if (first) throw new MeilisearchTaskError(first, failed.length - 1);
}

/**
 * Waits for tasks (in enqueue order) and checks that every one succeeded, except those
 * failing with one of the `tolerated` error codes (deleting an index that is not there).
 */
export async function settle(
  client: Meilisearch,
  tasks: readonly Promise<EnqueuedTask>[],
  tolerated: readonly string[] = [],
): Promise<Task[]> {
  const enqueued = await Promise.all(tasks);
  const done = await client.tasks.waitForTasks(enqueued, {
    timeout: TASK_TIMEOUT_MS,
    interval: TASK_POLL_MS,
  });
  checkTasks(done.filter((task) => !(task.error && tolerated.includes(task.error.code))));
  return done;
}

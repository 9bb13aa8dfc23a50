import type { HostQueues, HostTask } from './host-queues.js';

/** What `drainHostQueues` runs for each task. */
export interface DrainHandlers<T> {
  /** Requests in flight across all hosts. */
  concurrency: number;
  /** Prepares a host (reads its robots.txt); resolves with the spacing its requests need, in ms. */
  prepare(origin: string): Promise<number>;
  /**
   * Handles one item; resolves with whether a request was sent. It records its own
   * failures and queues its own retries: a rejection is a bug and stops the crawl.
   */
  handle(item: T, origin: string): Promise<boolean>;
}

/**
 * Runs the queues' tasks until every queue is empty and nothing is in flight: up to
 * `concurrency` at once, each host's as its spacing allows. Waits on a timer for the
 * next due task rather than holding a slot, so a slow host never starves the others.
 * When a task rejects, no further task starts, and the returned promise rejects with
 * that error only once the tasks already in flight have settled: nothing goes on
 * writing to the store after the crawl has returned.
 */
export function drainHostQueues<T>(queues: HostQueues<T>, handlers: DrainHandlers<T>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let active = 0;
    let failed: { error: unknown } | null = null;
    let timer: NodeJS.Timeout | undefined;

    const run = async (task: HostTask<T>): Promise<void> => {
      if (task.kind === 'prepare') {
        const spacingMs = await handlers.prepare(task.origin);
        queues.ready(task.origin, spacingMs, Date.now());
        return;
      }
      let requested = true;
      try {
        requested = await handlers.handle(task.item, task.origin);
      } finally {
        queues.release(task.origin, requested, Date.now());
      }
    };

    const settle = (): void => {
      active--;
      if (failed === null) pump();
      else if (active === 0) reject(failed.error);
    };

    const pump = (): void => {
      if (failed !== null) return;
      clearTimeout(timer);
      const now = Date.now();
      while (active < handlers.concurrency) {
        const task = queues.take(now);
        if (!task) break;
        active++;
        run(task).then(settle, (error: unknown) => {
          // The first failure is the one to report; later ones come from the same stop.
          failed ??= { error };
          clearTimeout(timer);
          settle();
        });
      }
      if (active === 0 && queues.pending === 0) {
        resolve();
        return;
      }
      const due = active < handlers.concurrency ? queues.nextDueAt() : null;
      if (due !== null) timer = setTimeout(pump, Math.max(0, due - now));
    };
    pump();
  });
}

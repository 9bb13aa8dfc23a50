import type { Store } from './open-store.js';

/** Groups many small writes into one commit; see `openWriteBatch`. */
export interface WriteBatch {
  /**
   * Runs `work` inside the batch's transaction, and commits when the batch is full or
   * old enough. If `work` throws, every write of the batch not yet committed is rolled
   * back with it (as if the process had been killed before the commit) and the error
   * is rethrown: no write is ever committed half done.
   */
  write<T>(work: () => T): T;
  /** Commits what is pending. */
  flush(): void;
}

/**
 * Opens a write batch on the store: writes share one transaction that is committed
 * after `maxWrites` writes or `maxDelayMs`, whichever comes first. A commit costs more
 * than a crawl's writes for one URL, so this keeps the crawl's CPU on crawling. A
 * process killed mid-batch loses the uncommitted writes together, never half of one,
 * and the next crawl does that work again.
 * The writes are not wrapped one by one in savepoints: a savepoint journals every page
 * it touches, and a batch's journal outgrows memory and spills to a temporary file.
 */
export function openWriteBatch(store: Store, options: { maxWrites: number; maxDelayMs: number }): WriteBatch {
  const { db } = store;
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  let pending = 0;
  let timer: NodeJS.Timeout | undefined;
  const settle = (end: typeof commit) => {
    clearTimeout(timer);
    timer = undefined;
    if (db.inTransaction) end.run();
    pending = 0;
  };
  const flush = () => settle(commit);
  return {
    write<T>(work: () => T): T {
      if (!db.inTransaction) begin.run();
      let result: T;
      try {
        result = work();
      } catch (error) {
        settle(rollback);
        throw error;
      }
      if (++pending >= options.maxWrites) flush();
      else timer ??= setTimeout(flush, options.maxDelayMs);
      return result;
    },
    flush,
  };
}

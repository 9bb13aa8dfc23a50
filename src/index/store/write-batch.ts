import type { Store } from './open-store.js';

/** Groups many small writes into one commit; see `openWriteBatch`. */
export interface WriteBatch {
  /**
   * Runs `work` atomically (it is all written or, if it throws, none of it) inside the
   * batch's transaction, and commits when the batch is full or old enough.
   */
  write<T>(work: () => T): T;
  /** Commits what is pending. */
  flush(): void;
}

/**
 * Opens a write batch on the store: writes share one transaction that is committed
 * after `maxWrites` writes or `maxDelayMs`, whichever comes first. A commit costs more
 * than a crawl's writes for one URL, so this keeps the crawl's CPU on crawling. A
 * process killed mid-batch loses the uncommitted writes together, never half of one;
 * the crawl's own queue is in the same transaction, so that work is simply done again.
 */
export function openWriteBatch(store: Store, options: { maxWrites: number; maxDelayMs: number }): WriteBatch {
  let pending = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (store.db.inTransaction) store.db.exec('COMMIT');
    pending = 0;
  };
  return {
    write<T>(work: () => T): T {
      if (!store.db.inTransaction) store.db.exec('BEGIN');
      // Inside the open transaction, better-sqlite3 runs this as a savepoint.
      const result = store.db.transaction(work)();
      if (++pending >= options.maxWrites) flush();
      else timer ??= setTimeout(flush, options.maxDelayMs);
      return result;
    },
    flush,
  };
}

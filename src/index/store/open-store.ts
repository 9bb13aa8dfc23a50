import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { UsageError } from '../../errors.js';
import { MIGRATIONS } from './migrations.js';

/** The system of record: a SQLite database and the archive folder in one data directory. */
export interface Store {
  readonly db: Database.Database;
  /** The data directory (`--data`), holding `casereviews.sqlite` and `archive/`. */
  readonly dataDir: string;
  close(): void;
}

/** File name of the store's database inside the data directory. */
export const STORE_FILE = 'casereviews.sqlite';

/**
 * Opens (creating if needed) the store in `dataDir` and brings its schema up to date.
 * WAL mode lets searches read while a run writes. A read-only open cannot migrate, so
 * a store written by an older version is refused with a message saying what to run.
 */
export function openStore(dataDir: string, options: { readonly?: boolean } = {}): Store {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, STORE_FILE), { readonly: options.readonly ?? false });
  db.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
  } else {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < MIGRATIONS.length) {
      db.close();
      throw new UsageError(
        version === 0
          ? `${dataDir} holds no data yet (a first run may be creating it)`
          : `${dataDir} holds data written by an older version of casereviews: ` +
              `run "casereviews index --data ${dataDir}" once to bring it up to date`,
      );
    }
  }
  db.pragma('foreign_keys = ON');
  return { db, dataDir, close: () => db.close() };
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version] as string;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** The current time as the store writes it (ISO 8601, UTC). */
export function nowIso(): string {
  return new Date().toISOString();
}

import type Database from 'better-sqlite3';
import type { Store } from './open-store.js';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement for `sql`, prepared once per database connection. Preparing is
 * a large share of a small write's cost, and the crawl writes the manifest once per URL.
 */
export function statement(store: Store, sql: string): Database.Statement {
  let statements = cache.get(store.db);
  if (!statements) {
    statements = new Map();
    cache.set(store.db, statements);
  }
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = store.db.prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}

import { UsageError } from '../errors.js';
import type { SearchBackend } from './backend.js';
import { SQLITE_INDEX_VERSION } from './sqlite/schema.js';
import { SqliteBackend } from './sqlite/sqlite-backend.js';

/** The backends a user can choose with `--backend`. */
export const BACKEND_NAMES = ['sqlite', 'meilisearch'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** A backend and the version of its index format (a new version reindexes everything). */
export interface OpenedBackend {
  backend: SearchBackend;
  version: number;
}

/**
 * The backend to use: the one asked for, else Meilisearch when `MEILI_HOST` is set,
 * else the embedded SQLite index in the data directory.
 */
export function chooseBackend(requested: string | undefined, env: NodeJS.ProcessEnv): BackendName {
  if (requested !== undefined) {
    if (!(BACKEND_NAMES as readonly string[]).includes(requested)) {
      throw new UsageError(`--backend: expected one of ${BACKEND_NAMES.join(', ')}, got "${requested}"`);
    }
    return requested as BackendName;
  }
  return env.MEILI_HOST ? 'meilisearch' : 'sqlite';
}

/** Opens a backend over a data directory. */
export function openBackend(
  name: BackendName,
  dataDir: string,
  options: { readonly?: boolean } = {},
): OpenedBackend {
  if (name === 'meilisearch') {
    throw new UsageError('the meilisearch backend is not available in this version; use --backend sqlite');
  }
  return { backend: new SqliteBackend(dataDir, options), version: SQLITE_INDEX_VERSION };
}

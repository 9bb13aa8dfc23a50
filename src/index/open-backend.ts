import { UsageError } from '../errors.js';
import type { SearchBackend } from './backend.js';
import { MeilisearchBackend, meilisearchOptionsFromEnv, MEILI_INDEX_VERSION } from './meilisearch/index.js';
import type { SearchConfig } from './search-config.js';
import { loadSearchConfig } from './search-config.js';
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

/** How to open a backend. */
export interface OpenBackendOptions {
  /** Open for searching only (the embedded index's file must exist). */
  readonly?: boolean;
  /** Where `MEILI_HOST`, `MEILI_API_KEY` and `MEILI_INDEX_PREFIX` are read; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Synonyms and stop words; default the package's `config/synonyms.yaml`. */
  config?: SearchConfig;
}

/** Opens a backend over a data directory (the embedded one) or a Meilisearch server. */
export function openBackend(
  name: BackendName,
  dataDir: string,
  options: OpenBackendOptions = {},
): OpenedBackend {
  const config = options.config ?? loadSearchConfig();
  if (name === 'meilisearch') {
    return {
      backend: new MeilisearchBackend(meilisearchOptionsFromEnv(options.env ?? process.env), config),
      version: MEILI_INDEX_VERSION,
    };
  }
  return { backend: new SqliteBackend(dataDir, config, options), version: SQLITE_INDEX_VERSION };
}

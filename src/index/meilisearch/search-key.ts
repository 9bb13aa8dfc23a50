import type { Key, Meilisearch } from 'meilisearch';

/** What a search page in a browser is given: never the admin key. */
export interface BrowserSearchConfig {
  host: string;
  /** A key that can only search, and only our indexes. */
  apiKey: string;
  reviewsIndex: string;
  passagesIndex: string;
}

/** Name given to the key this program creates for search pages. */
export const SEARCH_KEY_NAME = 'casereviews search page';

/** A browser would have been handed a key that can do more than search. */
export class UnsafeSearchKeyError extends Error {
  override name = 'UnsafeSearchKeyError';
}

/**
 * Whether a key may go to a browser for these indexes: its only action is `search`, it
 * covers exactly these indexes (not `*`), and it has not expired.
 */
export function isSearchOnlyKey(
  key: Pick<Key, 'actions' | 'indexes' | 'expiresAt'>,
  indexUids: readonly string[],
  now: Date,
): boolean {
  const actions = key.actions;
  const indexes = new Set(key.indexes);
  return (
    actions.length === 1 &&
    actions[0] === 'search' &&
    indexes.size === indexUids.length &&
    indexUids.every((uid) => indexes.has(uid)) &&
    (key.expiresAt === null || new Date(key.expiresAt).getTime() > now.getTime())
  );
}

/**
 * The key for a search page: an existing search-only key for our indexes, else a new
 * one (which needs the admin key this client holds). Refuses to return the client's own
 * key, whatever the server says about it.
 */
export async function searchOnlyKey(
  client: Meilisearch,
  indexUids: readonly string[],
  now = new Date(),
): Promise<string> {
  const { results } = await client.getKeys({ limit: 1000 });
  const found = results.find((key) => isSearchOnlyKey(key, indexUids, now));
  const key =
    found?.key ??
    (
      await client.createKey({
        name: SEARCH_KEY_NAME,
        description: 'Search only, on the case review indexes; safe to give to a browser.',
        actions: ['search'],
        indexes: [...indexUids],
        expiresAt: null,
      })
    ).key;
  if (key === client.config.apiKey) {
    throw new UnsafeSearchKeyError('the search-only key is the admin key: refusing to give it to a browser');
  }
  return key;
}

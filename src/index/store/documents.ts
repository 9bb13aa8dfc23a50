import type { Store } from './open-store.js';

/** A document with what later stages need to know about where it came from. */
export interface DocumentRow {
  id: string;
  sourceId: string;
  area: string;
  nation: string;
  region: string | null;
  sha256: string;
  mediaType: string;
  url: string;
  online: boolean;
  firstSeen: string;
  lastSeen: string;
}

/** One URL a document was found at, with the page and link that led to it. */
export interface DocumentLocation {
  url: string;
  referrer: string | null;
  linkText: string | null;
  linkContext: unknown;
  online: boolean;
  /** The Content-Type header it was last served with (`text/html; charset=windows-1252`), if any. */
  contentType: string | null;
}

/** Every document in the store, oldest first. */
export function listDocuments(store: Store): DocumentRow[] {
  const rows = store.db
    .prepare(
      `SELECT d.id, d.source_id AS sourceId, s.area, s.nation, s.region, d.sha256, b.media_type AS mediaType,
              d.url, d.online, d.first_seen AS firstSeen, d.last_seen AS lastSeen
       FROM documents d JOIN sources s ON s.id = d.source_id JOIN blobs b ON b.sha256 = d.sha256
       ORDER BY d.first_seen, d.id`,
    )
    .all() as (Omit<DocumentRow, 'online'> & { online: number })[];
  return rows.map((row) => ({ ...row, online: row.online === 1 }));
}

/** The URLs a document was found at, the preferred one first. */
export function documentLocations(store: Store, documentId: string): DocumentLocation[] {
  const rows = store.db
    .prepare(
      `SELECT u.url, u.referrer, u.link_text AS linkText, u.link_context AS linkContext, u.outcome,
              u.content_type AS contentType
       FROM urls u JOIN documents d ON d.id = u.document_id
       WHERE u.document_id = ? ORDER BY (u.url = d.url) DESC, u.first_seen`,
    )
    .all(documentId) as {
    url: string;
    referrer: string | null;
    linkText: string | null;
    linkContext: string | null;
    outcome: string;
    contentType: string | null;
  }[];
  return rows.map((row) => ({
    url: row.url,
    referrer: row.referrer,
    linkText: row.linkText,
    linkContext: row.linkContext === null ? null : (JSON.parse(row.linkContext) as unknown),
    online: row.outcome !== 'gone' && row.outcome !== 'failed',
    contentType: row.contentType,
  }));
}

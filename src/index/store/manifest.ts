import type { Source } from '../../config/index.js';
import { sourceIdOf } from '../../config/index.js';
import type { ArchivedFile } from './archive.js';
import { archiveBlob, recordArchivedBlob, sha256Of } from './archive.js';
import type { Store } from './open-store.js';
import { nowIso } from './open-store.js';
import { statement } from './statements.js';

/**
 * What happened to a URL in a crawl.
 * - `new` / `changed` / `unchanged`: a document was fetched (or answered 304).
 * - `page`: an HTML page was fetched and read for links.
 * - `gone`: 404/410, or a document no longer linked from its source.
 * - `failed`: could not be fetched or was not what it claimed (see `error`).
 * - `skipped`: not requested (robots.txt, size, type); the reason is in `error`.
 */
export type UrlOutcome = 'new' | 'changed' | 'unchanged' | 'page' | 'gone' | 'failed' | 'skipped';

/** A manifest row as the crawler needs it for conditional requests and reporting. */
export interface ManifestEntry {
  url: string;
  sourceId: string;
  kind: 'page' | 'document' | 'other';
  status: number | null;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  sha256: string | null;
  documentId: string | null;
  outcome: UrlOutcome | null;
  firstSeen: string;
  lastSeen: string | null;
  /** The run that last reached the URL (requested it, or decided not to). */
  lastRunId: number | null;
}

/** Where a URL was found, kept for metadata (link text, the heading it sat under). */
export interface LinkOrigin {
  referrer: string | null;
  linkText: string | null;
  /** Heading and nearby words, as JSON-able data. */
  linkContext: unknown;
  depth: number;
}

/** Records (or refreshes) a configured source; returns its id. */
export function upsertSource(store: Store, source: Source): string {
  const id = sourceIdOf(source.area);
  statement(
    store,
    `INSERT INTO sources (id, area, nation, region, config, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET area = excluded.area, nation = excluded.nation,
       region = excluded.region, config = excluded.config, updated_at = excluded.updated_at`,
  ).run(id, source.area, source.nation, source.region ?? null, JSON.stringify(source), nowIso());
  return id;
}

/** The manifest row for a URL, or null if it was never seen. */
export function getManifestEntry(store: Store, url: string): ManifestEntry | null {
  const row = statement(
    store,
    `SELECT url, source_id AS sourceId, kind, status, content_type AS contentType, etag,
       last_modified AS lastModified, sha256, document_id AS documentId, outcome,
       first_seen AS firstSeen, last_seen AS lastSeen, last_run_id AS lastRunId
     FROM urls WHERE url = ?`,
  ).get(url) as ManifestEntry | undefined;
  return row ?? null;
}

/** What the crawler learnt from one request. */
export interface UrlVisit {
  url: string;
  sourceId: string;
  runId: number;
  kind: 'page' | 'document' | 'other';
  origin: LinkOrigin;
  outcome: UrlOutcome;
  status?: number | null;
  contentType?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  sha256?: string | null;
  documentId?: string | null;
  error?: string | null;
}

/**
 * Writes one URL's outcome to the manifest. Earlier facts a failed request did not
 * replace (ETag, hash, document) are kept, so a transient failure loses nothing.
 */
export function recordVisit(store: Store, visit: UrlVisit): void {
  const now = nowIso();
  const answered = visit.outcome !== 'failed' && visit.outcome !== 'skipped' && visit.outcome !== 'gone';
  statement(
    store,
    `INSERT INTO urls (url, source_id, kind, depth, status, content_type, etag, last_modified, sha256,
       document_id, outcome, error, referrer, link_text, link_context, first_seen, last_seen,
       last_checked, last_run_id)
     VALUES (@url, @sourceId, @kind, @depth, @status, @contentType, @etag, @lastModified, @sha256,
       @documentId, @outcome, @error, @referrer, @linkText, @linkContext, @now, @lastSeen, @now, @runId)
     ON CONFLICT(url) DO UPDATE SET
       kind = CASE WHEN excluded.kind = 'other' THEN urls.kind ELSE excluded.kind END,
       depth = MIN(urls.depth, excluded.depth),
       status = COALESCE(excluded.status, urls.status),
       content_type = COALESCE(excluded.content_type, urls.content_type),
       etag = COALESCE(excluded.etag, urls.etag),
       last_modified = COALESCE(excluded.last_modified, urls.last_modified),
       sha256 = COALESCE(excluded.sha256, urls.sha256),
       document_id = COALESCE(excluded.document_id, urls.document_id),
       outcome = excluded.outcome,
       error = excluded.error,
       referrer = COALESCE(urls.referrer, excluded.referrer),
       link_text = COALESCE(excluded.link_text, urls.link_text),
       link_context = COALESCE(excluded.link_context, urls.link_context),
       last_seen = COALESCE(excluded.last_seen, urls.last_seen),
       last_checked = excluded.last_checked,
       last_run_id = excluded.last_run_id`,
  ).run({
    url: visit.url,
    sourceId: visit.sourceId,
    kind: visit.kind,
    depth: visit.origin.depth,
    status: visit.status ?? null,
    contentType: visit.contentType ?? null,
    etag: visit.etag ?? null,
    lastModified: visit.lastModified ?? null,
    sha256: visit.sha256 ?? null,
    documentId: visit.documentId ?? null,
    outcome: visit.outcome,
    error: visit.error ?? null,
    referrer: visit.origin.referrer,
    linkText: visit.origin.linkText,
    linkContext: visit.origin.linkContext === undefined ? null : JSON.stringify(visit.origin.linkContext),
    now,
    lastSeen: answered ? now : null,
    runId: visit.runId,
  });
}

/** The result of storing a fetched document's bytes. */
export interface StoredDocument {
  documentId: string;
  sha256: string;
  outcome: 'new' | 'changed' | 'unchanged';
}

/**
 * Archives a fetched document and decides what it is to the store:
 * the same bytes already known (at this URL or another) are `unchanged` and become
 * a further location of that document; different bytes at a known document URL are a
 * new version (`changed`, same document id); otherwise a `new` document.
 * Runs in one transaction with the caller's manifest write when wrapped by it.
 */
export function storeDocumentBytes(
  store: Store,
  input: { url: string; sourceId: string; bytes: Uint8Array; mediaType: string },
): StoredDocument {
  return recordDocument(store, input.url, input.sourceId, archiveBlob(store, input.bytes, input.mediaType));
}

/**
 * `storeDocumentBytes` for bytes whose file `archiveFile` has already written (off the
 * main thread, before the caller's transaction): records the blob and decides what
 * the document is, in the same way.
 */
export function storeArchivedDocument(
  store: Store,
  input: { url: string; sourceId: string; file: ArchivedFile },
): StoredDocument {
  recordArchivedBlob(store, input.file);
  return recordDocument(store, input.url, input.sourceId, input.file.sha256);
}

function recordDocument(store: Store, url: string, sourceId: string, sha256: string): StoredDocument {
  const now = nowIso();
  // One look-up answers both "are these bytes a known document?" and "is the id these
  // bytes would give taken?" (both indexed).
  const plainId = sha256.slice(0, 16);
  const matches = statement(store, 'SELECT id, sha256 FROM documents WHERE sha256 = ? OR id = ?').all(
    sha256,
    plainId,
  ) as { id: string; sha256: string }[];
  const sameBytes = matches.find((row) => row.sha256 === sha256);
  // A version seen before (a revert to earlier bytes) keeps its first_seen.
  const recordVersion = statement(
    store,
    `INSERT INTO document_versions (document_id, sha256, first_seen, last_seen) VALUES (?, ?, ?, ?)
     ON CONFLICT(document_id, sha256) DO UPDATE SET last_seen = excluded.last_seen`,
  );

  if (sameBytes) {
    statement(store, 'UPDATE documents SET last_seen = ?, online = 1 WHERE id = ?').run(now, sameBytes.id);
    recordVersion.run(sameBytes.id, sha256, now, now);
    return { documentId: sameBytes.id, sha256, outcome: 'unchanged' };
  }
  const atUrl = statement(
    store,
    'SELECT d.id FROM urls u JOIN documents d ON d.id = u.document_id WHERE u.url = ?',
  ).get(url) as { id: string } | undefined;
  if (atUrl) {
    statement(store, 'UPDATE documents SET sha256 = ?, last_seen = ?, online = 1 WHERE id = ?').run(
      sha256,
      now,
      atUrl.id,
    );
    recordVersion.run(atUrl.id, sha256, now, now);
    return { documentId: atUrl.id, sha256, outcome: 'changed' };
  }
  const id = matches.length === 0 ? plainId : newDocumentId(sha256, url);
  statement(
    store,
    'INSERT INTO documents (id, source_id, sha256, url, online, first_seen, last_seen) VALUES (?, ?, ?, ?, 1, ?, ?)',
  ).run(id, sourceId, sha256, url, now, now);
  recordVersion.run(id, sha256, now, now);
  return { documentId: id, sha256, outcome: 'new' };
}

/** Marks a document seen (a 304 answer), without new bytes. */
export function touchDocument(store: Store, documentId: string): void {
  statement(store, 'UPDATE documents SET last_seen = ?, online = 1 WHERE id = ?').run(nowIso(), documentId);
}

/**
 * After a crawl of a source: when the crawl was complete (its start pages answered),
 * every document URL of the source that this run did not reach is no longer linked,
 * so it is `gone`. Then each document's `online` flag is recomputed from its
 * locations: only when every location is gone does it go offline (a failed request
 * proves nothing). Documents are never deleted.
 * Returns the ids of documents that went offline in this call.
 */
export function settleSourceAfterCrawl(
  store: Store,
  sourceId: string,
  runId: number,
  complete: boolean,
): string[] {
  if (complete) {
    statement(
      store,
      `UPDATE urls SET outcome = 'gone', error = 'no longer linked from the source pages', last_checked = ?
       WHERE source_id = ? AND kind = 'document' AND document_id IS NOT NULL
         AND (last_run_id IS NULL OR last_run_id <> ?)`,
    ).run(nowIso(), sourceId, runId);
  }
  const goingOffline = statement(
    store,
    `SELECT d.id FROM documents d WHERE d.online = 1 AND d.id IN (SELECT document_id FROM urls WHERE source_id = ?)
     AND NOT EXISTS (SELECT 1 FROM urls u WHERE u.document_id = d.id AND u.outcome <> 'gone')`,
  ).all(sourceId) as { id: string }[];
  const setOffline = statement(store, 'UPDATE documents SET online = 0 WHERE id = ?');
  for (const { id } of goingOffline) setOffline.run(id);
  return goingOffline.map((row) => row.id);
}

/** One URL's outcome in a run, as the run report lists it. */
export interface RunOutcome {
  url: string;
  sourceId: string;
  kind: 'page' | 'document' | 'other';
  outcome: UrlOutcome;
  error: string | null;
  documentId: string | null;
}

/** Every URL a run reached (or decided not to request), in the order first seen. */
export function runOutcomes(store: Store, runId: number): RunOutcome[] {
  return statement(
    store,
    `SELECT url, source_id AS sourceId, kind, outcome, error, document_id AS documentId
     FROM urls WHERE last_run_id = ? ORDER BY first_seen, url`,
  ).all(runId) as RunOutcome[];
}

/** Documents by their preferred URL, with why that URL is gone (for reporting removals). */
export function documentRemovals(
  store: Store,
  documentIds: readonly string[],
): { documentId: string; url: string; reason: string }[] {
  const select = statement(
    store,
    'SELECT d.url, u.error FROM documents d LEFT JOIN urls u ON u.url = d.url WHERE d.id = ?',
  );
  return documentIds.flatMap((documentId) => {
    const row = select.get(documentId) as { url: string; error: string | null } | undefined;
    return row ? [{ documentId, url: row.url, reason: row.error ?? 'gone' }] : [];
  });
}

/**
 * The id of a new document whose bytes' plain id (the first 16 hex digits of its
 * hash, see `recordDocument`) is taken by an older document whose first version had
 * those bytes: the URL is mixed in. An id stays a document's when its bytes change.
 */
function newDocumentId(sha256: string, url: string): string {
  return sha256Of(Buffer.from(`${sha256} ${url}`)).slice(0, 16);
}

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Store } from './open-store.js';
import { nowIso } from './open-store.js';
import { statement } from './statements.js';

/** The file extension the archive gives a media type, so archived files open in the right program. */
const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/msword': 'doc',
  'text/html': 'html',
};

/** Hex SHA-256 of some bytes. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Archive folders known to exist, so each is created once per process. */
const madeFolders = new Set<string>();

/**
 * Archives bytes under their hash (`archive/ab/abcdef….pdf`) and records the blob.
 * Archiving the same bytes twice is a no-op. The file is written before its row, and a
 * file is only trusted once its row is committed, so a write torn by a killed run is
 * simply written again by the next (no temporary name needed).
 */
export function archiveBlob(store: Store, bytes: Uint8Array, mediaType: string): string {
  const sha256 = sha256Of(bytes);
  if (statement(store, 'SELECT 1 FROM blobs WHERE sha256 = ?').get(sha256)) return sha256;
  const path = join('archive', sha256.slice(0, 2), `${sha256}.${EXTENSIONS[mediaType] ?? 'bin'}`);
  const absolute = join(store.dataDir, path);
  const folder = dirname(absolute);
  if (!madeFolders.has(folder)) {
    mkdirSync(folder, { recursive: true });
    madeFolders.add(folder);
  }
  writeFileSync(absolute, bytes);
  statement(
    store,
    'INSERT INTO blobs (sha256, bytes, media_type, path, first_seen) VALUES (?, ?, ?, ?, ?)',
  ).run(sha256, bytes.byteLength, mediaType, path, nowIso());
  return sha256;
}

/** Reads an archived blob's bytes and media type. */
export function readBlob(store: Store, sha256: string): { bytes: Buffer; mediaType: string; path: string } {
  const row = store.db.prepare('SELECT path, media_type FROM blobs WHERE sha256 = ?').get(sha256) as
    { path: string; media_type: string } | undefined;
  if (!row) throw new Error(`no archived blob ${sha256}`);
  const path = join(store.dataDir, row.path);
  return { bytes: readFileSync(path), mediaType: row.media_type, path };
}

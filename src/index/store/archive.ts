import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Store } from './open-store.js';
import { nowIso } from './open-store.js';

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

/**
 * Archives bytes under their hash (`archive/ab/abcdef….pdf`) and records the blob.
 * Writes to a temporary name and renames, so a killed run never leaves a torn file
 * behind a recorded hash. Archiving the same bytes twice is a no-op.
 */
export function archiveBlob(store: Store, bytes: Uint8Array, mediaType: string): string {
  const sha256 = sha256Of(bytes);
  const known = store.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').get(sha256);
  if (known) return sha256;
  const path = join('archive', sha256.slice(0, 2), `${sha256}.${EXTENSIONS[mediaType] ?? 'bin'}`);
  const absolute = join(store.dataDir, path);
  mkdirSync(dirname(absolute), { recursive: true });
  const temporary = `${absolute}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, absolute);
  store.db
    .prepare('INSERT INTO blobs (sha256, bytes, media_type, path, first_seen) VALUES (?, ?, ?, ?, ?)')
    .run(sha256, bytes.byteLength, mediaType, path, nowIso());
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

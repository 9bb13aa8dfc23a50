import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
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

/**
 * Bytes whose archive file is written and complete, not yet recorded: only
 * `archiveFile` makes one, once the write has finished, so a blob recorded from it
 * (`recordArchivedBlob`) always has its file.
 */
export interface ArchivedFile {
  sha256: string;
  byteLength: number;
  mediaType: string;
  /** Relative to the data directory. */
  path: string;
}

/** Writes in flight, by absolute path: the same bytes fetched twice at once are written once. */
const writing = new Map<string, Promise<void>>();

/**
 * Writes bytes to the archive (`archive/ab/abcdef….pdf`) off the main thread, unless
 * the store has them already; resolves once the file is complete. Record the blob
 * (`recordArchivedBlob`) only after that, so a crawl killed at any point never leaves
 * a recorded hash without its file. The file is written under its final name: until
 * its row is committed nothing trusts it, and a file torn by a killed run is simply
 * written again by the next. One write per file (open, write, close); its folder is
 * made only when the write finds it missing.
 */
export async function archiveFile(
  store: Store,
  bytes: Uint8Array,
  mediaType: string,
  sha256 = sha256Of(bytes),
): Promise<ArchivedFile> {
  const file = { sha256, byteLength: bytes.byteLength, mediaType, path: archivePath(sha256, mediaType) };
  if (statement(store, 'SELECT 1 FROM blobs WHERE sha256 = ?').get(sha256)) return file;
  const absolute = join(store.dataDir, file.path);
  let write = writing.get(absolute);
  if (!write) {
    write = writeFile(absolute, bytes).catch(async (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(dirname(absolute), { recursive: true });
      await writeFile(absolute, bytes);
    });
    writing.set(absolute, write);
    write.then(
      () => writing.delete(absolute),
      () => writing.delete(absolute),
    );
  }
  await write;
  return file;
}

/** Records a blob whose file `archiveFile` wrote; recording it again is a no-op. */
export function recordArchivedBlob(store: Store, file: ArchivedFile): void {
  statement(
    store,
    'INSERT INTO blobs (sha256, bytes, media_type, path, first_seen) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  ).run(file.sha256, file.byteLength, file.mediaType, file.path, nowIso());
}

/**
 * Archives bytes under their hash and records the blob, synchronously: the file is
 * written before its row (see `archiveFile`). Archiving the same bytes twice is a no-op.
 */
export function archiveBlob(store: Store, bytes: Uint8Array, mediaType: string): string {
  const sha256 = sha256Of(bytes);
  if (statement(store, 'SELECT 1 FROM blobs WHERE sha256 = ?').get(sha256)) return sha256;
  const path = archivePath(sha256, mediaType);
  const absolute = join(store.dataDir, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, bytes);
  recordArchivedBlob(store, { sha256, byteLength: bytes.byteLength, mediaType, path });
  return sha256;
}

/** Reads an archived blob's bytes and media type. */
export function readBlob(store: Store, sha256: string): { bytes: Buffer; mediaType: string; path: string } {
  const row = statement(store, 'SELECT path, media_type FROM blobs WHERE sha256 = ?').get(sha256) as
    { path: string; media_type: string } | undefined;
  if (!row) throw new Error(`no archived blob ${sha256}`);
  const path = join(store.dataDir, row.path);
  return { bytes: readFileSync(path), mediaType: row.media_type, path };
}

/** Where the archive keeps some bytes, relative to the data directory. */
function archivePath(sha256: string, mediaType: string): string {
  return join('archive', sha256.slice(0, 2), `${sha256}.${EXTENSIONS[mediaType] ?? 'bin'}`);
}

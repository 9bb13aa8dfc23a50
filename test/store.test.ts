import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockError } from '../src/errors.js';
import type { Store } from '../src/index/index.js';
import {
  loadReviewGroups,
  lockDataDir,
  openStore,
  readBlob,
  recordVisit,
  saveExtraction,
  settleSourceAfterCrawl,
  storeDocumentBytes,
  upsertSource,
} from '../src/index/index.js';
import { tempDir } from './helpers/temp-dir.js';

function storeWithSource(): { store: Store; sourceId: string } {
  const store = openStore(tempDir());
  const sourceId = upsertSource(store, {
    area: 'Northmoor',
    nation: 'England',
    startUrls: ['http://127.0.0.1:1/'],
  });
  return { store, sourceId };
}

function fetched(store: Store, sourceId: string, url: string, text: string, runId = 1) {
  const result = storeDocumentBytes(store, {
    url,
    sourceId,
    bytes: Buffer.from(`%PDF-1.4 ${text}`),
    mediaType: 'application/pdf',
  });
  recordVisit(store, {
    url,
    sourceId,
    runId,
    kind: 'document',
    origin: { referrer: null, linkText: null, linkContext: null, depth: 1 },
    outcome: result.outcome,
    sha256: result.sha256,
    documentId: result.documentId,
  });
  return result;
}

describe('storeDocumentBytes', () => {
  it('archives bytes by hash and tells new, unchanged and changed apart', () => {
    const { store, sourceId } = storeWithSource();
    const first = fetched(store, sourceId, 'http://a/1.pdf', 'one');
    expect(first.outcome).toBe('new');
    const blob = readBlob(store, first.sha256);
    expect(blob.path.endsWith(`${first.sha256}.pdf`)).toBe(true);
    expect(readFileSync(blob.path, 'latin1')).toBe('%PDF-1.4 one');

    expect(fetched(store, sourceId, 'http://a/1.pdf', 'one').outcome).toBe('unchanged');
    const changed = fetched(store, sourceId, 'http://a/1.pdf', 'one, revised');
    expect(changed).toMatchObject({ outcome: 'changed', documentId: first.documentId });
    // The first version stays in the archive.
    expect(existsSync(readBlob(store, first.sha256).path)).toBe(true);
    const versions = store.db
      .prepare('SELECT count(*) AS n FROM document_versions WHERE document_id = ?')
      .get(first.documentId);
    expect(versions).toEqual({ n: 2 });
  });

  it('makes the same bytes at two URLs one document with two locations', () => {
    const { store, sourceId } = storeWithSource();
    const a = fetched(store, sourceId, 'http://a/report.pdf', 'shared');
    const b = fetched(store, sourceId, 'http://b/download?id=9', 'shared');
    expect(b).toMatchObject({ outcome: 'unchanged', documentId: a.documentId });
    expect(store.db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 1 });
    expect(
      store.db.prepare('SELECT count(*) AS n FROM urls WHERE document_id = ?').get(a.documentId),
    ).toEqual({ n: 2 });
  });
});

describe('settleSourceAfterCrawl', () => {
  it('takes a document offline only when no location remains, and never deletes it', () => {
    const { store, sourceId } = storeWithSource();
    const kept = fetched(store, sourceId, 'http://a/kept.pdf', 'kept', 1);
    const dropped = fetched(store, sourceId, 'http://a/dropped.pdf', 'dropped', 1);
    fetched(store, sourceId, 'http://a/kept.pdf', 'kept', 2);
    expect(settleSourceAfterCrawl(store, sourceId, 2, true)).toEqual([dropped.documentId]);
    const online = store.db.prepare('SELECT id, online FROM documents ORDER BY id').all() as {
      id: string;
      online: number;
    }[];
    expect(Object.fromEntries(online.map((r) => [r.id, r.online]))).toEqual({
      [kept.documentId]: 1,
      [dropped.documentId]: 0,
    });
  });

  it('judges nothing gone after an incomplete crawl', () => {
    const { store, sourceId } = storeWithSource();
    fetched(store, sourceId, 'http://a/x.pdf', 'x', 1);
    expect(settleSourceAfterCrawl(store, sourceId, 2, false)).toEqual([]);
  });
});

describe('lockDataDir', () => {
  it('refuses a second writer with a message naming the holder', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir, 'crawl');
    expect(() => lockDataDir(dir, 'run')).toThrow(LockError);
    expect(() => lockDataDir(dir, 'run')).toThrow(
      new RegExp(`${dir} is in use by another crawl \\(pid ${process.pid}`),
    );
    lock.release();
    lockDataDir(dir, 'run').release();
  });

  it('takes over the lock of a process that is gone', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'casereviews.lock'),
      JSON.stringify({ pid: 2 ** 22 + 17, command: 'crawl', since: 'then' }),
    );
    const lock = lockDataDir(dir, 'crawl');
    const holder = JSON.parse(readFileSync(join(dir, 'casereviews.lock'), 'utf8')) as { pid: number };
    expect(holder.pid).toBe(process.pid);
    lock.release();
    // Released, and nothing left behind: neither the lock nor the stale one set aside.
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('loadReviewGroups', () => {
  function extracted(
    store: Store,
    sourceId: string,
    name: string,
    childNames: string[],
    year: number | null,
  ) {
    const { documentId, sha256 } = fetched(store, sourceId, `http://127.0.0.1:1/${name}.pdf`, name);
    saveExtraction(store, documentId, {
      sha256,
      meta: {
        title: name,
        area: 'Northmoor',
        nation: 'England',
        year,
        publishedDate: null,
        reviewType: 'lcspr',
        documentKind: 'full-report',
        isReview: true,
        notReviewReason: null,
        childNames,
        childAge: null,
        childOutcome: null,
        pages: 1,
        provenance: {},
      },
      pages: [],
      sections: [],
      passages: [],
    });
    return documentId;
  }

  it("groups a partnership's documents naming the same child within two years, not a decade apart", () => {
    const { store, sourceId } = storeWithSource();
    const report = extracted(store, sourceId, 'report', ['Child A'], 2021);
    const briefing = extracted(store, sourceId, 'briefing', ['child  a'], 2022);
    const response = extracted(store, sourceId, 'response', ['Child A'], 2024);
    const later = extracted(store, sourceId, 'later', ['Child A'], 2033);
    const other = extracted(store, sourceId, 'other', ['Child B'], 2021);
    const groups = loadReviewGroups(store);
    expect(groups.get(briefing)?.documentIds.sort()).toEqual([report, briefing, response].sort());
    expect(groups.get(later)?.documentIds).toEqual([later]);
    expect(groups.get(other)?.documentIds).toEqual([other]);
    store.close();
  });
});

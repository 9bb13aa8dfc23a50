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
  interface Named {
    name: string;
    childNames: string[];
    year: number | null;
    kind?: 'full-report' | 'briefing' | 'response';
    reviewType?: 'lcspr' | 'thematic';
  }

  function extracted(store: Store, sourceId: string, doc: Named) {
    const { documentId, sha256 } = fetched(store, sourceId, `http://127.0.0.1:1/${doc.name}.pdf`, doc.name);
    saveExtraction(store, documentId, {
      sha256,
      meta: {
        title: doc.name,
        area: 'Northmoor',
        nation: 'England',
        year: doc.year,
        publishedDate: null,
        reviewType: doc.reviewType ?? 'lcspr',
        documentKind: doc.kind ?? 'briefing',
        isReview: true,
        notReviewReason: null,
        childNames: doc.childNames,
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

  /** The group of each named document, as the names of its members. */
  function groupsOf(docs: Named[]): Record<string, string[]> {
    const { store, sourceId } = storeWithSource();
    const ids = new Map(docs.map((doc) => [extracted(store, sourceId, doc), doc.name]));
    const groups = loadReviewGroups(store);
    store.close();
    return Object.fromEntries(
      [...ids].map(([id, name]) => [
        name,
        (groups.get(id)?.documentIds ?? []).map((m) => ids.get(m) ?? m).sort(),
      ]),
    );
  }

  it("groups a partnership's documents naming the same child within two years, not a decade apart", () => {
    const groups = groupsOf([
      { name: 'report', childNames: ['Child A'], year: 2021, kind: 'full-report' },
      { name: 'briefing', childNames: ['child  a'], year: 2022 },
      { name: 'response', childNames: ['Child A'], year: 2024, kind: 'response' },
      { name: 'later', childNames: ['Child A'], year: 2033 },
      { name: 'other', childNames: ['Child B'], year: 2021 },
    ]);
    expect(groups.briefing).toEqual(['briefing', 'report', 'response']);
    expect(groups.later).toEqual(['later']);
    expect(groups.other).toEqual(['other']);
  });

  it('keeps apart a second full report, thematic reviews, and undated documents when the name has two cases', () => {
    const groups = groupsOf([
      { name: 'first', childNames: ['Child C'], year: 2020, kind: 'full-report' },
      { name: 'second', childNames: ['Child C'], year: 2021, kind: 'full-report' },
      { name: 'thematic', childNames: ['Child C', 'Child D'], year: 2020, reviewType: 'thematic' },
      { name: 'series', childNames: ['Child D', 'Child E', 'Child F'], year: 2020 },
      { name: 'd', childNames: ['Child D'], year: 2020, kind: 'full-report' },
      { name: 'undated', childNames: ['Child C'], year: null },
    ]);
    expect(groups.first).toEqual(['first']);
    expect(groups.second).toEqual(['second']);
    expect(groups.thematic).toEqual(['thematic']);
    expect(groups.series).toEqual(['series']);
    expect(groups.d).toEqual(['d']);
    expect(groups.undated).toEqual(['undated']);
  });
});

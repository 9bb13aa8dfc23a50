/**
 * The Meilisearch backend's own logic: settings, documents, batches, filters, query text,
 * corrections, task checks and keys, as pure functions; then what the backend sends and
 * how it fails, over HTTP on 127.0.0.1. Answers from a real server are the contract
 * suite's (test/search-contract.test.ts, with MEILI_HOST).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Task } from 'meilisearch';
import { afterEach, describe, expect, it } from 'vitest';
import { contractCorpus } from '../fixtures/search-corpus/index.js';
import { UsageError } from '../src/errors.js';
import type { SearchQueryInput } from '../src/index/index.js';
import { loadSearchConfig, parseQueryText, SearchQuery } from '../src/index/index.js';
import {
  batchDocuments,
  checkTasks,
  chunkTexts,
  DocumentTooLargeError,
  inferCorrection,
  isSearchOnlyKey,
  meiliQueryText,
  MeilisearchBackend,
  meilisearchOptionsFromEnv,
  MeilisearchTaskError,
  meiliSynonyms,
  pageWindow,
  passageFilters,
  passageIndexSettings,
  quoteFilterValue,
  reviewFilters,
  reviewIndexSettings,
  textAttribute,
  toFacets,
  toPassageDocument,
  toReviewDocument,
  WORDS_PER_TEXT_ATTRIBUTE,
} from '../src/index/meilisearch/index.js';

const config = loadSearchConfig();

describe('index settings', () => {
  const reviews = reviewIndexSettings(config);
  const passages = passageIndexSettings(config);

  it('search reviews by names and title first, then sections by weight, and never return the text', () => {
    expect(reviews.searchableAttributes?.slice(0, 4)).toEqual([
      'childNames',
      'title',
      textAttribute('learning', 0),
      textAttribute('learning', 1),
    ]);
    expect(reviews.searchableAttributes?.at(-1)).toBe(textAttribute('appendix', 4));
    expect(reviews.displayedAttributes?.some((a) => a.startsWith('text_'))).toBe(false);
    expect(passages.searchableAttributes).toEqual(['text']);
  });

  it('filter, sort and rank both indexes as the query needs', () => {
    for (const field of [
      'area',
      'nation',
      'region',
      'year',
      'reviewType',
      'documentKind',
      'themes',
      'online',
    ]) {
      expect(reviews.filterableAttributes).toContain(field);
      expect(passages.filterableAttributes).toContain(field);
    }
    expect(reviews.filterableAttributes).toEqual(expect.arrayContaining(['id', 'sections']));
    expect(passages.filterableAttributes).toEqual(expect.arrayContaining(['reviewId', 'section']));
    expect(reviews.sortableAttributes).toContain('year');
    expect(passages.sortableAttributes).toEqual(expect.arrayContaining(['year', 'ordinal']));
    expect(reviews.rankingRules).toEqual([
      'sort',
      'words',
      'typo',
      'proximity',
      'attribute',
      'exactness',
      'kindRank:asc',
    ]);
    expect(reviews.distinctAttribute).toBeNull();
  });

  it('share typo tolerance, faceting, pagination, stop words and synonyms with the embedded index', () => {
    expect(reviews.typoTolerance).toEqual({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
      disableOnNumbers: true,
    });
    expect(reviews.faceting?.maxValuesPerFacet).toBeGreaterThanOrEqual(500);
    expect(reviews.pagination?.maxTotalHits).toBeGreaterThanOrEqual(10_000);
    expect(reviews.stopWords).toContain('the');
    expect(reviews.stopWords).not.toContain('not');
    expect(passages.synonyms).toEqual(reviews.synonyms);
  });

  it('lists synonyms both ways, merging the groups an entry is in', () => {
    const synonyms = meiliSynonyms([
      [['scr'], ['serious', 'case', 'review']],
      [['da'], ['domestic', 'abuse'], ['domestic', 'violence']],
      [['dv'], ['domestic', 'violence'], ['domestic', 'abuse']],
    ]);
    expect(synonyms.scr).toEqual(['serious case review']);
    expect(synonyms['serious case review']).toEqual(['scr']);
    expect(synonyms['domestic violence']).toEqual(['da', 'domestic abuse', 'dv']);
  });
});

describe('documents', () => {
  const { reviews, passages } = contractCorpus();
  const report = reviews.find((r) => r.id === 'q-report');
  if (!report) throw new Error('contract corpus lost q-report');
  const own = passages.filter((p) => p.reviewId === report.id);

  it('put a review’s text in section attributes and its record beside it', () => {
    const document = toReviewDocument(report, own, config);
    expect(document[textAttribute('learning', 0) as `text_${string}`]).toContain('disguised compliance');
    expect(document[textAttribute('chronology', 0) as `text_${string}`]).toContain('chronic neglect');
    expect(document.sections).toEqual(['learning', 'findings', 'recommendations', 'chronology']);
    expect(document.sectionCounts).toEqual({ chronology: 1, findings: 1, learning: 1, recommendations: 1 });
    expect(document.kindRank).toBe(0);
    expect(document.profile.map(([word]) => word)).toContain('compliance');
  });

  it('copy the review’s filter fields onto each passage', () => {
    const passage = own[2];
    if (!passage) throw new Error('q-report has no third passage');
    expect(toPassageDocument(passage, report)).toMatchObject({
      id: `p${passage.id}`,
      reviewId: 'q-report',
      section: 'learning',
      page: 14,
      area: 'Northmoor',
      year: 2021,
      themes: ['neglect', 'professional-curiosity'],
      online: true,
    });
  });

  it('split long sections into chunks of whole passages within the word limit', () => {
    const passage = Array.from({ length: 1000 }, () => 'word').join(' ');
    const chunks = chunkTexts(Array.from({ length: 130 }, () => passage));
    expect(chunks.length).toBe(5);
    for (const chunk of chunks.slice(0, 4)) {
      expect(chunk.split(/\s+/).length).toBeLessThanOrEqual(WORDS_PER_TEXT_ATTRIBUTE);
    }
    // What does not fit goes into the last chunk rather than being dropped here.
    expect(chunks.join(' ').split(/\s+/).length).toBe(130_000);
  });
});

describe('batchDocuments', () => {
  const docs = Array.from({ length: 25 }, (_, i) => ({ id: `d${i}`, text: 'x'.repeat(100) }));

  it('keeps order and both limits', () => {
    const byCount = batchDocuments(docs, { maxDocuments: 10, maxBytes: 1_000_000 });
    expect(byCount.map((b) => b.length)).toEqual([10, 10, 5]);
    const byBytes = batchDocuments(docs, { maxDocuments: 1000, maxBytes: 1200 });
    expect(byBytes.flat()).toEqual(docs);
    for (const batch of byBytes) expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(1200);
    expect(batchDocuments([], { maxDocuments: 10, maxBytes: 1000 })).toEqual([]);
  });

  it('names a document too large for any batch', () => {
    const huge = { id: 'huge', text: 'x'.repeat(2000) };
    expect(() => batchDocuments([huge], { maxDocuments: 10, maxBytes: 1000 })).toThrow(
      new DocumentTooLargeError(
        `document huge: ${JSON.stringify(huge).length} bytes of JSON, more than a batch may hold (1000)`,
      ),
    );
  });
});

describe('filters', () => {
  const filters = (input: SearchQueryInput) => reviewFilters(SearchQuery.parse(input), true);

  it.each([
    ['Northmoor', '"Northmoor"'],
    ['Northmoor" OR online = false', '"Northmoor\\" OR online = false"'],
    ['back\\slash', '"back\\\\slash"'],
    ['\\" OR id EXISTS', '"\\\\\\" OR id EXISTS"'],
  ])('quotes %j as one value', (value, quoted) => {
    expect(quoteFilterValue(value)).toBe(quoted);
  });

  it('builds every filter from parsed fields', () => {
    expect(
      filters({
        areas: ['Northmoor', 'Eastmere'],
        nations: ['Wales'],
        reviewTypes: ['scr'],
        yearFrom: 2019,
        yearTo: 2024,
        online: false,
        themes: ['neglect', 'domestic-abuse'],
        sections: ['learning', 'recommendations'],
      }),
    ).toEqual([
      'area IN ["Northmoor", "Eastmere"]',
      'nation = "Wales"',
      'reviewType = "scr"',
      'year >= 2019',
      'year <= 2024',
      'online = false',
      'themes = "neglect"',
      'themes = "domestic-abuse"',
      'sections IN ["learning", "recommendations"]',
    ]);
    expect(passageFilters(SearchQuery.parse({ sections: ['learning'] }), 'q-report')).toEqual([
      'section = "learning"',
      'reviewId = "q-report"',
    ]);
    expect(filters({})).toEqual([]);
  });

  it('keeps a hostile value inside its quotes', () => {
    const [filter] = filters({ areas: ['x" OR online = true OR area = "y'] });
    // Outside quoted strings there is only the field, the operator and the one value.
    expect(filter?.replace(/"(?:[^"\\]|\\.)*"/g, 'VALUE')).toBe('area = VALUE');
  });
});

describe('query text', () => {
  const text = (q: string, prefix = false) => meiliQueryText(parseQueryText(q).terms, prefix);

  it.each([
    ['disguised compliance', 'disguised compliance '],
    ['"disguised compliance" neglect', '"disguised compliance" neglect '],
    ['co-sleeping', 'co sleeping '],
    ['-neglect', 'neglect '],
    ['neglect" OR "x', 'neglect "or" x '],
    ['"unbalanced', '"unbalanced" '],
  ])('%j → %j', (q, expected) => {
    expect(text(q)).toBe(expected);
  });

  it('leaves the last word a prefix only when typing', () => {
    expect(text('negl', true)).toBe('negl');
    expect(text('negl')).toBe('negl ');
  });

  it('reads corrections off the highlighted words', () => {
    const terms = parseQueryText('neglet disguised').terms;
    expect(inferCorrection(terms, ['neglect', 'disguised'], config, false)?.map((t) => t.words[0])).toEqual([
      'neglect',
      'disguised',
    ]);
    expect(inferCorrection(terms, ['neglected'], config, false)).toBeNull();
    expect(inferCorrection(parseQueryText('negl').terms, ['neglect'], config, true)).toBeNull();
    expect(inferCorrection(parseQueryText('SCR').terms, ['serious'], config, false)).toBeNull();
  });

  it('pages by page number when it can, for exact totals', () => {
    expect(pageWindow(0, 20)).toEqual({ page: 1, hitsPerPage: 20, skip: 0 });
    expect(pageWindow(40, 20)).toEqual({ page: 3, hitsPerPage: 20, skip: 0 });
    expect(pageWindow(5, 20)).toEqual({ page: 1, hitsPerPage: 25, skip: 5 });
  });

  it('renames the themes facet', () => {
    expect(toFacets({ themes: { neglect: 2 }, area: { Northmoor: 1 } })).toEqual({
      area: { Northmoor: 1 },
      year: {},
      reviewType: {},
      theme: { neglect: 2 },
      nation: {},
    });
  });
});

/** A finished task object, as GET /tasks/:uid returns it. */
const task = (fields: Partial<Task>): Task => ({
  uid: 7,
  batchUid: 3,
  indexUid: 'casereviews-passages',
  status: 'succeeded',
  type: 'documentAdditionOrUpdate',
  canceledBy: null,
  error: null,
  duration: 'PT1S',
  enqueuedAt: '2026-01-01T00:00:00Z',
  startedAt: '2026-01-01T00:00:00Z',
  finishedAt: '2026-01-01T00:00:01Z',
  ...fields,
});

describe('tasks and keys', () => {
  it('fails loudly with the first failed task’s own error', () => {
    expect(() => checkTasks([task({})])).not.toThrow();
    const failed = task({
      status: 'failed',
      error: {
        code: 'invalid_document_id',
        message: 'Document identifier `a b` is invalid.',
        type: 'invalid_request',
        link: '',
      },
    });
    expect(() => checkTasks([task({}), failed, task({ uid: 8, status: 'canceled' })])).toThrow(
      'Meilisearch task 7 (documentAdditionOrUpdate on casereviews-passages) failed: invalid_document_id: Document identifier `a b` is invalid. (and 1 more task(s) failed)',
    );
  });

  it('gives a browser only a search-only key for exactly our indexes', () => {
    const now = new Date('2026-06-01');
    const ours = ['casereviews-reviews', 'casereviews-passages'];
    const key = (actions: string[], indexes: string[], expiresAt: string | null = null) => ({
      actions,
      indexes,
      expiresAt: expiresAt as unknown as Date,
    });
    expect(isSearchOnlyKey(key(['search'], ours), ours, now)).toBe(true);
    expect(isSearchOnlyKey(key(['*'], ['*']), ours, now)).toBe(false);
    expect(isSearchOnlyKey(key(['search', 'documents.add'], ours), ours, now)).toBe(false);
    expect(isSearchOnlyKey(key(['search'], ['*']), ours, now)).toBe(false);
    expect(isSearchOnlyKey(key(['search'], ours, '2026-01-01T00:00:00Z'), ours, now)).toBe(false);
  });

  it('reads its connection from the environment, with clear errors', () => {
    expect(meilisearchOptionsFromEnv({ MEILI_HOST: 'http://127.0.0.1:7700', MEILI_API_KEY: 'k' })).toEqual({
      host: 'http://127.0.0.1:7700',
      apiKey: 'k',
      indexPrefix: 'casereviews',
    });
    expect(() => meilisearchOptionsFromEnv({})).toThrow(UsageError);
    expect(() =>
      meilisearchOptionsFromEnv({ MEILI_HOST: 'http://127.0.0.1:7700', MEILI_INDEX_PREFIX: 'a b' }),
    ).toThrow('MEILI_INDEX_PREFIX: expected letters, digits, - or _, got "a b"');
  });
});

/** Requests a stand-in server received, and how it answers. */
interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

/**
 * A stand-in for a Meilisearch server on 127.0.0.1: it answers with the documented
 * shapes of enqueued tasks and task objects, and fails the task of any request for
 * which `fail` says so. It checks what the backend sends and what it does with a failed
 * task; it does not search.
 */
async function startStandIn(fail: (request: Recorded) => string | null) {
  const requests: Recorded[] = [];
  const indexes = new Set<string>();
  const tasks = new Map<number, Task>();
  const keys: { key: string; actions: string[]; indexes: string[]; expiresAt: null }[] = [
    { key: 'admin-key', actions: ['*'], indexes: ['*'], expiresAt: null },
  ];
  const enqueue = (
    res: ServerResponse,
    indexUid: string | null,
    type: Task['type'],
    error: string | null,
  ) => {
    const uid = tasks.size;
    tasks.set(uid, {
      uid,
      batchUid: uid,
      indexUid,
      status: error ? 'failed' : 'succeeded',
      type,
      canceledBy: null,
      error: error
        ? { code: error, message: `stand-in refused: ${error}`, type: 'invalid_request', link: '' }
        : null,
      duration: 'PT0S',
      enqueuedAt: new Date().toISOString(),
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
    });
    send(res, 202, {
      taskUid: uid,
      indexUid,
      status: 'enqueued',
      type,
      enqueuedAt: new Date().toISOString(),
    });
  };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const request: Recorded = { method: req.method ?? 'GET', path, body: text ? JSON.parse(text) : null };
      requests.push(request);
      const error = fail(request);
      const [, first, uid, rest] = path.split('/');
      if (first === 'tasks' && uid) return send(res, 200, tasks.get(Number(uid)));
      if (first === 'keys' && req.method === 'GET')
        return send(res, 200, { results: keys, offset: 0, limit: 1000, total: keys.length });
      if (first === 'keys' && req.method === 'POST') {
        const created = { ...(request.body as object), key: 'search-key' } as (typeof keys)[number];
        keys.push(created);
        return send(res, 201, created);
      }
      if (first === 'swap-indexes') return enqueue(res, null, 'indexSwap', error);
      if (first === 'indexes' && !uid && req.method === 'POST') {
        indexes.add((request.body as { uid: string }).uid);
        return enqueue(res, (request.body as { uid: string }).uid, 'indexCreation', error);
      }
      if (first === 'indexes' && uid && !rest && req.method === 'GET') {
        if (indexes.has(uid)) return send(res, 200, { uid, primaryKey: 'id', createdAt: '', updatedAt: '' });
        return send(res, 404, {
          message: `Index \`${uid}\` not found.`,
          code: 'index_not_found',
          type: 'invalid_request',
          link: '',
        });
      }
      if (first === 'indexes' && uid && !rest && req.method === 'DELETE')
        return enqueue(res, uid, 'indexDeletion', error);
      if (rest === 'settings') return enqueue(res, uid ?? null, 'settingsUpdate', error);
      if (rest === 'documents' && path.endsWith('/delete'))
        return enqueue(res, uid ?? null, 'documentDeletion', error);
      if (rest === 'documents') return enqueue(res, uid ?? null, 'documentAdditionOrUpdate', error);
      return send(res, 404, {
        message: `stand-in has no ${req.method} ${path}`,
        code: 'not_found',
        type: 'invalid_request',
        link: '',
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('MeilisearchBackend over HTTP', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  const backendOn = (host: string) =>
    new MeilisearchBackend({ host, apiKey: 'admin-key', indexPrefix: 'casereviews-test' }, config);

  it('sets up both indexes, replaces a review’s passages, and fails with the failed task’s error', async () => {
    const standIn = await startStandIn((r) =>
      r.method === 'POST' && r.path === '/indexes/casereviews-test-passages/documents'
        ? 'invalid_document_fields'
        : null,
    );
    closers.push(standIn.close);
    const { reviews, passages } = contractCorpus();
    await expect(backendOn(standIn.host).upsert(reviews, passages)).rejects.toThrow(MeilisearchTaskError);
    await expect(backendOn(standIn.host).upsert(reviews, passages)).rejects.toThrow(
      /documentAdditionOrUpdate on casereviews-test-passages\) failed: invalid_document_fields: stand-in refused/,
    );
    const calls = standIn.requests
      .filter((r) => !r.path.startsWith('/tasks'))
      .map((r) => `${r.method} ${r.path}`);
    expect(calls.slice(0, 8)).toEqual([
      'GET /indexes/casereviews-test-reviews',
      'POST /indexes',
      'GET /indexes/casereviews-test-passages',
      'POST /indexes',
      'PATCH /indexes/casereviews-test-reviews/settings',
      'PATCH /indexes/casereviews-test-passages/settings',
      // Old passages of these reviews go first: a review may now have fewer.
      'POST /indexes/casereviews-test-passages/documents/delete',
      'POST /indexes/casereviews-test-reviews/documents',
    ]);
    const settings = standIn.requests.find((r) => r.path === '/indexes/casereviews-test-reviews/settings');
    expect(settings?.body).toEqual(JSON.parse(JSON.stringify(reviewIndexSettings(config))));
  });

  it('rebuilds into fresh indexes, swaps both pairs in one task, and deletes the old pair', async () => {
    const standIn = await startStandIn(() => null);
    closers.push(standIn.close);
    const { reviews, passages } = contractCorpus();
    await backendOn(standIn.host).rebuild(async (sink) => {
      await sink.upsert(reviews, passages);
    });
    const swaps = standIn.requests.filter((r) => r.path === '/swap-indexes');
    expect(swaps).toHaveLength(1);
    const [reviewsPair, passagesPair] = swaps[0]?.body as { indexes: [string, string]; rename: boolean }[];
    expect(reviewsPair?.indexes[0]).toBe('casereviews-test-reviews');
    expect(reviewsPair?.indexes[1]).toMatch(/^casereviews-test-reviews-rebuild-/);
    expect(passagesPair?.indexes[0]).toBe('casereviews-test-passages');
    expect(reviewsPair?.rename).toBe(false);
    const deleted = standIn.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
    expect(deleted).toEqual([`/indexes/${reviewsPair?.indexes[1]}`, `/indexes/${passagesPair?.indexes[1]}`]);
    // No document went to the live indexes.
    expect(standIn.requests.some((r) => r.path === '/indexes/casereviews-test-reviews/documents')).toBe(
      false,
    );
  });

  it('gives the search page a search-only key, never the admin key', async () => {
    const standIn = await startStandIn(() => null);
    closers.push(standIn.close);
    const browser = await backendOn(standIn.host).browserConfig();
    expect(browser).toEqual({
      host: standIn.host,
      apiKey: 'search-key',
      reviewsIndex: 'casereviews-test-reviews',
      passagesIndex: 'casereviews-test-passages',
    });
    const created = standIn.requests.find((r) => r.method === 'POST' && r.path === '/keys');
    expect(created?.body).toMatchObject({
      actions: ['search'],
      indexes: ['casereviews-test-reviews', 'casereviews-test-passages'],
    });
  });

  it('says which host it cannot reach', async () => {
    const standIn = await startStandIn(() => null);
    await standIn.close();
    await expect(backendOn(standIn.host).search(SearchQuery.parse({ q: 'neglect' }))).rejects.toThrow(
      new RegExp(`^MEILI_HOST ${standIn.host}: cannot reach Meilisearch`),
    );
  });
});

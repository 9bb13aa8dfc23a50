/**
 * One contract for every search backend: the same corpus, the same queries, the same
 * answers. The embedded index always runs; Meilisearch runs when MEILI_HOST points at a
 * server (with MEILI_API_KEY if it needs one), in indexes of its own deleted afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contractCorpus } from '../fixtures/search-corpus/index.js';
import { SearchAnswer } from '../src/contracts/index.js';
import { UsageError } from '../src/errors.js';
import type { SearchBackend, SearchQueryInput } from '../src/index/index.js';
import { openBackend, RelatedAnswer, SearchQuery } from '../src/index/index.js';

interface BackendUnderTest {
  name: string;
  /** Why this backend cannot run here, or null. */
  unavailable: string | null;
  open(): SearchBackend;
  cleanup?(): Promise<void>;
}

const meiliPrefix = `casereviews-contract-${process.pid}-${Date.now().toString(36)}`;
const sqliteDir = mkdtempSync(join(tmpdir(), 'casereviews-contract-'));
const BACKENDS: BackendUnderTest[] = [
  {
    name: 'sqlite',
    unavailable: null,
    open: () => openBackend('sqlite', sqliteDir).backend,
    async cleanup() {
      rmSync(sqliteDir, { recursive: true, force: true });
    },
  },
  {
    name: 'meilisearch',
    unavailable: process.env.MEILI_HOST
      ? null
      : 'MEILI_HOST not set: the Meilisearch contract tests need a server (MEILI_HOST, MEILI_API_KEY)',
    open: () =>
      openBackend('meilisearch', '', { env: { ...process.env, MEILI_INDEX_PREFIX: meiliPrefix } }).backend,
    async cleanup() {
      const client = new Meilisearch({
        host: process.env.MEILI_HOST ?? '',
        apiKey: process.env.MEILI_API_KEY,
      });
      const { results } = await client.getIndexes({ limit: 1000 });
      const mine = results.filter((index) => index.uid.startsWith(meiliPrefix));
      await Promise.all(mine.map((index) => client.deleteIndex(index.uid).waitTask()));
    },
  },
];

const query = (input: SearchQueryInput) => SearchQuery.parse(input);
const ids = (answer: SearchAnswer) => answer.results.map((r) => r.id);

describe.each(BACKENDS)('search contract: $name', (backendUnderTest) => {
  let backend: SearchBackend;

  beforeAll(async () => {
    if (backendUnderTest.unavailable) {
      process.stderr.write(
        `search contract: ${backendUnderTest.name} skipped: ${backendUnderTest.unavailable}\n`,
      );
      return;
    }
    backend = backendUnderTest.open();
    const { reviews, passages } = contractCorpus();
    await backend.rebuild(async (sink) => {
      await sink.upsert(reviews, passages);
    });
  });

  afterAll(async () => {
    if (backendUnderTest.unavailable) return;
    await backend?.close();
    await backendUnderTest.cleanup?.();
  });

  beforeEach((ctx) => {
    if (backendUnderTest.unavailable) ctx.skip(backendUnderTest.unavailable);
  });

  const search = async (input: SearchQueryInput) => {
    const answer = await backend.search(query(input));
    expect(SearchAnswer.parse(answer)).toEqual(answer);
    return answer;
  };

  it('finds a phrase in both documents holding it, with marked snippets and pages', async () => {
    const answer = await search({ q: '"disguised compliance"' });
    expect(ids(answer).sort()).toEqual(['q-report', 'q-summary']);
    expect(answer.total).toBe(2);
    const report = answer.results.find((r) => r.id === 'q-report');
    expect(report?.passages.map((p) => [p.page, p.section])).toContainEqual([14, 'learning']);
    expect(report?.passages.find((p) => p.page === 14)?.snippet).toContain(
      '<mark>disguised compliance</mark>',
    );
  });

  it('ranks a review by its name: the report, then its summary, then the response to it', async () => {
    expect(ids(await search({ q: 'Child Q' }))).toEqual(['q-report', 'q-summary', 'q-response']);
  });

  it('corrects a misspelt word and says so', async () => {
    const answer = await search({ q: 'neglet' });
    expect(answer.correctedQuery).toBe('neglect');
    expect(ids(answer).sort()).toEqual(['q-report', 'q-summary', 'y-lcspr']);
  });

  it.each([
    ['SCR', ['t-scr']],
    ['bed sharing', ['t-scr']],
    ['criminal exploitation', ['w-cpr']],
    ['DA', ['m-brief', 'y-lcspr']],
    ['domestic violence', ['m-brief', 'y-lcspr']],
  ])('finds %j through its synonyms', async (q, expected) => {
    const answer = await search({ q });
    expect(ids(answer).sort()).toEqual(expected);
    expect(answer.correctedQuery).toBeNull();
  });

  it('matches the last word as a prefix only when typing', async () => {
    expect(ids(await search({ q: 'disgu', prefix: true })).sort()).toEqual(['q-report', 'q-summary']);
    expect((await search({ q: 'disgu' })).total).toBe(0);
    expect((await search({ q: 'disgu ', prefix: true })).total).toBe(0);
  });

  // Relevance orders differ between engines (bm25 here, Meilisearch's rules there), so
  // results with words are compared as sets; filter-only lists are newest first in both.
  it.each<[SearchQueryInput, string[]]>([
    [{ q: 'neglect', yearFrom: 2022 }, ['y-lcspr']],
    [{ q: 'neglect', areas: ['northmoor'] }, ['q-report', 'q-summary']],
    [{ q: 'neglect', online: false }, ['y-lcspr']],
    [{ q: 'neglect', sections: ['learning'] }, ['y-lcspr']],
    [{ q: 'agencies', nations: ['Wales'] }, []],
    [{ q: '', nations: ['Wales'] }, ['w-cpr']],
    [{ q: '', reviewTypes: ['scr'] }, ['m-brief', 't-scr']],
    [{ q: '', documentKinds: ['briefing'] }, ['m-brief']],
    [{ q: '', yearFrom: 2018, yearTo: 2020 }, ['k-thematic', 'm-brief']],
    [{ q: '', themes: ['neglect', 'domestic-abuse'] }, ['y-lcspr']],
    [{ q: '', sections: ['response'] }, ['q-response']],
  ])('filters %j', async (input, expected) => {
    const found = ids(await search(input));
    expect(input.q ? found.sort() : found).toEqual(expected);
  });

  it('counts facets by review, not by passage', async () => {
    const answer = await search({ q: 'neglect' });
    expect(answer.facets.area).toEqual({ Northmoor: 2, Eastmere: 1 });
    expect(answer.facets.theme).toMatchObject({
      neglect: 3,
      'professional-curiosity': 1,
      'domestic-abuse': 1,
    });
    expect(answer.facets.nation).toEqual({ England: 3 });
    expect(answer.facets.year).toEqual({ '2021': 2, '2023': 1 });
  });

  it('gives passage-level results with review facets', async () => {
    const answer = await search({ q: '"disguised compliance"', passages: true });
    expect(answer.total).toBe(3);
    expect(answer.results.map((r) => [r.id, r.passages[0]?.page]).sort()).toEqual([
      ['q-report', 14],
      ['q-report', 16],
      ['q-summary', 3],
    ]);
    expect(answer.facets.area).toEqual({ Northmoor: 2 });
    const recommendations = await search({
      q: '"disguised compliance"',
      passages: true,
      sections: ['recommendations'],
    });
    expect(recommendations.results.map((r) => r.passages[0]?.page)).toEqual([16]);
  });

  it('sorts by year and pages through results', async () => {
    expect(ids(await search({ q: 'neglect', sort: 'year' }))[0]).toBe('y-lcspr');
    const all = ids(await search({ q: 'neglect' }));
    const pages = [];
    for (let offset = 0; offset < 3; offset++) {
      const page = await search({ q: 'neglect', limit: 1, offset });
      expect(page.total).toBe(3);
      pages.push(...ids(page));
    }
    expect(pages).toEqual(all);
  });

  it.each([
    ['relevance', 'relevance'],
    ['year', 'year'],
  ] as const)('pages through passage-level results sorted by %s as one long page would', async (_, sort) => {
    const key = (answer: Awaited<ReturnType<typeof search>>) =>
      answer.results.map((r) => `${r.id}:${r.passages[0]?.page}:${r.passages[0]?.snippet}`);
    const whole = await search({ q: 'child', passages: true, sort, limit: 12 });
    const pages: string[] = [];
    for (let offset = 0; offset < whole.results.length; offset += 3) {
      pages.push(...key(await search({ q: 'child', passages: true, sort, limit: 3, offset })));
    }
    expect(whole.results.length).toBeGreaterThan(3);
    expect(pages).toEqual(key(whole));
    expect(new Set(pages).size).toBe(pages.length);
  });

  it('escapes passage text in snippets', async () => {
    const father = await search({ q: 'father' });
    const snippet = father.results[0]?.passages[0]?.snippet ?? '';
    expect(snippet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(snippet).not.toContain('<script>');
    expect((await search({ q: 'nobody' })).results[0]?.passages[0]?.snippet).toContain(
      'agency &amp; <mark>nobody</mark>',
    );
  });

  it.each([
    '"',
    'neglect AND (',
    'NEAR(neglect',
    'text:neglect',
    '{title}: neglect',
    '-neglect',
    '*',
    '^neglect',
    "neglect'); DROP TABLE reviews;--",
    '((((',
    'neglect"',
  ])('answers hostile text %j', async (q) => {
    await search({ q });
  });

  it.each<SearchQueryInput>([
    { q: 'neglect', areas: ['Northmoor" OR online = false'] },
    { q: 'neglect', themes: ['neglect" OR year > 0'] },
    { q: 'neglect', areas: ["Northmoor') OR 1=1 --"] },
    { q: '', regions: ['\\" OR id EXISTS'] },
  ])('treats a hostile filter value %j as a value', async (input) => {
    expect((await search(input)).total).toBe(0);
  });

  it('finds related reviews, leaving out the other documents of the same case', async () => {
    const answer = await backend.related('q-report', 5);
    expect(RelatedAnswer.parse(answer)).toEqual(answer);
    expect(answer.results[0]?.id).toBe('y-lcspr');
    expect(answer.results[0]?.sharedThemes).toEqual(['neglect']);
    const related = answer.results.map((r) => r.id);
    expect(related).not.toContain('q-summary');
    expect(related).not.toContain('q-response');
    await expect(backend.related('no-such-review', 5)).rejects.toThrow(UsageError);
  });

  it('replaces a review on upsert and forgets it on remove', async () => {
    const { reviews } = contractCorpus();
    const baby = reviews.find((r) => r.id === 't-scr');
    if (!baby) throw new Error('contract corpus lost t-scr');
    await backend.upsert(
      [{ ...baby, title: 'Serious Case Review: Baby T (revised)' }],
      [
        {
          id: 9001,
          reviewId: 't-scr',
          ordinal: 0,
          page: 3,
          section: 'findings',
          text: 'Bed sharing was discussed.',
          themes: [],
        },
      ],
    );
    expect((await search({ q: 'drinking' })).total).toBe(0);
    const revised = await search({ q: 'co-sleeping' });
    expect(revised.results.map((r) => [r.title, r.passages[0]?.page])).toEqual([
      ['Serious Case Review: Baby T (revised)', 3],
    ]);
    await backend.remove(['t-scr']);
    expect((await search({ q: 'bed sharing' })).total).toBe(0);
    expect((await backend.reviewIds()).sort()).toEqual([
      'k-thematic',
      'm-brief',
      'q-report',
      'q-response',
      'q-summary',
      'w-cpr',
      'y-lcspr',
    ]);
  });

  it('rebuilds atomically: a failed rebuild leaves the index as it was', async () => {
    const before = await backend.reviewIds();
    await expect(
      backend.rebuild(async (sink) => {
        const { reviews, passages } = contractCorpus();
        await sink.upsert(
          reviews.slice(0, 1),
          passages.filter((p) => p.reviewId === reviews[0]?.id),
        );
        throw new Error('the store went away');
      }),
    ).rejects.toThrow('the store went away');
    expect((await backend.reviewIds()).sort()).toEqual(before.sort());
    expect((await search({ q: 'neglect' })).total).toBe(3);
  });
});

/**
 * What only the embedded index does: its file (format upgrades, read-only opens, a
 * rebuild readers never see half of), its bookkeeping under incremental updates, and the
 * CLI's search and related commands over it.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { contractCorpus } from '../fixtures/search-corpus/index.js';
import { SearchAnswer } from '../src/contracts/index.js';
import type { IndexPassage, IndexReview, SearchBackend } from '../src/index/index.js';
import { openBackend, RelatedAnswer, SearchQuery, SQLITE_INDEX_FILE } from '../src/index/index.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

async function corpusIndex(dataDir = tempDir()): Promise<{ dataDir: string; backend: SearchBackend }> {
  const { backend } = openBackend('sqlite', dataDir);
  const { reviews, passages } = contractCorpus();
  await backend.rebuild(async (sink) => sink.upsert(reviews, passages));
  return { dataDir, backend };
}

const vocabularyOf = (dataDir: string) => {
  const db = new Database(join(dataDir, SQLITE_INDEX_FILE), { readonly: true });
  try {
    return db.prepare('SELECT word, count FROM vocabulary ORDER BY word').all();
  } finally {
    db.close();
  }
};

describe('embedded index file', () => {
  it('replaces an index of an older format when opened for writing, and asks for a rebuild when only reading', async () => {
    const dataDir = tempDir();
    const old = new Database(join(dataDir, SQLITE_INDEX_FILE));
    old.exec(
      "CREATE TABLE reviews (id TEXT PRIMARY KEY, title TEXT); INSERT INTO reviews VALUES ('a', 'old')",
    );
    old.close();
    expect(() => openBackend('sqlite', dataDir, { readonly: true })).toThrow(
      `${join(dataDir, SQLITE_INDEX_FILE)}: the search index has format unknown, this version reads 2: run "casereviews index" to rebuild it`,
    );
    const { backend } = openBackend('sqlite', dataDir);
    expect(await backend.reviewIds()).toEqual([]);
    await backend.close();
    const reader = openBackend('sqlite', dataDir, { readonly: true }).backend;
    expect((await reader.search(SearchQuery.parse({ q: 'neglect' }))).total).toBe(0);
    await reader.close();
  });

  it('keeps searchers on the old index until a rebuild commits', async () => {
    const { dataDir, backend } = await corpusIndex();
    const reader = openBackend('sqlite', dataDir, { readonly: true }).backend;
    let release: () => void = () => {};
    const halfway = new Promise<void>((resolve) => {
      release = resolve;
    });
    let filling: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      filling = resolve;
    });
    const rebuild = backend.rebuild(async (sink) => {
      const { reviews, passages } = contractCorpus();
      await sink.upsert(
        reviews.slice(0, 1),
        passages.filter((p) => p.reviewId === reviews[0]?.id),
      );
      filling();
      await halfway;
    });
    await started;
    // Mid-rebuild, another connection still sees all eight reviews.
    expect((await reader.search(SearchQuery.parse({ q: '' }))).total).toBe(8);
    release();
    await rebuild;
    const after = openBackend('sqlite', dataDir, { readonly: true }).backend;
    expect((await after.search(SearchQuery.parse({ q: '' }))).total).toBe(1);
    await Promise.all([reader.close(), after.close(), backend.close()]);
  });

  it('keeps word counts exact through updates and removals', async () => {
    const { dataDir, backend } = await corpusIndex();
    const { reviews, passages } = contractCorpus();
    const baby = reviews.find((r) => r.id === 't-scr') as IndexReview;
    const extra: IndexPassage = {
      id: 9100,
      reviewId: 't-scr',
      ordinal: 9,
      page: 11,
      section: 'appendix',
      text: 'Zygomatic fractures are rare in infants.',
      themes: [],
    };
    await backend.upsert([baby], [...passages.filter((p) => p.reviewId === 't-scr'), extra]);
    expect((await backend.search(SearchQuery.parse({ q: 'zygomatc' }))).correctedQuery).toBe('zygomatic');
    await backend.upsert(
      [baby],
      passages.filter((p) => p.reviewId === 't-scr'),
    );
    await backend.remove(['w-cpr']);
    await backend.upsert(
      reviews.filter((r) => r.id === 'w-cpr'),
      passages.filter((p) => p.reviewId === 'w-cpr'),
    );
    const incremental = vocabularyOf(dataDir);
    expect((await backend.search(SearchQuery.parse({ q: 'zygomatc' }))).correctedQuery).toBeNull();
    await backend.close();
    const fresh = await corpusIndex();
    expect(incremental).toEqual(vocabularyOf(fresh.dataDir));
    await fresh.backend.close();
  });

  it('lists passages of the chosen sections without a query, paging across reviews', async () => {
    const { backend } = await corpusIndex();
    const all = await backend.search(
      SearchQuery.parse({ q: '', passages: true, sections: ['learning'], limit: 50 }),
    );
    expect(all.total).toBe(6);
    expect(all.results.map((r) => r.passages[0]?.section)).toEqual(Array(6).fill('learning'));
    const paged: string[] = [];
    for (let offset = 0; offset < 6; offset += 4) {
      const page = await backend.search(
        SearchQuery.parse({ q: '', passages: true, sections: ['learning'], limit: 4, offset }),
      );
      paged.push(...page.results.map((r) => `${r.id}:${r.passages[0]?.page}`));
    }
    expect(paged).toEqual(all.results.map((r) => `${r.id}:${r.passages[0]?.page}`));
    await backend.close();
  });
});

describe('casereviews search and related over the embedded index', () => {
  it('searches as you type and prints the answer as JSON', async () => {
    const { dataDir, backend } = await corpusIndex();
    await backend.close();
    const result = await runCli(['search', 'disgu', '--prefix', '--json', '--data', dataDir]);
    expect(result.status).toBe(0);
    const answer = SearchAnswer.parse(JSON.parse(result.stdout));
    expect(answer.results.map((r) => r.id)).toEqual(['q-report', 'q-summary']);
  });

  it('says what it corrected', async () => {
    const { dataDir, backend } = await corpusIndex();
    await backend.close();
    const result = await runCli(['search', 'neglet', '--data', dataDir]);
    expect(result.stdout).toMatch(/^3 reviews for "neglet"\nshowing results for neglect\n/);
    expect(result.stdout).toContain('p.9 learning: **Neglect** was long-standing');
  });

  it('counts passages, not reviews, in passage results', async () => {
    const { dataDir, backend } = await corpusIndex();
    await backend.close();
    const result = await runCli(['search', '"disguised compliance"', '--passages', '--data', dataDir]);
    expect(result.stdout).toMatch(/^3 passages for "disguised compliance"\n/);
    expect(result.stdout).toContain('area: Northmoor 2\n');
  });

  it('lists related reviews by id, as text and as JSON', async () => {
    const { dataDir, backend } = await corpusIndex();
    await backend.close();
    const json = await runCli(['related', 'q-report', '--json', '--data', dataDir]);
    expect(json.status).toBe(0);
    expect(RelatedAnswer.parse(JSON.parse(json.stdout)).results[0]?.id).toBe('y-lcspr');
    const text = await runCli(['related', 'q-report', '--limit', '2', '--data', dataDir]);
    expect(text.stdout).toMatch(
      /^reviews related to Local Child Safeguarding Practice Review: Child Q – Overview Report\n\n1\. Child Safeguarding Practice Review: Family Y \(Eastmere, 2023, lcspr, full report\)\n/,
    );
    expect(text.stdout).toContain('   shared themes: neglect\n');
  });

  it('exits 2 naming an unknown review or a bad limit', async () => {
    const { dataDir, backend } = await corpusIndex();
    await backend.close();
    expect(await runCli(['related', 'nope', '--data', dataDir])).toMatchObject({
      status: 2,
      stderr: 'casereviews: no review with id "nope" in the search index\n',
    });
    expect(await runCli(['related', 'q-report', '--limit', '0', '--data', dataDir])).toMatchObject({
      status: 2,
      stderr: 'casereviews: --limit: expected a whole number from 1 to 100, got "0"\n',
    });
  });

  it('exits 2 when Meilisearch is chosen but cannot be reached', async () => {
    const result = await runCli(['search', 'neglect', '--backend', 'meilisearch'], {
      env: { MEILI_HOST: 'http://127.0.0.1:9' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^casereviews: MEILI_HOST http:\/\/127\.0\.0\.1:9: cannot reach Meilisearch/,
    );
  });
});

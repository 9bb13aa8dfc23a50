import { describe, expect, it } from 'vitest';
import { SearchAnswer } from '../src/contracts/index.js';
import type { IndexPassage, IndexReview, SearchQueryInput } from '../src/index/index.js';
import { openBackend, SearchQuery } from '../src/index/index.js';
import { tempDir } from './helpers/temp-dir.js';

function review(id: string, fields: Partial<IndexReview>): IndexReview {
  return {
    id,
    title: null,
    area: 'Northmoor',
    nation: 'England',
    region: null,
    year: 2021,
    publishedDate: null,
    reviewType: 'lcspr',
    documentKind: 'full-report',
    childNames: [],
    themes: [],
    documentUrl: `http://127.0.0.1/${id}.pdf`,
    sourcePage: null,
    online: true,
    pages: 10,
    ...fields,
  };
}

let passageId = 0;
function passage(reviewId: string, section: IndexPassage['section'], text: string, page = 3): IndexPassage {
  passageId++;
  return { id: passageId, reviewId, ordinal: passageId, page, section, text, themes: [] };
}

async function corpus() {
  const { backend } = openBackend('sqlite', tempDir());
  await backend.upsert(
    [
      review('j', {
        title: 'LCSPR Child J',
        childNames: ['Child J'],
        themes: ['neglect', 'professional-curiosity'],
        year: 2021,
      }),
      review('t', {
        title: 'SCR Baby T',
        reviewType: 'scr',
        area: 'Eastmere',
        themes: ['sudden-unexpected-infant-death'],
        year: 2018,
      }),
      review('y', {
        title: 'Family Y',
        area: 'Eastmere',
        themes: ['neglect', 'domestic-abuse'],
        year: 2023,
        online: false,
      }),
    ],
    [
      passage(
        'j',
        'learning',
        'Practitioners did not recognise disguised compliance; mother agreed to every plan but nothing changed.',
        14,
      ),
      passage(
        'j',
        'chronology',
        'The health visitor found the home cold and the children hungry: chronic neglect.',
        5,
      ),
      passage('t', 'findings', 'The baby died after co-sleeping with a parent who had been drinking.', 8),
      passage('y', 'learning', 'Neglect was long-standing and compliance with the plan was superficial.', 9),
      passage(
        'y',
        'background',
        'Domestic abuse by the father was not explored <script>alert(1)</script>.',
        2,
      ),
    ],
  );
  return backend;
}

const search = (input: SearchQueryInput) => SearchQuery.parse(input);

describe('SqliteBackend', () => {
  it('finds a phrase, with page, section and a marked snippet, in the contract shape', async () => {
    const backend = await corpus();
    const answer = await backend.search(search({ q: '"disguised compliance"' }));
    expect(SearchAnswer.parse(answer)).toEqual(answer);
    expect(answer.total).toBe(1);
    expect(answer.results[0]).toMatchObject({ id: 'j', passages: [{ page: 14, section: 'learning' }] });
    expect(answer.results[0]?.passages[0]?.snippet).toContain('<mark>disguised compliance</mark>');
  });

  it('corrects a typo and says so', async () => {
    const backend = await corpus();
    const answer = await backend.search(search({ q: 'neglet' }));
    expect(answer.correctedQuery).toBe('neglect');
    expect(answer.results.map((r) => r.id).sort()).toEqual(['j', 'y']);
  });

  it('counts facets by review, not by passage', async () => {
    const backend = await corpus();
    const answer = await backend.search(search({ q: 'neglect' }));
    expect(answer.facets.area).toEqual({ Northmoor: 1, Eastmere: 1 });
    expect(answer.facets.theme.neglect).toBe(2);
  });

  it.each([
    [{ q: 'neglect', yearFrom: 2022 }, ['y']],
    [{ q: 'neglect', areas: ['northmoor'] }, ['j']],
    [{ q: 'neglect', online: false }, ['y']],
    [{ q: 'neglect', sections: ['learning'] as const }, ['y']],
    [{ q: '', themes: ['neglect'] }, ['y', 'j']],
    [{ q: '', reviewTypes: ['scr'] as const }, ['t']],
    [{ q: 'Child J' }, ['j']],
  ])('filters %j', async (input, ids) => {
    const backend = await corpus();
    const answer = await backend.search(search(input as SearchQueryInput));
    expect(answer.results.map((r) => r.id)).toEqual(ids);
  });

  it.each([
    '"',
    'neglect AND (',
    'NEAR(neglect',
    'text:neglect',
    '*',
    '^neglect',
    "neglect'); DROP TABLE reviews;--",
    '((((',
  ])('answers hostile input %j without an error', async (q) => {
    const backend = await corpus();
    const answer = await backend.search(search({ q }));
    expect(SearchAnswer.parse(answer)).toEqual(answer);
  });

  it('escapes passage text in snippets', async () => {
    const backend = await corpus();
    const answer = await backend.search(search({ q: 'father' }));
    expect(answer.results[0]?.passages[0]?.snippet).toContain('&lt;script&gt;');
  });

  it('replaces a review on upsert and forgets it on remove', async () => {
    const backend = await corpus();
    await backend.upsert(
      [review('t', { title: 'SCR Baby T (revised)' })],
      [passage('t', 'findings', 'Bed sharing was discussed.')],
    );
    expect((await backend.search(search({ q: 'co-sleeping' }))).total).toBe(0);
    expect((await backend.search(search({ q: 'bed sharing' }))).results[0]?.title).toBe(
      'SCR Baby T (revised)',
    );
    await backend.remove(['t']);
    expect((await backend.search(search({ q: 'bed sharing' }))).total).toBe(0);
    expect((await backend.reviewIds()).sort()).toEqual(['j', 'y']);
  });
});

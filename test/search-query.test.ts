/** The pure parts of search: planning, correction, FTS5 and SQL building, ranking, related reviews. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { IndexReview, Lexicon, SearchQueryInput } from '../src/index/index.js';
import {
  CorrectionIndex,
  correctTerms,
  isSameCase,
  keyTerms,
  loadSearchConfig,
  parseQueryText,
  planQuery,
  rankRelated,
  SearchQuery,
  suggestCorrection,
  termProfile,
} from '../src/index/index.js';
import { compareReviewRanks } from '../src/index/ranking.js';
import { reviewFilterSql } from '../src/index/sqlite/filter-sql.js';
import { ftsAll, ftsAny, inColumns, passagesOf } from '../src/index/sqlite/fts-query.js';

const config = loadSearchConfig();
const plan = (q: string, prefix = false) =>
  planQuery(parseQueryText(q).terms, config, prefix).clauses.map((c) => ({
    alternatives: c.alternatives.map((a) => a.words.join(' ')).sort(),
    prefix: c.prefix,
  }));

describe('planQuery', () => {
  it.each([
    ['neglect', [{ alternatives: ['neglect'], prefix: false }]],
    ['SCR', [{ alternatives: ['scr', 'serious case review'], prefix: false }]],
    ['serious case review', [{ alternatives: ['scr', 'serious case review'], prefix: false }]],
    ['"serious case review"', [{ alternatives: ['scr', 'serious case review'], prefix: false }]],
    ['co-sleeping', [{ alternatives: ['bed sharing', 'co sleeping', 'cosleeping'], prefix: false }]],
    [
      'domestic violence',
      [{ alternatives: ['da', 'domestic abuse', 'domestic violence', 'dv'], prefix: false }],
    ],
    [
      'the voice of the child',
      [
        { alternatives: ['voice'], prefix: false },
        { alternatives: ['child'], prefix: false },
      ],
    ],
    ['"the voice of the child"', [{ alternatives: ['the voice of the child'], prefix: false }]],
    [
      'the of',
      [
        { alternatives: ['the'], prefix: false },
        { alternatives: ['of'], prefix: false },
      ],
    ],
    [
      'case review',
      [
        { alternatives: ['case'], prefix: false },
        { alternatives: ['review'], prefix: false },
      ],
    ],
  ])('%j', (q, expected) => {
    expect(plan(q)).toEqual(expected);
  });

  it('makes only a typed last word a prefix', () => {
    expect(plan('disguised compl', true)).toEqual([
      { alternatives: ['disguised'], prefix: false },
      { alternatives: ['compl'], prefix: true },
    ]);
    expect(plan('"disguised compl"', true)[0]?.prefix).toBe(false);
    expect(plan('co-sleep', true)[0]?.prefix).toBe(false);
    // A stop word being typed may be the start of a longer word.
    expect(plan('neglect the', true)).toEqual([
      { alternatives: ['neglect'], prefix: false },
      { alternatives: ['the'], prefix: true },
    ]);
  });
});

describe('correctTerms', () => {
  const words = new Set(['neglect', 'compliance', 'sleeping', 'curiosity']);
  const lexicon: Lexicon = {
    isKnown: (word) => words.has(word),
    hasPrefix: (prefix) => [...words].some((w) => w.startsWith(prefix)),
    suggest: (word) =>
      suggestCorrection(
        word,
        [...words].map((w) => ({ word: w, count: 1 })),
      ),
  };
  const correct = (q: string, prefix = false) =>
    correctTerms(parseQueryText(q).terms, lexicon, config, prefix)?.map((t) => t.words.join(' ')) ?? null;

  it.each([
    ['neglet', ['neglect']],
    ['neglet complience', ['neglect', 'compliance']],
    ['co-slepping', ['co sleeping']],
    ['neglect', null],
    ['"neglet"', null],
    ['SUDI', null],
    ['2019', null],
    ['the neglet', ['the', 'neglect']],
  ])('%j → %j', (q, expected) => {
    expect(correct(q)).toEqual(expected);
  });

  it('leaves a last word being typed when some word starts with it', () => {
    expect(correct('curios', true)).toBeNull();
    expect(correct('curiosty', true)).toEqual(['curiosity']);
    expect(correct('neglect curiosty', false)).toEqual(['neglect', 'curiosity']);
  });
});

describe('CorrectionIndex', () => {
  const vocabulary = [
    'neglect',
    'neglected',
    'neglectful',
    'compliance',
    'complaints',
    'complacency',
    'assessment',
    'assessments',
    'chronology',
    'curiosity',
    'escalation',
    'exploitation',
    'explanation',
    'safeguarding',
    'strategy',
    'strangers',
  ].map((word, i) => ({ word, count: 100 - i }));
  const index = new CorrectionIndex(vocabulary);

  it.each([
    ['neglet', 'neglect'],
    ['negelct', 'neglect'],
    ['complience', 'compliance'],
    ['assesment', 'assessment'],
    ['chronolgy', 'chronology'],
    ['curiousity', 'curiosity'],
    ['xomplience', null],
    ['eexploitation', 'exploitation'],
    ['sxploitation', 'exploitation'],
    ['cat', null],
  ])('%s → %s', (typed, expected) => {
    expect(index.suggest(typed)).toBe(expected);
  });

  it('agrees with the exhaustive search on every one-edit and two-edit typo of its words', () => {
    const disagreements: string[] = [];
    for (const { word } of vocabulary) {
      for (const typed of typosOf(word)) {
        const fast = index.suggest(typed);
        const slow = suggestCorrection(typed, vocabulary);
        if (fast !== slow) disagreements.push(`${typed}: ${fast} ≠ ${slow}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

/** Deletions, transpositions and substitutions of a word, and two-edit combinations of them. */
function typosOf(word: string): string[] {
  const one = (w: string) => {
    const out: string[] = [];
    for (let i = 0; i < w.length; i++) {
      out.push(w.slice(0, i) + w.slice(i + 1));
      out.push(`${w.slice(0, i)}x${w.slice(i + 1)}`);
      if (i + 1 < w.length) out.push(w.slice(0, i) + w.charAt(i + 1) + w.charAt(i) + w.slice(i + 2));
    }
    return out;
  };
  const first = one(word);
  return [...new Set([...first, ...first.flatMap(one).filter((_, i) => i % 7 === 0)])];
}

describe('FTS5 expressions', () => {
  const db = new Database(':memory:');
  // Columns as in both index tables: review-level (title, a section) and passage-level (text, tag).
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, learning, text, tag, tokenize='porter unicode61 remove_diacritics 2');
    INSERT INTO t VALUES ('Child Q', 'disguised compliance was missed', 'disguised compliance was missed', 's1 xlearning');`);
  const match = db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck();

  it.each(['"', '*', '((((', '"""'])('plans no clause from %j, which holds no word', (q) => {
    expect(planQuery(parseQueryText(q).terms, config, false).clauses).toEqual([]);
  });

  it.each([
    'neglect AND (',
    'NEAR(neglect',
    'title:neglect',
    '{title}: neglect',
    '-neglect',
    '^neglect',
    "neglect'); DROP TABLE t;--",
    'neglect"',
    'a OR b NOT c',
    'ｆｕｌｌｗｉｄｔｈ',
  ])('builds a valid expression from %j', (q) => {
    const clauses = planQuery(parseQueryText(q).terms, config, false).clauses;
    expect(clauses.length).toBeGreaterThan(0);
    for (const expression of [
      ftsAll(clauses),
      ftsAny(clauses),
      inColumns(['learning'], ftsAll(clauses)),
      passagesOf(ftsAll(clauses), [1, 2], ['learning']),
    ]) {
      expect(() => match.get(expression)).not.toThrow();
    }
  });

  it('matches phrases in order and synonyms as alternatives', () => {
    const clauses = (q: string) => planQuery(parseQueryText(q).terms, config, false).clauses;
    expect(match.get(ftsAll(clauses('"disguised compliance"')))).toBe(1);
    expect(match.get(ftsAll(clauses('"compliance disguised"')))).toBe(0);
    expect(match.get(passagesOf(ftsAll(clauses('compliance')), [1], ['learning']))).toBe(1);
    expect(match.get(passagesOf(ftsAll(clauses('compliance')), [2], []))).toBe(0);
    expect(match.get(inColumns(['title'], ftsAll(clauses('compliance'))))).toBe(0);
  });
});

describe('reviewFilterSql', () => {
  it('binds every value and leaves none in the SQL text', () => {
    const input: SearchQueryInput = {
      areas: ["Northmoor' OR 1=1 --"],
      themes: ['neglect', 'x"y'],
      yearFrom: 2019,
      yearTo: 2024,
      online: false,
      sections: ['learning'],
      reviewTypes: ['scr'],
    };
    const { sql, params } = reviewFilterSql(SearchQuery.parse(input));
    expect(params).toEqual(["Northmoor' OR 1=1 --", 'scr', 2019, 2024, 0, 'neglect', 'x"y', 'learning']);
    expect(sql).not.toMatch(/Northmoor|neglect|2019|scr'|learning'/);
    expect(sql.split('?').length - 1).toBe(params.length);
  });

  it('is always true without filters', () => {
    expect(reviewFilterSql(SearchQuery.parse({}))).toEqual({ sql: '1', params: [] });
  });
});

describe('compareReviewRanks', () => {
  it('puts reviews named by the query first, the report before its summary and response', () => {
    const ranks = [
      { id: 'response', byName: true, kind: 'response' as const, score: 9 },
      { id: 'other-case', byName: false, kind: 'full-report' as const, score: 20 },
      { id: 'summary', byName: true, kind: 'executive-summary' as const, score: 8 },
      { id: 'report', byName: true, kind: 'full-report' as const, score: 5 },
    ];
    expect(ranks.sort(compareReviewRanks).map((r) => r.id)).toEqual([
      'report',
      'summary',
      'response',
      'other-case',
    ]);
  });
});

describe('related reviews', () => {
  const review = (id: string, fields: Partial<IndexReview>): IndexReview => ({
    id,
    title: id,
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
  });

  it('profiles a review by its commonest words, leaving out stop words, numbers and short words', () => {
    const counts = new Map([
      ['the', 50],
      ['neglect', 9],
      ['2019', 8],
      ['gp', 7],
      ['bruising', 3],
    ]);
    expect(termProfile(counts, config.stopWords)).toEqual([
      ['neglect', 9],
      ['bruising', 3],
    ]);
  });

  it('keeps words frequent here and rare elsewhere', () => {
    const df = new Map([
      ['neglect', 40],
      ['bruising', 3],
      ['hapax', 1],
      ['child', 90],
    ]);
    const profile: [string, number][] = [
      ['child', 30],
      ['neglect', 12],
      ['bruising', 4],
      ['hapax', 9],
    ];
    expect(keyTerms(profile, (w) => df.get(w) ?? 0, 100, 10)).toEqual(['bruising', 'neglect']);
  });

  it('recognises documents of the same case and leaves them out', () => {
    const self = review('report', { childNames: ['Child Q'], themes: ['neglect'] });
    const summary = review('summary', { childNames: ['child q'], themes: ['neglect'] });
    const elsewhere = review('elsewhere', { area: 'Eastmere', childNames: ['Child Q'], themes: ['neglect'] });
    const unrelated = review('unrelated', { themes: ['radicalisation'] });
    expect(isSameCase(self, summary)).toBe(true);
    expect(isSameCase(self, elsewhere)).toBe(false);
    const ranked = rankRelated(
      self,
      [
        { review: summary, textScore: 10, sharedTerms: [] },
        { review: unrelated, textScore: 8, sharedTerms: [] },
        { review: elsewhere, textScore: 6, sharedTerms: [] },
      ],
      5,
    );
    expect(ranked.map((r) => [r.id, r.sharedThemes])).toEqual([
      ['elsewhere', ['neglect']],
      ['unrelated', []],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseYearRange } from '../src/cli/search-flags.js';
import { UsageError } from '../src/errors.js';
import { parseQueryText, renderSnippet, suggestCorrection } from '../src/index/index.js';

describe('parseQueryText', () => {
  it.each([
    [
      'disguised compliance',
      [
        ['word', 'disguised'],
        ['word', 'compliance'],
      ],
    ],
    ['"disguised compliance"', [['phrase', 'disguised compliance']]],
    [
      '“disguised compliance” neglect',
      [
        ['phrase', 'disguised compliance'],
        ['word', 'neglect'],
      ],
    ],
    ['co-sleeping', [['phrase', 'co sleeping']]],
    ['"unbalanced quote', [['phrase', 'unbalanced quote']]],
    [
      'neglect AND (abuse OR NOT) NEAR("x" y)',
      [
        ['word', 'neglect'],
        ['word', 'and'],
        ['word', 'abuse'],
        ['word', 'or'],
        ['word', 'not'],
        ['word', 'near'],
        ['word', 'x'],
        ['word', 'y'],
      ],
    ],
    [
      'text:foo* ^bar',
      [
        ['phrase', 'text foo'],
        ['word', 'bar'],
      ],
    ],
    ['"" ""  ', []],
    [
      'Child J',
      [
        ['word', 'child'],
        ['word', 'j'],
      ],
    ],
  ])('%j', (input, expected) => {
    const terms = parseQueryText(input).terms.map((t) => [t.kind, t.words.join(' ')]);
    expect(terms).toEqual(expected);
  });
});

describe('parseYearRange', () => {
  it.each([
    ['2021', { yearFrom: 2021, yearTo: 2021 }],
    ['2019..2024', { yearFrom: 2019, yearTo: 2024 }],
    ['2019..', { yearFrom: 2019, yearTo: null }],
    ['..2024', { yearFrom: null, yearTo: 2024 }],
  ])('%s', (input, expected) => {
    expect(parseYearRange(input)).toEqual(expected);
  });

  it.each(['recent', '2024..2019', '19..24', ''])(
    'rejects %j with a usage error naming the flag',
    (input) => {
      expect(() => parseYearRange(input)).toThrow(UsageError);
      expect(() => parseYearRange(input)).toThrow(/--year/);
    },
  );
});

describe('suggestCorrection', () => {
  const vocabulary = [
    { word: 'neglect', count: 40 },
    { word: 'neglected', count: 12 },
    { word: 'compliance', count: 9 },
    { word: 'complaints', count: 3 },
    { word: 'sleeping', count: 8 },
  ];
  it.each([
    ['neglet', 'neglect'],
    ['negelct', 'neglect'],
    ['complience', 'compliance'],
    ['sleping', 'sleeping'],
    ['cat', null],
    ['zzzzzzzz', null],
  ])('%s → %s', (word, expected) => {
    expect(suggestCorrection(word, vocabulary)).toBe(expected);
  });
});

describe('renderSnippet', () => {
  it('escapes everything but the marks', () => {
    expect(renderSnippet('the <b>\u0001mother\u0002</b> & "partner"')).toBe(
      'the &lt;b&gt;<mark>mother</mark>&lt;/b&gt; &amp; &quot;partner&quot;',
    );
  });

  it('joins adjacent marks of a phrase and collapses line breaks', () => {
    expect(renderSnippet('\u0001disguised\u0002\n\u0001compliance\u0002 was seen')).toBe(
      '<mark>disguised compliance</mark> was seen',
    );
  });
});

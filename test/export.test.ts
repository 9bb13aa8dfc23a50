import { describe, expect, it } from 'vitest';
import type { ExportRecord } from '../src/contracts/index.js';
import { toCsv, toMarkdown } from '../src/export/index.js';
import { renderSnippet, withoutControlCharacters } from '../src/index/index.js';

const record = (fields: Partial<ExportRecord>): ExportRecord => ({
  id: 'abc',
  title: 'Child J',
  area: 'Westbrook',
  nation: 'England',
  year: 2024,
  publishedDate: '2024-08',
  reviewType: 'lcspr',
  documentKind: 'full-report',
  childNames: ['Child J'],
  themes: [],
  sourcePage: null,
  documentUrl: 'http://127.0.0.1/j.pdf',
  sha256: 'f'.repeat(64),
  pages: 12,
  online: true,
  firstSeen: '2024-09-01T00:00:00.000Z',
  lastSeen: '2024-09-01T00:00:00.000Z',
  childAge: null,
  childAgeMonths: null,
  yearSource: 'document',
  childOutcome: null,
  reviewGroup: 'abc',
  companions: [],
  ...fields,
});

describe('toCsv', () => {
  it.each([
    ['a title with a comma, quoted', 'Child J, Overview', '"Child J, Overview"'],
    ['quotes doubled', 'The "toxic trio"', '"The ""toxic trio"""'],
    ['a formula a spreadsheet would run, made text', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['a leading minus, made text', '-1+2', "'-1+2"],
  ])('%s', (_, title, cell) => {
    const row = toCsv([record({ title })]).split('\r\n')[1] as string;
    expect(row.startsWith(`abc,${cell},Westbrook,`)).toBe(true);
  });
});

describe('toMarkdown', () => {
  it('quotes document text as text, never as HTML, and keeps each link whole', () => {
    const md = toMarkdown('Learning', 'intro', [
      {
        title: 'Review <script>',
        area: 'Westbrook',
        year: 2024,
        yearSource: 'document',
        reviewType: 'lcspr',
        themes: [],
        documents: [
          {
            title: 'Report & summary',
            documentKind: 'full-report',
            year: 2024,
            yearSource: 'document',
            documentUrl: 'http://127.0.0.1/a b>c.pdf',
            online: false,
            passages: [{ page: 3, section: 'learning', text: 'The <b>GP</b> was not told.' }],
          },
        ],
      },
    ]);
    expect(md).toContain('## Review &lt;script&gt; (Westbrook, 2024)');
    expect(md).toContain(
      '- Full report: Report &amp; summary (2024) <http://127.0.0.1/a%20b%3Ec.pdf> (no longer online; archived copy kept)',
    );
    expect(md).toContain('> The &lt;b&gt;GP&lt;/b&gt; was not told.\n>\n> — full report, p. 3, learning');
  });
});

describe('snippets of text with control characters', () => {
  it('keeps only the engine’s marks once passages are cleaned for indexing', () => {
    const passage = withoutControlCharacters('The \u0002neglect\u0001 was missed');
    const marked = passage.replace('was', '\u0001was\u0002');
    expect(renderSnippet(marked)).toBe('The neglect <mark>was</mark> missed');
  });
});

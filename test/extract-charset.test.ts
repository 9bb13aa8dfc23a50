import { describe, expect, it } from 'vitest';
import { SearchAnswer } from '../src/contracts/index.js';
import { readDocumentText } from '../src/extract/index.js';
import { startReviewSite } from './helpers/review-site.js';
import { exportedRecords, runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

/** The windows-1252 bytes of characters outside Latin-1 that reports use. */
const CP1252: Record<string, number> = {
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
  '€': 0x80,
};

/** Encodes text as windows-1252, as an older council CMS writes it. */
function windows1252(text: string): Buffer {
  return Buffer.from(
    [...text].map((c) => {
      const code = CP1252[c] ?? c.charCodeAt(0);
      if (code > 0xff) throw new Error(`not in windows-1252: ${c}`);
      return code;
    }),
  );
}

const TITLE = 'Serious Case Review: Renée – “a child unseen”';

/** A review published as a web page, with no charset of its own unless `meta` gives one. */
function reviewPage(meta = ''): string {
  const paragraph =
    'Renée’s mother said the family could not afford the £250 deposit, and professionals took her word for it. ' +
    'Nobody visited the flat above the café, and nobody asked Renée what her days were like at home.';
  return (
    `<!DOCTYPE html><html lang="en-GB"><head>${meta}<title>${TITLE}</title></head><body><main>` +
    `<h1>${TITLE}</h1><h2>Introduction</h2><p>${paragraph}</p><p>${paragraph}</p>` +
    `<h2>Key learning</h2><p>${paragraph}</p><p>${paragraph}</p><h2>Recommendations</h2><p>${paragraph}</p>` +
    '</main></body></html>'
  );
}

describe('the charset of HTML reports', () => {
  it.each([
    ['the HTTP header’s charset', 'text/html; charset=windows-1252', '<meta charset="utf-8">'],
    ['a <meta charset> when the header names none', 'text/html', '<meta charset="windows-1252">'],
    [
      'an http-equiv <meta> when the header names none',
      'text/html',
      '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    ],
    ['windows-1252 when nothing names one and the bytes are not UTF-8', 'text/html', ''],
    ['windows-1252 when the header’s label is unknown', 'text/html; charset=win-1252-ish', ''],
  ])('reads %s', async (_, mediaType, meta) => {
    const text = await readDocumentText(
      'http://127.0.0.1/reviews/renee/',
      windows1252(reviewPage(meta)),
      mediaType,
      {
        maxPages: 10,
        ocr: false,
      },
    );
    expect(text.title).toBe(TITLE);
    expect(text.pageTexts[0]).toContain('the £250 deposit');
  });

  it('reads UTF-8 bytes as UTF-8 when nothing names a charset', async () => {
    const text = await readDocumentText('http://127.0.0.1/r/', Buffer.from(reviewPage()), 'text/html', {
      maxPages: 10,
      ocr: false,
    });
    expect(text.title).toBe(TITLE);
  });

  it('keeps smart quotes, £ and é of a windows-1252 page whose charset is only in the HTTP header', async () => {
    const dir = tempDir();
    const site = await startReviewSite(dir);
    site.serve([
      {
        path: '/reviews/renee/',
        linkText: 'Renée: serious case review',
        // The template's <meta> claims UTF-8, as many do whatever the server sends: the header wins.
        body: windows1252(reviewPage('<meta charset="utf-8">')),
        contentType: 'text/html; charset=windows-1252',
      },
    ]);
    const data = `${dir}/data`;
    const run = await runCli(['run', '--config', site.configFile, '--data', data]);
    expect(run.stderr).toContain('extract: 1 extracted');

    expect((await exportedRecords(data)).map((r) => r.title)).toEqual([TITLE]);

    const search = await runCli(['search', 'café deposit', '--passages', '--data', data, '--json']);
    const snippets = SearchAnswer.parse(JSON.parse(search.stdout)).results.flatMap((r) =>
      r.passages.map((p) => p.snippet),
    );
    expect(snippets.join(' ')).toMatch(/Renée’s mother said the family could not afford the £250/);
  });
});

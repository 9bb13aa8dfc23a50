import { describe, expect, it } from 'vitest';
import { writePdf } from './helpers/pdf.js';
import { startReviewSite } from './helpers/review-site.js';
import { exportedRecords, runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

const PDF = 'application/pdf';
const BODY = [
  'Introduction',
  'This review was commissioned by the safeguarding partners after the child was admitted to hospital with a fractured skull.',
  'Professionals did not share what they knew, and no one held the whole picture of the family.',
  'Key learning',
  'Practitioners should test what parents tell them against what they see, and escalate when they disagree.',
];

describe('the year of publication in exports', () => {
  it('says where each year was read, and flags one the file’s creation date alone gave', async () => {
    const dir = tempDir();
    const site = await startReviewSite(dir);
    site.serve([
      {
        path: '/reviews/child-a.pdf',
        linkText: 'Child A: serious case review',
        body: await writePdf(['Serious Case Review: Child A', ...BODY], {
          creationDate: new Date('2017-05-04T10:00:00Z'),
        }),
        contentType: PDF,
      },
      {
        path: '/reviews/child-b.pdf',
        linkText: 'Child B: serious case review (published June 2020)',
        body: await writePdf(['Serious Case Review: Child B', ...BODY], {
          creationDate: new Date('2023-01-10T10:00:00Z'),
        }),
        contentType: PDF,
      },
      {
        path: '/reviews/child-c.pdf',
        linkText: 'Child C: serious case review',
        body: await writePdf(['Serious Case Review: Child C', 'Published: March 2021', ...BODY], {
          creationDate: new Date('2019-02-01T10:00:00Z'),
        }),
        contentType: PDF,
      },
    ]);
    const data = `${dir}/data`;
    const run = await runCli(['run', '--config', site.configFile, '--data', data]);
    expect(run.stderr).toContain('extract: 3 extracted');

    const years = (await exportedRecords(data)).map((r) => [r.title, r.year, r.publishedDate, r.yearSource]);
    expect(years).toEqual([
      ['Serious Case Review: Child A', 2017, null, 'file-metadata'],
      ['Serious Case Review: Child B', 2020, '2020-06', 'source-page'],
      ['Serious Case Review: Child C', 2021, '2021-03', 'document'],
    ]);

    const csv = await runCli(['export', '--data', data, '--format', 'csv']);
    const [header, firstRow] = csv.stdout.split('\r\n');
    expect(header?.endsWith(',childAgeMonths,yearSource')).toBe(true);
    expect(firstRow?.endsWith(',file-metadata')).toBe(true);

    const md = await runCli(['export', '--data', data, '--format', 'md']);
    expect(md.stdout).toContain('## Serious Case Review: Child A (Ashcombe, file dated 2017)');
    expect(md.stdout).toContain('## Serious Case Review: Child C (Ashcombe, 2021)');
  });
});

import { describe, expect, it } from 'vitest';
import { buildLabelledDocument, LABELLED_SPECS } from '../fixtures/extract/index.js';
import type { ExtractOutcome } from '../src/extract/index.js';
import { extractFromBytes } from '../src/extract/index.js';

async function extract(id: string): Promise<Extract> {
  const spec = LABELLED_SPECS.find((s) => s.id === id);
  if (!spec) throw new Error(`no labelled spec ${id}`);
  const doc = await buildLabelledDocument(spec);
  const outcome = await extractFromBytes({
    documentId: id,
    sha256: id,
    mediaType: doc.mediaType,
    bytes: doc.bytes,
    source: { area: spec.area, nation: 'England' },
    links: [],
    options: { maxPages: 100, ocr: false },
  });
  if (outcome.status === 'failed') throw new Error(outcome.error);
  return outcome;
}
type Extract = Exclude<ExtractOutcome, { status: 'failed' }>;

const sectionsOf = (outcome: Extract) => outcome.extraction.sections.map((s) => [s.section, s.pageStart]);

describe('documents that are not PDFs', () => {
  it('reads a Word report by its heading styles, without the cover opening a section', async () => {
    const { extraction } = await extract('oakhurst-child-q-docx');
    expect(extraction.meta).toMatchObject({
      title: 'Local Child Safeguarding Practice Review Child Q',
      reviewType: 'lcspr',
      publishedDate: '2022-10-14',
      childNames: ['Child Q'],
      childAge: '15 years',
      childOutcome: 'seriously-harmed',
    });
    expect(extraction.sections.map((s) => s.heading)).toEqual([
      'Introduction',
      'Background',
      'Analysis',
      'Findings',
      'Recommendations',
    ]);
    expect(extraction.passages.every((p) => p.page === 1)).toBe(true);
  });

  it('reads a Word briefing whose headings are bold paragraphs', async () => {
    const outcome = await extract('ivebridge-learning-brief-docx');
    expect(sectionsOf(outcome)).toEqual([
      ['chronology', 1],
      ['learning', 1],
      ['recommendations', 1],
    ]);
  });

  it('reads a PowerPoint briefing one slide per page, slide titles as headings', async () => {
    const outcome = await extract('hollins-alvah-pptx');
    expect(outcome.extraction.pages).toHaveLength(5);
    expect(sectionsOf(outcome)).toEqual([
      ['background', 2],
      ['learning', 4],
    ]);
    expect(outcome.extraction.meta).toMatchObject({
      childNames: ['Alvah'],
      childOutcome: 'died',
      year: 2022,
    });
  });

  it('reads a review published as a web page, without the site’s menus, cookie notice or footer', async () => {
    const { extraction } = await extract('kingsford-baby-f-html');
    const text = extraction.passages.map((p) => p.text).join('\n');
    expect(text).toContain('Baby F was seven months old');
    expect(text).not.toMatch(/cookies|Case reviews|call the front door|NSPCC repository/);
    expect(extraction.meta).toMatchObject({
      title: 'SCR KA18: Baby F',
      reviewType: 'scr',
      publishedDate: '2019-11-05',
      childNames: ['Baby F'],
    });
  });

  it('does not let a cover title open a section', async () => {
    const outcome = await extract('saltney-three-rapid-reviews');
    expect(outcome.extraction.meta.title).toBe('Learning from Three Rapid Reviews');
    expect(sectionsOf(outcome)).toEqual([
      ['background', 1],
      ['findings', 1],
      ['learning', 1],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildParagraphs,
  buildStructure,
  classifyHeading,
  cleanPages,
  runInHeading,
} from '../src/extract/index.js';

describe('classifyHeading', () => {
  it.each([
    ['4. Key learning', 'learning'],
    ['Learning points', 'learning'],
    ['What needs to change', 'learning'],
    ['Lessons learnt', 'learning'],
    ['Findings and recommendations', 'findings'],
    ['5.0 Findings', 'findings'],
    ['Section 6: Recommendations', 'recommendations'],
    ['Background', 'background'],
    ["Child BF's story", 'background'],
    ['Chronology of key events', 'chronology'],
    ['Analysis of practice', 'analysis'],
    ['Executive Summary', 'summary'],
    ['Introduction', 'introduction'],
    ['Terms of reference', 'introduction'],
    ['Appendix 1: Glossary', 'appendix'],
    ['The Partnership response', 'response'],
    ['Mum and the baby', null],
    ['VII. ANALYSIS BY THEME', 'analysis'],
    ['D. Key practice episodes', 'chronology'],
    ['Key periods', 'chronology'],
    ['IV. THE FAMILY’S INVOLVEMENT', 'introduction'],
    ['Involvement of family, friends and colleagues', 'introduction'],
    ['Methodology', 'introduction'],
    ['About this summary', 'introduction'],
    ['About the review:', 'introduction'],
    ['Why was a review held?', 'introduction'],
    ['3. The Review addressed the following issues', 'introduction'],
    ['About Jasmine', 'background'],
    ['ABOUT JASMINE', 'background'],
    ['VIII. GOOD PRACTICE', 'findings'],
    ['What did the review find?', 'findings'],
    ['Key issues arising from the review', 'findings'],
    ['Recommendations for the Partnership', 'recommendations'],
    ['6. Actions for practitioners', 'recommendations'],
    ['What has changed?', 'response'],
    ['Statement by Review Panel Chair', 'appendix'],
    ['Further reading and resources', 'appendix'],
  ])('%s → %s', (heading, section) => {
    expect(classifyHeading(heading)).toBe(section);
  });

  it('opens no chronology in a document that is not a review (guidance has no case)', () => {
    expect(classifyHeading('2. Completing the chronology', { isReview: false })).toBeNull();
    expect(classifyHeading('2. Completing the chronology')).toBe('chronology');
    expect(classifyHeading('1. Purpose', { isReview: false })).toBe('introduction');
  });
});

describe('runInHeading', () => {
  it.each([
    ['Background: Child Z was 16 years old when he died.', 'Background:', 'background', 'Child Z was 16'],
    ['Good practice. The health visitor saw the baby weekly.', 'Good practice.', 'findings', 'The health'],
    [
      'What practitioners should do: Ask who lives in the home.',
      'What practitioners should do:',
      'recommendations',
      'Ask who',
    ],
  ])('%s', (paragraph, heading, section, start) => {
    const found = runInHeading(paragraph);
    expect(found).toMatchObject({ heading, section });
    expect(found?.text.startsWith(start)).toBe(true);
  });

  it.each([
    ['a sentence that names a section', 'Recommendations were made. The Partnership accepted them all.'],
    ['a label that names no section', 'Mother: She said the baby had fallen from the sofa.'],
    [
      'a long opening clause',
      'The analysis of the family history and the chronology: These showed a pattern.',
    ],
    ['a label followed by lower case', 'Finding: agencies did not share information about the partner.'],
  ])('leaves %s alone', (_, paragraph) => {
    expect(runInHeading(paragraph)).toBeNull();
  });
});

describe('cleanPages', () => {
  const said = [
    'The school raised a concern.',
    'The GP saw the baby twice.',
    'Mother moved house.',
    'The case was closed.',
  ];
  const body = (n: number) =>
    [
      'Child J – LCSPR – Final Report',
      `${n}.1 ${said[n - 1]}`,
      'Restricted – not for circulation',
      `Page ${n} of 4`,
    ].join('\n');

  it('removes running headers, footers and page numbers', () => {
    const pages = cleanPages([body(1), body(2), body(3), body(4)]);
    expect(pages.map((p) => p.lines)).toEqual(said.map((text, i) => [`${i + 1}.1 ${text}`]));
  });

  it('drops the lines of a contents page', () => {
    const contents = [
      'Contents',
      '1. Introduction ........ 3',
      '2. Background ........ 4',
      '3. Findings ........ 9',
      '4. Recommendations .... 14',
    ];
    const [page] = cleanPages([contents.join('\n')]);
    expect(page?.isContents).toBe(true);
    expect(page?.lines).toEqual([]);
  });
});

describe('buildParagraphs', () => {
  it('joins wrapped lines, mends hyphenated words and keeps compounds', () => {
    const paragraphs = buildParagraphs([
      {
        num: 1,
        lines: [
          '3.1 Professionals did not recognise the signifi-',
          'cance of the bruising and the multi-',
          'agency response was slow.',
          '3.2 A second paragraph starts here.',
        ],
      },
    ]);
    expect(paragraphs.map((p) => p.text)).toEqual([
      '3.1 Professionals did not recognise the significance of the bruising and the multi-agency response was slow.',
      '3.2 A second paragraph starts here.',
    ]);
  });

  it('marks headings', () => {
    const paragraphs = buildParagraphs([
      { num: 2, lines: ['Key Learning', 'The review found that the GP was not told.'] },
    ]);
    expect(paragraphs[0]).toEqual({ page: 2, text: 'Key Learning', isHeading: true });
    expect(paragraphs[1]?.isHeading).toBe(false);
  });
});

describe('buildStructure', () => {
  it('gives passages their section and page and keeps them within the size bounds', () => {
    const sentence =
      'The health visitor noted that the home was cold and that the baby had missed two appointments.';
    const long = Array.from({ length: 30 }, () => sentence).join(' ');
    const { sections, passages } = buildStructure([
      { page: 1, text: 'Background', isHeading: true },
      { page: 1, text: long, isHeading: false },
      { page: 3, text: '5. Learning', isHeading: true },
      { page: 3, text: sentence, isHeading: false },
      { page: 4, text: sentence, isHeading: false },
    ]);
    expect(sections.map((s) => [s.section, s.pageStart, s.pageEnd])).toEqual([
      ['background', 1, 3],
      ['learning', 3, 4],
    ]);
    for (const passage of passages.filter((p) => p.section === 'background')) {
      expect(passage.text.split(' ').length).toBeLessThanOrEqual(300);
      expect(passage.text.endsWith('appointments.')).toBe(true);
    }
    expect(passages.at(-1)).toMatchObject({ section: 'learning', page: 3 });
  });

  it('splits a bold label run into its paragraph into a section and its text', () => {
    const { sections, passages } = buildStructure(
      [
        { page: 1, text: 'Learning Brief', isHeading: true },
        {
          page: 1,
          text: 'Background: Child LI was 14 years old when she was seriously assaulted.',
          isHeading: false,
        },
        { page: 2, text: 'Key learning: Practitioners should ask who lives in the home.', isHeading: false },
      ],
      { frontPages: new Set(), titles: ['Learning Brief Serious Case Review Child LI'] },
    );
    expect(sections.map((s) => [s.section, s.heading, s.pageStart])).toEqual([
      ['background', 'Background:', 1],
      ['learning', 'Key learning:', 2],
    ]);
    expect(passages.map((p) => [p.section, p.text.split(' ')[0]])).toEqual([
      ['other', 'Learning'],
      ['background', 'Child'],
      ['learning', 'Practitioners'],
    ]);
  });
});

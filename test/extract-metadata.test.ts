import { describe, expect, it } from 'vitest';
import { metadata } from '../src/extract/index.js';

const {
  findDates,
  publicationDateIn,
  reviewTypeIn,
  documentKindIn,
  childNamesIn,
  notReviewReason,
  titleFromCover,
} = metadata;

describe('findDates', () => {
  it.each([
    ['Date of Publication: 23 June 2021', '2021-06-23'],
    ['Published 5th January 2018', '2018-01-05'],
    ['Published 17.12.24', '2024-12-17'],
    ['FERGUS SMITH 07.09.18', '2018-09-07'],
    ['Tuesday, July 31, 2018', '2018-07-31'],
    ['on 21 February, 2022.', '2022-02-21'],
    ['Child PP - One page learning summary (Dec 2024)', '2024-12'],
    ['Final report June 2019', '2019-06'],
    ['SEPTEMBER 2012', '2012-09'],
    ['Date of publication: 18th February 2015', '2015-02-18'],
  ])('reads %j as %s', (text, iso) => {
    expect(findDates(text, new Date('2026-11-23')).map((d) => d.iso)).toEqual([iso]);
  });

  it('rejects impossible dates', () => {
    expect(findDates('31.02.20 and 30 February 2021')).toEqual([]);
  });
});

describe('publicationDateIn', () => {
  it('prefers a labelled date over the incident date', () => {
    const cover = 'Child J died on 3 March 2019.\nPublished: November 2021';
    expect(publicationDateIn(cover, { allowBare: true })?.iso).toBe('2021-11');
  });

  it('does not take an incident or commissioning date as publication', () => {
    expect(publicationDateIn('The review was commissioned in May 2017', { allowBare: true })).toBeNull();
    expect(publicationDateIn('Baby T was admitted on 14 June 2020', { allowBare: true })).toBeNull();
  });

  it('takes a bare cover date only when asked', () => {
    expect(publicationDateIn('SERIOUS CASE REVIEW CHILD E FEBRUARY 2015', { allowBare: true })?.iso).toBe(
      '2015-02',
    );
    expect(
      publicationDateIn('In June 2021 Alsami, a 14 year old boy, died', { allowBare: false }),
    ).toBeNull();
  });
});

describe('reviewTypeIn', () => {
  it.each([
    ['Local Child Safeguarding Practice Review: Child J', 'lcspr'],
    ['LSCPR Patricia', 'lcspr'],
    ['CSPR Baby M July 2023', 'lcspr'],
    ['SERIOUS CASE REVIEW In respect of YOUNG PERSON F', 'scr'],
    ['SCR CN18: Baby F', 'scr'],
    ['Cross Border Peer Abuse and CCE Thematic CSPR', 'thematic'],
    ['Multi-Agency Learning Review: Child MA', 'learning-review'],
    ['Learning from Experience Review briefing', 'learning-review'],
    ['Case Review Learning Summary – Child F', 'learning-review'],
    ['Child Practice Review CYSUR 2/2019', 'child-practice-review'],
    ['Significant Case Review into the death of a child', 'significant-case-review'],
    ['Domestic Homicide Review – Adult D', 'domestic-homicide-review'],
  ])('%s → %s', (text, type) => {
    expect(reviewTypeIn(text)?.type).toBe(type);
  });

  it('does not take the national Panel reports cite for a review', () => {
    expect(
      reviewTypeIn(
        'The review followed the methodology recommended by the Child Safeguarding Practice Review Panel.',
      ),
    ).toBeNull();
  });

  it('finds nothing in an annual report title', () => {
    expect(reviewTypeIn('Safeguarding Children Partnership Annual Report 2022-23')).toBeNull();
  });
});

describe('documentKindIn', () => {
  it.each([
    ['Child W Serious Case Review Executive Summary', 'executive-summary'],
    ['7 Minute Briefing: Baby T', 'briefing'],
    ['Child PP - One page learning summary', 'briefing'],
    ['LSCB Improvement Report – Child K', 'response'],
    ['Partnership response to the review', 'response'],
    ['Child K Overview Report', 'full-report'],
    ['Learning from reviews – presentation for team meetings', 'presentation'],
  ])('%s → %s', (text, kind) => {
    expect(documentKindIn(text)).toBe(kind);
  });
});

describe('childNamesIn', () => {
  it.each([
    ['Local Child Safeguarding Practice Review: Child J', ['Child J']],
    ["SERIOUS CASE REVIEW 'CHILD Y'", ['Child Y']],
    ['Child D and Child B A Serious Case Review', ['Child D', 'Child B']],
    ['Serious Case Review Baby Liam', ['Baby Liam']],
    ['Overview Report Family A', ['Family A']],
    ['Siblings W and X – Learning Together Briefing', ['Siblings W and X']],
    ['Serious Case Review Jasmine', ['Jasmine']],
    ['Final Overview Report SCR YP F', ['YP F']],
    ['Child Safeguarding Practice Review Panel', []],
    ['Family Court proceedings', []],
    ['7 Minute Briefing Alsami', ['Alsami']],
    ['Seven minute briefing – Daryll', ['Daryll']],
    ['7 Minute Briefing Professional Curiosity', []],
  ])('%s → %j', (text, names) => {
    expect(childNamesIn(text)).toEqual(names);
  });
});

describe('notReviewReason', () => {
  it.each([
    ['Northmoor Safeguarding Children Partnership Annual Report 2022/23', 'annual report'],
    ['Rapid Review Chronology Guidance for Agencies', 'procedure or guidance'],
    ['Threshold Document: Continuum of Need', 'threshold document'],
    ['Case reviews published March 2017 (NSPCC)', 'national or collected material, not a local review'],
  ])('%s → %s', (title, reason) => {
    expect(notReviewReason(title)).toBe(reason);
  });

  it('lets a review through', () => {
    expect(notReviewReason('Local Child Safeguarding Practice Review: Child J')).toBeNull();
  });
});

describe('titleFromCover', () => {
  it('takes the lines naming the review, not the board or the furniture', () => {
    const cover = [
      'RESTRICTED',
      'Eastmere Safeguarding Children Partnership',
      'Local Child Safeguarding Practice Review',
      'Child J',
      'Independent reviewer: A. Reviewer',
      'Published: March 2021',
    ];
    expect(titleFromCover(cover)).toBe('Local Child Safeguarding Practice Review Child J');
  });
});

describe('titles from covers', () => {
  const { titleFromCover, titleCase, coverConfirms } = metadata;

  it.each([
    [
      'a title wrapped over two lines, then the author and role',
      [
        'Local Child Safeguarding Practice',
        'Review: Siblings W and X',
        'Peter Okafor',
        'Independent Reviewer',
        'Final report July 2021',
      ],
      'Local Child Safeguarding Practice Review: Siblings W and X',
    ],
    [
      'a board name wrapped over two lines, in capitals',
      [
        'FENWICKSHIRE LOCAL SAFEGUARDING CHILDREN',
        'BOARD',
        'SERIOUS CASE REVIEW: HOLLINS',
        'LANE SCHOOL',
        'Andrew Fell',
        '2015',
      ],
      'Serious Case Review: Hollins Lane School',
    ],
    [
      'a series label above the title',
      [
        'Fenwickshire Safeguarding Children Partnership – 7 Minute Briefing',
        'SUDI Learning Briefing: Learning from Three',
        'Rapid Reviews',
        'September 2024',
      ],
      'SUDI Learning Briefing: Learning from Three Rapid Reviews',
    ],
    [
      'a title that wraps mid-phrase',
      [
        'Millhaven Safeguarding Children Partnership',
        "Rachel's Story: A Local Child",
        'Safeguarding Practice Review',
        'Independent Lead Reviewer: Dr Imogen Shaw',
        'April 2023',
      ],
      "Rachel's Story: A Local Child Safeguarding Practice Review",
    ],
    [
      'a review named by its theme, over a subtitle saying what it is',
      [
        'Carrick Safeguarding Children Partnership',
        'Serious Youth Violence – Breaking the Cycle',
        'A thematic Local Child Safeguarding Practice Review',
        'Published 12th June 2023',
      ],
      'Serious Youth Violence – Breaking the Cycle A thematic Local Child Safeguarding Practice Review',
    ],
    [
      'a pseudonym line under a series name, then the review type',
      ['7 MINUTE BRIEFING', 'ALSAMI', 'Local Child Safeguarding Practice Review', 'March 2023'],
      '7 Minute Briefing Alsami',
    ],
    [
      'a dated title, which is not a date line',
      ['Case reviews published March 2017', 'A summary of serious case reviews published by the NSPCC'],
      'Case reviews published March 2017',
    ],
    [
      'a continuation in lower case',
      [
        'KINGSFORD AND ASHBY SAFEGUARDING CHILDREN',
        'PARTNERSHIP',
        'Thematic Review: Young People Missing',
        'from Care',
        'A thematic Local Child Safeguarding Practice Review',
      ],
      'Thematic Review: Young People Missing from Care',
    ],
  ])('%s', (_, lines, title) => {
    expect(titleFromCover(lines)).toBe(title);
  });

  it.each([
    ['SERIOUS CASE REVIEW IN RESPECT OF CHILD NB', 'Serious Case Review in Respect of Child NB'],
    ["SERIOUS CASE REVIEW 'BABY T'", "Serious Case Review 'Baby T'"],
    ['LSCB IMPROVEMENT REPORT – CHILD K', 'LSCB Improvement Report – Child K'],
    ['Child J: Executive Summary', 'Child J: Executive Summary'],
  ])('gives %j title case as %j', (input, output) => {
    expect(titleCase(input)).toBe(output);
  });

  it('trusts a file title only when the cover bears it out', () => {
    const cover = [
      'FENWICKSHIRE LOCAL SAFEGUARDING CHILDREN BOARD',
      'SERIOUS CASE REVIEW: HOLLINS LANE SCHOOL',
    ];
    expect(coverConfirms('SCR HLS', cover)).toBe(false);
    expect(coverConfirms('Serious Case Review: Hollins Lane School', cover)).toBe(true);
  });
});

describe('file titles', () => {
  it.each([
    ['Executive Summary', false],
    ['Final Report', false],
    ['7 Minute Briefing', false],
    ['Serious Case Review Child H Executive Summary', true],
    ['Microsoft Word - SCR Child Y final v7.docx', false],
  ])('%j is worth using: %s', (title, meaningful) => {
    expect(metadata.isMeaningfulTitle(title)).toBe(meaningful);
  });
});

describe('child outcome', () => {
  it.each([
    'Child H was admitted to hospital with a fractured femur and bruising to his face.',
    'Child W was found by paramedics with extensive burns to her legs.',
    'Baby K was taken to hospital with a skull fracture and bleeding on the brain.',
  ])('reads the injuries in %j as serious harm', (text) => {
    expect(metadata.childOutcomeIn([text])?.value).toBe('seriously-harmed');
  });
});

describe('buildMetadata', () => {
  const input = (cover: string, body: string, link: string | null = null) => ({
    pageTexts: [cover, body],
    pdfTitle: null,
    pdfCreationDate: null,
    source: { area: 'Ashby Lane', nation: 'England' },
    links: link === null ? [] : [{ url: 'http://127.0.0.1/', linkText: link, heading: null, context: null }],
  });

  it('gives a domestic homicide review no child’s age or outcome: its victim is an adult', () => {
    const meta = metadata.buildMetadata(
      input(
        'Domestic Homicide Review\nExecutive Summary\nPublished: 2 December 2020',
        'Ms A was killed at her home in 2018 by her former partner, aged 41, who then died himself.',
      ),
    );
    expect(meta).toMatchObject({
      reviewType: 'domestic-homicide-review',
      childAge: null,
      childOutcome: null,
    });
  });

  it('calls a page offering a review’s learning a briefing', () => {
    const meta = metadata.buildMetadata(
      input(
        'Child Z – learning from a Local Child Safeguarding Practice Review\nPublished 21st September 2022',
        'Background: Child Z was 16 years old when he was stabbed.',
      ),
    );
    expect(meta).toMatchObject({ reviewType: 'lcspr', documentKind: 'briefing', childAgeMonths: 192 });
  });

  it('keeps the type the link names over a later mention of another review', () => {
    const meta = metadata.buildMetadata(
      input(
        'Six-step Briefing: CN21 Baby K\nPublished 3 February 2022',
        'See also the Panel’s national review of non-accidental injury in under-ones.',
        'CSPR CN21: Baby K',
      ),
    );
    expect(meta.reviewType).toBe('lcspr');
  });
});

import { describe, expect, it } from 'vitest';
import { buildLabelledCorpus } from '../fixtures/extract/index.js';
import { extractFromBytes, metadata } from '../src/extract/index.js';

const { childAgeIn, childOutcomeIn } = metadata;

describe('child age and outcome', () => {
  it.each([
    ['Baby T was seven weeks old when he died after co-sleeping.', '7 weeks', 'died'],
    ['Leo, a 15-year-old, sustained life-changing injuries.', '15 years', 'seriously-harmed'],
    ['Jasmine was 16 when she died from an overdose.', '16 years', 'died'],
    [
      'Patricia was aged 5 months when she was admitted with non-accidental injuries.',
      '5 months',
      'seriously-harmed',
    ],
    ['Young Person F took his own life in 2016, aged 17.', '17 years', 'died'],
  ])('%s', (text, age, outcome) => {
    expect(childAgeIn([text])?.value).toBe(age);
    expect(childOutcomeIn([text])?.value).toBe(outcome);
  });

  it('does not take a parent’s age or death for the child’s', () => {
    const text =
      'Mother, aged 19 when the baby was born, had been in care. The maternal grandmother died in 2015. ' +
      'Her partner, a 26-year-old man, was rarely seen. The death of her father affected her deeply.';
    expect(childAgeIn([text])).toBeNull();
    expect(childOutcomeIn([text])).toBeNull();
  });

  it('does not read a bound or several children as one child', () => {
    const text = 'Three babies died suddenly. Each was under four months old.';
    expect(childAgeIn([text])).toBeNull();
    expect(childOutcomeIn([text])).toBeNull();
  });
});

describe('the labelled corpus', () => {
  it('is extracted with at least 90% accuracy on every field', async () => {
    const corpus = await buildLabelledCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    const fields = [
      'title',
      'year',
      'publishedDate',
      'reviewType',
      'documentKind',
      'isReview',
      'childAge',
      'childOutcome',
    ] as const;
    const right = new Map<string, number>();
    let sectionsRight = 0;
    for (const doc of corpus) {
      const outcome = await extractFromBytes({
        documentId: doc.spec.id,
        sha256: doc.spec.id,
        mediaType: doc.mediaType,
        bytes: doc.bytes,
        source: { area: doc.spec.area, nation: 'England' },
        links: doc.spec.link
          ? [
              {
                url: 'http://127.0.0.1/',
                linkText: doc.spec.link.text,
                heading: null,
                context: doc.spec.link.context,
              },
            ]
          : [],
        options: { maxPages: 100, ocr: false },
      });
      if (outcome.status === 'failed') throw new Error(`${doc.spec.id}: ${outcome.error}`);
      const meta = outcome.extraction.meta;
      const squash = (t: string | null) => (t ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '');
      for (const field of fields) {
        const ok =
          field === 'title'
            ? doc.spec.truth.title.map(squash).includes(squash(meta.title))
            : meta[field] === doc.spec.truth[field];
        if (ok) right.set(field, (right.get(field) ?? 0) + 1);
      }
      const got = outcome.extraction.sections
        .filter((s, i, all) => all[i - 1]?.section !== s.section)
        .map((s) => ({ section: s.section, page: s.pageStart }));
      if (JSON.stringify(got) === JSON.stringify(doc.sections)) sectionsRight++;
    }
    const below = fields.filter((field) => (right.get(field) ?? 0) / corpus.length < 0.9);
    expect(below).toEqual([]);
    expect(sectionsRight / corpus.length).toBeGreaterThanOrEqual(0.9);
  });
});

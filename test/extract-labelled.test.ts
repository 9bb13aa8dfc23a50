import { describe, expect, it } from 'vitest';
import { buildLabelledCorpus, fieldAccuracy, heldOutSetOf, scoreCorpus } from '../fixtures/extract/index.js';
import { metadata } from '../src/extract/index.js';

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
  // Held-out documents are scored by `npm run eval:extract`, not held to a floor here.
  it('is extracted with at least 95% accuracy on every field of its development documents', async () => {
    const development = (await buildLabelledCorpus()).filter(
      (doc) => heldOutSetOf(doc.spec.id) === undefined,
    );
    expect(development.length).toBeGreaterThanOrEqual(40);
    const accuracy = fieldAccuracy(await scoreCorpus(development));
    const below = [...accuracy]
      .filter(([, { right, of }]) => right / of < 0.95)
      .map(([field, { right, of }]) => `${field} ${right}/${of}`);
    expect(below).toEqual([]);
  });
});

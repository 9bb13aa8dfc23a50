import { describe, expect, it } from 'vitest';
import { sharedRuns } from '../src/extract/themes/overlap.js';

const training = [
  {
    id: 't1',
    text: 'The health visitor never asked where the baby slept at night, and the cot stayed in its box.',
  },
  { id: 't2', text: 'A review is needed when abuse or neglect of a child is known or suspected.' },
];

describe('sharedRuns', () => {
  it('finds wording a held-out passage shares with one training passage, and how long the stretch is', () => {
    const [found] = sharedRuns(
      [
        {
          id: 'h1',
          text: 'Notes show the health visitor never asked where the baby slept; the father was absent.',
        },
      ],
      training,
      { length: 6, allowed: [] },
    );
    expect(found).toMatchObject({ passageId: 'h1', longest: 9, longestIn: 't1' });
    expect(found?.runs[0]).toEqual({ run: 'the health visitor never asked where', trainingId: 't1' });
  });

  it('ignores stock phrases and passages written in their own words', () => {
    const heldOut = [
      { id: 'h2', text: 'This review was held because abuse or neglect of a child is known or suspected.' },
      { id: 'h3', text: 'Nobody found out where the infant slept until after she died.' },
    ];
    const allowed = ['abuse or neglect of a child is known or suspected'];
    expect(sharedRuns(heldOut, training, { length: 6, allowed })).toEqual([]);
    expect(sharedRuns(heldOut, training, { length: 6, allowed: [] }).map((s) => s.passageId)).toEqual(['h2']);
  });
});

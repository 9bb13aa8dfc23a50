import classifiers from 'natural/lib/natural/classifiers/index.js';
import { describe, expect, it } from 'vitest';
import { loadThemesConfig } from '../src/config/index.js';
import { compileMatcher, loadLabelledSet, loadThemeModel } from '../src/extract/index.js';
import {
  BIAS_FEATURE,
  blendWordProbability,
  restoreClassifier,
  restoreClassifiers,
} from '../src/extract/themes/classifier.js';
import { passageFeatures } from '../src/extract/themes/features.js';
import { phraseReliability, preparePassages } from '../src/extract/themes/prepared-passages.js';
import type { SavedNeighbours } from '../src/extract/themes/neighbours.js';
import { restoreNeighbours, saveNeighbours } from '../src/extract/themes/neighbours.js';
import { matchTerms } from '../src/extract/themes/phrase-matcher.js';
import { tokenize } from '../src/extract/themes/tokens.js';

const { LogisticRegressionClassifier } = classifiers;

/** natural's own prediction: P(yes) from its two one-vs-rest outputs. */
function naturalProbability(saved: Parameters<typeof restoreClassifier>[0], features: Set<string>): number {
  const restored = LogisticRegressionClassifier.restore({ ...saved, docs: [] });
  // natural builds its 0/1 vector by looking each vocabulary word up in the observation.
  const values = restored.getClassifications([...features] as unknown as string);
  const yes = values.find((c) => c.label === 'yes')?.value ?? 0;
  const no = values.find((c) => c.label === 'no')?.value ?? 0;
  return yes / (yes + no);
}

describe('restored classifiers', () => {
  it("give natural's own probabilities for the shipped model's word classifiers and verifier", async () => {
    const model = loadThemeModel();
    const matcher = compileMatcher((await loadThemesConfig()).themes);
    const passages = loadLabelledSet().passages.filter((_, i) => i % 25 === 0);
    expect(passages.length).toBeGreaterThan(40);
    let compared = 0;
    for (const passage of passages) {
      const tokens = tokenize(passage.text);
      const features = new Set([
        BIAS_FEATURE,
        ...passageFeatures(tokens, matchTerms(tokens, matcher), passage.section),
      ]);
      for (const themeId of ['neglect', 'voice-of-the-child', 'information-sharing']) {
        const saved = model.file.wordClassifiers[themeId];
        if (!saved) throw new Error(`no word classifier for ${themeId}`);
        expect(restoreClassifier(saved)(features)).toBeCloseTo(naturalProbability(saved, features), 12);
        compared++;
      }
    }
    const evidence = new Set([
      BIAS_FEATURE,
      'terms:1',
      'cues:0',
      'section:learning',
      'group:harm',
      'idf:2',
      'words:3',
      'reliable:3',
    ]);
    expect(restoreClassifier(model.file.verifier)(evidence)).toBeCloseTo(
      naturalProbability(model.file.verifier, evidence),
      12,
    );
    expect(compared).toBe(passages.length * 3);
  });
});

describe('phrase reliability', () => {
  it('is the smoothed share of the passages a phrase matched that carry its theme', async () => {
    const matcher = compileMatcher((await loadThemesConfig()).themes);
    const passage = (id: string, text: string, themes: string[]) => ({
      id,
      set: 'set-x',
      part: 'train' as const,
      section: 'learning' as const,
      page: 1,
      text,
      themes,
      documentId: null,
    });
    const prepared = preparePassages(
      [
        passage('1', 'Her mother told the reviewer that Jade used Makaton at school.', [
          'voice-of-the-child',
        ]),
        passage('2', 'The teacher told the reviewer that attendance had improved.', ['education-attendance']),
        passage('3', 'His father told the reviewer that he had not been invited.', ['hidden-men']),
        passage('4', 'Nobody learnt the Makaton signs Jade used to say she was hungry.', [
          'voice-of-the-child',
        ]),
      ],
      matcher,
    );
    const reliability = phraseReliability(prepared);
    // "Makaton": 2 passages, both with the theme: (2 + 1) / (2 + 2).
    expect(reliability['voice-of-the-child|Makaton']).toBe(0.75);
    // "told the reviewer": 3 passages, one with the theme: (1 + 1) / (3 + 2).
    expect(reliability['voice-of-the-child|told the reviewer']).toBe(0.4);
  });
});

/** A passage's word features, as tagging sees them. */
async function featuresOf(texts: readonly string[]): Promise<Set<string>[]> {
  const matcher = compileMatcher((await loadThemesConfig()).themes);
  return texts.map((text) => {
    const tokens = tokenize(text);
    return new Set([BIAS_FEATURE, ...passageFeatures(tokens, matchTerms(tokens, matcher), 'findings')]);
  });
}

/** The neighbours' vote worked out the long way: every cosine, sorted, the top k. */
function bruteForceVotes(saved: SavedNeighbours, features: ReadonlySet<string>): number[] {
  const vector = (indices: readonly number[]) => {
    const norm = Math.hypot(...indices.map((f) => saved.idf[f] as number)) || 1;
    return new Map(indices.map((f) => [f, (saved.idf[f] as number) / norm]));
  };
  const own = vector([...features].map((f) => saved.features.indexOf(f)).filter((i) => i >= 0));
  const alike = saved.passages
    .map((passage, p) => {
      let cosine = 0;
      for (const [f, weight] of vector(passage.features)) cosine += weight * (own.get(f) ?? 0);
      return { p, cosine };
    })
    .filter(({ cosine }) => cosine > 0)
    .sort((a, b) => b.cosine - a.cosine || a.p - b.p)
    .slice(0, saved.k);
  const total = alike.reduce((sum, { cosine }) => sum + cosine, 0);
  return saved.themes.map((_, t) =>
    total === 0
      ? 0
      : alike
          .filter(({ p }) => saved.passages[p]?.themes.includes(t))
          .reduce((sum, { cosine }) => sum + cosine, 0) / total,
  );
}

describe('neighbours', () => {
  it('vote for the themes of the labelled passages most like a new one, by the words they share', async () => {
    const [sleep1, sleep2, school, injury, query] = await featuresOf([
      'Baby M died after co-sleeping with his father on a sofa; the safer sleep advice had been given to his mother only.',
      "The health visitor's conversations about safe sleep never reached the father, who often slept with the baby on the sofa.",
      'Her attendance at school fell to 60% and the school did not ask why she was absent on Mondays.',
      'A bruise on the cheek of a baby who was not yet mobile was accepted as caused by a sibling.',
      'No one spoke to the father about sleeping with the baby on the sofa after drinking.',
    ]);
    const saved = saveNeighbours(
      [
        { features: sleep1 as Set<string>, themes: ['sudden-unexpected-infant-death', 'hidden-men'] },
        { features: sleep2 as Set<string>, themes: ['sudden-unexpected-infant-death', 'hidden-men'] },
        { features: school as Set<string>, themes: ['education-attendance'] },
        { features: injury as Set<string>, themes: ['non-accidental-injury-infants'] },
      ],
      [
        'sudden-unexpected-infant-death',
        'hidden-men',
        'education-attendance',
        'non-accidental-injury-infants',
      ],
      () => 1.5,
      2,
    );
    // A word in one passage only cannot make two of them alike; one in all of them makes every pair alike.
    expect(saved.features).toContain('w:sofa');
    expect(injury?.has('w:cheek')).toBe(true);
    expect(saved.features).not.toContain('w:cheek');
    expect(saved.features).not.toContain(BIAS_FEATURE);
    const votes = restoreNeighbours(saved)(query as Set<string>);
    expect(votes[0]).toBe(1);
    expect(votes[1]).toBe(1);
    expect(votes[2]).toBe(0);
    expect(votes[3]).toBe(0);
    expect(restoreNeighbours(saved)(new Set(['w:unrelated']))).toEqual([0, 0, 0, 0]);
  });

  it("are what the shipped model blends with each theme's word classifier, and match every cosine worked out", async () => {
    const model = loadThemeModel();
    const saved = model.file.neighbours;
    const neighbours = restoreNeighbours(saved);
    const themeIds = Object.keys(model.file.wordClassifiers);
    const words = restoreClassifiers(Object.values(model.file.wordClassifiers));
    const texts = loadLabelledSet()
      .passages.filter((_, i) => i % 200 === 0)
      .map((passage) => passage.text);
    for (const features of await featuresOf(texts)) {
      const votes = neighbours(features);
      bruteForceVotes(saved, features).forEach((vote, t) => expect(votes[t]).toBeCloseTo(vote, 9));
      const blended = model.wordProbabilities(features);
      const classifier = words(features);
      themeIds.forEach((themeId, t) => {
        const vote = votes[saved.themes.indexOf(themeId)] ?? 0;
        expect(blended.get(themeId)).toBeCloseTo(blendWordProbability(classifier[t] as number, vote), 12);
      });
    }
    expect(texts.length).toBeGreaterThan(15);
  });
});

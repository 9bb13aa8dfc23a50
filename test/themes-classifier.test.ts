import classifiers from 'natural/lib/natural/classifiers/index.js';
import { describe, expect, it } from 'vitest';
import { loadThemesConfig } from '../src/config/index.js';
import { compileMatcher, loadLabelledSet, loadThemeModel } from '../src/extract/index.js';
import { BIAS_FEATURE, restoreClassifier } from '../src/extract/themes/classifier.js';
import { passageFeatures } from '../src/extract/themes/features.js';
import { phraseReliability, preparePassages } from '../src/extract/themes/prepared-passages.js';
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

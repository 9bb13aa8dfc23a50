import classifiers from 'natural/lib/natural/classifiers/index.js';
import { describe, expect, it } from 'vitest';
import { loadThemesConfig } from '../src/config/index.js';
import { compileMatcher, loadThemeModel } from '../src/extract/index.js';
import { BIAS_FEATURE, restoreClassifier } from '../src/extract/themes/classifier.js';
import { fitLogistic, restoreLinear } from '../src/extract/themes/logistic.js';
import { decidePassageThemes } from '../src/extract/themes/passage-themes.js';
import { phraseReliability, preparePassages } from '../src/extract/themes/prepared-passages.js';

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

describe('the restored verifier', () => {
  it("gives natural's own probabilities for the shipped model's verifier", () => {
    const model = loadThemeModel();
    const evidence = [
      ['terms:1', 'cues:0', 'section:learning', 'group:harm', 'idf:2', 'words:3', 'reliable:3'],
      ['terms:0', 'cues:2', 'section:chronology', 'group:practice', 'idf:1', 'words:0', 'reliable:cue-1'],
      ['terms:2', 'cues:1', 'section:findings', 'group:family', 'idf:3', 'words:9', 'reliable:4', 'pair'],
    ];
    for (const features of evidence) {
      const present = new Set([BIAS_FEATURE, ...features]);
      expect(restoreClassifier(model.file.verifier)(present)).toBeCloseTo(
        naturalProbability(model.file.verifier, present),
        12,
      );
    }
  });
});

describe('fitLogistic', () => {
  const options = { l2: 0.1, epochs: 200, minCount: 2, minWeight: 0 };
  // Ten passages that say "bruise" carry the theme, ten that say "school" do not; "the" is in all.
  const examples = [
    ...Array.from({ length: 10 }, (_, i) => ({ features: ['w:bruis', 'w:the', `w:x${i}`], yes: true })),
    ...Array.from({ length: 10 }, (_, i) => ({ features: ['w:school', 'w:the', `w:y${i}`], yes: false })),
  ];

  it('learns which features mark the theme, and gives none to a feature seen once', () => {
    const classifier = fitLogistic(examples, options);
    const p = (features: string[]) => restoreLinear([classifier])(features)[0] as number;
    expect(p(['w:bruis'])).toBeGreaterThan(0.9);
    expect(p(['w:school'])).toBeLessThan(0.1);
    expect(p(['w:the', 'w:bruis'])).toBeGreaterThan(0.9);
    expect(classifier.weights['w:x3']).toBeUndefined();
    expect(p(['w:x3'])).toBeCloseTo(p([]), 12);
  });

  it('weighs a rare feature less the stronger the penalty', () => {
    const rare = [
      ...examples,
      { features: ['w:makaton'], yes: true },
      { features: ['w:makaton'], yes: true },
    ];
    const weak = fitLogistic(rare, { ...options, l2: 0.1 }).weights['w:makaton'] as number;
    const strong = fitLogistic(rare, { ...options, l2: 20 }).weights['w:makaton'] as number;
    expect(weak).toBeGreaterThan(strong);
    expect(strong).toBeGreaterThan(0);
  });

  it('is deterministic, and drops weights below minWeight', () => {
    expect(JSON.stringify(fitLogistic(examples, options))).toBe(
      JSON.stringify(fitLogistic(examples, options)),
    );
    const pruned = fitLogistic(examples, { ...options, minWeight: 0.5 });
    expect(Object.keys(pruned.weights).sort()).toEqual(['w:bruis', 'w:school']);
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

describe('decidePassageThemes', () => {
  it('holds a theme with cues alone to the stricter cue threshold', () => {
    const candidate = (
      themeId: string,
      distinctTerms: number,
      probability: number,
      kind = 'matched' as const,
    ) => ({
      themeId,
      terms: distinctTerms > 0 ? ['neglect'] : ['father'],
      distinctTerms,
      kind,
      probability,
    });
    const kept = decidePassageThemes(
      [
        candidate('neglect', 1, 0.4),
        candidate('hidden-men', 0, 0.4),
        candidate('parenting-capacity', 0, 0.5),
        { ...candidate('voice-of-the-child', 0, 0.9), kind: 'free' as const, terms: [] },
      ],
      { verify: 0.35, cue: 0.45, free: 1 },
    );
    expect(kept.map((theme) => [theme.themeId, theme.score])).toEqual([
      ['neglect', 0.4],
      ['parenting-capacity', 0.5],
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { packageRoot } from '../../package-info.js';
import { restoreNeighbours, SavedNeighbours } from './neighbours.js';

/** Where the trained model lives in the package; `npm run train:themes` rebuilds it. */
export const MODEL_FILE: string = join(packageRoot, 'models', 'themes-classifier.json');

/**
 * A feature every passage has. natural's logistic regression (via apparatus) fits an
 * intercept but drops it from the weights it keeps, so a constant feature carries the
 * base rate; the thresholds are tuned on predictions made the same way.
 */
export const BIAS_FEATURE = '*';

/** How the tagger turns probabilities into tags (tuned by cross-validation). */
export const Thresholds = z.strictObject({
  /** A theme whose terms or cues a passage contains gets it when the verifier reaches this. */
  verify: z.number().min(0).max(1),
  /** A passage with none of a theme's words gets it only when its word probability reaches this. */
  free: z.number().min(0).max(1),
});
export type Thresholds = z.infer<typeof Thresholds>;

/** One classifier as natural saves it, without its training documents. */
const SavedClassifier = z.object({
  features: z.record(z.string(), z.number()),
  classifier: z.object({
    classifications: z.array(z.string()),
    theta: z.array(z.object({ elements: z.array(z.number()) })),
  }),
});
export type SavedClassifier = z.infer<typeof SavedClassifier>;

/** The key of a matched phrase's statistics (`phraseIdf`, `phraseReliability`) in the model file. */
export function phraseKey(themeId: string, phrase: string): string {
  return `${themeId}|${phrase}`;
}

/** The model file: the classifiers, the corpus statistics and thresholds, and what it was trained on. */
export const ThemeModelFile = z.strictObject({
  format: z.literal(2),
  trainedOn: z.strictObject({
    /** Fingerprint of the labelled set's files. */
    labelledSet: z.string(),
    /** Hash of the themes config: its words are features, so editing them needs retraining. */
    themesConfig: z.string(),
    passages: z.number().int(),
  }),
  thresholds: Thresholds,
  /** Cross-validated micro-F1 on the training part, terms alone and with the model, for the record. */
  crossValidated: z.strictObject({ termsF1: z.number(), modelF1: z.number() }),
  /** Inverse document frequency of each matched phrase ("themeId|phrase") across the training passages. */
  phraseIdf: z.record(z.string(), z.number()),
  /** The idf of a phrase never matched in training: as rare as can be. */
  unseenIdf: z.number(),
  /**
   * How reliable each matched phrase ("themeId|phrase") was in training: the share of
   * the passages it matched that carry its theme, smoothed ((carry + 1) / (matched + 2)).
   */
  phraseReliability: z.record(z.string(), z.number()),
  /** Per theme: a classifier of the passage's words. */
  wordClassifiers: z.record(z.string(), SavedClassifier),
  /** The training passages, for the themes of the passages most like a new one. */
  neighbours: SavedNeighbours,
  /** One classifier for all themes: is this theme's matched evidence real? */
  verifier: SavedClassifier,
});
export type ThemeModelFile = z.infer<typeof ThemeModelFile>;

/** A loaded model. */
export interface ThemeModel {
  file: ThemeModelFile;
  /**
   * Per theme, the probability (0–1) that a passage with these word features evidences
   * it: the mean of the theme's word classifier and the vote of the most alike
   * training passages (see `restoreNeighbours`).
   */
  wordProbabilities(features: ReadonlySet<string>): Map<string, number>;
  /** The probability that evidence with these features (see `evidenceFeatures`) is real. */
  verify(features: readonly string[]): number;
  /** Inverse document frequency of a matched phrase across the training passages. */
  idf(themeId: string, phrase: string): number;
  /** How reliable a matched phrase was in training (see `phraseReliability`); null if never matched. */
  reliability(themeId: string, phrase: string): number | null;
}

/** A restored classifier that maps a set of feature tokens to P(yes). */
type Probability = (features: ReadonlySet<string>) => number;

/** Where a feature weighs: which classifier, and its weights for "yes" and "no". */
interface Weight {
  classifier: number;
  yes: number;
  no: number;
}

/**
 * Restores natural classifiers saved without their documents, for prediction: one
 * function giving every classifier's P(yes) for a set of features. natural's logistic
 * regression scores a label as the sigmoid of the dot product of its weights with a
 * 0/1 vector over the whole vocabulary, built by scanning the vocabulary for every
 * feature; summing the weights of the passage's own features gives the same
 * probabilities with one look-up per feature for all classifiers together
 * (test/themes-classifier.test.ts checks they agree with natural's `getClassifications`).
 */
export function restoreClassifiers(
  saved: readonly SavedClassifier[],
): (features: ReadonlySet<string>) => number[] {
  const weights = new Map<string, Weight[]>();
  saved.forEach(({ features, classifier }, index) => {
    const yes = classifier.theta[classifier.classifications.indexOf('yes')]?.elements;
    const no = classifier.theta[classifier.classifications.indexOf('no')]?.elements;
    Object.keys(features).forEach((feature, position) => {
      const list = weights.get(feature) ?? [];
      list.push({ classifier: index, yes: yes?.[position] ?? 0, no: no?.[position] ?? 0 });
      weights.set(feature, list);
    });
  });
  // A classifier trained without one of the labels never gives it.
  const hasYes = saved.map(({ classifier }) => classifier.classifications.includes('yes'));
  const hasNo = saved.map(({ classifier }) => classifier.classifications.includes('no'));
  return (features) => {
    const yesSums = new Float64Array(saved.length);
    const noSums = new Float64Array(saved.length);
    for (const feature of features) {
      for (const { classifier, yes, no } of weights.get(feature) ?? []) {
        yesSums[classifier] = (yesSums[classifier] as number) + yes;
        noSums[classifier] = (noSums[classifier] as number) + no;
      }
    }
    return saved.map((_, i) => {
      const yes = hasYes[i] ? sigmoid(yesSums[i] as number) : 0;
      const no = hasNo[i] ? sigmoid(noSums[i] as number) : 0;
      return yes + no === 0 ? 0 : yes / (yes + no);
    });
  };
}

/** Restores one natural classifier (see `restoreClassifiers`). */
export function restoreClassifier(saved: SavedClassifier): Probability {
  const probabilities = restoreClassifiers([saved]);
  return (features) => probabilities(features)[0] as number;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** A theme's word probability: its word classifier's and its neighbours' vote, equally. */
export function blendWordProbability(classifier: number, neighbours: number): number {
  return (classifier + neighbours) / 2;
}

/** Restores the classifiers of a parsed model file. */
export function buildThemeModel(file: ThemeModelFile): ThemeModel {
  const themeIds = Object.keys(file.wordClassifiers);
  const words = restoreClassifiers(Object.values(file.wordClassifiers));
  const neighbours = restoreNeighbours(file.neighbours);
  const neighbourIndex = new Map(file.neighbours.themes.map((themeId, i) => [themeId, i]));
  const verifier = restoreClassifier(file.verifier);
  return {
    file,
    wordProbabilities(features) {
      const probabilities = words(features);
      const votes = neighbours(features);
      return new Map(
        themeIds.map((themeId, i) => [
          themeId,
          blendWordProbability(probabilities[i] as number, votes[neighbourIndex.get(themeId) ?? -1] ?? 0),
        ]),
      );
    },
    verify: (features) => verifier(new Set([BIAS_FEATURE, ...features])),
    idf: (themeId, phrase) => file.phraseIdf[phraseKey(themeId, phrase)] ?? file.unseenIdf,
    reliability: (themeId, phrase) => file.phraseReliability[phraseKey(themeId, phrase)] ?? null,
  };
}

/** Reads and restores the model file; a missing or malformed file is a `ConfigError`. */
export function loadThemeModel(file = MODEL_FILE): ThemeModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, 'cannot read the theme model (run "npm run train:themes")', { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, `not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = ThemeModelFile.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(file, `not a theme model: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return buildThemeModel(parsed.data);
}

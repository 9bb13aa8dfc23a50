import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import classifiers from 'natural/lib/natural/classifiers/index.js';
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { packageRoot } from '../../package-info.js';

const { LogisticRegressionClassifier } = classifiers;

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
  /** A passage with none of a theme's words gets it only when the word classifier reaches this. */
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

/** The model file: the classifiers, the corpus statistics and thresholds, and what it was trained on. */
export const ThemeModelFile = z.strictObject({
  format: z.literal(1),
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
  /** Per theme: a classifier of the passage's words. */
  wordClassifiers: z.record(z.string(), SavedClassifier),
  /** One classifier for all themes: is this theme's matched evidence real? */
  verifier: SavedClassifier,
});
export type ThemeModelFile = z.infer<typeof ThemeModelFile>;

/** A loaded model. */
export interface ThemeModel {
  file: ThemeModelFile;
  /** Per theme, the probability (0–1) that a passage with these word features evidences it. */
  wordProbabilities(features: ReadonlySet<string>): Map<string, number>;
  /** The probability that evidence with these features (see `evidenceFeatures`) is real. */
  verify(features: readonly string[]): number;
  /** Inverse document frequency of a matched phrase across the training passages. */
  idf(themeId: string, phrase: string): number;
}

/** The part of apparatus's logistic regression the tagger calls. */
interface ApparatusLogisticRegression {
  getClassifications(observation: number[]): { label: string; value: number }[];
}

/** A restored classifier that maps a set of feature tokens to P(yes). */
type Probability = (features: ReadonlySet<string>) => number;

/** Restores a natural classifier saved without its documents. */
export function restoreClassifier(saved: SavedClassifier): Probability {
  const restored = LogisticRegressionClassifier.restore({ ...saved, docs: [] });
  // natural's own getClassifications scans the whole vocabulary with indexOf for every
  // feature; building the same vector from a Set is far cheaper. natural types the
  // wrapped apparatus classifier by its base class; the logistic regression it holds
  // does have getClassifications (numbers in, labels out).
  const order = Object.keys(restored.features);
  const apparatus = restored.classifier as unknown as ApparatusLogisticRegression;
  return (features) =>
    yesProbability(apparatus.getClassifications(order.map((feature) => (features.has(feature) ? 1 : 0))));
}

/** Restores the classifiers of a parsed model file. */
export function buildThemeModel(file: ThemeModelFile): ThemeModel {
  const words = Object.entries(file.wordClassifiers).map(([themeId, saved]) => ({
    themeId,
    probability: restoreClassifier(saved),
  }));
  const verifier = restoreClassifier(file.verifier);
  return {
    file,
    wordProbabilities(features) {
      return new Map(words.map(({ themeId, probability }) => [themeId, probability(features)]));
    },
    verify: (features) => verifier(new Set([BIAS_FEATURE, ...features])),
    idf: (themeId, phrase) => file.phraseIdf[`${themeId}|${phrase}`] ?? file.unseenIdf,
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

/**
 * The "yes" share of a binary classifier's two one-vs-rest outputs. apparatus fits
 * each label separately, so the two values need not add up to one.
 */
export function yesProbability(classifications: readonly { label: string; value: number }[]): number {
  const yes = classifications.find((c) => c.label === 'yes')?.value ?? 0;
  const no = classifications.find((c) => c.label === 'no')?.value ?? 0;
  return yes + no === 0 ? 0 : yes / (yes + no);
}

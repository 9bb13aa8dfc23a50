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

/** How the tagger turns a classifier's probability into a tag (tuned by cross-validation). */
export const Thresholds = z.strictObject({
  /** A passage with a cue of the theme gets it when the probability reaches this. */
  cue: z.number().min(0).max(1),
  /** A passage with no term or cue of the theme gets it only above this. */
  free: z.number().min(0).max(1),
  /** A passage with a term of the theme loses it when the probability is below this. */
  veto: z.number().min(0).max(1),
});
export type Thresholds = z.infer<typeof Thresholds>;

/** One theme's classifier as natural saves it, without its training documents. */
const SavedClassifier = z.object({
  features: z.record(z.string(), z.number()),
  classifier: z.object({
    classifications: z.array(z.string()),
    theta: z.array(z.object({ elements: z.array(z.number()) })),
  }),
});

/** The model file: per-theme classifiers, the thresholds, and what it was trained on. */
export const ThemeModelFile = z.strictObject({
  format: z.literal(1),
  trainedOn: z.strictObject({
    /** Fingerprint of the labelled set's files. */
    labelledSet: z.string(),
    /** Hash of the themes config: terms and cues are features, so editing them needs retraining. */
    themesConfig: z.string(),
    passages: z.number().int(),
  }),
  thresholds: Thresholds,
  /** Cross-validated micro-F1 on the training part, for the record. */
  crossValidatedF1: z.number(),
  classifiers: z.record(z.string(), SavedClassifier),
});
export type ThemeModelFile = z.infer<typeof ThemeModelFile>;

/** A loaded model: answers, for a passage's features, each theme's probability. */
export interface ThemeModel {
  file: ThemeModelFile;
  /** The probability (0–1) that a passage with these features evidences each theme. */
  probabilities(features: ReadonlySet<string>): Map<string, number>;
}

/** The part of apparatus's logistic regression the tagger calls. */
interface ApparatusLogisticRegression {
  getClassifications(observation: number[]): { label: string; value: number }[];
}

/** One restored classifier with its feature order, so a passage's vector is built by lookup. */
interface LoadedClassifier {
  themeId: string;
  order: string[];
  classify(vector: number[]): { label: string; value: number }[];
}

/** Restores natural classifiers from a parsed model file. */
export function buildThemeModel(file: ThemeModelFile): ThemeModel {
  const loaded: LoadedClassifier[] = Object.entries(file.classifiers).map(([themeId, saved]) => {
    const restored = LogisticRegressionClassifier.restore({ ...saved, docs: [] });
    // natural's own getClassifications scans the whole vocabulary with indexOf for every
    // feature; building the vector from a Set is the same vector, far cheaper.
    const order = Object.keys(restored.features);
    // natural types the wrapped apparatus classifier by its base class; the logistic
    // regression it holds does have getClassifications (numbers in, labels out).
    const apparatus = restored.classifier as unknown as ApparatusLogisticRegression;
    return { themeId, order, classify: (vector) => apparatus.getClassifications(vector) };
  });
  return {
    file,
    probabilities(features) {
      const result = new Map<string, number>();
      for (const classifier of loaded) {
        const vector = classifier.order.map((feature) => (features.has(feature) ? 1 : 0));
        result.set(classifier.themeId, yesProbability(classifier.classify(vector)));
      }
      return result;
    },
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
    throw new ConfigError(file, `not a theme model: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
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

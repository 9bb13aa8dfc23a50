import { createHash } from 'node:crypto';
import classifiers from 'natural/lib/natural/classifiers/index.js';
import tfidf from 'natural/lib/natural/tfidf/index.js';
import type { ThemeModelFile, Thresholds } from './classifier.js';
import { BIAS_FEATURE, buildThemeModel } from './classifier.js';
import { scoreLabels } from './evaluate.js';
import { passageFeatures } from './features.js';
import type { LabelledPassage } from './labelled-set.js';
import { decidePassageThemes } from './passage-themes.js';
import type { PhraseMatcher, TermMatch } from './phrase-matcher.js';
import { matchTerms } from './phrase-matcher.js';
import { tokenize } from './tokens.js';

const { LogisticRegressionClassifier } = classifiers;

/** A labelled passage with what the tagger sees of it. */
export interface PreparedPassage {
  passage: LabelledPassage;
  matches: TermMatch[];
  features: Set<string>;
}

/** How to train. */
export interface TrainOptions {
  /** Features kept per theme, chosen by TF-IDF contrast. Default 40. */
  featuresPerTheme?: number;
  /** Folds for cross-validating the thresholds. Default 5. */
  folds?: number;
  /** Called with a line of progress. */
  onProgress?: (line: string) => void;
}

/** Tokenises, matches and extracts features once per passage. */
export function preparePassages(passages: readonly LabelledPassage[], matcher: PhraseMatcher): PreparedPassage[] {
  return passages.map((passage) => {
    const tokens = tokenize(passage.text);
    const matches = matchTerms(tokens, matcher);
    return { passage, matches, features: new Set([BIAS_FEATURE, ...passageFeatures(tokens, matches, passage.section)]) };
  });
}

/**
 * Chooses a theme's features: those whose TF-IDF weight across the training passages
 * is much higher in passages with the theme than in those without it (natural's TfIdf
 * gives the inverse document frequency, so words every passage uses weigh little). The
 * theme's own term and cue features and the constant feature are always kept.
 */
export function selectFeatures(prepared: readonly PreparedPassage[], themeId: string, count: number): string[] {
  const corpus = new tfidf.TfIdf();
  for (const item of prepared) corpus.addDocument([...item.features]);
  const positives = prepared.filter((item) => item.passage.themes.includes(themeId));
  const negatives = prepared.length - positives.length;
  const inPositives = countFeatures(positives);
  const inAll = countFeatures(prepared);
  const scored: { feature: string; score: number }[] = [];
  for (const [feature, positive] of inPositives) {
    if (positive < 2 || feature === BIAS_FEATURE) continue;
    const negative = (inAll.get(feature) ?? 0) - positive;
    const contrast = positive / Math.max(1, positives.length) - negative / Math.max(1, negatives);
    if (contrast > 0) scored.push({ feature, score: contrast * corpus.idf(feature) });
  }
  scored.sort((a, b) => b.score - a.score || a.feature.localeCompare(b.feature));
  const always = [BIAS_FEATURE, `t:${themeId}`, `c:${themeId}`];
  return [...new Set([...always, ...scored.slice(0, count).map((s) => s.feature)])];
}

function countFeatures(items: readonly PreparedPassage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) for (const feature of item.features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return counts;
}

/** Trains natural's logistic regression for one theme on the chosen features. */
export function trainThemeClassifier(
  prepared: readonly PreparedPassage[],
  themeId: string,
  features: readonly string[],
): ThemeModelFile['classifiers'][string] {
  const keep = new Set(features);
  const classifier = new LogisticRegressionClassifier();
  for (const item of prepared) {
    const observed = [...item.features].filter((feature) => keep.has(feature));
    classifier.addDocument(observed, item.passage.themes.includes(themeId) ? 'yes' : 'no');
  }
  classifier.train();
  const saved = JSON.parse(JSON.stringify(classifier)) as ThemeModelFile['classifiers'][string];
  return {
    features: saved.features,
    classifier: { classifications: saved.classifier.classifications, theta: saved.classifier.theta },
  };
}

/** Trains every theme's classifier on `prepared`. */
function trainClassifiers(
  prepared: readonly PreparedPassage[],
  themeIds: readonly string[],
  options: Required<Pick<TrainOptions, 'featuresPerTheme'>> & TrainOptions,
): ThemeModelFile['classifiers'] {
  const result: ThemeModelFile['classifiers'] = {};
  for (const themeId of themeIds) {
    const features = selectFeatures(prepared, themeId, options.featuresPerTheme);
    result[themeId] = trainThemeClassifier(prepared, themeId, features);
  }
  return result;
}

/** Out-of-fold probabilities for every passage, folds keeping a document's passages together. */
export function crossValidatedProbabilities(
  prepared: readonly PreparedPassage[],
  themeIds: readonly string[],
  options: Required<Pick<TrainOptions, 'featuresPerTheme' | 'folds'>> & TrainOptions,
): Map<string, number>[] {
  const foldOf = (item: PreparedPassage) =>
    (createHash('sha256').update(item.passage.documentId ?? item.passage.id).digest()[1] as number) % options.folds;
  const result: Map<string, number>[] = prepared.map(() => new Map());
  for (let fold = 0; fold < options.folds; fold++) {
    options.onProgress?.(`cross-validation fold ${fold + 1}/${options.folds}`);
    const training = prepared.filter((item) => foldOf(item) !== fold);
    const model = buildThemeModel(modelFile(trainClassifiers(training, themeIds, options), UNTUNED, meta0));
    prepared.forEach((item, i) => {
      if (foldOf(item) === fold) result[i] = model.probabilities(item.features);
    });
  }
  return result;
}

const UNTUNED: Thresholds = { cue: 0.5, free: 0.9, veto: 0 };
const meta0 = { labelledSet: '', themesConfig: '', passages: 0, crossValidatedF1: 0 };

/**
 * Picks the thresholds that give the best micro-F1 over out-of-fold predictions. The
 * grid is coarse on purpose: three global numbers, not one per theme, so that the
 * small labelled set cannot be memorised through them.
 */
export function tuneThresholds(
  prepared: readonly PreparedPassage[],
  probabilities: readonly Map<string, number>[],
  themeIds: readonly string[],
): { thresholds: Thresholds; f1: number } {
  let best = { thresholds: UNTUNED, f1: -1 };
  for (const veto of [0, 0.02, 0.05, 0.1]) {
    for (let cue = 0.1; cue <= 0.9001; cue += 0.05) {
      for (let free = 0.5; free <= 0.9901; free += 0.05) {
        const thresholds = { cue: round2(cue), free: round2(free), veto };
        const pairs = prepared.map((item, i) => ({
          truth: item.passage.themes,
          predicted: decidePassageThemes(item.matches, probabilities[i] ?? null, thresholds).map((t) => t.themeId),
        }));
        const f1 = scoreLabels(pairs, themeIds).micro.f1;
        if (f1 > best.f1 + 1e-9) best = { thresholds, f1 };
      }
    }
  }
  return best;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Trains the theme model on the training part of the labelled set: cross-validates
 * to tune the thresholds, then trains every theme's classifier on all of it.
 */
export function trainModel(
  passages: readonly LabelledPassage[],
  matcher: PhraseMatcher,
  trainedOn: { labelledSet: string; themesConfig: string },
  options: TrainOptions = {},
): ThemeModelFile {
  const settings = { featuresPerTheme: 40, folds: 5, ...options };
  const prepared = preparePassages(passages, matcher);
  const probabilities = crossValidatedProbabilities(prepared, matcher.themeIds, settings);
  const { thresholds, f1 } = tuneThresholds(prepared, probabilities, matcher.themeIds);
  settings.onProgress?.(`thresholds ${JSON.stringify(thresholds)}, cross-validated micro-F1 ${f1.toFixed(3)}`);
  const classifiersByTheme = trainClassifiers(prepared, matcher.themeIds, settings);
  return modelFile(classifiersByTheme, thresholds, {
    ...trainedOn,
    passages: prepared.length,
    crossValidatedF1: Math.round(f1 * 1000) / 1000,
  });
}

function modelFile(
  classifiersByTheme: ThemeModelFile['classifiers'],
  thresholds: Thresholds,
  meta: { labelledSet: string; themesConfig: string; passages: number; crossValidatedF1: number },
): ThemeModelFile {
  return {
    format: 1,
    trainedOn: { labelledSet: meta.labelledSet, themesConfig: meta.themesConfig, passages: meta.passages },
    thresholds,
    crossValidatedF1: meta.crossValidatedF1,
    classifiers: classifiersByTheme,
  };
}


import { createHash } from 'node:crypto';
import classifiers from 'natural/lib/natural/classifiers/index.js';
import type { ThemesConfig } from '../../config/index.js';
import type { SavedClassifier, ThemeModelFile, Thresholds } from './classifier.js';
import { BIAS_FEATURE, phraseKey, restoreClassifier } from './classifier.js';
import type { LinearClassifier } from './logistic.js';
import { fitLogistic, restoreLinear } from './logistic.js';
import { scoreLabels } from './evaluate.js';
import type { LabelledPassage } from './labelled-set.js';
import type { Candidate, EvidenceContext, Judge } from './passage-themes.js';
import { decidePassageThemes, passageCandidates, themeEvidence } from './passage-themes.js';
import type { PhraseMatcher } from './phrase-matcher.js';
import type { PreparedPassage } from './prepared-passages.js';
import { phraseIdf, phraseReliability, preparePassages, round3 } from './prepared-passages.js';

const { LogisticRegressionClassifier } = classifiers;

/** How to train. */
export interface TrainOptions {
  /** Strength of the word classifiers' L2 penalty (see `fitLogistic`). Default 10. */
  l2?: number;
  /** Folds for cross-validation. Default 5. */
  folds?: number;
  /** Called with a line of progress. */
  onProgress?: (line: string) => void;
}

/** Trains natural's logistic regression on token lists labelled yes or no (the verifier). */
export function trainClassifier(
  examples: readonly { features: Iterable<string>; yes: boolean }[],
): SavedClassifier {
  const classifier = new LogisticRegressionClassifier();
  for (const example of examples) classifier.addDocument([...example.features], example.yes ? 'yes' : 'no');
  classifier.train();
  const saved = JSON.parse(JSON.stringify(classifier)) as SavedClassifier;
  // Six significant digits keep the model file small and its diffs readable.
  const theta = saved.classifier.theta.map((t) => ({
    elements: t.elements.map((w) => Number(w.toPrecision(6))),
  }));
  return {
    features: saved.features,
    classifier: { classifications: saved.classifier.classifications, theta },
  };
}

/**
 * Trains every theme's word classifier on `prepared`: regularised logistic regression
 * over all the passages' features seen at least twice (words, word pairs, the themes
 * whose terms and cues matched, the section), with the penalty deciding how much each
 * weighs rather than a cut to a few words per theme.
 */
export function trainWordClassifiers(
  prepared: readonly PreparedPassage[],
  themeIds: readonly string[],
  l2: number,
): Record<string, LinearClassifier> {
  const features = prepared.map((item) => [...item.features].filter((feature) => feature !== BIAS_FEATURE));
  const result: Record<string, LinearClassifier> = {};
  for (const themeId of themeIds) {
    result[themeId] = fitLogistic(
      prepared.map((item, i) => ({
        features: features[i] as string[],
        yes: item.passage.themes.includes(themeId),
      })),
      { l2, epochs: WORD_EPOCHS, minCount: 2, minWeight: WORD_MIN_WEIGHT },
    );
  }
  return result;
}

/** Gradient steps for each word classifier (twice as many moved cross-validated F1 by 0.001). */
const WORD_EPOCHS = 200;
/** Word weights smaller than this are left out of the model file (cross-validated F1 unchanged). */
const WORD_MIN_WEIGHT = 0.02;

/** One training example for the verifier: a theme's matched evidence in a passage. */
export interface VerifierExample {
  passageIndex: number;
  features: string[];
  yes: boolean;
}

/** Everything cross-validation and the final model share. */
export interface TrainingState {
  prepared: PreparedPassage[];
  themeIds: readonly string[];
  groupOf: (themeId: string) => string;
  idf: Pick<ThemeModelFile, 'phraseIdf' | 'unseenIdf'>;
  /** Phrase reliability over all the passages (for the final model), and without each fold. */
  reliability: Record<string, number>;
  foldReliability: Record<string, number>[];
  foldOf: (index: number) => number;
  folds: number;
  l2: number;
}

/**
 * What the verifier knows of a training passage beyond its matches, as tagging would
 * know it, but learnt without the passage's fold (its word probabilities and phrase
 * reliability); phrase idf counts no labels, so it is shared.
 */
function evidenceContext(
  state: TrainingState,
  wordProbabilities: readonly Map<string, number>[],
  passageIndex: number,
): EvidenceContext {
  const reliability = state.foldReliability[state.foldOf(passageIndex)] ?? {};
  return {
    wordProbabilities: wordProbabilities[passageIndex] ?? new Map(),
    idf: (themeId, phrase) => state.idf.phraseIdf[phraseKey(themeId, phrase)] ?? state.idf.unseenIdf,
    reliability: (themeId, phrase) => reliability[phraseKey(themeId, phrase)] ?? null,
    groupOf: state.groupOf,
  };
}

/** Out-of-fold word probabilities: each passage scored by classifiers trained without its fold. */
function outOfFoldWordProbabilities(
  state: TrainingState,
  options: Required<TrainOptions>,
): Map<string, number>[] {
  const result: Map<string, number>[] = state.prepared.map(() => new Map());
  for (let fold = 0; fold < state.folds; fold++) {
    options.onProgress(`word classifiers, fold ${fold + 1}/${state.folds}`);
    const training = state.prepared.filter((_, i) => state.foldOf(i) !== fold);
    const classifiers = trainWordClassifiers(training, state.themeIds, options.l2);
    const probabilities = restoreLinear(
      state.themeIds.map((themeId) => classifiers[themeId] as LinearClassifier),
    );
    state.prepared.forEach((item, i) => {
      if (state.foldOf(i) !== fold) return;
      const p = probabilities(item.features);
      result[i] = new Map(state.themeIds.map((themeId, t) => [themeId, p[t] as number]));
    });
  }
  return result;
}

/** The verifier's examples: every (passage, theme) with a term or cue of the theme. */
function verifierExamples(
  state: TrainingState,
  wordProbabilities: readonly Map<string, number>[],
): VerifierExample[] {
  const examples: VerifierExample[] = [];
  state.prepared.forEach((item, passageIndex) => {
    const context = evidenceContext(state, wordProbabilities, passageIndex);
    for (const { themeId, features } of themeEvidence(item.matches, item.passage.section, context)) {
      examples.push({
        passageIndex,
        features: [BIAS_FEATURE, ...features],
        yes: item.passage.themes.includes(themeId),
      });
    }
  });
  return examples;
}

/** Candidates for every passage, each judged by a verifier trained without its fold. */
function outOfFoldCandidates(
  state: TrainingState,
  wordProbabilities: readonly Map<string, number>[],
  examples: readonly VerifierExample[],
): Candidate[][] {
  const result: Candidate[][] = state.prepared.map(() => []);
  for (let fold = 0; fold < state.folds; fold++) {
    const verifier = restoreClassifier(
      trainClassifier(examples.filter((e) => state.foldOf(e.passageIndex) !== fold)),
    );
    state.prepared.forEach((item, i) => {
      if (state.foldOf(i) !== fold) return;
      const judge: Judge = {
        ...evidenceContext(state, wordProbabilities, i),
        verify: (features) => verifier(new Set([BIAS_FEATURE, ...features])),
      };
      result[i] = passageCandidates(item.matches, item.passage.section, judge);
    });
  }
  return result;
}

/** Micro-F1 of passage tags decided from candidates with some thresholds. */
export function candidatesF1(
  prepared: readonly PreparedPassage[],
  candidates: readonly Candidate[][],
  thresholds: Thresholds,
  themeIds: readonly string[],
): number {
  const pairs = prepared.map((item, i) => ({
    truth: item.passage.themes,
    predicted: decidePassageThemes(candidates[i] ?? [], thresholds).map((t) => t.themeId),
  }));
  return scoreLabels(pairs, themeIds).micro.f1;
}

/** How much cross-validated micro-F1 a stricter threshold may give up (see `tuneThresholds`). */
const F1_TOLERANCE = 0.005;

/**
 * The thresholds for the tags: the strictest within `F1_TOLERANCE` of the best
 * cross-validated micro-F1. Three global numbers on a coarse grid, not one per theme,
 * so the small labelled set cannot be memorised through them; and where the F1 curve
 * is flat, the stricter choice, since text unlike the labelled set costs precision
 * first: first for themes the word classifier alone would add, then for themes with
 * only cues, the common words ("father", "routine", "accepted") that real reviews use
 * far more often in passing than the labelled passages do, then for themes with terms.
 */
export function tuneThresholds(
  prepared: readonly PreparedPassage[],
  candidates: readonly Candidate[][],
  themeIds: readonly string[],
): { thresholds: Thresholds; f1: number } {
  const steps = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);
  const grid: { thresholds: Thresholds; f1: number }[] = [];
  for (const verify of steps) {
    for (const cue of steps.filter((step) => step >= verify)) {
      for (const free of [0.6, 0.7, 0.8, 0.9, 0.95, 1]) {
        const thresholds = { verify, cue, free };
        grid.push({ thresholds, f1: candidatesF1(prepared, candidates, thresholds, themeIds) });
      }
    }
  }
  const best = Math.max(...grid.map((point) => point.f1));
  const strictest = grid
    .filter((point) => point.f1 >= best - F1_TOLERANCE)
    .sort(
      (a, b) =>
        b.thresholds.free - a.thresholds.free ||
        b.thresholds.cue - a.thresholds.cue ||
        b.thresholds.verify - a.thresholds.verify,
    )[0];
  return strictest ?? { thresholds: { verify: 0.5, cue: 0.5, free: 1 }, f1: best };
}

/** What cross-validation found: out-of-fold candidates per passage and the tuned thresholds. */
export interface CrossValidation {
  prepared: PreparedPassage[];
  /** Each passage's candidates, judged by a model trained without its fold. */
  candidates: Candidate[][];
  thresholds: Thresholds;
  /** Micro-F1 of the passages' tags with the model, and with terms alone. */
  modelF1: number;
  termsF1: number;
}

/**
 * Cross-validates on the training part of the labelled set (folds keep a document's
 * passages together): per-theme word classifiers and the verifier are trained
 * without each fold and judge it; the thresholds are tuned on those judgements.
 */
export function crossValidate(
  passages: readonly LabelledPassage[],
  themes: ThemesConfig,
  matcher: PhraseMatcher,
  options: TrainOptions = {},
): CrossValidation & { state: TrainingState; examples: VerifierExample[] } {
  const settings: Required<TrainOptions> = {
    l2: 10,
    folds: 5,
    onProgress: () => {},
    ...options,
  };
  const prepared = preparePassages(passages, matcher);
  const groups = new Map(themes.themes.map((theme) => [theme.id, theme.group]));
  const foldOf = (index: number) => {
    const passage = prepared[index]?.passage;
    const group = passage?.documentId ?? passage?.id ?? '';
    return (createHash('sha256').update(group).digest()[1] as number) % settings.folds;
  };
  const state: TrainingState = {
    prepared,
    themeIds: matcher.themeIds,
    groupOf: (themeId) => groups.get(themeId) ?? 'other',
    idf: phraseIdf(prepared),
    reliability: phraseReliability(prepared),
    foldReliability: Array.from({ length: settings.folds }, (_, fold) =>
      phraseReliability(prepared.filter((_, i) => foldOf(i) !== fold)),
    ),
    folds: settings.folds,
    l2: settings.l2,
    foldOf,
  };
  const wordProbabilities = outOfFoldWordProbabilities(state, settings);
  const examples = verifierExamples(state, wordProbabilities);
  const candidates = outOfFoldCandidates(state, wordProbabilities, examples);
  const { thresholds, f1 } = tuneThresholds(prepared, candidates, matcher.themeIds);
  const termsOnly = prepared.map((item) => passageCandidates(item.matches, item.passage.section, null));
  const termsF1 = candidatesF1(prepared, termsOnly, thresholds, matcher.themeIds);
  settings.onProgress(
    `thresholds ${JSON.stringify(thresholds)}; cross-validated micro-F1 ${f1.toFixed(3)} (terms alone ${termsF1.toFixed(3)})`,
  );
  return { prepared, candidates, thresholds, modelF1: f1, termsF1, state, examples };
}

/**
 * Trains the theme model on the training part of the labelled set: cross-validates
 * (see `crossValidate`) for the thresholds, then trains the per-theme word
 * classifiers on all of it, and the verifier on out-of-fold word probabilities, as
 * it will see probabilities for passages the word classifiers were not trained on.
 */
export function trainModel(
  passages: readonly LabelledPassage[],
  themes: ThemesConfig,
  matcher: PhraseMatcher,
  trainedOn: { labelledSet: string; themesConfig: string },
  options: TrainOptions = {},
): ThemeModelFile {
  const { state, examples, thresholds, modelF1, termsF1 } = crossValidate(passages, themes, matcher, options);
  options.onProgress?.('final classifiers');
  return {
    format: 2,
    trainedOn: { ...trainedOn, passages: state.prepared.length },
    thresholds,
    crossValidated: { termsF1: round3(termsF1), modelF1: round3(modelF1) },
    ...state.idf,
    phraseReliability: state.reliability,
    wordClassifiers: trainWordClassifiers(state.prepared, state.themeIds, state.l2),
    verifier: trainClassifier(examples),
  };
}

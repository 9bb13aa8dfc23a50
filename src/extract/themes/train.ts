import { createHash } from 'node:crypto';
import classifiers from 'natural/lib/natural/classifiers/index.js';
import tfidf from 'natural/lib/natural/tfidf/index.js';
import type { ThemesConfig } from '../../config/index.js';
import type { SavedClassifier, ThemeModelFile, Thresholds } from './classifier.js';
import {
  BIAS_FEATURE,
  blendWordProbability,
  phraseKey,
  restoreClassifier,
  restoreClassifiers,
} from './classifier.js';
import { scoreLabels } from './evaluate.js';
import type { LabelledPassage } from './labelled-set.js';
import type { SavedNeighbours } from './neighbours.js';
import { restoreNeighbours, saveNeighbours } from './neighbours.js';
import type { Candidate, EvidenceContext, Judge } from './passage-themes.js';
import { decidePassageThemes, passageCandidates, themeEvidence } from './passage-themes.js';
import type { PhraseMatcher } from './phrase-matcher.js';
import type { PreparedPassage } from './prepared-passages.js';
import { phraseIdf, phraseReliability, preparePassages, round3 } from './prepared-passages.js';

const { LogisticRegressionClassifier } = classifiers;

/** How to train. */
export interface TrainOptions {
  /** Words kept per theme's word classifier, chosen by TF-IDF contrast. Default 80. */
  featuresPerTheme?: number;
  /** Folds for cross-validation. Default 5. */
  folds?: number;
  /** Called with a line of progress. */
  onProgress?: (line: string) => void;
}

/** What feature selection needs of the whole training corpus, the same for every theme. */
export interface CorpusFeatures {
  /** natural's TF-IDF inverse document frequency of a feature. */
  idf(feature: string): number;
  /** In how many passages each feature occurs. */
  counts: Map<string, number>;
}

/** Counts the corpus once for `selectFeatures` (natural's TfIdf gives the idf). */
export function corpusFeatures(prepared: readonly PreparedPassage[]): CorpusFeatures {
  const corpus = new tfidf.TfIdf();
  for (const item of prepared) corpus.addDocument([...item.features]);
  return { idf: (feature) => corpus.idf(feature), counts: countFeatures(prepared) };
}

/**
 * Chooses a theme's word features: those whose TF-IDF weight across the training
 * passages is much higher in passages with the theme than in those without (the
 * inverse document frequency makes words every passage uses weigh little). The
 * theme's own term and cue features and the constant are always kept.
 */
export function selectFeatures(
  prepared: readonly PreparedPassage[],
  themeId: string,
  count: number,
  corpus: CorpusFeatures = corpusFeatures(prepared),
): string[] {
  const positives = prepared.filter((item) => item.passage.themes.includes(themeId));
  const negatives = prepared.length - positives.length;
  const inPositives = countFeatures(positives);
  const scored: { feature: string; score: number }[] = [];
  for (const [feature, positive] of inPositives) {
    if (positive < 2 || feature === BIAS_FEATURE) continue;
    const negative = (corpus.counts.get(feature) ?? 0) - positive;
    const contrast = positive / Math.max(1, positives.length) - negative / Math.max(1, negatives);
    if (contrast > 0) scored.push({ feature, score: contrast * corpus.idf(feature) });
  }
  scored.sort((a, b) => b.score - a.score || a.feature.localeCompare(b.feature));
  const always = [BIAS_FEATURE, `t:${themeId}`, `c:${themeId}`];
  return [...new Set([...always, ...scored.slice(0, count).map((s) => s.feature)])];
}

function countFeatures(items: readonly PreparedPassage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items)
    for (const feature of item.features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return counts;
}

/** Trains natural's logistic regression on token lists labelled yes or no. */
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

/** Trains every theme's word classifier on `prepared` (`corpus`: its counts, if already made). */
export function trainWordClassifiers(
  prepared: readonly PreparedPassage[],
  themeIds: readonly string[],
  featuresPerTheme: number,
  corpus: CorpusFeatures = corpusFeatures(prepared),
): Record<string, SavedClassifier> {
  const result: Record<string, SavedClassifier> = {};
  for (const themeId of themeIds) {
    const keep = new Set(selectFeatures(prepared, themeId, featuresPerTheme, corpus));
    result[themeId] = trainClassifier(
      prepared.map((item) => ({
        features: [...item.features].filter((feature) => keep.has(feature)),
        yes: item.passage.themes.includes(themeId),
      })),
    );
  }
  return result;
}

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
  featuresPerTheme: number;
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

/** The training passages kept for the neighbours' vote (see `restoreNeighbours`). */
export function trainNeighbours(
  prepared: readonly PreparedPassage[],
  themeIds: readonly string[],
  corpus: CorpusFeatures = corpusFeatures(prepared),
): SavedNeighbours {
  const examples = prepared.map((item) => ({ features: item.features, themes: item.passage.themes }));
  return saveNeighbours(examples, themeIds, corpus.idf);
}

/**
 * Out-of-fold word probabilities, as tagging computes them (see `buildThemeModel`):
 * each passage scored by word classifiers trained, and neighbours kept, without its fold.
 */
function outOfFoldWordProbabilities(
  state: TrainingState,
  options: Required<TrainOptions>,
): Map<string, number>[] {
  const result: Map<string, number>[] = state.prepared.map(() => new Map());
  for (let fold = 0; fold < state.folds; fold++) {
    options.onProgress(`word classifiers, fold ${fold + 1}/${state.folds}`);
    const training = state.prepared.filter((_, i) => state.foldOf(i) !== fold);
    // One count of the fold's corpus serves both the word classifiers and the neighbours.
    const corpus = corpusFeatures(training);
    const classifiers = trainWordClassifiers(training, state.themeIds, options.featuresPerTheme, corpus);
    const probabilities = restoreClassifiers(
      state.themeIds.map((themeId) => classifiers[themeId] as SavedClassifier),
    );
    const neighbours = restoreNeighbours(trainNeighbours(training, state.themeIds, corpus));
    state.prepared.forEach((item, i) => {
      if (state.foldOf(i) !== fold) return;
      const p = probabilities(item.features);
      const votes = neighbours(item.features);
      result[i] = new Map(
        state.themeIds.map((themeId, t) => [
          themeId,
          blendWordProbability(p[t] as number, votes[t] as number),
        ]),
      );
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
 * cross-validated micro-F1. Two global numbers on a coarse grid, not one per theme,
 * so the small labelled set cannot be memorised through them; and where the F1 curve
 * is flat, the stricter choice, since text unlike the labelled set costs precision
 * first.
 */
export function tuneThresholds(
  prepared: readonly PreparedPassage[],
  candidates: readonly Candidate[][],
  themeIds: readonly string[],
): { thresholds: Thresholds; f1: number } {
  const grid: { thresholds: Thresholds; f1: number }[] = [];
  for (let verify = 0.05; verify <= 0.951; verify += 0.05) {
    for (const free of [0.6, 0.7, 0.8, 0.9, 0.95, 1]) {
      const thresholds = { verify: Math.round(verify * 100) / 100, free };
      grid.push({ thresholds, f1: candidatesF1(prepared, candidates, thresholds, themeIds) });
    }
  }
  const best = Math.max(...grid.map((point) => point.f1));
  const strictest = grid
    .filter((point) => point.f1 >= best - F1_TOLERANCE)
    .sort((a, b) => b.thresholds.free - a.thresholds.free || b.thresholds.verify - a.thresholds.verify)[0];
  return strictest ?? { thresholds: { verify: 0.5, free: 1 }, f1: best };
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
    featuresPerTheme: 80,
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
    featuresPerTheme: settings.featuresPerTheme,
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
 * classifiers on all of it and keeps all of it for the neighbours' vote, and trains
 * the verifier on out-of-fold word probabilities, as it will see probabilities for
 * passages the model was not trained on.
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
  const corpus = corpusFeatures(state.prepared);
  return {
    format: 2,
    trainedOn: { ...trainedOn, passages: state.prepared.length },
    thresholds,
    crossValidated: { termsF1: round3(termsF1), modelF1: round3(modelF1) },
    ...state.idf,
    phraseReliability: state.reliability,
    wordClassifiers: trainWordClassifiers(state.prepared, state.themeIds, state.featuresPerTheme, corpus),
    neighbours: trainNeighbours(state.prepared, state.themeIds, corpus),
    verifier: trainClassifier(examples),
  };
}

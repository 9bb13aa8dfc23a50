/** Counts and scores of one theme over a labelled set. */
export interface ThemeScore {
  themeId: string;
  /** Items labelled with the theme. */
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 together. */
export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

/** Scores per theme, and micro (pooled counts) and macro (mean over themes) averages. */
export interface LabelScores {
  perTheme: ThemeScore[];
  micro: PrecisionRecall;
  /** Mean over the themes that occur in the labels (support > 0). */
  macro: PrecisionRecall;
  items: number;
}

/** One labelled item (passage or document): the true themes and the tagger's. */
export interface LabelPair {
  truth: readonly string[];
  predicted: readonly string[];
}

/**
 * Scores multi-label predictions against the truth, per theme and averaged. An
 * undefined ratio (nothing predicted, or nothing to find) counts as 0 when the other
 * side is not empty and as 1 when both are: a theme neither present nor predicted is
 * not an error.
 */
export function scoreLabels(pairs: readonly LabelPair[], themeIds: readonly string[]): LabelScores {
  const perTheme = themeIds.map((themeId) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const pair of pairs) {
      const truth = pair.truth.includes(themeId);
      const predicted = pair.predicted.includes(themeId);
      if (truth && predicted) tp++;
      else if (predicted) fp++;
      else if (truth) fn++;
    }
    return {
      themeId,
      support: tp + fn,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      ...ratios(tp, fp, fn),
    };
  });
  const sum = (key: 'truePositives' | 'falsePositives' | 'falseNegatives') =>
    perTheme.reduce((total, score) => total + score[key], 0);
  const supported = perTheme.filter((score) => score.support > 0);
  const mean = (key: keyof PrecisionRecall) =>
    supported.length === 0 ? 0 : supported.reduce((total, score) => total + score[key], 0) / supported.length;
  return {
    perTheme,
    micro: ratios(sum('truePositives'), sum('falsePositives'), sum('falseNegatives')),
    macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
    items: pairs.length,
  };
}

function ratios(tp: number, fp: number, fn: number): PrecisionRecall {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** The scores of one part of the labelled set, with the model and with terms alone. */
export interface PartScores {
  part: string;
  passages: { model: LabelScores; terms: LabelScores; wordClassifiers: LabelScores };
  documents: { model: LabelScores; terms: LabelScores };
}

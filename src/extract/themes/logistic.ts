import { z } from 'zod';

/**
 * A linear classifier over sets of binary features: P(yes) is the sigmoid of the bias
 * plus the weights of the features present. Features without a weight weigh nothing.
 */
export const LinearClassifier = z.strictObject({
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
});
export type LinearClassifier = z.infer<typeof LinearClassifier>;

/** How to fit a `LinearClassifier`. */
export interface LogisticOptions {
  /** Strength of the L2 penalty on the weights (not the bias), per training example. */
  l2: number;
  /** Full passes over the examples. */
  epochs: number;
  /** A feature in fewer examples than this gets no weight. */
  minCount: number;
  /** Weights smaller than this (in absolute value) are dropped from the result. */
  minWeight: number;
}

/**
 * Fits L2-regularised logistic regression by full-batch gradient descent with AdaGrad
 * step sizes: minimises the mean log-loss plus `l2 / 2n` times the squared weights.
 * natural's logistic regression has no penalty, so it overfits unless its vocabulary
 * is cut to a few words per theme; with the penalty every word seen twice can weigh,
 * each as much as the examples bear out. Deterministic: the same examples in the same
 * order give the same classifier.
 */
export function fitLogistic(
  examples: readonly { features: Iterable<string>; yes: boolean }[],
  options: LogisticOptions,
): LinearClassifier {
  const rows = examples.map((example) => [...new Set(example.features)]);
  const counts = new Map<string, number>();
  for (const row of rows) for (const feature of row) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const vocabulary = [...counts].filter(([, count]) => count >= options.minCount).map(([feature]) => feature);
  const index = new Map(vocabulary.map((feature, i) => [feature, i]));
  const encoded = rows.map((row) =>
    Int32Array.from(row.flatMap((feature) => (index.has(feature) ? [index.get(feature) as number] : []))),
  );
  const labels = examples.map((example) => (example.yes ? 1 : 0));
  const n = Math.max(1, examples.length);
  const weights = new Float64Array(vocabulary.length);
  const squaredGradients = new Float64Array(vocabulary.length);
  const gradient = new Float64Array(vocabulary.length);
  let bias = 0;
  let biasSquaredGradients = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    gradient.fill(0);
    let biasGradient = 0;
    encoded.forEach((row, i) => {
      let z = bias;
      for (const j of row) z += weights[j] as number;
      const error = 1 / (1 + Math.exp(-z)) - (labels[i] as number);
      for (const j of row) gradient[j] = (gradient[j] as number) + error;
      biasGradient += error;
    });
    for (let j = 0; j < weights.length; j++) {
      const g = ((gradient[j] as number) + options.l2 * (weights[j] as number)) / n;
      squaredGradients[j] = (squaredGradients[j] as number) + g * g;
      weights[j] = (weights[j] as number) - (STEP * g) / (Math.sqrt(squaredGradients[j] as number) + 1e-8);
    }
    const g = biasGradient / n;
    biasSquaredGradients += g * g;
    bias -= (STEP * g) / (Math.sqrt(biasSquaredGradients) + 1e-8);
  }
  const kept: Record<string, number> = {};
  vocabulary.forEach((feature, j) => {
    const weight = weights[j] as number;
    if (Math.abs(weight) >= options.minWeight) kept[feature] = Number(weight.toPrecision(4));
  });
  return { bias: Number(bias.toPrecision(6)), weights: kept };
}

/** AdaGrad's base step size. */
const STEP = 0.5;

/**
 * Restores linear classifiers for prediction: one function giving every classifier's
 * P(yes) for a set of features, with one look-up per feature for all of them.
 */
export function restoreLinear(
  classifiers: readonly LinearClassifier[],
): (features: Iterable<string>) => number[] {
  const byFeature = new Map<string, { classifier: number; weight: number }[]>();
  classifiers.forEach(({ weights }, classifier) => {
    for (const [feature, weight] of Object.entries(weights)) {
      const list = byFeature.get(feature) ?? [];
      list.push({ classifier, weight });
      byFeature.set(feature, list);
    }
  });
  const biases = classifiers.map((classifier) => classifier.bias);
  return (features) => {
    const sums = Float64Array.from(biases);
    for (const feature of features) {
      for (const { classifier, weight } of byFeature.get(feature) ?? []) {
        sums[classifier] = (sums[classifier] as number) + weight;
      }
    }
    return Array.from(sums, (z) => 1 / (1 + Math.exp(-z)));
  };
}

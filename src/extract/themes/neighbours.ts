import { z } from 'zod';

/**
 * The labelled passages a new passage is compared with: each as the indices of its
 * word features (into `features`) and of its themes (into `themes`). Features found
 * in only one training passage, or in all of them, are left out: the first cannot make
 * two training passages alike, the second makes every pair alike.
 */
export const SavedNeighbours = z.strictObject({
  /** How many of the most alike passages vote. */
  k: z.number().int().positive(),
  themes: z.array(z.string()),
  features: z.array(z.string()),
  /** natural's TF-IDF inverse document frequency of each feature across the training passages. */
  idf: z.array(z.number()),
  passages: z.array(
    z.strictObject({ features: z.array(z.number().int()), themes: z.array(z.number().int()) }),
  ),
});
export type SavedNeighbours = z.infer<typeof SavedNeighbours>;

/** A passage to learn from: its word features and its themes. */
export interface NeighbourExample {
  features: ReadonlySet<string>;
  themes: readonly string[];
}

/** How many alike passages vote, unless told otherwise. */
export const DEFAULT_NEIGHBOURS = 15;

/**
 * Keeps the labelled passages for comparison. `idf` is the corpus's inverse document
 * frequency (natural's TfIdf), so that a shared rare word ("gastrostomy") makes two
 * passages more alike than a shared common one ("meeting").
 */
export function saveNeighbours(
  examples: readonly NeighbourExample[],
  themeIds: readonly string[],
  idf: (feature: string) => number,
  k: number = DEFAULT_NEIGHBOURS,
): SavedNeighbours {
  const counts = new Map<string, number>();
  for (const example of examples)
    for (const feature of example.features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const features = [...counts]
    .filter(([, count]) => count > 1 && count < examples.length)
    .map(([feature]) => feature)
    .sort();
  const featureIndex = new Map(features.map((feature, i) => [feature, i]));
  const themeIndex = new Map(themeIds.map((themeId, i) => [themeId, i]));
  return {
    k,
    themes: [...themeIds],
    features,
    idf: features.map((feature) => Math.round(idf(feature) * 1000) / 1000),
    passages: examples.map((example) => ({
      features: [...example.features]
        .map((feature) => featureIndex.get(feature))
        .filter((i) => i !== undefined)
        .sort((a, b) => a - b),
      themes: example.themes.map((themeId) => themeIndex.get(themeId)).filter((i) => i !== undefined),
    })),
  };
}

/**
 * Restores saved passages for voting: for a passage's features, per theme, the share
 * of its `k` most alike labelled passages (cosine of TF-IDF vectors) that carry the
 * theme, each weighted by how alike it is. Unlike a theme's own word classifier,
 * which weighs a few dozen chosen words, this reads every word two passages share.
 */
export function restoreNeighbours(saved: SavedNeighbours): (features: ReadonlySet<string>) => number[] {
  const featureIndex = new Map(saved.features.map((feature, i) => [feature, i]));
  const lists: { passage: number; weight: number }[][] = saved.features.map(() => []);
  saved.passages.forEach((passage, p) => {
    const norm = Math.hypot(...passage.features.map((f) => saved.idf[f] as number)) || 1;
    for (const f of passage.features) lists[f]?.push({ passage: p, weight: (saved.idf[f] as number) / norm });
  });
  // Each feature's passages and weights in typed arrays: the vote walks them for every passage tagged.
  const postings = lists.map((list) => ({
    passages: Int32Array.from(list, (posting) => posting.passage),
    weights: Float64Array.from(list, (posting) => posting.weight),
  }));
  const similarity = new Float64Array(saved.passages.length);
  return (features) => {
    const own = [...features].map((f) => featureIndex.get(f)).filter((i) => i !== undefined);
    const norm = Math.hypot(...own.map((f) => saved.idf[f] as number)) || 1;
    similarity.fill(0);
    for (const f of own) {
      const weight = (saved.idf[f] as number) / norm;
      const { passages, weights } = postings[f] as (typeof postings)[number];
      for (let i = 0; i < passages.length; i++) {
        const p = passages[i] as number;
        similarity[p] = (similarity[p] as number) + weight * (weights[i] as number);
      }
    }
    const nearest = topK(similarity, saved.k);
    const total = nearest.reduce((sum, p) => sum + (similarity[p] as number), 0);
    const votes = new Array<number>(saved.themes.length).fill(0);
    if (total === 0) return votes;
    for (const p of nearest) {
      for (const t of saved.passages[p]?.themes ?? [])
        votes[t] = (votes[t] as number) + (similarity[p] as number);
    }
    return votes.map((vote) => vote / total);
  };
}

/** The indices of the `k` largest values (ties to the lower index), largest first. */
function topK(values: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value <= 0) continue;
    if (top.length === k && value <= (values[top[k - 1] as number] as number)) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && (values[top[at - 1] as number] as number) < value) at--;
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

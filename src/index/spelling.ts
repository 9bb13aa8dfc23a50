import distance from 'natural/lib/natural/distance/index.js';

/** A word of the indexed text and the number of passages it occurs in. */
export interface VocabularyEntry {
  word: string;
  count: number;
}

/**
 * How many edits a word of this length may be from its correction: none for short
 * words (too many near neighbours), one from 4 letters, two from 8, as typo-tolerant
 * engines do.
 */
export function allowedTypos(word: string): number {
  if (word.length < 4) return 0;
  return word.length < 8 ? 1 : 2;
}

/**
 * The best correction for a word that is not in the index: the nearest indexed word
 * within `allowedTypos` edits (a transposition counts as one), the commonest on ties.
 * Null when nothing is close enough. `candidates` are the indexed words to consider.
 */
export function suggestCorrection(word: string, candidates: Iterable<VocabularyEntry>): string | null {
  const budget = allowedTypos(word);
  if (budget === 0) return null;
  let best: VocabularyEntry | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (Math.abs(candidate.word.length - word.length) > budget) continue;
    const d = distance.DamerauLevenshteinDistance(word, candidate.word, { restricted: true });
    if (d > budget || d === 0) continue;
    if (d < bestDistance || (d === bestDistance && best !== null && candidate.count > best.count)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best?.word ?? null;
}

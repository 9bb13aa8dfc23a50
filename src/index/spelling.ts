import damerauLevenshtein from 'damerau-levenshtein';
import type { QueryTerm } from './query-text.js';
import type { SearchConfig } from './search-config.js';

/** A word of the indexed text and the number of reviews it occurs in. */
export interface VocabularyEntry {
  word: string;
  count: number;
}

/**
 * How many typos a word of this length may have: none for short words (too many near
 * neighbours), one from 4 letters, two from 8. Meilisearch is given the same sizes
 * (`minWordSizeForTypos`), so both backends forgive the same mistakes.
 */
export function allowedTypos(word: string): number {
  if (word.length < 4) return 0;
  return word.length < 8 ? 1 : 2;
}

/**
 * Typos between a typed word and an indexed one: the restricted Damerau-Levenshtein
 * distance (a transposition counts as one), plus one when the first letters differ,
 * because people rarely get the first letter wrong (Meilisearch counts that as two typos
 * too). Distances above 4 come out as some larger number, which no budget allows.
 */
export function typoCost(typed: string, candidate: string): number {
  const d = damerauLevenshtein(typed, candidate).steps;
  return typed[0] === candidate[0] ? d : d + 1;
}

/** Whether `candidate` is a better correction than `best` at this cost: fewer typos, then commoner. */
function isBetter(
  cost: number,
  candidate: VocabularyEntry,
  bestCost: number,
  best: VocabularyEntry | null,
): boolean {
  return cost < bestCost || (cost === bestCost && best !== null && candidate.count > best.count);
}

/**
 * The best correction for a word that is not in the index: the indexed word the fewest
 * typos away within `allowedTypos`, the commonest on ties; null when nothing is close
 * enough. `candidates` are the indexed words to consider.
 */
export function suggestCorrection(word: string, candidates: Iterable<VocabularyEntry>): string | null {
  const budget = allowedTypos(word);
  if (budget === 0) return null;
  let best: VocabularyEntry | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (Math.abs(candidate.word.length - word.length) > budget) continue;
    const cost = typoCost(word, candidate.word);
    if (cost > budget || cost === 0) continue;
    if (isBetter(cost, candidate, bestCost, best)) {
      best = candidate;
      bestCost = cost;
    }
  }
  return best?.word ?? null;
}

/**
 * The indexed words arranged for fast correction. Words are bucketed by first letter and
 * length, so a lookup measures only words that can be within the budget with the same
 * first letter; within a bucket, a 32-bit signature of the letters each word contains
 * rules most out without measuring (an edit changes at most two letters' presence, so
 * words `k` typos apart differ in at most `2k` signature bits). A different first letter
 * costs the whole two-typo budget, so those candidates are the handful of words that
 * differ from the typed one in the first letter alone, looked up directly.
 */
export class CorrectionIndex {
  readonly #buckets = new Map<string, { entries: VocabularyEntry[]; signatures: number[] }>();
  readonly #byWord = new Map<string, VocabularyEntry>();
  readonly #firstLetters = new Set<string>();

  constructor(entries: Iterable<VocabularyEntry>) {
    for (const entry of entries) {
      const key = bucketKey(entry.word[0] ?? '', entry.word.length);
      let bucket = this.#buckets.get(key);
      if (!bucket) {
        bucket = { entries: [], signatures: [] };
        this.#buckets.set(key, bucket);
      }
      bucket.entries.push(entry);
      bucket.signatures.push(letterSignature(entry.word));
      this.#byWord.set(entry.word, entry);
      this.#firstLetters.add(entry.word[0] ?? '');
    }
  }

  /** As `suggestCorrection`, over this vocabulary. */
  suggest(word: string): string | null {
    const budget = allowedTypos(word);
    if (budget === 0) return null;
    let best: VocabularyEntry | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    const consider = (candidate: VocabularyEntry, cost: number) => {
      if (cost > budget || cost === 0 || !isBetter(cost, candidate, bestCost, best)) return;
      best = candidate;
      bestCost = cost;
    };
    const signature = letterSignature(word);
    for (let length = word.length - budget; length <= word.length + budget; length++) {
      const bucket = this.#buckets.get(bucketKey(word[0] ?? '', length));
      if (!bucket) continue;
      bucket.entries.forEach((candidate, i) => {
        if (bitCount(signature ^ (bucket.signatures[i] as number)) > 2 * budget) return;
        consider(candidate, typoCost(word, candidate.word));
      });
    }
    if (budget >= 2) {
      for (const variant of firstLetterEdits(word, this.#firstLetters)) {
        const candidate = this.#byWord.get(variant);
        if (candidate && candidate.word[0] !== word[0]) consider(candidate, 2);
      }
    }
    return (best as VocabularyEntry | null)?.word ?? null;
  }
}

/** One bit per letter a word contains (letters fold onto 32 bits; folding only weakens the filter). */
function letterSignature(word: string): number {
  let signature = 0;
  for (let i = 0; i < word.length; i++) signature |= 1 << (word.charCodeAt(i) & 31);
  return signature;
}

function bitCount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function bucketKey(first: string, length: number): string {
  return `${first}:${length}`;
}

/** Words one edit of the first letter away: it deleted, swapped with the second, replaced, or preceded. */
function firstLetterEdits(word: string, letters: ReadonlySet<string>): string[] {
  const rest = word.slice(1);
  const edits = [rest, `${word.charAt(1)}${word.charAt(0)}${word.slice(2)}`];
  for (const letter of letters) edits.push(letter + rest, letter + word);
  return edits;
}

/** What correction needs to know about the indexed words (the embedded index answers it). */
export interface Lexicon {
  /** Whether the index holds this word (or a word with the same stem). */
  isKnown(word: string): boolean;
  /** Whether some indexed word begins with this. */
  hasPrefix(prefix: string): boolean;
  /** The correction for an unknown word, or null. */
  suggest(word: string): string | null;
}

/**
 * Corrects typed terms: a word the index does not know (and that is not a stop word, a
 * synonym, a number or inside quotes) is replaced by its suggestion. With `prefixLast`
 * the last word counts as known when some indexed word begins with it. Returns the
 * corrected terms, or null when nothing changed.
 */
export function correctTerms(
  terms: readonly QueryTerm[],
  lexicon: Lexicon,
  config: SearchConfig,
  prefixLast: boolean,
): QueryTerm[] | null {
  const protectedWords = new Set([...config.stopWords, ...config.synonyms.flat(2)]);
  let changed = false;
  const corrected = terms.map((term, t) => {
    if (term.quoted) return term;
    const words = term.words.map((word, w) => {
      if (protectedWords.has(word) || /\d/.test(word)) return word;
      const isLast = t === terms.length - 1 && w === term.words.length - 1;
      if (prefixLast && isLast && term.kind === 'word' ? lexicon.hasPrefix(word) : lexicon.isKnown(word)) {
        return word;
      }
      const suggestion = lexicon.suggest(word);
      if (suggestion === null) return word;
      changed = true;
      return suggestion;
    });
    return { ...term, words };
  });
  return changed ? corrected : null;
}

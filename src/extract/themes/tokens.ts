import stemmers from 'natural/lib/natural/stemmers/index.js';
import tokenizers from 'natural/lib/natural/tokenizers/index.js';

const { PorterStemmer } = stemmers;

/**
 * Words (letters and digits, keeping an inner apostrophe: "child's", "didn't") and the
 * punctuation that ends a clause. Hyphens, commas and brackets fall between tokens:
 * "co-sleeping" is "co" + "sleeping", as a term written either way is, and "no evidence
 * of domestic abuse (DA)" keeps "DA" in the negated clause.
 */
const tokenizer = new tokenizers.RegexpTokenizer({
  pattern: /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[.;:!?–—]/gu,
  gaps: false,
});

/** Words that open a new clause: a negation before them does not reach past them. */
const CLAUSE_WORDS = new Set(['but', 'however', 'although', 'though', 'whereas', 'instead', 'except']);

/** A passage as words: as written, lower-cased, stemmed, and which clause each is in. */
export interface Tokens {
  /** The words as written (for abbreviations, which match only as written). */
  raw: string[];
  /** Lower-cased words. */
  lower: string[];
  /** Porter stems of the lower-cased words, possessive "'s" removed. */
  stems: string[];
  /** Clause number of each word; punctuation and words like "but" start a new clause. */
  clause: number[];
  /** Sentence number of each word (sentences end at . ! ?). */
  sentence: number[];
}

/** Stemming is the costly part of tokenising; words repeat, so their stems are kept. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/** The Porter stem of a lower-cased word, possessive removed ("father's" → "father"). */
export function stemWord(lower: string): string {
  let stem = stemCache.get(lower);
  if (stem === undefined) {
    stem = PorterStemmer.stem(lower.replace(/['’]s$/, ''));
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(lower, stem);
  }
  return stem;
}

/** Tokenises, normalises and stems a text with natural's tokenizer and Porter stemmer. */
export function tokenize(text: string): Tokens {
  const tokens: Tokens = { raw: [], lower: [], stems: [], clause: [], sentence: [] };
  let clause = 0;
  let sentence = 0;
  for (const token of tokenizer.tokenize(text) ?? []) {
    if (!/[\p{L}\p{N}]/u.test(token)) {
      clause++;
      if (/[.!?]/.test(token)) sentence++;
      continue;
    }
    const lower = token.toLowerCase().replace(/’/g, "'");
    if (CLAUSE_WORDS.has(lower)) clause++;
    tokens.raw.push(token);
    tokens.lower.push(lower);
    tokens.stems.push(stemWord(lower));
    tokens.clause.push(clause);
    tokens.sentence.push(sentence);
  }
  return tokens;
}

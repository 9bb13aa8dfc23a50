import stemmers from 'natural/lib/natural/stemmers/index.js';
import type { Theme } from '../../config/index.js';

const { PorterStemmer } = stemmers;

/** A term compiled for matching: stemmed words, or exact tokens for an abbreviation. */
interface CompiledTerm {
  themeId: string;
  term: string;
  words: string[];
  /** Abbreviations written in capitals (DA, NAI) match only as written. */
  exact: boolean;
}

/** Theme terms compiled once per themes config, indexed by their first word. */
export interface PhraseMatcher {
  byFirstWord: Map<string, CompiledTerm[]>;
  notTerms: Map<string, string[][]>;
}

/** A theme match in a passage: which term, and where (token index). */
export interface TermMatch {
  themeId: string;
  term: string;
  index: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Words that, shortly before a term, deny it: "no evidence of domestic abuse". */
const NEGATORS = new Set([
  'no',
  'not',
  'never',
  'without',
  'nor',
  'none',
  'neither',
  'absence',
  'denied',
  'unfounded',
  'ruled',
  'nothing',
]);
/** Words that end the reach of a negator ("no concerns were raised, but neglect…"). */
const CLAUSE_BREAKS = new Set(['but', 'however', 'although', 'though', 'whereas', 'yet']);
const NEGATION_REACH = 5;

/** Tokens of a text with their stems; `raw` keeps case for abbreviations. */
export function stemTokens(text: string): { raw: string[]; stems: string[]; sentenceStarts: Set<number> } {
  const raw: string[] = [];
  const sentenceStarts = new Set<number>([0]);
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    if (/[.!?;:]/.test(text.slice(last, match.index))) sentenceStarts.add(raw.length);
    raw.push(match[0]);
    last = (match.index ?? 0) + match[0].length;
  }
  return {
    raw,
    stems: raw.map((word) => PorterStemmer.stem(word.toLowerCase().replace(/['’]s$/, ''))),
    sentenceStarts,
  };
}

/** Compiles the themes' terms and not-terms. */
export function compileMatcher(themes: readonly Theme[]): PhraseMatcher {
  const byFirstWord = new Map<string, CompiledTerm[]>();
  const notTerms = new Map<string, string[][]>();
  for (const theme of themes) {
    for (const term of theme.terms) {
      const exact = /^[A-Z0-9]{2,6}s?$/.test(term);
      const words = exact ? [term] : stemTokens(term).stems;
      if (words.length === 0) continue;
      const key = exact ? `=${term}` : (words[0] as string);
      const list = byFirstWord.get(key) ?? [];
      list.push({ themeId: theme.id, term, words, exact });
      byFirstWord.set(key, list);
    }
    notTerms.set(
      theme.id,
      theme.notTerms.map((t) => stemTokens(t).stems),
    );
  }
  return { byFirstWord, notTerms };
}

/**
 * Finds theme terms in a text. A match is dropped when a negator stands within five
 * words before it in the same clause ("there was no evidence of domestic abuse"), or
 * when it lies inside one of its theme's not-terms ("neglected to mention").
 */
export function matchTerms(text: string, matcher: PhraseMatcher): TermMatch[] {
  const { raw, stems, sentenceStarts } = stemTokens(text);
  const matches: TermMatch[] = [];
  for (let i = 0; i < stems.length; i++) {
    const candidates = [
      ...(matcher.byFirstWord.get(stems[i] as string) ?? []),
      ...(matcher.byFirstWord.get(`=${raw[i]}`) ?? []),
    ];
    for (const term of candidates) {
      const length = term.exact ? 1 : term.words.length;
      const fits = term.exact || term.words.every((word, k) => stems[i + k] === word);
      if (!fits) continue;
      if (isNegated(raw, i, sentenceStarts)) continue;
      if (insideNotTerm(stems, i, length, matcher.notTerms.get(term.themeId) ?? [])) continue;
      matches.push({ themeId: term.themeId, term: term.term, index: i });
    }
  }
  return matches;
}

function isNegated(raw: string[], index: number, sentenceStarts: Set<number>): boolean {
  for (let j = index - 1; j >= Math.max(0, index - NEGATION_REACH); j--) {
    const word = (raw[j] as string).toLowerCase();
    if (CLAUSE_BREAKS.has(word)) return false;
    if (NEGATORS.has(word) || word.endsWith("n't") || word.endsWith('n’t')) return true;
    if (sentenceStarts.has(j)) return false;
  }
  return false;
}

function insideNotTerm(stems: string[], start: number, length: number, notTerms: string[][]): boolean {
  return notTerms.some((words) => {
    for (let s = Math.max(0, start - words.length + 1); s <= start; s++) {
      if (
        words.every((word, k) => stems[s + k] === word) &&
        s + words.length >= start + Math.min(length, 1)
      ) {
        return true;
      }
    }
    return false;
  });
}

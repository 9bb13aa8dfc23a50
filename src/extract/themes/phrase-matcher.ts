import type { Theme } from '../../config/index.js';
import { isNegated } from './negation.js';
import type { Tokens } from './tokens.js';
import { tokenize } from './tokens.js';

/** A term is evidence on its own; a cue only when the classifier bears it out. */
export type MatchKind = 'term' | 'cue';

/**
 * One word of a compiled phrase: a stem; a word with a capital letter, matched as
 * written (`exact`); or a word written "=word" in the config, matched lower-cased but
 * not stemmed (`lower`: "=looked" is not "looking", "=extremism" is not "extremely").
 */
interface PhraseWord {
  value: string;
  exact: boolean;
  lower?: boolean;
}

/**
 * A term, cue or not-term compiled for matching. A plain phrase has one side with one
 * alternative; a pair ("father | stepfather + not seen | never seen") has two sides of
 * alternatives that must occur in one sentence, close together.
 */
interface CompiledPhrase {
  themeId: string;
  phrase: string;
  kind: MatchKind;
  sides: PhraseWord[][][];
}

/** An occurrence of one alternative of one side of a phrase. */
interface SideHit {
  phrase: CompiledPhrase;
  side: number;
  start: number;
  end: number;
}

/** Phrase alternatives that start with one word. */
type Starting = Map<string, { phrase: CompiledPhrase; side: number; words: PhraseWord[] }[]>;

/**
 * A themes config compiled for matching: phrase alternatives indexed by their first
 * word, by how that word matches (stem, as written, lower-cased; see `PhraseWord`).
 */
export interface PhraseMatcher {
  byFirstWord: { stem: Starting; exact: Starting; lower: Starting };
  notTerms: Map<string, PhraseWord[][]>;
  themeIds: string[];
}

/** A term or cue found in a passage, not negated and not inside a not-term. */
export interface TermMatch {
  themeId: string;
  /** The phrase as written in the config. */
  term: string;
  kind: MatchKind;
  /** Word positions: `start` inclusive, `end` exclusive. */
  start: number;
  end: number;
}

/** How far apart (in words) the two sides of a pair may be, within one sentence. */
const PAIR_REACH = 10;

/**
 * Compiles the themes' terms, cues and not-terms. A phrase "A | B + C | D" is a pair:
 * it matches where A or B and C or D occur in the same sentence within ten words.
 */
export function compileMatcher(themes: readonly Theme[]): PhraseMatcher {
  const byFirstWord: PhraseMatcher['byFirstWord'] = { stem: new Map(), exact: new Map(), lower: new Map() };
  const notTerms = new Map<string, PhraseWord[][]>();
  for (const theme of themes) {
    for (const kind of ['term', 'cue'] as const) {
      for (const text of kind === 'term' ? theme.terms : theme.cues) {
        const sides = text.split(/\s\+\s/).map((side) => side.split(/\s\|\s/).map(compileWords));
        if (sides.length > 2 || sides.some((side) => side.some((words) => words.length === 0))) continue;
        const phrase: CompiledPhrase = { themeId: theme.id, phrase: text, kind, sides };
        sides.forEach((alternatives, side) => {
          for (const words of alternatives) {
            const first = words[0] as PhraseWord;
            const index = first.lower
              ? byFirstWord.lower
              : first.exact
                ? byFirstWord.exact
                : byFirstWord.stem;
            const list = index.get(first.value) ?? [];
            list.push({ phrase, side, words });
            index.set(first.value, list);
          }
        });
      }
    }
    notTerms.set(
      theme.id,
      theme.notTerms.map(compileWords).filter((words) => words.length > 0),
    );
  }
  return { byFirstWord, notTerms, themeIds: themes.map((theme) => theme.id) };
}

/**
 * Finds the themes' terms and cues in a passage. Dropped: matches the text negates
 * (see `isNegated`; for a pair, its first side), matches overlapping one of their
 * theme's not-terms, a shorter match inside a longer one of the same theme ("sexual
 * exploitation" inside "child sexual exploitation"), and a cue inside another theme's
 * term ("debt" inside "drug debt": the longer phrase says what it is about).
 */
export function matchTerms(text: string | Tokens, matcher: PhraseMatcher): TermMatch[] {
  const tokens = typeof text === 'string' ? tokenize(text) : text;
  const exact = tokens.raw.map(singular);
  const found: TermMatch[] = [];
  const pairHits = new Map<CompiledPhrase, SideHit[]>();
  const { stem, exact: asWritten, lower } = matcher.byFirstWord;
  for (let i = 0; i < tokens.stems.length; i++) {
    for (const starting of [
      stem.get(tokens.stems[i] as string),
      asWritten.get(exact[i] as string),
      lower.get(tokens.lower[i] as string),
    ]) {
      for (const { phrase, side, words } of starting ?? []) {
        const end = matchAt(tokens, exact, i, words);
        if (end < 0) continue;
        if (phrase.sides.length === 2) {
          const hits = pairHits.get(phrase) ?? [];
          hits.push({ phrase, side, start: i, end });
          pairHits.set(phrase, hits);
          continue;
        }
        if (isNegated(tokens, i, end)) continue;
        if (insideNotTerm(tokens, exact, i, end, matcher.notTerms.get(phrase.themeId) ?? [])) continue;
        found.push({ themeId: phrase.themeId, term: phrase.phrase, kind: phrase.kind, start: i, end });
      }
    }
  }
  for (const [phrase, hits] of pairHits) {
    const pair = closestPair(tokens, hits);
    if (pair) found.push({ themeId: phrase.themeId, term: phrase.phrase, kind: phrase.kind, ...pair });
  }
  const seen = new Set<string>();
  return found.filter((match) => {
    // "ask" and "asked" are one stem: the same words matched twice are one match.
    const key = `${match.themeId}|${match.kind}|${match.start}|${match.end}`;
    if (seen.has(key) || found.some((other) => shadows(other, match))) return false;
    seen.add(key);
    return true;
  });
}

/** The first pair of hits on both sides in one sentence and within reach, its first side not negated. */
function closestPair(tokens: Tokens, hits: readonly SideHit[]): { start: number; end: number } | null {
  for (const first of hits) {
    if (first.side !== 0 || isNegated(tokens, first.start, first.end)) continue;
    for (const second of hits) {
      if (second.side !== 1 || tokens.sentence[second.start] !== tokens.sentence[first.start]) continue;
      const gap = second.start >= first.end ? second.start - first.end : first.start - second.end;
      if (gap >= 0 && gap <= PAIR_REACH) {
        return { start: Math.min(first.start, second.start), end: Math.max(first.end, second.end) };
      }
    }
  }
  return null;
}

/** Whether `other` makes `match` redundant or misleading (see `matchTerms`). */
function shadows(other: TermMatch, match: TermMatch): boolean {
  if (other === match || other.start > match.start || other.end < match.end) return false;
  const longer = other.end - other.start > match.end - match.start;
  if (other.themeId === match.themeId) {
    return longer || (other.kind === 'term' && match.kind === 'cue' && other.start === match.start);
  }
  return longer && other.kind === 'term' && match.kind === 'cue';
}

/** Splits and stems words as passages are; see `PhraseWord` for the exceptions. */
function compileWords(phrase: string): PhraseWord[] {
  return phrase.split(/\s+/).flatMap((chunk) => {
    const lower = chunk.startsWith('=');
    const tokens = tokenize(lower ? chunk.slice(1) : chunk);
    return tokens.raw.map((raw, i): PhraseWord => {
      if (lower) return { value: tokens.lower[i] as string, exact: false, lower: true };
      if (/\p{Lu}/u.test(raw)) return { value: singular(raw), exact: true };
      return { value: tokens.stems[i] as string, exact: false };
    });
  });
}

/** "SGOs" → "SGO", "CP" stays: abbreviations match their plural. */
function singular(raw: string): string {
  return raw.endsWith('s') && /^\p{Lu}[\p{Lu}\p{N}]+s$/u.test(raw) ? raw.slice(0, -1) : raw;
}

/** The end of `words` matched at `start` (`exact`: the words as written, singular), or -1. */
function matchAt(
  tokens: Tokens,
  exact: readonly string[],
  start: number,
  words: readonly PhraseWord[],
): number {
  for (let k = 0; k < words.length; k++) {
    const word = words[k] as PhraseWord;
    const at = start + k;
    if (at >= tokens.stems.length) return -1;
    const matches = word.lower
      ? tokens.lower[at] === word.value
      : word.exact
        ? exact[at] === word.value
        : tokens.stems[at] === word.value;
    if (!matches) return -1;
  }
  return start + words.length;
}

function insideNotTerm(
  tokens: Tokens,
  exact: readonly string[],
  start: number,
  end: number,
  notTerms: readonly PhraseWord[][],
): boolean {
  for (const words of notTerms) {
    for (let s = Math.max(0, start - words.length + 1); s < end; s++) {
      if (matchAt(tokens, exact, s, words) >= 0) return true;
    }
  }
  return false;
}

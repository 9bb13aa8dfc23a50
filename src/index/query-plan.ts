import type { QueryTerm } from './query-text.js';
import type { SearchConfig } from './search-config.js';

/** One way a clause can match: a word, or a phrase (several words in order). */
export interface Alternative {
  words: string[];
}

/**
 * One required part of a query: it matches when any of its alternatives does (a term
 * and its synonyms). A `prefix` clause is the last word of a query typed "as you type":
 * it also matches words that start with it, which each backend resolves its own way.
 */
export interface Clause {
  alternatives: Alternative[];
  prefix: boolean;
  /** What the user typed for this clause. */
  typed: string;
}

/** A query as backends run it: every clause must match. */
export interface QueryPlan {
  clauses: Clause[];
}

/**
 * Plans typed terms: runs of words (or a quoted phrase) equal to a synonym entry become
 * one clause matching every entry of its groups, longest entry first ("serious case
 * review" before "case review"); stop words are then dropped unless every word is one;
 * with `prefix`, a last clause that is a plain typed word becomes a prefix clause.
 */
export function planQuery(terms: readonly QueryTerm[], config: SearchConfig, prefix: boolean): QueryPlan {
  const byFirstWord = synonymIndex(config.synonyms);
  const clauses: (Clause & { stop: boolean; plainWord: boolean })[] = [];
  let i = 0;
  while (i < terms.length) {
    const term = terms[i] as QueryTerm;
    const match = matchSynonym(terms, i, byFirstWord);
    if (match) {
      clauses.push({
        alternatives: match.alternatives,
        prefix: false,
        typed: terms
          .slice(i, i + match.consumed)
          .map((t) => t.typed)
          .join(' '),
        stop: false,
        plainWord: false,
      });
      i += match.consumed;
      continue;
    }
    const isWord = term.kind === 'word';
    clauses.push({
      alternatives: [{ words: term.words }],
      prefix: false,
      typed: term.typed,
      stop: isWord && config.stopWords.has(term.words[0] as string),
      plainWord: isWord && !term.quoted,
    });
    i++;
  }
  const last = clauses[clauses.length - 1];
  if (prefix && last?.plainWord) {
    last.prefix = true;
    last.stop = false;
  }
  const kept = clauses.every((c) => c.stop) ? clauses : clauses.filter((c) => !c.stop);
  return { clauses: kept.map(({ alternatives, prefix: p, typed }) => ({ alternatives, prefix: p, typed })) };
}

type SynonymIndex = Map<string, { entry: string[]; group: string[][] }[]>;

function synonymIndex(groups: readonly string[][][]): SynonymIndex {
  const index: SynonymIndex = new Map();
  for (const group of groups) {
    for (const entry of group) {
      const first = entry[0] as string;
      const list = index.get(first) ?? [];
      list.push({ entry, group });
      index.set(first, list);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.entry.length - a.entry.length);
  return index;
}

/** The synonym entry starting at `terms[start]`, if any, and how many terms it spans. */
function matchSynonym(
  terms: readonly QueryTerm[],
  start: number,
  index: SynonymIndex,
): { alternatives: Alternative[]; consumed: number } | null {
  const term = terms[start] as QueryTerm;
  const candidates = index.get(term.words[0] as string) ?? [];
  if (term.kind === 'phrase') {
    // A phrase (quoted, or a hyphenated word) matches an entry only as a whole.
    const hits = candidates.filter((c) => sameWords(c.entry, term.words));
    return hits.length > 0 ? { alternatives: alternativesOf(hits.map((h) => h.group)), consumed: 1 } : null;
  }
  for (const candidate of candidates) {
    const span = terms.slice(start, start + candidate.entry.length);
    if (span.length !== candidate.entry.length || span.some((t) => t.kind !== 'word')) continue;
    if (
      !sameWords(
        candidate.entry,
        span.map((t) => t.words[0] as string),
      )
    )
      continue;
    // Every group holding this entry contributes its terms ("domestic violence" is in two).
    const groups = candidates.filter((c) => sameWords(c.entry, candidate.entry)).map((c) => c.group);
    return { alternatives: alternativesOf(groups), consumed: span.length };
  }
  return null;
}

function alternativesOf(groups: readonly string[][][]): Alternative[] {
  const seen = new Map<string, Alternative>();
  for (const group of groups) {
    for (const entry of group) seen.set(entry.join(' '), { words: entry });
  }
  return [...seen.values()];
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

/** The distinct words of a plan, for highlighting and correction messages. */
export function planWords(plan: QueryPlan): string[] {
  return [...new Set(plan.clauses.flatMap((c) => c.alternatives.flatMap((a) => a.words)))];
}

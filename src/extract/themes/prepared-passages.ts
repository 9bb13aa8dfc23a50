/**
 * What training knows of each labelled passage (its phrase matches and word features,
 * computed once) and the corpus statistics of the matched phrases the model keeps:
 * how rare each phrase is, and how reliably it marked its theme.
 */
import tfidf from 'natural/lib/natural/tfidf/index.js';
import type { ThemeModelFile } from './classifier.js';
import { BIAS_FEATURE, phraseKey } from './classifier.js';
import { passageFeatures } from './features.js';
import type { LabelledPassage } from './labelled-set.js';
import type { PhraseMatcher, TermMatch } from './phrase-matcher.js';
import { matchTerms } from './phrase-matcher.js';
import { tokenize } from './tokens.js';

/** A labelled passage with what the tagger sees of it. */
export interface PreparedPassage {
  passage: LabelledPassage;
  matches: TermMatch[];
  features: Set<string>;
}

/** Tokenises, matches and extracts word features once per passage. */
export function preparePassages(
  passages: readonly LabelledPassage[],
  matcher: PhraseMatcher,
): PreparedPassage[] {
  return passages.map((passage) => {
    const tokens = tokenize(passage.text);
    const matches = matchTerms(tokens, matcher);
    return {
      passage,
      matches,
      features: new Set([BIAS_FEATURE, ...passageFeatures(tokens, matches, passage.section)]),
    };
  });
}

/**
 * Inverse document frequency, across the training passages, of every phrase that
 * matched (natural's TfIdf over the passages' matched phrases): a cue found in one
 * passage in a hundred is stronger evidence than one found in every other passage.
 */
export function phraseIdf(
  prepared: readonly PreparedPassage[],
): Pick<ThemeModelFile, 'phraseIdf' | 'unseenIdf'> {
  const corpus = new tfidf.TfIdf();
  const keys = new Set<string>();
  for (const item of prepared) {
    const phrases = [...new Set(item.matches.map((m) => phraseKey(m.themeId, m.term)))];
    phrases.forEach((key) => keys.add(key));
    corpus.addDocument(phrases.length > 0 ? phrases : ['']);
  }
  const result: Record<string, number> = {};
  for (const key of [...keys].sort()) result[key] = round3(corpus.idf(key));
  return { phraseIdf: result, unseenIdf: round3(1 + Math.log(prepared.length)) };
}

/**
 * How reliable every matched phrase ("themeId|phrase") is across `prepared`: of the
 * passages it matched, the share that carry its theme, smoothed towards a half
 * ((carry + 1) / (matched + 2)) so that a phrase seen once says little.
 */
export function phraseReliability(prepared: readonly PreparedPassage[]): Record<string, number> {
  const counts = new Map<string, { matched: number; carry: number }>();
  for (const item of prepared) {
    const carried = new Map(
      item.matches.map((m) => [phraseKey(m.themeId, m.term), item.passage.themes.includes(m.themeId)]),
    );
    for (const [key, carries] of carried) {
      const count = counts.get(key) ?? { matched: 0, carry: 0 };
      count.matched++;
      if (carries) count.carry++;
      counts.set(key, count);
    }
  }
  const result: Record<string, number> = {};
  for (const key of [...counts.keys()].sort()) {
    const { matched, carry } = counts.get(key) as { matched: number; carry: number };
    result[key] = round3((carry + 1) / (matched + 2));
  }
  return result;
}

/** Rounds to three decimals: the model file stays small and its diffs readable. */
export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

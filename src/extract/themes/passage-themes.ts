import type { Thresholds } from './classifier.js';
import { evidenceFeatures } from './evidence-features.js';
import type { TermMatch } from './phrase-matcher.js';

/** A theme a passage earned, how strongly (0–1), and the words that earned it. */
export interface PassageTheme {
  themeId: string;
  score: number;
  /** The terms and cues of the theme found in the passage, as configured. */
  terms: string[];
}

/**
 * A theme a passage might carry: one with terms or cues in it (`matched`), judged by
 * the verifier, or one the word classifier alone suggests (`free`).
 */
export interface Candidate {
  themeId: string;
  terms: string[];
  /** How many distinct terms (not cues) of the theme the passage has. */
  distinctTerms: number;
  kind: 'matched' | 'free';
  /** The verifier's probability (matched) or the word classifier's (free); null without a model. */
  probability: number | null;
}

/** What the model contributes to a passage's candidates. */
export interface Judge {
  /** Per theme, the word classifier's probability for the passage. */
  wordProbabilities: ReadonlyMap<string, number>;
  verify(features: readonly string[]): number;
  idf(themeId: string, phrase: string): number;
  reliability(themeId: string, phrase: string): number | null;
  groupOf(themeId: string): string;
}

/**
 * A passage's candidate themes from its term and cue matches and, with a model, the
 * verifier's and word classifier's probabilities. Without a model (judge null) only
 * themes with terms are candidates, with no probability.
 */
export function passageCandidates(
  matches: readonly TermMatch[],
  section: string,
  judge: Judge | null,
): Candidate[] {
  const byTheme = new Map<string, TermMatch[]>();
  for (const match of matches) byTheme.set(match.themeId, [...(byTheme.get(match.themeId) ?? []), match]);
  const withTerms = new Set(matches.filter((m) => m.kind === 'term').map((m) => m.themeId));
  const candidates: Candidate[] = [];
  for (const [themeId, own] of byTheme) {
    const hasTerm = withTerms.has(themeId);
    const terms = [...new Set(own.map((m) => m.term))];
    const distinctTerms = new Set(own.filter((m) => m.kind === 'term').map((m) => m.term)).size;
    if (!judge) {
      if (hasTerm) candidates.push({ themeId, terms, distinctTerms, kind: 'matched', probability: null });
      continue;
    }
    const features = evidenceFeatures({
      themeId,
      group: judge.groupOf(themeId),
      section,
      matches: own,
      otherThemesWithTerms: withTerms.size - (hasTerm ? 1 : 0),
      wordProbability: judge.wordProbabilities.get(themeId) ?? 0,
      idfOf: (match) => judge.idf(themeId, match.term),
      reliabilityOf: (match) => judge.reliability(themeId, match.term),
    });
    candidates.push({ themeId, terms, distinctTerms, kind: 'matched', probability: judge.verify(features) });
  }
  for (const [themeId, probability] of judge?.wordProbabilities ?? []) {
    if (!byTheme.has(themeId))
      candidates.push({ themeId, terms: [], distinctTerms: 0, kind: 'free', probability });
  }
  return candidates;
}

/**
 * Keeps the candidates that reach their threshold: a matched theme when the verifier
 * reaches `verify`, a free one when the word classifier reaches `free`; without a
 * model, every theme with a term. A passage's score for a theme is that probability
 * (a term alone, without a model, scores by how many distinct terms it has).
 */
export function decidePassageThemes(
  candidates: readonly Candidate[],
  thresholds: Thresholds,
): PassageTheme[] {
  const themes: PassageTheme[] = [];
  for (const candidate of candidates) {
    const { themeId, terms, probability } = candidate;
    if (probability === null) {
      themes.push({ themeId, terms, score: Math.min(1, 0.6 + 0.15 * (candidate.distinctTerms - 1)) });
    } else if (probability >= (candidate.kind === 'matched' ? thresholds.verify : thresholds.free)) {
      themes.push({ themeId, terms, score: Math.round(probability * 1000) / 1000 });
    }
  }
  return themes;
}

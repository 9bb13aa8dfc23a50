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
 * the verifier, or one the word probability alone suggests (`free`).
 */
export interface Candidate {
  themeId: string;
  terms: string[];
  /** How many distinct terms (not cues) of the theme the passage has. */
  distinctTerms: number;
  kind: 'matched' | 'free';
  /** The verifier's probability (matched) or the word probability (free); null without a model. */
  probability: number | null;
}

/** What the model knows of a passage beyond its matches: enough to describe its evidence. */
export interface EvidenceContext {
  /** Per theme, the word probability for the passage (see `ThemeModel.wordProbabilities`). */
  wordProbabilities: ReadonlyMap<string, number>;
  idf(themeId: string, phrase: string): number;
  reliability(themeId: string, phrase: string): number | null;
  groupOf(themeId: string): string;
}

/** What the model contributes to a passage's candidates. */
export interface Judge extends EvidenceContext {
  verify(features: readonly string[]): number;
}

/**
 * The verifier's features (see `evidenceFeatures`) for each theme with terms or cues in
 * a passage, in the order the themes first match: what tagging judges and what the
 * verifier is trained on, built in one place so the two cannot drift apart.
 */
export function themeEvidence(
  matches: readonly TermMatch[],
  section: string,
  context: EvidenceContext,
): { themeId: string; matches: TermMatch[]; features: string[] }[] {
  const withTerms = new Set(matches.filter((m) => m.kind === 'term').map((m) => m.themeId));
  return [...byTheme(matches)].map(([themeId, own]) => ({
    themeId,
    matches: own,
    features: evidenceFeatures({
      themeId,
      group: context.groupOf(themeId),
      section,
      matches: own,
      otherThemesWithTerms: withTerms.size - (withTerms.has(themeId) ? 1 : 0),
      wordProbability: context.wordProbabilities.get(themeId) ?? 0,
      idfOf: (match) => context.idf(themeId, match.term),
      reliabilityOf: (match) => context.reliability(themeId, match.term),
    }),
  }));
}

/**
 * A passage's candidate themes from its term and cue matches and, with a model, the
 * verifier's probabilities and the word probabilities. Without a model (judge null) only
 * themes with terms are candidates, with no probability.
 */
export function passageCandidates(
  matches: readonly TermMatch[],
  section: string,
  judge: Judge | null,
): Candidate[] {
  const candidates: Candidate[] = [];
  if (!judge) {
    for (const [themeId, own] of byTheme(matches)) {
      const { terms, distinctTerms } = termsOf(own);
      if (distinctTerms > 0)
        candidates.push({ themeId, terms, distinctTerms, kind: 'matched', probability: null });
    }
    return candidates;
  }
  const matched = new Set<string>();
  for (const { themeId, matches: own, features } of themeEvidence(matches, section, judge)) {
    const { terms, distinctTerms } = termsOf(own);
    candidates.push({ themeId, terms, distinctTerms, kind: 'matched', probability: judge.verify(features) });
    matched.add(themeId);
  }
  for (const [themeId, probability] of judge.wordProbabilities) {
    if (!matched.has(themeId))
      candidates.push({ themeId, terms: [], distinctTerms: 0, kind: 'free', probability });
  }
  return candidates;
}

/** A passage's matches grouped by theme, in the order the themes first match. */
function byTheme(matches: readonly TermMatch[]): Map<string, TermMatch[]> {
  const groups = new Map<string, TermMatch[]>();
  for (const match of matches) groups.set(match.themeId, [...(groups.get(match.themeId) ?? []), match]);
  return groups;
}

/** A theme's matched phrases as configured, and how many distinct terms (not cues) among them. */
function termsOf(own: readonly TermMatch[]): Pick<Candidate, 'terms' | 'distinctTerms'> {
  return {
    terms: [...new Set(own.map((m) => m.term))],
    distinctTerms: new Set(own.filter((m) => m.kind === 'term').map((m) => m.term)).size,
  };
}

/**
 * Keeps the candidates that reach their threshold: a matched theme when the verifier
 * reaches `verify`, a free one when its word probability reaches `free`; without a
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

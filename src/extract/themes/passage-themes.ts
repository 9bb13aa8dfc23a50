import type { Thresholds } from './classifier.js';
import type { TermMatch } from './phrase-matcher.js';

/** A theme a passage earned, how strongly (0–1), and the words that earned it. */
export interface PassageTheme {
  themeId: string;
  score: number;
  /** The terms and cues of the theme found in the passage, as configured. */
  terms: string[];
}

/**
 * Decides a passage's themes from its term and cue matches and, when there is a
 * model, the classifier's probabilities:
 *
 * - a term is evidence unless the classifier all but rules the theme out (below
 *   `veto`: "self-harm" in a passage about the mother's history);
 * - a cue counts only when the classifier reaches `cue` ("father" in a passage about
 *   whether he was assessed, not in "father took her to school");
 * - with neither, the classifier alone must reach `free`, which catches paraphrases no
 *   term list anticipates.
 *
 * Without a model (probabilities null) only terms count.
 */
export function decidePassageThemes(
  matches: readonly TermMatch[],
  probabilities: ReadonlyMap<string, number> | null,
  thresholds: Thresholds,
): PassageTheme[] {
  const byTheme = new Map<string, { terms: Set<string>; cues: Set<string> }>();
  for (const match of matches) {
    const entry = byTheme.get(match.themeId) ?? { terms: new Set<string>(), cues: new Set<string>() };
    (match.kind === 'term' ? entry.terms : entry.cues).add(match.term.toLowerCase());
    byTheme.set(match.themeId, entry);
  }
  const themes: PassageTheme[] = [];
  const themeIds = new Set([...byTheme.keys(), ...(probabilities?.keys() ?? [])]);
  for (const themeId of themeIds) {
    const entry = byTheme.get(themeId);
    const terms = entry ? [...entry.terms, ...entry.cues] : [];
    const distinctTerms = entry?.terms.size ?? 0;
    const probability = probabilities?.get(themeId);
    if (probability === undefined) {
      if (distinctTerms > 0) themes.push({ themeId, score: termStrength(distinctTerms), terms });
      continue;
    }
    if (distinctTerms > 0) {
      if (probability >= thresholds.veto) {
        themes.push({ themeId, score: Math.max(termStrength(distinctTerms), probability), terms });
      }
    } else if ((entry?.cues.size ?? 0) > 0 ? probability >= thresholds.cue : probability >= thresholds.free) {
      themes.push({ themeId, score: probability, terms });
    }
  }
  return themes.map((theme) => ({ ...theme, score: Math.round(theme.score * 1000) / 1000 }));
}

/** A passage naming a theme once is good evidence; naming it in several ways, better. */
function termStrength(distinctTerms: number): number {
  return Math.min(1, 0.6 + 0.15 * (distinctTerms - 1));
}

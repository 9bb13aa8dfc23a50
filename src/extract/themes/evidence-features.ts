import type { TermMatch } from './phrase-matcher.js';

/** What the verifier knows about one theme's matches in one passage. */
export interface ThemeEvidence {
  themeId: string;
  /** The theme's group (harm, family, child, practice). */
  group: string;
  section: string;
  /** The theme's own term and cue matches in the passage. */
  matches: readonly TermMatch[];
  /** How many other themes have terms in the passage. */
  otherThemesWithTerms: number;
  /** The theme's word probability for the passage (its word classifier with the neighbours' vote). */
  wordProbability: number;
  /** Inverse document frequency of each matched phrase across the training passages. */
  idfOf(match: TermMatch): number;
  /** How often each matched phrase marked its theme in training passages; null if never seen. */
  reliabilityOf(match: TermMatch): number | null;
}

/**
 * The features of a theme's evidence in a passage, as tokens for the verifier (one
 * logistic regression shared by all themes): how many distinct terms and cues, whether
 * a pair matched, how rare the rarest matched phrase is across the corpus (TF-IDF's
 * inverse document frequency: "gastrostomy" says more than "placement"), the section,
 * the theme's group, competition from other themes, the word probability, and
 * how reliable the most reliable matched phrase was in training ("told the reviewer"
 * marks voice of the child in a fifth of the passages it is in, "Makaton" in most).
 */
export function evidenceFeatures(evidence: ThemeEvidence): string[] {
  const terms = new Set(evidence.matches.filter((m) => m.kind === 'term').map((m) => m.term));
  const cues = new Set(evidence.matches.filter((m) => m.kind === 'cue').map((m) => m.term));
  const pair = evidence.matches.some((m) => m.term.includes(' + '));
  const rarest = Math.max(0, ...evidence.matches.map((m) => evidence.idfOf(m)));
  const reliability = (kind: TermMatch['kind']) => {
    const known = evidence.matches
      .filter((m) => m.kind === kind)
      .map((m) => evidence.reliabilityOf(m))
      .filter((r) => r !== null);
    return known.length === 0 ? 'u' : bucket(Math.max(...known), [0.3, 0.5, 0.7, 0.85]);
  };
  const features = [
    `terms:${Math.min(terms.size, 2)}`,
    `cues:${Math.min(cues.size, 3)}`,
    `section:${evidence.section}`,
    `group:${evidence.group}`,
    `others:${Math.min(evidence.otherThemesWithTerms, 3)}`,
    `idf:${bucket(rarest, [2.5, 3.5, 4.5])}`,
    `words:${bucket(evidence.wordProbability, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])}`,
    `reliable:${terms.size > 0 ? reliability('term') : `cue-${reliability('cue')}`}`,
  ];
  if (pair) features.push('pair');
  if (terms.size === 0)
    features.push(
      `cue-only:${Math.min(cues.size, 3)}`,
      `cue-only-words:${bucket(evidence.wordProbability, [0.3, 0.6])}`,
    );
  return features;
}

/** The index of the first bound `value` is below, as a label ("0" … "n"). */
function bucket(value: number, bounds: readonly number[]): string {
  const index = bounds.findIndex((bound) => value < bound);
  return String(index < 0 ? bounds.length : index);
}

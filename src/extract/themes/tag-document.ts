import type { DocumentThemeTag, PassageThemeTag, StoredPassage } from '../../index/index.js';
import type { PhraseMatcher } from './phrase-matcher.js';
import { matchTerms } from './phrase-matcher.js';

/**
 * How much a passage's section says about what a review is about: learning,
 * findings and recommendations weigh more than a chronology of events.
 */
export const SECTION_WEIGHTS: Record<string, number> = {
  summary: 1.2,
  findings: 1.5,
  learning: 1.6,
  recommendations: 1.4,
  analysis: 1.2,
  background: 0.9,
  introduction: 0.6,
  chronology: 0.6,
  response: 0.8,
  appendix: 0.3,
  other: 0.8,
};

/** Evidence a document needs for a theme: a weighted sum over its passages. */
export const DOCUMENT_THRESHOLD = 2;
const EVIDENCE_PER_THEME = 3;
const EVIDENCE_CHARS = 600;

/** The themes of a document and of each of its passages. */
export interface TagResult {
  documentThemes: DocumentThemeTag[];
  passageThemes: PassageThemeTag[];
}

/**
 * Tags a document's passages by the themes' terms, then the document by its
 * passages: a passage's evidence for a theme grows with its distinct matching terms
 * and its section's weight; a document carries a theme when the sum passes the
 * threshold. Scores are 0–1; each document theme keeps its best passages.
 */
export function tagDocument(passages: readonly StoredPassage[], matcher: PhraseMatcher): TagResult {
  const passageThemes: PassageThemeTag[] = [];
  const perTheme = new Map<string, { passage: StoredPassage; weight: number }[]>();
  for (const passage of passages) {
    const terms = new Map<string, Set<string>>();
    for (const match of matchTerms(passage.text, matcher)) {
      const set = terms.get(match.themeId) ?? new Set<string>();
      set.add(match.term.toLowerCase());
      terms.set(match.themeId, set);
    }
    for (const [themeId, distinct] of terms) {
      const strength = Math.min(1, 0.5 + 0.25 * (distinct.size - 1));
      passageThemes.push({ passageId: passage.id, themeId, score: round(strength) });
      const weight = strength * (SECTION_WEIGHTS[passage.section] ?? 1);
      const list = perTheme.get(themeId) ?? [];
      list.push({ passage, weight });
      perTheme.set(themeId, list);
    }
  }
  const documentThemes: DocumentThemeTag[] = [];
  for (const [themeId, hits] of perTheme) {
    const total = hits.reduce((sum, hit) => sum + hit.weight, 0);
    if (total < DOCUMENT_THRESHOLD) continue;
    const evidence = [...hits]
      .sort((a, b) => b.weight - a.weight || a.passage.ordinal - b.passage.ordinal)
      .slice(0, EVIDENCE_PER_THEME)
      .map(({ passage }) => ({ passageId: passage.id, page: passage.page, text: excerpt(passage.text) }));
    documentThemes.push({ themeId, score: round(1 - Math.exp(-total / 4)), evidence });
  }
  documentThemes.sort((a, b) => b.score - a.score || a.themeId.localeCompare(b.themeId));
  return { documentThemes, passageThemes };
}

function excerpt(text: string): string {
  if (text.length <= EVIDENCE_CHARS) return text;
  const cut = text.slice(0, EVIDENCE_CHARS);
  const end = cut.lastIndexOf('. ');
  return end > EVIDENCE_CHARS / 2 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

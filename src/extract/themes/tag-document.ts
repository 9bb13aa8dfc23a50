import { createHash } from 'node:crypto';
import type { ThemesConfig } from '../../config/index.js';
import type { SectionId } from '../../contracts/index.js';
import type { ThemeModel, Thresholds } from './classifier.js';
import { BIAS_FEATURE } from './classifier.js';
import { passageFeatures } from './features.js';
import type { Judge, PassageTheme } from './passage-themes.js';
import { decidePassageThemes, passageCandidates } from './passage-themes.js';
import type { PhraseMatcher } from './phrase-matcher.js';
import { compileMatcher, matchTerms } from './phrase-matcher.js';
import { tokenize } from './tokens.js';

/**
 * How much a passage's section says about what a review is about: learning, findings
 * and recommendations weigh more than a chronology of events or the introduction.
 */
export const SECTION_WEIGHTS: Readonly<Record<SectionId, number>> = {
  summary: 1.2,
  findings: 1.5,
  learning: 1.5,
  recommendations: 1.3,
  analysis: 1.2,
  response: 1,
  other: 1,
  background: 0.5,
  chronology: 0.5,
  introduction: 0.5,
  appendix: 0.25,
};

/**
 * The weighted evidence a document needs for a theme: one tagged passage in a
 * summary, analysis, findings, learning, recommendations or response section, or two
 * in the narrative sections (background, chronology, introduction). A single passing
 * passage in a chronology is not what a review is about.
 */
export const DOCUMENT_THRESHOLD = 1;

/**
 * A full report (more passages than this) must evidence a theme in at least two
 * passages whose section weights add up to `LONG_DOCUMENT_EVIDENCE`: the themes a long
 * review is about recur across its summary, analysis, findings and recommendations,
 * and one mention in sixty pages is a passing one. Briefings, summaries and rapid
 * reviews are short and say each thing once. Whether a passage carries the theme is
 * the thresholds' decision; the rule counts only where those passages are, so that
 * retraining, which moves the model's probabilities, cannot silently move it.
 */
export const LONG_DOCUMENT_PASSAGES = 20;
/** With two passages or more: one of them outside the narrative sections, or three narrative ones. */
export const LONG_DOCUMENT_EVIDENCE = 1.5;
const EVIDENCE_PER_THEME = 3;
const EVIDENCE_CHARS = 600;

/** A passage to tag: its text and section, and where it came from. */
export interface TaggablePassage {
  id: number;
  ordinal: number;
  page: number;
  section: SectionId;
  text: string;
}

/** A theme a document earned: score 0–1 and its best passages, best first. */
export interface DocumentTheme {
  themeId: string;
  score: number;
  evidence: { passageId: number; page: number; text: string }[];
}

/** The themes of a document and of each of its passages. */
export interface TagResult {
  documentThemes: DocumentTheme[];
  passageThemes: { passageId: number; themeId: string; score: number }[];
}

/** Tags passages and documents with one themes config and (optionally) a trained model. */
export interface Tagger {
  /** Which words and model the tags come from: changes when either does. */
  fingerprint: string;
  tagPassage(text: string, section: SectionId): PassageTheme[];
  tagDocument(passages: readonly TaggablePassage[]): TagResult;
}

/** Hash of a themes config, as the model records it and the tag stage keys on it. */
export function themesConfigHash(themes: ThemesConfig): string {
  return createHash('sha256').update(JSON.stringify(themes)).digest('hex').slice(0, 16);
}

/**
 * Builds a tagger. With a model, the verifier judges every theme whose terms or cues a
 * passage contains and the word classifiers may add themes no word list anticipated
 * (see `passageCandidates`); with `model` null the tagger uses terms only, the
 * baseline the evaluation compares against.
 */
export function createTagger(themes: ThemesConfig, model: ThemeModel | null): Tagger {
  const matcher: PhraseMatcher = compileMatcher(themes.themes);
  const thresholds: Thresholds = model?.file.thresholds ?? { verify: 1, free: 1 };
  const groups = new Map(themes.themes.map((theme) => [theme.id, theme.group]));
  const groupOf = (themeId: string) => groups.get(themeId) ?? 'other';
  const fingerprint = createHash('sha256')
    .update(themesConfigHash(themes))
    .update(model ? JSON.stringify(model.file) : 'terms only')
    .digest('hex')
    .slice(0, 16);
  const tagPassage = (text: string, section: SectionId): PassageTheme[] => {
    const tokens = tokenize(text);
    const matches = matchTerms(tokens, matcher);
    const judge: Judge | null = model && {
      wordProbabilities: model.wordProbabilities(
        new Set([BIAS_FEATURE, ...passageFeatures(tokens, matches, section)]),
      ),
      verify: model.verify,
      idf: model.idf,
      reliability: model.reliability,
      groupOf,
    };
    return decidePassageThemes(passageCandidates(matches, section, judge), thresholds);
  };
  return {
    fingerprint,
    tagPassage,
    tagDocument: (passages) => aggregate(passages, (passage) => tagPassage(passage.text, passage.section)),
  };
}

/**
 * A document's themes from its passages': the document carries a theme when the
 * section weights of the passages tagged with it add up to `DOCUMENT_THRESHOLD` (and,
 * in a long document, see `LONG_DOCUMENT_PASSAGES`). Its
 * score grows with the passages' scores times their weights and saturates
 * (1 - e^(-sum/2)): many confident passages in learning sections score near 1, one
 * doubtful passage low. The evidence passages are the best by the same product.
 */
export function aggregate(
  passages: readonly TaggablePassage[],
  tagPassage: (passage: TaggablePassage) => readonly PassageTheme[],
): TagResult {
  const passageThemes: TagResult['passageThemes'] = [];
  const perTheme = new Map<string, { passage: TaggablePassage; score: number; weight: number }[]>();
  for (const passage of passages) {
    for (const theme of tagPassage(passage)) {
      passageThemes.push({ passageId: passage.id, themeId: theme.themeId, score: theme.score });
      const list = perTheme.get(theme.themeId) ?? [];
      list.push({ passage, score: theme.score, weight: SECTION_WEIGHTS[passage.section] ?? 1 });
      perTheme.set(theme.themeId, list);
    }
  }
  const documentThemes: DocumentTheme[] = [];
  for (const [themeId, hits] of perTheme) {
    const weight = hits.reduce((sum, hit) => sum + hit.weight, 0);
    if (weight < DOCUMENT_THRESHOLD) continue;
    if (passages.length > LONG_DOCUMENT_PASSAGES && (hits.length < 2 || weight < LONG_DOCUMENT_EVIDENCE))
      continue;
    const strength = hits.reduce((sum, hit) => sum + hit.weight * hit.score, 0);
    const evidence = [...hits]
      .sort((a, b) => b.weight * b.score - a.weight * a.score || a.passage.ordinal - b.passage.ordinal)
      .slice(0, EVIDENCE_PER_THEME)
      .map(({ passage }) => ({ passageId: passage.id, page: passage.page, text: excerpt(passage.text) }));
    documentThemes.push({ themeId, score: round(1 - Math.exp(-strength / 2)), evidence });
  }
  documentThemes.sort((a, b) => b.score - a.score || a.themeId.localeCompare(b.themeId));
  return { documentThemes, passageThemes };
}

/** A passage cut to a readable length at a sentence end where possible. */
function excerpt(text: string): string {
  if (text.length <= EVIDENCE_CHARS) return text;
  const cut = text.slice(0, EVIDENCE_CHARS);
  const end = cut.lastIndexOf('. ');
  return end > EVIDENCE_CHARS / 2 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

import type { DocumentKind, SectionId } from '../contracts/index.js';

/**
 * How much a match in a section says about what a review is about: its learning and
 * findings more than its chronology or appendices. Used as bm25 column weights in the
 * embedded index and to order passages in both backends.
 */
export const SECTION_WEIGHT: Readonly<Record<SectionId, number>> = {
  summary: 1.2,
  introduction: 0.8,
  background: 0.9,
  chronology: 0.7,
  analysis: 1.1,
  findings: 1.3,
  learning: 1.4,
  recommendations: 1.2,
  response: 1.0,
  appendix: 0.5,
  other: 0.8,
};

/** Sections in the order Meilisearch's `attribute` rule ranks them (most telling first). */
export const SECTIONS_BY_WEIGHT: readonly SectionId[] = (Object.keys(SECTION_WEIGHT) as SectionId[]).sort(
  (a, b) => SECTION_WEIGHT[b] - SECTION_WEIGHT[a],
);

/**
 * A researcher's prior over the documents of one review: the review's own report is the
 * source to read and cite; its summary, briefing and slides restate it, and an agency's
 * response is about the review rather than the case. It scales a document's relevance,
 * and orders the documents a query names (see `compareReviewRanks`).
 */
export const DOCUMENT_KIND_PRIOR: Readonly<Record<DocumentKind, number>> = {
  'full-report': 1.0,
  'executive-summary': 0.92,
  briefing: 0.85,
  presentation: 0.8,
  response: 0.75,
  other: 0.8,
};

/** The prior for a document whose kind is unknown: between a summary and a briefing. */
const UNKNOWN_KIND_PRIOR = 0.88;

export function kindPrior(kind: DocumentKind | null): number {
  return kind === null ? UNKNOWN_KIND_PRIOR : DOCUMENT_KIND_PRIOR[kind];
}

/**
 * The kind's place in the prior's order (0 = full report), for Meilisearch, whose custom
 * ranking rules sort by an attribute rather than multiply scores.
 */
export function kindRank(kind: DocumentKind | null): number {
  const prior = kindPrior(kind);
  return [...new Set([...Object.values(DOCUMENT_KIND_PRIOR), UNKNOWN_KIND_PRIOR])]
    .sort((a, b) => b - a)
    .indexOf(prior);
}

/** A review's text relevance (higher is better) weighed by its kind. */
export function reviewScore(relevance: number, kind: DocumentKind | null): number {
  return relevance * kindPrior(kind);
}

/** What orders matched reviews. */
export interface ReviewRank {
  /** The whole query matches the title or a child's name: the review is asked for by name. */
  byName: boolean;
  kind: DocumentKind | null;
  score: number;
}

/**
 * Orders reviews for a query. Reviews named by the query come first, and among them the
 * report before its summary, briefing and response: "Child J" asks for Child J's review,
 * and every document of it matches about equally, the short ones even better by bm25's
 * length normalisation, so relevance alone would put a two-page response first. Then by
 * score. Meilisearch's rules give the same order (`attribute` puts title matches first,
 * then `kindRank`).
 */
export function compareReviewRanks(a: ReviewRank, b: ReviewRank): number {
  if (a.byName !== b.byName) return a.byName ? -1 : 1;
  if (a.byName) {
    const byKind = kindPrior(b.kind) - kindPrior(a.kind);
    if (byKind !== 0) return byKind;
  }
  return b.score - a.score;
}

/** Inverse document frequency of a term found in `df` of `total` reviews (never zero or negative). */
export function inverseFrequency(df: number, total: number): number {
  return Math.log(1 + Math.max(total, 1) / Math.max(df, 1));
}

/** Rounds a score for display (scores are for ordering; three decimals is plenty). */
export function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}

import type { DocumentKind, ReviewType, SectionId } from '../../contracts/index.js';
import type { IndexPassage, IndexReview } from '../backend.js';
import { tokenize } from '../query-text.js';
import { kindRank, SECTIONS_BY_WEIGHT } from '../ranking.js';
import type { TermProfile } from '../related.js';
import { termProfile } from '../related.js';
import type { SearchConfig } from '../search-config.js';
import { CHUNKS_PER_SECTION, textAttribute, WORDS_PER_TEXT_ATTRIBUTE } from './settings.js';

/** A review document in the review index: the record plus text chunks in `text_<section>_<n>` fields. */
export interface MeiliReviewDocument extends IndexReview {
  kindRank: number;
  /** Sections the review has passages in (filterable), and how many. */
  sections: SectionId[];
  sectionCounts: Partial<Record<SectionId, number>>;
  /** Commonest words, for related reviews. */
  profile: TermProfile;
  [textChunk: `text_${string}`]: string;
}

/** A passage document in the passage index, with its review's filter fields. */
export interface MeiliPassageDocument {
  id: string;
  reviewId: string;
  ordinal: number;
  page: number;
  section: SectionId;
  sectionRank: number;
  text: string;
  area: string | null;
  nation: string | null;
  region: string | null;
  year: number | null;
  reviewType: ReviewType | null;
  documentKind: DocumentKind | null;
  kindRank: number;
  themes: string[];
  online: boolean;
}

/** A passage's document id: the store's passage id, prefixed (Meilisearch ids are strings here). */
export function passageDocumentId(passage: Pick<IndexPassage, 'id'>): string {
  return `p${passage.id}`;
}

/**
 * The review index's document for a review: its record, and its passages' text joined
 * per section into chunks of at most `WORDS_PER_TEXT_ATTRIBUTE` words (whole passages;
 * the last chunk takes whatever is left, past which Meilisearch stops indexing).
 */
export function toReviewDocument(
  review: IndexReview,
  passages: readonly IndexPassage[],
  config: SearchConfig,
): MeiliReviewDocument {
  const bySection = new Map<SectionId, IndexPassage[]>();
  for (const passage of [...passages].sort((a, b) => a.ordinal - b.ordinal)) {
    const list = bySection.get(passage.section) ?? [];
    list.push(passage);
    bySection.set(passage.section, list);
  }
  const counts = new Map<string, number>();
  for (const word of tokenize(
    [review.title ?? '', ...review.childNames, ...passages.map((p) => p.text)].join('\n'),
  )) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const document: MeiliReviewDocument = {
    id: review.id,
    title: review.title,
    childNames: review.childNames,
    area: review.area,
    nation: review.nation,
    region: review.region,
    year: review.year,
    publishedDate: review.publishedDate,
    reviewType: review.reviewType,
    documentKind: review.documentKind,
    kindRank: kindRank(review.documentKind),
    themes: review.themes,
    documentUrl: review.documentUrl,
    sourcePage: review.sourcePage,
    online: review.online,
    pages: review.pages,
    sections: SECTIONS_BY_WEIGHT.filter((s) => bySection.has(s)),
    sectionCounts: Object.fromEntries([...bySection].map(([section, list]) => [section, list.length])),
    profile: termProfile(counts, config.stopWords),
  };
  for (const [section, list] of bySection) {
    chunkTexts(list.map((p) => p.text)).forEach((text, chunk) => {
      document[textAttribute(section, chunk) as `text_${string}`] = text;
    });
  }
  return document;
}

/** Whole passages packed into at most CHUNKS_PER_SECTION chunks of about the word limit. */
export function chunkTexts(texts: readonly string[]): string[] {
  const chunks: string[][] = [[]];
  let words = 0;
  for (const text of texts) {
    const n = text.split(/\s+/).length;
    if (words > 0 && words + n > WORDS_PER_TEXT_ATTRIBUTE && chunks.length < CHUNKS_PER_SECTION) {
      chunks.push([]);
      words = 0;
    }
    (chunks[chunks.length - 1] as string[]).push(text);
    words += n;
  }
  // Blank lines between passages: a hard separator, so no phrase spans two passages.
  return chunks.filter((c) => c.length > 0).map((c) => c.join('\n\n'));
}

/** The passage index's document for a passage of a review. */
export function toPassageDocument(passage: IndexPassage, review: IndexReview): MeiliPassageDocument {
  return {
    id: passageDocumentId(passage),
    reviewId: review.id,
    ordinal: passage.ordinal,
    page: passage.page,
    section: passage.section,
    sectionRank: SECTIONS_BY_WEIGHT.indexOf(passage.section),
    text: passage.text,
    area: review.area,
    nation: review.nation,
    region: review.region,
    year: review.year,
    reviewType: review.reviewType,
    documentKind: review.documentKind,
    kindRank: kindRank(review.documentKind),
    themes: review.themes,
    online: review.online,
  };
}

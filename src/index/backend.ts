import { z } from 'zod';
import type { SearchAnswer } from '../contracts/index.js';
import { DocumentKind, ReviewType, SectionId } from '../contracts/index.js';
import type { RelatedAnswer } from './related.js';

/** A review document as a search backend holds it (one per review document). */
export interface IndexReview {
  id: string;
  title: string | null;
  area: string | null;
  nation: string | null;
  region: string | null;
  year: number | null;
  publishedDate: string | null;
  reviewType: ReviewType | null;
  documentKind: DocumentKind | null;
  childNames: string[];
  themes: string[];
  documentUrl: string;
  sourcePage: string | null;
  online: boolean;
  pages: number | null;
}

/** A passage as a search backend holds it. `id` is the store's passage id. */
export interface IndexPassage {
  id: number;
  reviewId: string;
  ordinal: number;
  page: number;
  section: SectionId;
  text: string;
  themes: string[];
}

/** Passages shown per review in grouped results, by every backend. */
export const PASSAGES_PER_REVIEW = 3;

/** A search request, parsed from flags or the API's query string. */
export const SearchQuery = z.object({
  /** Free text: words, "quoted phrases". Empty lists reviews by the filters alone. */
  q: z.string().default(''),
  themes: z.array(z.string()).default([]),
  areas: z.array(z.string()).default([]),
  nations: z.array(z.string()).default([]),
  regions: z.array(z.string()).default([]),
  reviewTypes: z.array(ReviewType).default([]),
  documentKinds: z.array(DocumentKind).default([]),
  yearFrom: z.number().int().nullable().default(null),
  yearTo: z.number().int().nullable().default(null),
  /** Only passages from these sections (e.g. learning, recommendations). */
  sections: z.array(SectionId).default([]),
  /** true: only documents still online; false: only those taken down; null: both. */
  online: z.boolean().nullable().default(null),
  sort: z.enum(['relevance', 'year']).default('relevance'),
  limit: z.number().int().min(1).max(500).default(20),
  offset: z.number().int().min(0).default(0),
  /** Passage-level results (one per passage) instead of one per review. */
  passages: z.boolean().default(false),
  /**
   * Search as you type: the last word also matches words it begins ("negl" finds
   * neglect), unless the text ends with a space or the word is quoted.
   */
  prefix: z.boolean().default(false),
});
export type SearchQuery = z.infer<typeof SearchQuery>;
export type SearchQueryInput = z.input<typeof SearchQuery>;

/** Where a rebuild writes: reviews with all their passages, in batches. */
export interface IndexSink {
  upsert(reviews: IndexReview[], passages: IndexPassage[]): Promise<void>;
}

/** A search engine behind the one query shape; `sqlite` (embedded) and `meilisearch` implement it. */
export interface SearchBackend extends IndexSink {
  readonly name: 'sqlite' | 'meilisearch';
  /** Adds or replaces reviews and all their passages. */
  upsert(reviews: IndexReview[], passages: IndexPassage[]): Promise<void>;
  /** Removes reviews and their passages. */
  remove(reviewIds: string[]): Promise<void>;
  /** Ids of every review the backend holds. */
  reviewIds(): Promise<string[]>;
  /**
   * Replaces everything the backend holds with what `fill` writes. Searches see the old
   * index until the new one is complete, then the new one; a failed fill leaves the old.
   */
  rebuild(fill: (sink: IndexSink) => Promise<void>): Promise<void>;
  search(query: SearchQuery): Promise<SearchAnswer>;
  /** The reviews most similar to one, by text and themes; throws `UsageError` for an unknown id. */
  related(reviewId: string, limit: number): Promise<RelatedAnswer>;
  close(): Promise<void>;
}

import { z } from 'zod';
import { DocumentKind, ReviewType, SectionId } from './vocabulary.js';

/** A passage in a search result: where it is, and a snippet with `<mark>`ed matches (else escaped text). */
export const ResultPassage = z.object({
  page: z.number().int(),
  section: SectionId,
  snippet: z.string(),
});
export type ResultPassage = z.infer<typeof ResultPassage>;

/** One review document in a search answer, with its best passages. */
export const SearchResult = z.object({
  id: z.string(),
  title: z.string().nullable(),
  area: z.string().nullable(),
  year: z.number().int().nullable(),
  reviewType: ReviewType.nullable(),
  documentKind: DocumentKind.nullable(),
  documentUrl: z.string(),
  online: z.boolean(),
  score: z.number(),
  themes: z.array(z.string()),
  passages: z.array(ResultPassage),
});
export type SearchResult = z.infer<typeof SearchResult>;

/** Facet counts; each counts review documents, not passages. */
export const Facets = z.object({
  area: z.record(z.string(), z.number()),
  year: z.record(z.string(), z.number()),
  reviewType: z.record(z.string(), z.number()),
  theme: z.record(z.string(), z.number()),
  nation: z.record(z.string(), z.number()),
});
export type Facets = z.infer<typeof Facets>;

/** The search answer (`search --json` and the API), the same for every backend. */
export const SearchAnswer = z.object({
  query: z.string(),
  /** The query actually run when the typed one was corrected ("showing results for …"), else null. */
  correctedQuery: z.string().nullable(),
  total: z.number().int(),
  results: z.array(SearchResult),
  facets: Facets,
});
export type SearchAnswer = z.infer<typeof SearchAnswer>;

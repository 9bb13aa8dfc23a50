import { z } from 'zod';
import { DocumentKind, ReviewType } from './vocabulary.js';

/** One passage that earned a theme, for a reader to see why. */
export const ThemeEvidence = z.object({ page: z.number().int().positive(), text: z.string() });

/** A theme on a document, with its score (0–1) and best evidence first. */
export const DocumentTheme = z.object({
  id: z.string(),
  score: z.number().min(0).max(1),
  evidence: z.array(ThemeEvidence),
});
export type DocumentTheme = z.infer<typeof DocumentTheme>;

/**
 * Where a record's `year` was read, so a reader can tell a stated year from one the file
 * only suggests: `document` (the document states it: its cover or a dated line in its
 * text), `source-page` (the partnership's page beside the link to it), `file-metadata`
 * (no publication date is stated anywhere; the year is the file's own creation date or
 * a web page's published-time tag, which can be years from publication).
 */
export const YearSource = z.enum(['document', 'source-page', 'file-metadata']);
export type YearSource = z.infer<typeof YearSource>;

/**
 * The export record (`export --format jsonl`): one per review document. Every field is
 * present; unknown values are `null`, never guessed. Fields may be added, never changed.
 */
export const ExportRecord = z.object({
  id: z.string(),
  title: z.string().nullable(),
  area: z.string().nullable(),
  nation: z.string().nullable(),
  /** Year of publication. */
  year: z.number().int().nullable(),
  /** `YYYY-MM-DD`, or `YYYY-MM` when the source gives only a month. */
  publishedDate: z.string().nullable(),
  reviewType: ReviewType.nullable(),
  documentKind: DocumentKind.nullable(),
  childNames: z.array(z.string()),
  themes: z.array(DocumentTheme),
  sourcePage: z.string().nullable(),
  documentUrl: z.string(),
  sha256: z.string(),
  pages: z.number().int().nullable(),
  online: z.boolean(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** The child's age at the incident as the review states it ("7 weeks", "15 years"), or null. */
  childAge: z.string().nullable(),
  /** Whether the child died or was seriously harmed, as the review states it, or null. */
  childOutcome: z.enum(['died', 'seriously-harmed']).nullable(),
  /**
   * The review this document belongs to: the id of the group's earliest review document.
   * The full report, executive summary, briefings, presentation and response of one case,
   * as the partnership's pages group them, share it.
   */
  reviewGroup: z.string(),
  /** The other review documents of the same review (ids of exported records). */
  companions: z.array(z.string()),
  /**
   * `childAge` in months, to one decimal (7 weeks → 1.6, 15 years → 180), or null: filter
   * on it ("under 1" is `< 12`).
   */
  childAgeMonths: z.number().nonnegative().nullable(),
  /** Where `year` was read (see `YearSource`); null when `year` is. */
  yearSource: YearSource.nullable(),
});
export type ExportRecord = z.infer<typeof ExportRecord>;

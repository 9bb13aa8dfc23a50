import { z } from 'zod';

/** The kind of review a document belongs to (design: "Export record"). */
export const ReviewType = z.enum([
  'lcspr',
  'scr',
  'national',
  'rapid-review',
  'thematic',
  'learning-review',
  'domestic-homicide-review',
  'significant-case-review',
  'child-practice-review',
  'case-management-review',
  'other',
]);
export type ReviewType = z.infer<typeof ReviewType>;

/** What a document is within its review. */
export const DocumentKind = z.enum([
  'full-report',
  'executive-summary',
  'briefing',
  'presentation',
  'response',
  'other',
]);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** Canonical section ids that headings map to. */
export const SectionId = z.enum([
  'summary',
  'introduction',
  'background',
  'chronology',
  'analysis',
  'findings',
  'learning',
  'recommendations',
  'response',
  'appendix',
  'other',
]);
export type SectionId = z.infer<typeof SectionId>;

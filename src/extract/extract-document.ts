import type { ExtractedPage, Extraction } from '../index/index.js';
import { cleanPages } from './clean-pages.js';
import type { MetadataInput } from './metadata/index.js';
import { buildMetadata } from './metadata/index.js';
import type { Paragraph } from './paragraphs.js';
import { buildParagraphs } from './paragraphs.js';
import type { Structure } from './passages.js';
import { buildStructure } from './passages.js';

/** What the pure part of extraction reads: page texts, the file's own fields, where it was linked from. */
export interface ExtractInput extends MetadataInput {
  /** Paragraphs as the format marks them (DOCX, PPTX, HTML); null rebuilds them from PDF lines. */
  paragraphs: Paragraph[] | null;
}

/**
 * Turns a document's page texts into what the store keeps: cleaned pages, sections
 * with page spans, passages and metadata. The cover and contents pages and the
 * title's own lines open no section. Pure: the same input gives the same output.
 */
export function extractDocument(sha256: string, input: ExtractInput): Extraction {
  const meta = buildMetadata(input);
  const titles = [meta.title, input.pdfTitle].filter((t): t is string => t !== null);
  let pages: ExtractedPage[];
  let structure: Structure;
  if (input.paragraphs !== null) {
    pages = input.pageTexts.map((text, i) => ({ num: i + 1, text }));
    structure = buildStructure(input.paragraphs, { frontPages: new Set(), titles, isReview: meta.isReview });
  } else {
    const cleaned = cleanPages(input.pageTexts);
    const frontPages = new Set(cleaned.filter((p) => p.isContents || p.isCover).map((p) => p.num));
    pages = cleaned.map((page) => ({ num: page.num, text: page.lines.join('\n') }));
    structure = buildStructure(buildParagraphs(cleaned), { frontPages, titles, isReview: meta.isReview });
  }
  // A review that states no kind but has a report's structure is the report itself.
  const kinds = new Set(structure.sections.map((s) => s.section));
  if (meta.isReview && meta.documentKind === null && kinds.size >= REPORT_SECTIONS) {
    meta.documentKind = 'full-report';
    meta.provenance.documentKind = { from: 'text', text: `${kinds.size} kinds of section` };
  }
  return { sha256, meta, pages, ...structure };
}

/** Distinct canonical sections that make a review document a report (introduction, background, analysis…). */
const REPORT_SECTIONS = 4;

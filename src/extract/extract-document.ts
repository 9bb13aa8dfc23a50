import type { Extraction } from '../index/index.js';
import { cleanPages } from './clean-pages.js';
import type { MetadataInput } from './metadata/index.js';
import { buildMetadata } from './metadata/index.js';
import type { Paragraph } from './paragraphs.js';
import { buildParagraphs } from './paragraphs.js';
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
  if (input.paragraphs !== null) {
    const { sections, passages } = buildStructure(input.paragraphs, { frontPages: new Set(), titles });
    return {
      sha256,
      meta,
      pages: input.pageTexts.map((text, i) => ({ num: i + 1, text })),
      sections,
      passages,
    };
  }
  const cleaned = cleanPages(input.pageTexts);
  const frontPages = new Set(cleaned.filter((p) => p.isContents || p.isCover).map((p) => p.num));
  const { sections, passages } = buildStructure(buildParagraphs(cleaned), { frontPages, titles });
  return {
    sha256,
    meta,
    pages: cleaned.map((page) => ({ num: page.num, text: page.lines.join('\n') })),
    sections,
    passages,
  };
}

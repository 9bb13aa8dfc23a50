import type { Extraction } from '../index/index.js';
import { cleanPages } from './clean-pages.js';
import type { MetadataInput } from './metadata/index.js';
import { buildMetadata } from './metadata/index.js';
import { buildParagraphs } from './paragraphs.js';
import { buildStructure } from './passages.js';

/**
 * Fewer characters than this per page on average means the pages are images
 * (a scan) with no text layer worth reading.
 */
export const MIN_CHARS_PER_PAGE = 80;

/**
 * Turns a document's page texts into what the store keeps: cleaned pages, sections
 * with page spans, passages and metadata. Pure: the same input gives the same output.
 */
export function extractDocument(sha256: string, input: MetadataInput): Extraction {
  const cleaned = cleanPages(input.pageTexts);
  const paragraphs = buildParagraphs(cleaned);
  const { sections, passages } = buildStructure(paragraphs);
  return {
    sha256,
    meta: buildMetadata(input),
    pages: cleaned.map((page) => ({ num: page.num, text: page.lines.join('\n') })),
    sections,
    passages,
  };
}

/** Whether page texts look like a scan without a text layer. */
export function needsOcr(pageTexts: readonly string[]): boolean {
  const chars = pageTexts.reduce((n, text) => n + text.replace(/\s+/g, '').length, 0);
  return pageTexts.length > 0 && chars / pageTexts.length < MIN_CHARS_PER_PAGE;
}

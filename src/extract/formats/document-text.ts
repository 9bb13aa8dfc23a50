import type { Paragraph } from '../paragraphs.js';

/** The formats extraction reads. */
export type DocumentFormat = 'pdf' | 'docx' | 'pptx' | 'html';

/**
 * A document's text as read from its file, before cleaning. PDF text comes as
 * lines per page and is rebuilt into paragraphs later; DOCX, PPTX and HTML mark
 * their own paragraphs and headings, so those come ready-made.
 */
export interface DocumentText {
  format: DocumentFormat;
  /** Each page's text, one line per line (a DOCX or HTML report is one page; a PPTX slide is a page). */
  pageTexts: string[];
  /** Paragraphs with headings marked, when the format has them; null for PDF. */
  paragraphs: Paragraph[] | null;
  /** The title the file's own properties give (PDF Info, DOCX/PPTX core properties, HTML h1 or title). */
  title: string | null;
  /** ISO date the file says it was created (PDF Info, DOCX/PPTX core properties, HTML meta), or null. */
  creationDate: string | null;
  /** Pages whose text came from OCR (1-based). */
  ocrPages: number[];
}

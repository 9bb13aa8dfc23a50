import type { SectionId } from '../contracts/index.js';
import type { ExtractedPassage, ExtractedSection } from '../index/index.js';
import type { Paragraph } from './paragraphs.js';
import { classifyHeading, runInHeading } from './sections.js';

/** Passage size bounds, in words: big enough to carry a point, small enough to cite. */
export const MIN_PASSAGE_WORDS = 60;
export const MAX_PASSAGE_WORDS = 300;

/** Sections and passages of a document, built together from its paragraphs. */
export interface Structure {
  sections: ExtractedSection[];
  passages: ExtractedPassage[];
}

/** What is not body text: the cover and contents pages, and the document's title. */
export interface FrontMatter {
  /** Pages (1-based) whose headings open no section: the cover, the contents. */
  frontPages: ReadonlySet<number>;
  /** The document's title as found (cover, file properties): its lines are not section headings. */
  titles: readonly string[];
  /** Whether the document is a review; one that is not has no case sections (see `classifyHeading`). Default true. */
  isReview?: boolean;
}

/** A body paragraph this long means the title block is over. */
const TITLE_BLOCK_END_WORDS = 20;

/**
 * Walks paragraphs in order: a heading that names a known section opens it (other
 * headings stay inside the current one and become part of the text), and so does a
 * known section's label run into the start of a paragraph ("Key learning: …"); body
 * paragraphs are packed into passages of about 60–300 words that never cross a
 * section boundary and never split a sentence. Text before the first known heading is
 * `other`. Headings on the cover or contents pages, and the title's own lines at the
 * top ("Learning from Three Rapid Reviews"), open nothing.
 */
export function buildStructure(
  paragraphs: readonly Paragraph[],
  front: FrontMatter = { frontPages: new Set(), titles: [] },
): Structure {
  const sections: ExtractedSection[] = [];
  const passages: ExtractedPassage[] = [];
  let section: SectionId = 'other';
  // Pieces of text and their word count: joining once per passage is cheaper than word arrays.
  let pending: { page: number; pieces: string[]; words: number } | null = null;
  let inTitleBlock = true;
  const titles = front.titles.map(squash).filter((t) => t.length > 0);

  const emit = () => {
    if (pending && pending.words > 0) {
      passages.push({
        ordinal: passages.length,
        page: pending.page,
        section,
        text: pending.pieces.join(' '),
      });
    }
    pending = null;
  };

  const openSection = (id: SectionId, heading: string, page: number) => {
    emit();
    section = id;
    const last = sections.at(-1);
    if (last) last.pageEnd = Math.max(last.pageStart, page);
    sections.push({ ordinal: sections.length, section: id, heading, pageStart: page, pageEnd: page });
  };
  const options = { isReview: front.isReview ?? true };

  for (const [index, paragraph] of paragraphs.entries()) {
    // In the title block a heading is a title line unless body text follows it straight away.
    const next = paragraphs[index + 1];
    const isTitleLine =
      inTitleBlock &&
      paragraph.isHeading &&
      (isPartOfTitle(paragraph.text, titles) || next === undefined || next.isHeading);
    if (!paragraph.isHeading && paragraph.text.split(' ').length >= TITLE_BLOCK_END_WORDS)
      inTitleBlock = false;
    const inBody = !isTitleLine && !front.frontPages.has(paragraph.page);
    let body = paragraph.text;
    if (paragraph.isHeading && inBody) {
      const id = classifyHeading(body, options);
      if (id !== null) {
        openSection(id, body, paragraph.page);
        continue;
      }
    } else if (!paragraph.isHeading && inBody) {
      const runIn = runInHeading(body, options);
      if (runIn !== null) {
        openSection(runIn.section, runIn.heading, paragraph.page);
        body = runIn.text;
      }
    }
    for (const piece of splitLongParagraph(body)) {
      const text = piece.replace(/\s+/g, ' ').trim();
      const words = countWords(text);
      if (words === 0) continue;
      if (pending && pending.words + words > MAX_PASSAGE_WORDS) emit();
      pending ??= { page: paragraph.page, pieces: [], words: 0 };
      pending.pieces.push(text);
      pending.words += words;
      if (pending.words >= MIN_PASSAGE_WORDS) emit();
    }
    const last = sections.at(-1);
    if (last) last.pageEnd = Math.max(last.pageEnd, paragraph.page);
  }
  emit();
  return { sections, passages };
}

/** Words in single-spaced text, counted without splitting it. */
function countWords(text: string): number {
  if (text.length === 0) return 0;
  let words = 1;
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 32) words += 1;
  return words;
}

/** Lower-case letters and digits only, so "LEARNING FROM THREE RAPID" matches its title. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Whether a heading is (a substantial line of) the document's title. */
function isPartOfTitle(heading: string, titles: readonly string[]): boolean {
  const h = squash(heading);
  if (h.length < 4) return false;
  return titles.some((t) => (t.includes(h) ? h.length >= 12 || h.length >= t.length * 0.4 : h.includes(t)));
}

/** Splits a paragraph over the word limit at sentence ends. */
function splitLongParagraph(text: string): string[] {
  const words = text.split(/\s+/).length;
  if (words <= MAX_PASSAGE_WORDS) return [text];
  const sentences = text.match(/[^.!?]+[.!?]+["”’)]?(\s+|$)|[^.!?]+$/g) ?? [text];
  const pieces: string[] = [];
  let current = '';
  let currentWords = 0;
  for (const sentence of sentences) {
    const sentenceWords = sentence.trim().split(/\s+/).length;
    if (current.length > 0 && currentWords + sentenceWords > MAX_PASSAGE_WORDS) {
      pieces.push(current.trim());
      current = sentence;
      currentWords = sentenceWords;
    } else {
      current = `${current}${sentence}`;
      currentWords += sentenceWords;
    }
  }
  if (current.trim().length > 0) pieces.push(current.trim());
  return pieces;
}

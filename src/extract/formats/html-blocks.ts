import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Paragraph } from '../paragraphs.js';
import { isHeadingLine } from '../paragraphs.js';

/** Elements that hold one paragraph of text each. */
const BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,td,th,dt,dd,blockquote,pre,caption,figcaption';
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const MAX_HEADING_WORDS = 12;

/**
 * The paragraphs of an HTML fragment, in document order, all on `page`. A block
 * holding other blocks (a list item with paragraphs) gives way to them, so no text
 * is read twice. Headings are `h1`–`h6`, and the short all-bold paragraphs that
 * Word users type instead of heading styles.
 */
export function htmlParagraphs($: CheerioAPI, root: Cheerio<AnyNode>, page = 1): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  // Footnote markers ("…in June 2017.¹") would glue a digit onto the sentence.
  root.find('sup').each((_, el) => {
    if (/^\s*\[?\d{1,3}\]?\s*$/.test($(el).text())) $(el).remove();
  });
  root.find(BLOCKS).each((_, el) => {
    const node = $(el);
    if (node.find(BLOCKS).length > 0) return;
    const text = node.text().replace(/\s+/g, ' ').trim();
    if (text.length === 0) return;
    paragraphs.push({ page, text, isHeading: isHeadingElement($, el, text) });
  });
  return paragraphs;
}

function isHeadingElement($: CheerioAPI, el: Element, text: string): boolean {
  if (HEADINGS.has(el.tagName.toLowerCase())) return true;
  if (el.tagName.toLowerCase() !== 'p' || text.split(' ').length > MAX_HEADING_WORDS) return false;
  const bold = $(el)
    .find('strong,b')
    .toArray()
    .map((b) => $(b).text())
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (bold === text) return true;
  // An unstyled short line such as "4. Findings" is still a heading when it reads as one.
  return text.split(' ').length <= 6 && !/[.,;:]$/.test(text) && isHeadingLine(text);
}

/**
 * Page cleaning: running headers and footers, page numbers and the contents page
 * come out, so passages hold only the report's own words.
 */

/** A page's lines after cleaning, and whether it was a contents page. */
export interface CleanPage {
  num: number;
  lines: string[];
  isContents: boolean;
  /** A title page: the first page of a longer document, with only a title block's worth of words. */
  isCover: boolean;
}

const PAGE_NUMBER = /^(page\s*)?\d{1,4}(\s*(of|\/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$|^[ivxlc]{1,6}$/i;
const CONTENTS_TITLE = /^(table of )?contents?$|^index$/i;
const CONTENTS_ENTRY = /(\.{3,}|…{2,}|\s)\s*\d{1,3}$/;
/** A cover holds a title block (board, title, pseudonym, author, date, a "Restricted" notice), not a page of prose. */
const MAX_COVER_WORDS = 120;
const MIN_PAGES_WITH_COVER = 3;

/** A line's shape for comparing across pages: digits stand for any number ("Page 3 of 24"). */
function shapeOf(line: string): string {
  return line.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/**
 * Splits page texts into trimmed, non-empty lines and removes:
 * page-number lines; lines of the same shape found at the top or bottom of at least
 * half the pages (headers, footers, "Restricted" banners), when there are three or
 * more pages; and the lines of contents pages (kept as `isContents` so a reader of
 * the page list still sees them counted).
 */
export function cleanPages(pageTexts: readonly string[]): CleanPage[] {
  const split = pageTexts.map((text) =>
    text
      .split(/\r?\n/)
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter((line) => line.length > 0),
  );
  const running = runningShapes(split);
  return split.map((lines, i) => {
    const isContents = isContentsPage(lines);
    const kept = isContents
      ? []
      : lines.filter((line, j) => {
          if (PAGE_NUMBER.test(line)) return false;
          const nearEdge = j < 3 || j >= lines.length - 3;
          return !(nearEdge && running.has(shapeOf(line)));
        });
    const isCover = i === 0 && split.length >= MIN_PAGES_WITH_COVER && wordCount(lines) <= MAX_COVER_WORDS;
    return { num: i + 1, lines: kept, isContents, isCover };
  });
}

function wordCount(lines: readonly string[]): number {
  return lines.reduce((n, line) => n + line.split(' ').length, 0);
}

function runningShapes(pages: string[][]): Set<string> {
  const result = new Set<string>();
  if (pages.length < 3) return result;
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const edges = new Set([...lines.slice(0, 3), ...lines.slice(-3)].map(shapeOf));
    for (const shape of edges) counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  // The title page often lacks the running lines, so half of the pages is enough.
  const threshold = Math.max(3, Math.ceil(pages.length / 2));
  for (const [shape, count] of counts) {
    if (count >= threshold && shape.length > 0) result.add(shape);
  }
  return result;
}

function isContentsPage(lines: readonly string[]): boolean {
  const titled = lines.slice(0, 6).some((line) => CONTENTS_TITLE.test(line));
  if (!titled) return false;
  const entries = lines.filter((line) => CONTENTS_ENTRY.test(line)).length;
  return entries >= 3 && entries >= lines.length * 0.4;
}

/** A paragraph rebuilt from PDF lines, with the page it starts on. */
export interface Paragraph {
  page: number;
  text: string;
  /** True when the line reads as a heading (short, unpunctuated, numbered or capitalised). */
  isHeading: boolean;
}

/** Prefixes whose hyphen is part of the word when a line breaks after it ("co-" + "sleeping"). */
const KEEP_HYPHEN = new Set(
  'co pre non multi inter re self post anti sub well ex step half cross long short full part under over out semi pro mid ante de counter'.split(
    ' ',
  ),
);
/** A numbered paragraph ("4.12 The school…"), kept as an anchor at the start of its paragraph. */
export const PARAGRAPH_NUMBER = /^(\d{1,2}(\.\d{1,3}){1,3})\.?\s+(?=\S)/;
const BULLET = /^([•●▪◦·‣–—-]|o\s|\(?[a-z]\)|\(?[ivx]{1,4}\))\s*/;
const SENTENCE_END = /[.!?:;"”’)]$/;

/** Whether a line reads as a heading: a numbered or capitalised short line without final punctuation. */
export function isHeadingLine(line: string): boolean {
  if (line.length > 90) return false;
  const words = line.split(/\s+/);
  if (words.length > 12) return false;
  if (/[.,;]$/.test(line) && !/^\d+\.$/.test(words[0] ?? '')) return false;
  if (PARAGRAPH_NUMBER.test(line) && words.length > 8) return false;
  const text = stripNumber(line);
  if (text.length < 3 || !/^[A-Z"'‘“]/.test(text)) return false;
  const letters = text.replace(/[^A-Za-z]/g, '');
  const upper = letters.replace(/[^A-Z]/g, '').length;
  const capitalised = text.split(/\s+/).filter((w) => /^[A-Z]/.test(w)).length;
  const significant = text.split(/\s+/).filter((w) => w.length > 3).length;
  return (
    upper === letters.length || capitalised >= Math.max(1, Math.ceil(significant * 0.6)) || words.length <= 4
  );
}

/** A heading's number: "4.", "4.0", "Section 4:", "Part Two –", "Step 1:", "A.", "IV.". */
const HEADING_NUMBER =
  /^((section|part|chapter|step)\s+(\d+|[a-z]+)\s*[:.–—-]?\s*|\d{1,2}(\.\d{1,2})?\.?\s+|[A-Z]\.\s+|[IVX]{2,5}\.\s+)/i;

/** A heading without its number. */
export function stripNumber(line: string): string {
  return line.replace(HEADING_NUMBER, '').trim();
}

/** Most reports set headings in sentence case ("Summary of agency involvement"), so capitals cannot be required. */
const MAX_SENTENCE_CASE_HEADING_WORDS = 8;

/**
 * Whether a line stands alone as a sentence-case heading: short, starting with a
 * capital or a heading number, without final punctuation, after a finished
 * sentence, and well short of a full line (so it is not a wrapped line of prose).
 */
function isStandaloneHeading(line: string, previousEnded: boolean, fullWidth: number): boolean {
  const words = line.split(' ').length;
  if (!previousEnded || words > MAX_SENTENCE_CASE_HEADING_WORDS || line.length > fullWidth * 0.7)
    return false;
  if (/[.,;:]$/.test(line) || BULLET.test(line)) return false;
  const text = stripNumber(line);
  // A quoted line ("“what happened behind the sports hall”") is a quotation, not a heading.
  return text.length >= 3 && /^[A-Z]/.test(text);
}

/**
 * Rebuilds paragraphs from cleaned page lines. PDF text carries no blank lines, so a
 * paragraph ends where a line looks like a heading, a numbered paragraph or a bullet
 * starts, or a line ends a sentence well short of the usual line width. Words broken
 * by a hyphen at a line end are joined ("safe-" + "guarding"), keeping the hyphen
 * of compounds ("multi-" + "agency").
 */
export function buildParagraphs(pages: readonly { num: number; lines: readonly string[] }[]): Paragraph[] {
  const widths = pages.flatMap((p) => p.lines.map((l) => l.length)).sort((a, b) => a - b);
  const fullWidth = widths[Math.floor(widths.length * 0.9)] ?? 80;
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  let lastLine = '';

  const flush = () => {
    if (current && current.text.trim().length > 0) paragraphs.push(current);
    current = null;
  };

  for (const page of pages) {
    for (const line of page.lines) {
      const ended = current === null || SENTENCE_END.test(lastLine);
      const heading =
        (isHeadingLine(line) && !(current !== null && !SENTENCE_END.test(lastLine) && /^[a-z]/.test(line))) ||
        isStandaloneHeading(line, ended, fullWidth);
      const startsBlock = PARAGRAPH_NUMBER.test(line) || BULLET.test(line);
      const previousEnded = SENTENCE_END.test(lastLine) && lastLine.length < fullWidth * 0.85;
      if (heading) {
        flush();
        paragraphs.push({ page: page.num, text: line, isHeading: true });
        lastLine = `${line}.`;
        continue;
      }
      if (current === null || startsBlock || previousEnded) {
        flush();
        current = { page: page.num, text: line, isHeading: false };
      } else {
        current.text = joinLines(current.text, line);
      }
      lastLine = line;
    }
  }
  flush();
  return paragraphs;
}

function joinLines(text: string, next: string): string {
  // Only the paragraph's tail can end in a hyphen; matching the whole text would cost its length per line.
  const hyphen = text.endsWith('-') ? /([A-Za-z]+)-$/.exec(text.slice(-40)) : null;
  if (hyphen && /^[a-z]/.test(next)) {
    const prefix = (hyphen[1] as string).toLowerCase();
    return KEEP_HYPHEN.has(prefix) ? `${text}${next}` : `${text.slice(0, -1)}${next}`;
  }
  return `${text} ${next}`;
}

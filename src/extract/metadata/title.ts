import { reviewTypeIn } from './review-type.js';

/** A PDF Info Title worth using: not a file name, a Word leftover or a placeholder. */
export function isMeaningfulTitle(title: string | null | undefined): title is string {
  if (!title) return false;
  const t = title.trim();
  if (t.length < 6 || !/[a-z]/i.test(t)) return false;
  if (/\.(docx?|pdf|pptx?|odt|rtf)$/i.test(t) || /^microsoft (word|powerpoint)\s*-/i.test(t)) return false;
  return !/^(untitled|title|document\d*|slide \d+|powerpoint presentation|template)$/i.test(t);
}

/** Lines on a cover that are furniture, never the title. */
const COVER_NOISE =
  /^(restricted|confidential|official|not for (circulation|publication)|draft|final( version)?|version \d|page \d|report (by|author)|(lead |independent )?(reviewer|author)s?\b|prepared by|written by|published|date|[\d./ -]+)$/i;

/**
 * The title a cover page states: the first run of lines naming the review (its type,
 * pseudonym or "report"/"briefing"), up to three lines, without the partnership's
 * name or furniture. Null if the cover names nothing.
 */
export function titleFromCover(lines: readonly string[]): string | null {
  const candidates = lines.slice(0, 15).map((line) => line.trim());
  const names = (line: string) =>
    reviewTypeIn(line) !== null ||
    /\b(child|baby|infant|family|young person|siblings?)\s+['‘"“]?[A-Z]/i.test(line) ||
    /\b(report|briefing|brief|summary|review)\b/i.test(line);
  const start = candidates.findIndex((line) => names(line) && !COVER_NOISE.test(line));
  if (start < 0) return null;
  const parts = [candidates[start] as string];
  for (const line of candidates.slice(start + 1, start + 3)) {
    if (COVER_NOISE.test(line) || !names(line) || /safeguarding (children )?(partnership|board)$/i.test(line))
      break;
    parts.push(line);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

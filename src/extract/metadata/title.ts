import { classifyHeading } from '../sections.js';
import { childNamesIn } from './child-names.js';
import { findDates } from './dates.js';
import { documentKindIn } from './document-kind.js';
import { reviewTypeIn } from './review-type.js';

/** A PDF Info or Office Title worth using: not a file name, a Word leftover, a template or a placeholder. */
export function isMeaningfulTitle(title: string | null | undefined): title is string {
  if (!title) return false;
  const t = title.trim();
  if (t.length < 6 || !/[a-z]/i.test(t)) return false;
  if (/\.(docx?|pdf|pptx?|odt|rtf)$/i.test(t) || /^microsoft (word|powerpoint)\s*-/i.test(t)) return false;
  if (/\btemplate\b/i.test(t)) return false;
  return !/^(untitled|title|document\d*|slide \d+|powerpoint presentation|presentation\d*|template)$/i.test(
    t,
  );
}

/** Lines on a cover that are furniture, never the title. */
const COVER_NOISE =
  /^(restricted|confidential|official|not for (circulation|publication)|draft|final( version)?|version \d|page \d|report (by|author)|(lead |independent |second )?(reviewer|author)s?\b|prepared by|written by|published|date|[\d./ -]+$|\(?published)/i;
/** The partnership or board that published the review: its name is on the cover but is not the title. */
const BOARD =
  /\b(safeguarding|children'?s?|child protection)\b.*\b(partnerships?|boards?|committees?)$|\b(LSCB|LSCP|SCP|SCB|LSCB:.*)$|\bcouncil$|^(partnerships?|boards?|committees?)$/i;
/** Words that make a line a document's title: what kind of document it is. */
const DOCUMENT_NOUN =
  /\b(report|briefing|brief|summary|review|reviews|newsletter|bulletin|guidance|procedures?|protocol|policy|strategy|plan|presentation|leaflet|toolkit|framework|training|learning from|threshold)\b/i;
/** A case code standing for the child ("CYSUR 2/2019", "CN18", "GN13"). */
const CASE_CODE = /^[A-Z]{2,6}\s?\d{1,4}([/-]\d{2,4})*$/;

function namesDocument(line: string): boolean {
  return (
    reviewTypeIn(line) !== null ||
    childNamesIn(line).length > 0 ||
    DOCUMENT_NOUN.test(line) ||
    CASE_CODE.test(line)
  );
}

/** A title that says both what the document is and whom (or what) it is about needs no more lines. */
function isComplete(title: string): boolean {
  // A dated title line ("Case reviews published March 2017") is a whole title.
  if (findDates(title).length > 0) return true;
  const says = reviewTypeIn(title) !== null || documentKindIn(title) !== null;
  const whom =
    childNamesIn(title).length > 0 ||
    /\b[A-Z]{2,6}\s?\d{1,4}([/-]\d{2,4})*\b/.test(title) ||
    /\b(of|on|into|from)\b/i.test(title);
  return says && whom;
}

/**
 * The title a cover page states: the first line naming the document (its type,
 * pseudonym, case code or kind), without the partnership's name or furniture,
 * with a short pseudonym line just above it ("AMY" over "A SERIOUS CASE REVIEW")
 * and the lines below it until the title says what and whom; a line that is only
 * a document kind ("Executive Summary") still joins. Dated lines end it. Null if
 * the cover names nothing.
 */
export function titleFromCover(lines: readonly string[]): string | null {
  const candidates = lines.slice(0, 15).map((line) => line.trim());
  const usable = (line: string) => !COVER_NOISE.test(line) && !BOARD.test(line);
  const start = candidates.findIndex((line) => usable(line) && namesDocument(line));
  if (start < 0) return null;
  const parts = [candidates[start] as string];
  const above = candidates[start - 1];
  if (above !== undefined && usable(above) && above.split(' ').length <= 3 && findDates(above).length === 0) {
    parts.unshift(above);
  }
  for (const line of candidates.slice(start + 1, start + 4)) {
    if (!usable(line) || findDates(line).length > 0 || line.split(' ').length > 10) break;
    const kindOnly = line.split(' ').length <= 4 && documentKindIn(line) !== null;
    const complete = isComplete(parts.join(' '));
    if (complete && !kindOnly) break;
    // Under a title that names no one yet, a short capitalised line is the subject ("Jasmine").
    const subject =
      !complete &&
      line.split(' ').length <= 3 &&
      /^['‘"“]?[A-Z]/.test(line) &&
      classifyHeading(line) === null;
    if (!namesDocument(line) && !subject) break;
    parts.push(line);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

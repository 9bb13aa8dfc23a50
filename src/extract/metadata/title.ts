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
  // A bare kind ("Executive Summary", "Final Report", "7 Minute Briefing") names no review.
  if (documentKindIn(t) !== null && KIND_WORDS.test(t)) return false;
  return !/^(untitled|title|document\d*|slide \d+|powerpoint presentation|presentation\d*|template)$/i.test(
    t,
  );
}

/** A title made only of words that say what kind of document it is. */
const KIND_WORDS =
  /^(((the|an?|final|full|overview|main|published|executive|summary|learning|practice|seven|7|six|one|page|minute|point|step|review)[ -]+)*(report|summary|briefing|brief|leaflet|presentation|slides))$/i;

/** Lines on a cover that are furniture, never the title. */
const COVER_NOISE =
  /^(restricted|confidential|official|not for (circulation|publication)|draft|final( version)?|version \d|page \d|report (by|author)|(lead |independent |second )?(reviewer|author)s?\b|prepared by|written by|published|date|[\d./ -]+$|\(?published|commissioned by)|\b(independent|lead|overview) (lead )?(reviewer|author)\b|\breport author\b/i;
/** The partnership or board that published the review: its name is on the cover but is not the title. */
const BOARD =
  /\b(safeguarding|children'?s?|child protection)\b.*\b(partnerships?|boards?|committees?)$|\b(LSCB|LSCP|SCP|SCB|LSCB:.*)$|\bcouncil$|^(partnerships?|boards?|committees?)$/i;
/** The first half of a board's name wrapped over two lines ("… SAFEGUARDING CHILDREN" / "PARTNERSHIP"). */
const BOARD_START = /\bsafeguarding( children)?$/i;
const BOARD_END = /^(partnership|board|committee)\b/i;
/** A series label: the board's name, a dash, and the kind of document ("… Partnership – 7 Minute Briefing"). */
const KICKER = /^(.*\b(partnership|board|LSCB|LSCP|SCP)\b)\s*[–—-]\s*\S/i;
/** A person's name on its own line: the author ("Peter Okafor", "Dr Grace Nwosu"). */
const PERSON = /^((dr|mr|mrs|ms|miss|prof(essor)?)\.?\s+)?[A-Z][a-z]+(\s+[A-Z]\.?)?(\s+[A-Z][a-z'’-]+){1,2}$/;
/** Words that make a line a document's title: what kind of document it is. */
const DOCUMENT_NOUN =
  /\b(report|briefing|brief|summary|review|reviews|newsletter|bulletin|guidance|procedures?|protocol|policy|strategy|plan|presentation|leaflet|toolkit|framework|training|learning from|threshold)\b/i;
/** A case code standing for the child ("CYSUR 2/2019", "CN18", "GN13"). */
const CASE_CODE = /^[A-Z]{2,6}\s?\d{1,4}([/-]\d{2,4})*$/;
/** Last words that leave a title line unfinished: it wraps onto the next line. */
const DANGLING =
  /\b(of|in|on|into|from|for|to|and|the|a|an|at|by|with|about|following|concerning|child|children|local|practice|safeguarding|serious|case|young|multi-agency|learning|two|three|four|five|six|seven|eight|nine|ten)$/i;

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
  return says && whom && !DANGLING.test(title);
}

/**
 * A short line that is a date ("November 2017", "Spring 2023 – April 2023"), not a dated
 * title: what is left without its dates names no document ("Case reviews published March 2017").
 */
function isDateLine(line: string): boolean {
  const dates = findDates(line);
  if (dates.length === 0 || line.split(' ').length > 5) return false;
  const rest = dates.reduce((text, date) => text.replace(date.text, ' '), line);
  return !namesDocument(rest);
}

/**
 * Which cover lines are furniture: the board's name (also when wrapped over two lines),
 * a board–series label above a title, the author's name and role, dates, "Restricted".
 */
function furnitureLines(lines: readonly string[]): boolean[] {
  const furniture = lines.map((line) => COVER_NOISE.test(line) || BOARD.test(line) || isDateLine(line));
  lines.forEach((line, i) => {
    const next = lines[i + 1];
    if (next !== undefined && BOARD_START.test(line) && BOARD_END.test(next))
      furniture[i] = furniture[i + 1] = true;
    // A kicker is furniture when a title follows it; alone it may be the title.
    if (
      KICKER.test(line) &&
      BOARD.test(KICKER.exec(line)?.[1] ?? '') &&
      next !== undefined &&
      namesDocument(next)
    ) {
      furniture[i] = true;
    }
    // An author: a bare name beside a role line, or just above the date.
    const role = (other: string | undefined) => other !== undefined && COVER_NOISE.test(other);
    if (PERSON.test(line) && !namesDocument(line) && (role(next) || role(lines[i - 1]) || i > 0)) {
      const before = lines.slice(0, i).some((l, j) => !furniture[j] && namesDocument(l));
      if (before || role(next)) furniture[i] = true;
    }
  });
  return furniture;
}

/**
 * The title a cover page states: the first run of lines naming the document (its type,
 * pseudonym, case code or kind), leaving out the board's name, series labels, the
 * author and dates. Lines join while the title is unfinished: it ends on a dangling
 * word ("… A Local Child" / "Safeguarding Practice Review"), the next line starts in
 * lower case ("Missing" / "from Care"), or it does not yet say what and whom. A short
 * pseudonym line just above joins too ("AMY" over "A SERIOUS CASE REVIEW"). Titles set
 * in capitals are given title case. Null if the cover names nothing.
 */
export function titleFromCover(lines: readonly string[]): string | null {
  const candidates = lines.slice(0, 15).map((line) => line.trim());
  const furniture = furnitureLines(candidates);
  const usable = (i: number) => candidates[i] !== undefined && !furniture[i];
  const start = candidates.findIndex(
    (line, i) =>
      usable(i) &&
      (namesDocument(line) ||
        (usable(i + 1) && DANGLING.test(line) && namesDocument(`${line} ${candidates[i + 1]}`))),
  );
  if (start < 0) return null;
  const parts = [candidates[start] as string];
  const above = candidates[start - 1];
  // A short line above is a pseudonym ("AMY" over "A SERIOUS CASE REVIEW"); any line above a
  // subtitle that starts "A …" is the title it describes ("Serious Youth Violence – Breaking
  // the Cycle" over "A thematic Local Child Safeguarding Practice Review").
  const subtitle = /^an?\s/i.test(parts[0] as string);
  if (
    above !== undefined &&
    usable(start - 1) &&
    (above.split(' ').length <= 3 || subtitle) &&
    !DANGLING.test(above)
  ) {
    parts.unshift(above);
  }
  let hasSubject = false;
  for (let i = start + 1; i < Math.min(candidates.length, start + 4); i++) {
    const line = candidates[i] as string;
    if (!usable(i) || line.split(' ').length > 10) break;
    const title = parts.join(' ');
    const unfinished = DANGLING.test(title) || /^[a-z]/.test(line);
    const kindOnly = line.split(' ').length <= 4 && documentKindIn(line) !== null && !DANGLING.test(title);
    // A subject line ("ALSAMI" under "7 MINUTE BRIEFING") says whom: the title is then whole.
    if (!unfinished && (hasSubject || isComplete(title)) && !kindOnly) break;
    // Under a title that names no one yet, a short capitalised line is the subject ("Jasmine").
    const subject =
      !isComplete(title) &&
      line.split(' ').length <= 3 &&
      /^['‘"“]?[A-Z]/.test(line) &&
      classifyHeading(line) === null;
    if (!unfinished && !namesDocument(line) && !subject) break;
    hasSubject ||= subject;
    parts.push(line);
  }
  return titleCase(parts.join(' ').replace(/\s+/g, ' ').trim());
}

/** Acronyms that stay in capitals when a title set in capitals is given title case. */
const ACRONYMS = new Set(
  'SCR SCRS LCSPR CSPR LSCPR SCPR CSPRP LSCB LSCP SCP SCB MALR LFER NSPCC SUDI SUDC SIDS CSE CCE HSB FII NAI AHT DHR DA DV GP HV NHS CAMHS MASH EHE SEND ASD ADHD UK II III IV'.split(
    ' ',
  ),
);
const SMALL_WORDS = new Set('a an and as at by for from in into of on or the to with'.split(' '));

/**
 * A title set in capitals ("SERIOUS CASE REVIEW IN RESPECT OF CHILD NB") in title case
 * ("Serious Case Review in Respect of Child NB"): acronyms and pseudonym letters (one or
 * two capitals, or with digits) stay as they are. Titles with lower case are left alone.
 */
export function titleCase(title: string): string {
  const letters = title.replace(/[^A-Za-z]/g, '');
  if (letters.length === 0 || letters.replace(/[^A-Z]/g, '').length < letters.length * 0.8) return title;
  let first = true;
  return title.replace(/[A-Za-z][A-Za-z'’]*/g, (word) => {
    const upper = word.toUpperCase();
    const keep =
      ACRONYMS.has(upper.replace(/['’]S$/, '')) || (word.length <= 2 && !SMALL_WORDS.has(word.toLowerCase()));
    const out = keep
      ? word
      : SMALL_WORDS.has(word.toLowerCase()) && !first
        ? word.toLowerCase()
        : `${word[0]}${word.slice(1).toLowerCase()}`;
    first = false;
    return out;
  });
}

/**
 * Whether a file's own title (PDF Info, Office properties) is the cover's title: most of
 * its words stand in the cover's first lines. A stale template's or a file name's title
 * is not ("SCR HLS" beside "SERIOUS CASE REVIEW: HOLLINS LANE SCHOOL").
 */
export function coverConfirms(fileTitle: string, coverLines: readonly string[]): boolean {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const cover = new Set(words(coverLines.slice(0, 15).join(' ')));
  const significant = words(fileTitle).filter((w) => w.length > 2 || /\d/.test(w) || /^[a-z]$/.test(w));
  if (significant.length === 0) return false;
  const found = significant.filter((w) => cover.has(w)).length;
  return found / significant.length >= 0.8;
}

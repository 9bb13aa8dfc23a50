/** A date read from text: ISO `YYYY-MM-DD`, or `YYYY-MM` when only the month is given. */
export interface FoundDate {
  iso: string;
  year: number;
  /** The words it was read from. */
  text: string;
  /** Where in the text it was found. */
  index: number;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';

/** "23 June 2021", "5th January 2018", "Tuesday, July 31, 2018", "21 February, 2022". */
const DAY_MONTH_YEAR = new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+${YEAR}\\b`, 'gi');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\.?\\s+${DAY},?\\s+${YEAR}\\b`, 'gi');
/** "March 2021", "Dec 2024", "June, 2019". */
const MONTH_YEAR = new RegExp(`\\b${MONTH}\\.?,?\\s+${YEAR}\\b`, 'gi');
/** "07.09.18", "17.12.24", "16/07/06", "14/06/2017" (UK order: day, month, year). */
const NUMERIC = /\b(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})\b/g;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function monthNumber(name: string): number {
  return MONTHS[name.toLowerCase().slice(0, name.toLowerCase().startsWith('sept') ? 4 : 3)] ?? 0;
}

function isValidDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Every date in some text, in order of appearance, full dates before month-only
 * ones at the same place. Two-digit years are 20xx up to the current year's last
 * two digits, else 19xx. Impossible dates (31.02.20) are not dates.
 */
export function findDates(text: string, now = new Date()): FoundDate[] {
  const found: FoundDate[] = [];
  const taken: [number, number][] = [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && end > s);
  const add = (match: RegExpExecArray, year: number, month: number, day: number | null) => {
    const start = match.index;
    const end = start + match[0].length;
    if (overlaps(start, end)) return;
    // An impossible date still claims its words, so "30 February 2021" is not read as "February 2021".
    taken.push([start, end]);
    if (month < 1 || month > 12 || (day !== null && !isValidDay(year, month, day))) return;
    const iso = day === null ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
    found.push({ iso, year, text: match[0], index: start });
  };
  for (const m of text.matchAll(DAY_MONTH_YEAR))
    add(m, Number(m[3]), monthNumber(m[2] as string), Number(m[1]));
  for (const m of text.matchAll(MONTH_DAY_YEAR))
    add(m, Number(m[3]), monthNumber(m[1] as string), Number(m[2]));
  const century = now.getUTCFullYear() % 100;
  for (const m of text.matchAll(NUMERIC)) {
    const raw = m[3] as string;
    const year =
      raw.length === 4 ? Number(raw) : Number(raw) <= century ? 2000 + Number(raw) : 1900 + Number(raw);
    if (year < 1990 || year > now.getUTCFullYear()) continue;
    add(m, year, Number(m[2]), Number(m[1]));
  }
  for (const m of text.matchAll(MONTH_YEAR)) add(m, Number(m[2]), monthNumber(m[1] as string), null);
  return found.sort((a, b) => a.index - b.index);
}

/** Words that, just before a date, say it is the publication date. */
const PUBLISHED_LABEL =
  /\b(published|publication( date)?|date of publication|date published|final (report|version)|report (date|finalised|completed)|version \d[\d.]*|final)\b[^A-Za-z0-9]{0,6}(on\s+)?(the\s+)?$/i;
/** Words that, just before a date, say it is something else (the incident, the death, a meeting). */
const OTHER_EVENT_LABEL =
  /\b(died|death|born|birth|incident|admitted|injur(ed|y|ies)|commissioned|notified|notification|meeting|rapid review|between|from|until|since|dob|d\.o\.b\.?|date of death|age[d]?)\b[^.\n]{0,30}$/i;

/** A publication date candidate: a date and how sure we are that it is the publication date. */
export interface PublicationDate extends FoundDate {
  /** `labelled`: "Published …" before it; `bare`: a date standing alone (e.g. on a cover). */
  strength: 'labelled' | 'bare';
}

/**
 * The publication date a stretch of text states: a date labelled "Published",
 * "Date of publication", "Final report" wins; otherwise the first bare date within
 * `bareWithin` characters that is not labelled as another event (an incident, a
 * death, a commissioning). Null if none. Bare dates count only where a date alone
 * means publication: a cover's title block, a link, a listing entry.
 */
export function publicationDateIn(
  text: string,
  options: { allowBare: boolean; bareWithin?: number },
): PublicationDate | null {
  let bare: FoundDate | null = null;
  for (const date of findDates(text)) {
    const before = text.slice(Math.max(0, date.index - 60), date.index);
    if (PUBLISHED_LABEL.test(before)) return { ...date, strength: 'labelled' };
    const near = date.index <= (options.bareWithin ?? Number.POSITIVE_INFINITY);
    if (bare === null && near && !OTHER_EVENT_LABEL.test(before)) bare = date;
  }
  return options.allowBare && bare ? { ...bare, strength: 'bare' } : null;
}

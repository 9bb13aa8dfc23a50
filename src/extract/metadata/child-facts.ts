/**
 * The child's age at the incident and whether the child died or was seriously
 * harmed, as a review's opening pages state them ("Baby T was seven weeks old when
 * she died"; "Leo, a 15-year-old, sustained serious injuries"). Only what a
 * sentence about the child says counts: a mother's age or a grandparent's death
 * does not.
 */

/** A fact with the page and sentence it was read from. */
export interface ChildFact<T> {
  value: T;
  page: number;
  text: string;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
};
const NUMBER = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
const UNIT = '(day|week|month|year)s?';
/** "seven weeks old", "15-year-old", "aged 14", "aged 3 months", "at the age of 16", "10 months of age". */
const AGE_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\b${NUMBER}[\\s-]${UNIT}[\\s-]old\\b`, 'gi'),
  new RegExp(`\\b(?:aged|at the age of|age)\\s+${NUMBER}(?:\\s+${UNIT})?\\b`, 'gi'),
  new RegExp(`\\b${NUMBER}\\s+${UNIT}\\s+of\\s+age\\b`, 'gi'),
  // "Jasmine was 16 when she died": an age stated with no unit is in years.
  new RegExp(`\\b(?:was|were)\\s+${NUMBER}\\s+when\\b`, 'gi'),
];
/** Cheap test before the age patterns: every pattern needs one of these words. */
const AGE_WORDS = /\b(old|aged?|when)\b/i;
/** "under four months old", "aged between 13 and 17": a bound on an age, not an age. */
const BOUND = /\b(under|over|below|above|between|up to|less than|more than|at least)\s*$/i;
/** Several children together: their ages and deaths are not one child's. */
const SEVERAL =
  /\b(babies|infants|children|young people|siblings|brothers|sisters|boys|girls|each)\b[^.]{0,40}$/i;
/** People whose age or death a review also reports; an age or death next to them is not the child's. */
const OTHER_PERSON =
  /\b(mother|mum|father|dad|parents?|partner|step-?father|step-?mother|boyfriend|girlfriend|grand(mother|father|parent)s?|(half-)?(brother|sister|sibling)s?|uncle|aunt|cousin|man|woman|adult|perpetrator|stepfather|friend|carer|neighbour)('s)?\b[^.;]{0,12}$/i;
const OTHER_PERSON_AFTER =
  /^\W*(mother|father|man|woman|partner|adult|brother|sister|sibling|boyfriend|girlfriend|male|female)\b/i;

/** "the death of her grandfather": whose death follows the word. */
const DEATH_OF_OTHER =
  /^\s+of\s+(?:(?:his|her|their|the|a|an|one)\s+)?(?:\w+\s+)?(mother|mum|father|dad|parent|partner|step-?father|grand(mother|father|parent)|brother|sister|sibling|uncle|aunt|cousin|man|woman|adult|friend)\b/i;

const DIED =
  /\b(died|death|deaths|killed|murdered|manslaughter|fatal(ly)?|took (his|her|their) own li(fe|ves)|could not be revived|pronounced dead|passed away|suicide)\b/i;
const DIED_ALL = new RegExp(DIED.source, 'gi');
/** Injuries as reviews name them: "a fractured femur", "a skull fracture", "extensive burns", "bleeding on the brain". */
const HARMED =
  /\b(serious(ly)? (harm(ed)?|injur(ed|y|ies)|assaulted|hurt)|significant(ly)? (harm(ed)?|injur(ed|y|ies))|life[- ](changing|threatening)|sustained\b[^.]{0,40}\b(injur(y|ies)|fractures?|burns?|bleed(ing)?)|non-accidental injur(y|ies)|(head|brain|abdominal) injur(y|ies)|multiple fractures|stabbed|(extensive|serious|severe|significant) (burns|scalds|bruising|fractures)|fractured (skull|femur|ribs?|arm|leg|wrist|collar ?bone|humerus|tibia)|(skull|rib|femur|spinal) fractures?|bleeding (on|in) the brain|subdural (haematoma|bleed(ing)?))\b/i;
/** Words that make a death hypothetical or someone else's business ("could have died", "risk of death"). */
const NOT_THIS_DEATH =
  /\b(could have|might have|would have|may have|did not|didn't|nearly|almost|risk(s)? of|prevent(ing)?|reduce|avoid(ing)?|national|other|previous|sibling's|no)\b[^.]{0,25}$/i;

/** The child's age as stated ("7 weeks") and as a number of months (1.6), for filtering ("under 1"). */
export interface ChildAge extends ChildFact<string> {
  /**
   * The age in completed months, to a tenth: weeks and days as the part of a month they
   * are (7 weeks → 1.6), years as whole years (15 years → 180, as "15 years old" means 15
   * completed years). Tenths are cut, not rounded, so an age under a year never reads as
   * 12 (52 weeks → 11.9).
   */
  months: number;
}

/** Days in an average month (365.25 / 12). */
const DAYS_PER_MONTH = 30.4375;
type AgeUnit = 'day' | 'week' | 'month' | 'year';
const MONTHS_PER_UNIT: Record<AgeUnit, number> = {
  day: 1 / DAYS_PER_MONTH,
  week: 7 / DAYS_PER_MONTH,
  month: 1,
  year: 12,
};

/** An age of `n` units in completed months, to a tenth (cut, not rounded: see `ChildAge.months`). */
export function ageInMonths(n: number, unit: AgeUnit): number {
  // The small epsilon keeps exact products (3 months × 10) from falling a tenth short in floating point.
  return Math.floor(n * MONTHS_PER_UNIT[unit] * 10 + 1e-9) / 10;
}

/** "weeks", "Years" → "week", "year" (the age patterns only match these four units). */
function singularUnit(unit: string): AgeUnit {
  return unit.toLowerCase().replace(/s$/, '') as AgeUnit;
}

function ageText(n: number, unit: string): string {
  return `${n} ${singularUnit(unit)}${n === 1 ? '' : 's'}`;
}

function toNumber(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word.toLowerCase()] ?? Number.NaN);
}

/** Sentences of some pages, each with its page. */
function sentencesOf(pages: readonly string[]): { page: number; text: string }[] {
  return pages.flatMap((text, i) =>
    text
      .replace(/\s+/g, ' ')
      .split(/(?<=[.!?])\s+(?=[A-Z0-9"“‘'(])/)
      .map((sentence) => ({ page: i + 1, text: sentence.trim() }))
      .filter((s) => s.text.length > 0),
  );
}

/** The child's age as the first sentence that gives one states it ("7 weeks", "15 years"), or null. */
export function childAgeIn(pages: readonly string[]): ChildAge | null {
  for (const sentence of sentencesOf(pages)) {
    if (!AGE_WORDS.test(sentence.text)) continue;
    const found: { index: number; value: string; months: number }[] = [];
    for (const pattern of AGE_PATTERNS) {
      for (const match of sentence.text.matchAll(pattern)) {
        const n = toNumber(match[1] as string);
        const before = sentence.text.slice(Math.max(0, match.index - 30), match.index);
        const after = sentence.text.slice(match.index + match[0].length, match.index + match[0].length + 20);
        if (!Number.isFinite(n) || OTHER_PERSON.test(before) || OTHER_PERSON_AFTER.test(after)) continue;
        if (BOUND.test(before) || SEVERAL.test(before)) continue;
        // A bare "aged 14" is in years.
        const unit = match[2] ?? 'years';
        found.push({
          index: match.index,
          value: ageText(n, unit),
          months: ageInMonths(n, singularUnit(unit)),
        });
      }
    }
    const first = found.sort((a, b) => a.index - b.index)[0];
    if (first) return { value: first.value, months: first.months, page: sentence.page, text: sentence.text };
  }
  return null;
}

/**
 * Whether the child died or was seriously harmed: a death the text states about the
 * child wins over injuries (a child may be injured and then die); null when the
 * opening pages state neither.
 */
export function childOutcomeIn(pages: readonly string[]): ChildFact<'died' | 'seriously-harmed'> | null {
  const sentences = sentencesOf(pages);
  for (const sentence of sentences) {
    for (const match of sentence.text.matchAll(DIED_ALL)) {
      const before = sentence.text.slice(Math.max(0, match.index - 40), match.index);
      const after = sentence.text.slice(match.index + match[0].length);
      // "Sudden unexpected death in infancy" names a kind of death, as a briefing's theme.
      if (/^ in infancy\b/i.test(after)) continue;
      if (NOT_THIS_DEATH.test(before) || OTHER_PERSON.test(before) || DEATH_OF_OTHER.test(after)) continue;
      if (SEVERAL.test(sentence.text.slice(0, match.index))) continue;
      return { value: 'died', page: sentence.page, text: sentence.text };
    }
  }
  const harmed = sentences.find((sentence) => HARMED.test(sentence.text));
  return harmed ? { value: 'seriously-harmed', page: harmed.page, text: harmed.text } : null;
}

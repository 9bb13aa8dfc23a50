import type { Tokens } from './tokens.js';
import { stemWord } from './tokens.js';

/**
 * Negation and absence. A theme's words do not count when the text denies the thing
 * itself ("there was no evidence of domestic abuse", "mother denied drug use",
 * "neglect was not a feature"), but they do when it describes what professionals
 * failed to do about it ("professionals did not recognise the neglect", "no one asked
 * about the father", "without an interpreter"): that is the learning reviews are about.
 */

/** Words that, before a term in the same clause, may deny it. */
const SCOPED_NEGATORS = new Set(['no', 'not', 'never', 'none', 'neither', 'nor', 'nothing', 'without']);
/** Words that deny what follows in their clause whatever comes next. */
const DENIALS = new Set(['denied', 'denies', 'deny', 'denying']);
/** How far back (in words) a negator reaches. */
const NEGATION_REACH = 14;

/** Words skipped between a negator and what it applies to ("was not always fully …"). */
const SKIP = new Set([
  'be',
  'been',
  'being',
  'is',
  'was',
  'were',
  'are',
  'do',
  'does',
  'did',
  'always',
  'fully',
  'properly',
  'sufficiently',
  'adequately',
  'routinely',
  'consistently',
  'effectively',
  'initially',
  'immediately',
  'formally',
  'yet',
  'directly',
  'clearly',
  'explicitly',
  'really',
  'then',
  'ever',
  'at',
  'all',
  'the',
  'a',
  'an',
  'to',
  'have',
  'has',
  'had',
  'there',
]);

/** The stems of some words, so that lists here can be written as plain English. */
function stemsOf(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean).map(stemWord));
}

/**
 * Words that, right after a negator, make it about practice or people rather than
 * about the thing: "not recognised", "no one", "no assessment of", "not only".
 */
const PRACTICE = stemsOf(`
  recognised recognized identified considered explored asked shared addressed understand understood
  see seen saw noticed appreciated acknowledged assessed escalated referred followed pursued
  challenged questioned take taken informed tell told invited included involved engaged offered
  checked seek sought tested analysed applied acted responded linked connected passed discussed
  received attend attended go went return made make completed arranged requested provided speak
  spoke spoken meet met visited think thought explained reflected weighed captured given give
  focused alerted notified reviewed obtained gathered chased booked consulted conveyed hear heard
  listened recorded put helped supported protected reduced prevented stopped wanted feel felt get
  got come came keep kept allowed enabled drew planned liaised contacted
  one agency agencies professional professionals practitioner practitioners single further longer
  doubt assessment plan referral strategy meeting consideration discussion action attempt
  recognition exploration understanding analysis enquiry enquiries service services body way
  opportunity only just least clear sure certain unusual uncommon less more contact record
  agreement change improvement follow-up aware confident able know knew send
`);

/** After "without", "nothing" or "absence of", only these make a denial ("without any evidence"). */
const EXISTENCE = stemsOf('evidence concerns indication signs suggest suggestion any history reports known');

/** Perception verbs after which "any" makes a denial ("did not identify any neglect"). */
const ANY_VERBS = stemsOf(
  'identified disclosed reported find found raised observed noted show expressed mentioned see seen saw',
);

/** After a term, "… was not a feature / not present / not suspected" denies it. */
const AFTER_NOT = stemsOf(`
  feature factor present evident suspected substantiated indicated issue concern known reported
  found confirmed disclosed raised apparent relevant involved
`);
/** After a term, these deny it outright ("… were unfounded"). */
const AFTER_DENIALS = stemsOf('unfounded unsubstantiated');
const AFTER_REACH = 6;

/** Verbs of looking into a thing: "domestic abuse was explored …" may be followed by what was found. */
const LOOKED_INTO = stemsOf('explored considered checked investigated examined looked queried discussed');
/** After "no", these deny outright ("… and no evidence was found"). */
const NOTHING_FOUND = stemsOf('evidence indication indications trace signs');
/** After "no", these deny when a finding follows ("no history was found", "no concerns of"). */
const NOTHING_FOUND_IF = stemsOf('history concerns concern record records');
const FINDING = stemsOf('found identified known established emerged raised reported of');
/** How far into its sentence the outcome of looking into a thing is sought. */
const OUTCOME_REACH = 16;

/** Whether the words `start`…`end - 1` of `tokens` are negated (denied, ruled out) in their clause. */
export function isNegated(tokens: Tokens, start: number, end: number): boolean {
  return isNegatedBefore(tokens, start) || isNegatedAfter(tokens, start, end);
}

function isNegatedBefore(tokens: Tokens, start: number): boolean {
  const clause = tokens.clause[start];
  for (let j = start - 1; j >= Math.max(0, start - NEGATION_REACH); j--) {
    if (tokens.clause[j] !== clause) return false;
    const word = tokens.lower[j] as string;
    if (DENIALS.has(word)) return true;
    if (word === 'negative' && tokens.lower[j + 1] === 'for') return true;
    const negator = SCOPED_NEGATORS.has(word) || word.endsWith("n't") || word === 'absence';
    if (negator) return deniesWhatFollows(tokens, j, start);
  }
  return false;
}

/**
 * Decides a negator at `at` that precedes a term at `start`: looks at the first word
 * after it that is not an auxiliary or adverb. "No evidence of DA" and "not violent"
 * deny; "not recognised", "no one asked" and "no assessment of" describe practice,
 * unless "any" follows a perception verb ("did not identify any concerns").
 */
function deniesWhatFollows(tokens: Tokens, at: number, start: number): boolean {
  const word = tokens.lower[at] as string;
  let k = at + 1;
  if (tokens.lower[k] === 'any') return true;
  while (k < start && SKIP.has(tokens.lower[k] as string)) {
    if (tokens.lower[k] === 'any') return true;
    k++;
  }
  const stem = tokens.stems[k] ?? '';
  if (word === 'without' || word === 'nothing' || word === 'absence') {
    // "without an interpreter" is a gap in practice; "without any evidence of" denies.
    const next = word === 'absence' && tokens.lower[k] === 'of' ? (tokens.stems[k + 1] ?? '') : stem;
    return k < start && EXISTENCE.has(next);
  }
  if (k >= start) return true;
  // "no thought was given to" is practice; "no thoughts of self-harm" (the noun, plural) denies.
  if (PRACTICE.has(stem) && tokens.lower[k] !== 'thoughts') {
    return ANY_VERBS.has(stem) && tokens.lower.slice(k + 1, k + 3).includes('any');
  }
  return true;
}

function isNegatedAfter(tokens: Tokens, start: number, end: number): boolean {
  if (isRuledOutAfterLooking(tokens, end)) return true;
  const clause = tokens.clause[start];
  const limit = Math.min(tokens.lower.length, end + AFTER_REACH);
  let adjacent = true;
  for (let k = end; k < limit; k++) {
    if (tokens.clause[k] !== clause) return false;
    const word = tokens.lower[k] as string;
    // "… was considered and ruled out", "… were investigated and found to be unfounded".
    if (AFTER_DENIALS.has(tokens.stems[k] as string)) return true;
    if (word === 'ruled' && tokens.lower[k + 1] === 'out') return true;
    if (!adjacent) continue;
    if (word === 'not' || word === 'never') {
      let next = k + 1;
      while (next < limit && (SKIP.has(tokens.lower[next] as string) || tokens.lower[next] === 'thought'))
        next++;
      if (AFTER_NOT.has(tokens.stems[next] ?? '')) return true;
      adjacent = false;
    } else if (!SKIP.has(word)) {
      adjacent = false;
    }
  }
  return false;
}

/**
 * "Domestic abuse was explored in the rapid review and no history was found by any
 * agency": a thing looked into and not found, perhaps in the next clause of the
 * sentence. Only when the term is what was looked into ("was explored", "had been
 * considered"), so "DA was discussed but no plan was made" still counts.
 */
function isRuledOutAfterLooking(tokens: Tokens, end: number): boolean {
  let k = end;
  while (k < tokens.lower.length && SKIP.has(tokens.lower[k] as string)) k++;
  if (k === end || !LOOKED_INTO.has(tokens.stems[k] ?? '')) return false;
  const sentence = tokens.sentence[end - 1];
  const limit = Math.min(tokens.lower.length, k + OUTCOME_REACH);
  for (let j = k + 1; j < limit && tokens.sentence[j] === sentence; j++) {
    const word = tokens.lower[j] as string;
    if (word === 'ruled' && tokens.lower[j + 1] === 'out') return true;
    if (AFTER_DENIALS.has(tokens.stems[j] as string)) return true;
    if (word === 'nothing') return true;
    if (word !== 'no') continue;
    const noun = tokens.stems[j + 1] ?? '';
    if (NOTHING_FOUND.has(noun)) return true;
    if (NOTHING_FOUND_IF.has(noun)) {
      const after = tokens.stems.slice(j + 2, j + 5);
      if (after.some((stem) => FINDING.has(stem))) return true;
    }
  }
  return false;
}

import type { TermMatch } from './phrase-matcher.js';
import type { Tokens } from './tokens.js';

/**
 * Words too common to say anything about a theme. Negators and "father"-like words
 * stay: "no" and "not" change what a passage means, and the classifier should see them.
 */
const STOP_WORDS = new Set(
  `a an the and or of to in on at by for from with as is was were be been being are has have had
  this that these those it its it's he she they them his her their him we our us i you your
  which who whom whose what when where while there here than then so such also very into onto
  over under about after before during between through up down out off again further once all
  any both each few more most other some same own only can could would should will shall may
  might must do does did doing s t just`.split(/\s+/),
);

/**
 * The features of a passage the classifier sees: its stems (`w:`), pairs of adjacent
 * content stems (`b:`), which themes' terms (`t:`) and cues (`c:`) it contains, and its
 * section (`s:`). Numbers are dropped except as part of a term.
 */
export function passageFeatures(tokens: Tokens, matches: readonly TermMatch[], section: string): string[] {
  const features = new Set<string>([`s:${section}`]);
  let previous: string | null = null;
  for (let i = 0; i < tokens.stems.length; i++) {
    const stem = tokens.stems[i] as string;
    const lower = tokens.lower[i] as string;
    if (STOP_WORDS.has(lower) || /^\d/.test(stem) || stem.length < 2) {
      previous = null;
      continue;
    }
    features.add(`w:${stem}`);
    if (previous !== null && tokens.clause[i] === tokens.clause[i - 1]) features.add(`b:${previous}_${stem}`);
    previous = stem;
  }
  for (const match of matches) features.add(`${match.kind === 'term' ? 't' : 'c'}:${match.themeId}`);
  return [...features];
}

import type { SectionId } from '../contracts/index.js';
import { stripNumber } from './paragraphs.js';

/**
 * Heading wording mapped to canonical sections, most specific first. Real reports
 * word the same section many ways ("Key learning", "Lessons learnt", "What needs to
 * change", "Findings and recommendations"); the patterns match the heading after
 * its number ("4.", "Section 4:", "Part Two") is taken off.
 */
const HEADING_RULES: readonly [RegExp, SectionId][] = [
  [
    /\b(appendi(x|ces)|annex(e|es)?|glossary|references|bibliography|terms of reference\s*\(appendix)/i,
    'appendix',
  ],
  [
    /\b(partnership|agency|board|multi-agency|safeguarding partners'?s?)\b.*\bresponse\b|^responses?\b|\bimprovements? (made|already made)|\baction plan\b/i,
    'response',
  ],
  [/^(findings and recommendations|conclusions and recommendations)$/i, 'findings'],
  [
    /\brecommendations?\b|\bnext steps\b|\bwhat (will|should) happen next\b|\bwhat (you|practitioners|professionals) (should|can|need to) do\b|\bwhat should (you|i|practitioners) do\b|\bimproving systems and practice\b/i,
    'recommendations',
  ],
  [
    /\b(key )?learning\b|\blessons?( to be)? (learn(ed|t)|identified)\b|\bwhat needs to change\b|\breflections?\b|\bwhat (did )?(we|the review) learn(ed|t)?\b|\bwhat (this|it) means for\b|\bpractice (learning|points)\b|\bkey messages\b/i,
    'learning',
  ],
  [/\b(key )?findings?\b|\bconclusions?\b|\bwhat (we|the review) found\b|^key issues$/i, 'findings'],
  [
    /\banalysis\b|\bdiscussion\b|\bappraisal of practice\b|\bpractice issues\b|\bthemes?\b|\bevaluation\b/i,
    'analysis',
  ],
  [
    /\bchronology\b|\btimeline\b|\b(key )?(practice )?episodes\b|\bsummary of events\b|\bnarrative\b|\bwhat happened\b|\bkey events\b|\bagency involvement\b/i,
    'chronology',
  ],
  [
    /\bbackground\b|\bcase summary\b|\bsummary of the case\b|\b(the|their|his|her) family\b|\bfamily (composition|structure|history)\b|\bcircumstances\b|\bcontext\b|\babout the child\b|\bpen picture\b|['’]s story\b|^the case$|^the (child|children|young (person|people)|baby)$|^case (summary|history)$/i,
    'background',
  ],
  // Case matters here: "About Jasmine" is the child's background, "About this summary" is not.
  [/\b[Aa]bout [A-Z][a-z]+\b(?<!About (This|The|Us|Our|These))/, 'background'],
  [
    /\bintroduction\b|\bpurpose\b|\bscope\b|\bterms of reference\b|\bmethodology\b|\bthe review process\b|\bprocess\b|\bwhy (this|the) review\b|\bgovernance\b|\bfamily involvement\b|\bparallel processes\b/i,
    'introduction',
  ],
  [/\b(executive )?summary\b|^overview$|\bin brief\b|\bat a glance\b/i, 'summary'],
];

/** Strips a heading's numbering: "4.", "4.0", "Section 4:", "Part Two –", "A." */
export function headingText(heading: string): string {
  return stripNumber(heading);
}

/** The canonical section a heading opens, or null when the heading names no known section. */
export function classifyHeading(heading: string): SectionId | null {
  const text = headingText(heading);
  if (text.length === 0 || text.split(/\s+/).length > 12) return null;
  for (const [pattern, section] of HEADING_RULES) {
    if (pattern.test(text)) return section;
  }
  return null;
}

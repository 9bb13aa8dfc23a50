import type { SectionId } from '../contracts/index.js';
import { stripNumber } from './paragraphs.js';

/**
 * Heading wording mapped to canonical sections, most specific first. Real reports
 * word the same section many ways ("Key learning", "Lessons learnt", "What needs to
 * change", "Findings and recommendations"); the patterns match the heading after
 * its number ("4.", "IV.", "Section 4:", "Part Two") is taken off, in any case
 * ("KEY PRACTICE EPISODES").
 */
const HEADING_RULES: readonly [RegExp, SectionId][] = [
  [
    /\b(appendi(x|ces)|annex(e|es)?|glossary|references|bibliography|terms of reference\s*\(appendix)|\bfurther (reading|information|resources)\b|\buseful (links|resources|contacts)\b|^statement by (the )?(lead |independent )?(reviewers?|review panel chair|panel chair)\b/i,
    'appendix',
  ],
  [
    /\b(partnership|agency|board|multi-agency|safeguarding partners'?s?)\b.*\bresponse\b|^responses?\b|\bimprovements? (made|already made)|\baction plan\b|\bactions? (already )?taken\b|^what (has|have) (changed|been done|happened since)\b|^what('s| is) changed\b|^changes (made|since)\b/i,
    'response',
  ],
  [/^(findings and recommendations|conclusions and recommendations)$/i, 'findings'],
  [
    /\brecommendations?\b|\bnext steps\b|\bwhat (will|should) happen next\b|\bwhat (you|practitioners|professionals) (should|can|need to) do\b|\bwhat should (you|i|practitioners) do\b|\bimproving systems and practice\b|^actions?( points?)?\b/i,
    'recommendations',
  ],
  [
    /\b(key )?learning\b|\blessons?( to be)? (learn(ed|t)|identified)\b|\bwhat needs to change\b|\breflections?\b|\bwhat (did )?(we|the review) learn(ed|t)?\b|\bwhat (this|it) means for\b|\bpractice (learning|points)\b|\bkey messages\b/i,
    'learning',
  ],
  [
    /\b(key )?findings?\b|\bconclusions?\b|\bwhat (did )?(we|the review|the reviewers?) (find|found)\b|^key issues\b|\bgood practice\b|\bwhat went well\b/i,
    'findings',
  ],
  [
    /\banalysis\b|\bdiscussion\b|\bappraisal of practice\b|\bpractice issues\b|\bthemes?\b|\bevaluation\b/i,
    'analysis',
  ],
  // How the review was done and whom it heard: the family's part in the review is method, not background.
  [
    /\bfamily['’]?s? (involvement|contribution|participation|views)\b|\bfamilies['’]? (involvement|contribution|participation|views)\b|\binvolvement of (the )?(family|families|parents|young people|children)\b/i,
    'introduction',
  ],
  [
    /\bchronology\b|\btimeline\b|\b(key )?(practice )?episodes\b|\bkey periods?\b|\bperiods? of (agency )?involvement\b|\bsummary of events\b|\bnarrative\b|\bwhat happened\b|\bkey events\b|\bagency involvement\b/i,
    'chronology',
  ],
  // A heading about the document or the review itself ("About this summary", "Why was a review
  // held?", "The review addressed the following issues") introduces it.
  [
    /^about (this|the) (summary|briefing|brief|review|report|document|leaflet|learning)\b|^why\b.*\breview\b|^the review (addressed|considered|examined|looked at)\b|\b(issues|questions) (addressed|considered) by the review\b/i,
    'introduction',
  ],
  [
    /\bbackground\b|\bcase summary\b|\bsummary of the case\b|\b(the|their|his|her) family\b|\bfamily (composition|structure|history)\b|\bcircumstances\b|\bcontext\b|\babout the child\b|\bpen picture\b|['’]s story\b|^the case$|^the (child|children|young (person|people)|baby)$|^case (summary|history)$|^about (?!(this|the|us|our|these|those)\b)[a-z]+\b/i,
    'background',
  ],
  [
    /\bintroduction\b|\bpurpose\b|\bscope\b|\bterms of reference\b|\bmethodology\b|\bthe review process\b|\bprocess\b|\bwhy (this|the) review\b|\bgovernance\b|\bfamily involvement\b|\bparallel processes\b/i,
    'introduction',
  ],
  [/\b(executive )?summary\b|^overview$|\bin brief\b|\bat a glance\b/i, 'summary'],
];

/**
 * A case's own sections: a document that is not a review (guidance, an annual report) has
 * no case, so its "Completing the chronology" is a task, not a chronology.
 */
const CASE_SECTIONS: ReadonlySet<SectionId> = new Set(['chronology']);

/** Strips a heading's numbering: "4.", "4.0", "Section 4:", "Part Two –", "A." */
export function headingText(heading: string): string {
  return stripNumber(heading);
}

/**
 * The canonical section a heading opens, or null when the heading names no known
 * section. In a document that is not a review (`isReview: false`) a heading naming a
 * case's own section (the chronology) opens nothing.
 */
export function classifyHeading(heading: string, options: { isReview?: boolean } = {}): SectionId | null {
  const text = headingText(heading).replace(/[:.]$/, '');
  if (text.length === 0 || text.split(/\s+/).length > 12) return null;
  for (const [pattern, section] of HEADING_RULES) {
    if (!pattern.test(text)) continue;
    return options.isReview === false && CASE_SECTIONS.has(section) ? null : section;
  }
  return null;
}

/** A label run into its paragraph, then the paragraph's first words: "Key learning: Bruising…", "Good practice. The…". */
const RUN_IN = /^([A-Z][^.:;?!]{2,60}?)(:|\.|\s[–—])\s+(?=[A-Z0-9"“‘'(])/;
/** Words that make a short first sentence prose ("Recommendations were made."), not a label. */
const VERB = /\b(is|are|was|were|has|have|had|will|would|should|must|can|could|may|might|did|does|do)\b/i;
const MAX_RUN_IN_WORDS = 6;

/**
 * The section a paragraph opens with a run-in heading, as reports that set their
 * headings in bold at the start of the paragraph have it ("Background: Child Z was 16…"):
 * the label as written, its section, and the paragraph's own text after it. Only a
 * short label that names a known section counts, and a label ending in a full stop must
 * read as a heading, not as a sentence. Null when the paragraph opens with no such label.
 */
export function runInHeading(
  paragraph: string,
  options: { isReview?: boolean } = {},
): { heading: string; section: SectionId; text: string } | null {
  const match = RUN_IN.exec(paragraph);
  if (!match) return null;
  const label = (match[1] as string).trim();
  const stop = (match[2] as string).trim();
  if (label.split(/\s+/).length > MAX_RUN_IN_WORDS || (stop === '.' && VERB.test(label))) return null;
  const section = classifyHeading(label, options);
  if (section === null) return null;
  return {
    heading: `${label}${stop === ':' || stop === '.' ? stop : ''}`,
    section,
    text: paragraph.slice(match[0].length),
  };
}

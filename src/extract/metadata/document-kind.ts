import type { DocumentKind } from '../../contracts/index.js';

const KIND_RULES: readonly [RegExp, DocumentKind][] = [
  [/\bexecutive summary\b|\bsummary report\b/i, 'executive-summary'],
  [
    /\b(learning|practice|seven|7)[- ]?(minute|point|step)?\s*(brief(ing)?|leaflet|summary|bulletin|note)s?\b|\b(7|seven|six)[- ](minute|point|step)\b|\bbriefing\b|\bone[- ]page (learning )?summary\b|\blearning together\b|\bimprovements made briefing\b/i,
    'briefing',
  ],
  [/\bpresentation\b|\bslides?\b|\bslide deck\b|\bwebinar\b/i, 'presentation'],
  [
    /\b(partnership|agency|board|lscb|lscp|scp|safeguarding partners'?)\s*(response|improvement report|action plan)\b|\bresponse to (the )?(review|report|recommendations)\b|\bimprovement report\b|\b(chair'?s?|media) statement\b|\baction plan\b/i,
    'response',
  ],
  [
    /\b(overview|full|final|main|published) report\b|\breport\b|\b(concise|extended) child practice review\b/i,
    'full-report',
  ],
];

/** What kind of document some text (a title, a link, a cover page) says this is, or null. */
export function documentKindIn(text: string): DocumentKind | null {
  for (const [pattern, kind] of KIND_RULES) {
    if (pattern.test(text)) return kind;
  }
  return null;
}

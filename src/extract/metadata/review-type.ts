import type { ReviewType } from '../../contracts/index.js';

/**
 * Review-type wording, most specific first: a "Thematic CSPR" is thematic, a
 * "national review" by the Panel is national, before the generic practice-review
 * patterns. Acronyms as real sites write them (LCSPR, LSCPR, CSPR, SCPR, SCR, MALR,
 * LfER, DHR).
 */
const TYPE_RULES: readonly [RegExp, ReviewType][] = [
  [/\bthematic\b|\bmulti[- ]case reviews?\b|\bcross[- ]cutting reviews?\b/i, 'thematic'],
  [
    /\bnational (child safeguarding practice )?reviews?\b|\bchild safeguarding practice review panel\b.*\b(national|commissioned)\b/i,
    'national',
  ],
  [/\bdomestic homicide reviews?\b/i, 'domestic-homicide-review'],
  [/\bDHRs?\b/, 'domestic-homicide-review'],
  [/\bsignificant case reviews?\b/i, 'significant-case-review'],
  [/\bcase management reviews?\b/i, 'case-management-review'],
  [/\b(?<!safeguarding )child practice reviews?\b|\badult practice reviews?\b/i, 'child-practice-review'],
  // The Child Safeguarding Practice Review Panel is the national body reports cite, not a review.
  [
    /\b(local )?(child )?safeguarding (child )?practice reviews?\b(?! panel)|\b(L?CSPR|LSCPR|SCPR|CSPRP)s?\b/i,
    'lcspr',
  ],
  [/\bserious case reviews?\b/i, 'scr'],
  [/\bSCRs?\b/, 'scr'],
  [/\brapid reviews?\b/i, 'rapid-review'],
  [
    /\bmulti[- ]agency learning reviews?\b|\bMALR\b|\blearning from experience\b|\bLfER\b|\bcase review learning summary\b|\blearning lessons'? reviews?\b|\blessons learn(ed|t) reviews?\b|\b(local )?learning reviews?\b|\bpartnership reviews?\b/i,
    'learning-review',
  ],
];

/** The rules as global patterns, compiled once: metadata asks about many lines per document. */
const GLOBAL_RULES: readonly [RegExp, ReviewType][] = TYPE_RULES.map(([pattern, type]) => [
  new RegExp(pattern.source, `${pattern.flags}g`),
  type,
]);

/** A plural review word counts as naming reviews only with a number: "three rapid reviews". */
const COUNTED = /\b(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(\S+\s+){0,3}$/i;

/**
 * The review type some text names, with the words matched and where, or null.
 * With `specific`, only a particular review counts ("the Serious Case Review about
 * Leo", "LCSPR Child J", "three rapid reviews"), not reviews in general ("learning
 * from serious case reviews"), so a generic briefing does not pass as a review.
 */
export function reviewTypeIn(
  raw: string,
  options: { specific?: boolean } = {},
): { type: ReviewType; text: string; index: number } | null {
  // Cover titles wrap ("Learning from Three Rapid\nReviews"): match across line breaks.
  const text = raw.replace(/\s+/g, ' ');
  for (const [pattern, type] of GLOBAL_RULES) {
    for (const match of text.matchAll(pattern)) {
      const plural = /s$/i.test(match[0]) && !/thematic/i.test(match[0]);
      if (options.specific && plural && !COUNTED.test(text.slice(0, match.index))) continue;
      return { type, text: match[0], index: match.index };
    }
  }
  return null;
}

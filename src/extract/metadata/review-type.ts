import type { ReviewType } from '../../contracts/index.js';

/**
 * Review-type wording, most specific first: a "Thematic CSPR" is thematic, a
 * "national review" by the Panel is national, before the generic practice-review
 * patterns. Acronyms as real sites write them (LCSPR, LSCPR, CSPR, SCPR, SCR, MALR,
 * LfER, DHR).
 */
const TYPE_RULES: readonly [RegExp, ReviewType][] = [
  [/\bthematic\b|\bmulti[- ]case review\b|\bcross[- ]cutting review\b/i, 'thematic'],
  [
    /\bnational (child safeguarding practice )?review\b|\bchild safeguarding practice review panel\b.*\b(national|commissioned)\b/i,
    'national',
  ],
  [/\bdomestic homicide review\b/i, 'domestic-homicide-review'],
  [/\bDHRs?\b/, 'domestic-homicide-review'],
  [/\bsignificant case review\b/i, 'significant-case-review'],
  [/\bcase management review\b/i, 'case-management-review'],
  [/\b(?<!safeguarding )child practice review\b|\badult practice review\b/i, 'child-practice-review'],
  [/\b(local )?(child )?safeguarding (child )?practice review\b|\b(L?CSPR|LSCPR|SCPR|CSPRP)s?\b/i, 'lcspr'],
  [/\bserious case review\b/i, 'scr'],
  [/\bSCRs?\b/, 'scr'],
  [/\brapid review\b/i, 'rapid-review'],
  [
    /\bmulti[- ]agency learning review\b|\bMALR\b|\blearning from experience\b|\bLfER\b|\bcase review learning summary\b|\blearning lessons'? review\b|\blessons learn(ed|t) review\b|\b(local )?learning review\b|\bpartnership review\b/i,
    'learning-review',
  ],
];

/** The review type some text names, with the words matched, or null. */
export function reviewTypeIn(text: string): { type: ReviewType; text: string } | null {
  let best: { type: ReviewType; text: string; rank: number; index: number } | null = null;
  TYPE_RULES.forEach(([pattern, type], rank) => {
    const match = pattern.exec(text);
    if (match && (best === null || rank < best.rank))
      best = { type, text: match[0], rank, index: match.index };
  });
  const found = best as { type: ReviewType; text: string } | null;
  return found ? { type: found.type, text: found.text } : null;
}

/**
 * Documents that sit on case-review pages but are not reviews, by what their title
 * or cover says, with the reason recorded for the report.
 */
const NOT_REVIEW_RULES: readonly [RegExp, string][] = [
  [/\bannual report\b|\byearly report\b/i, 'annual report'],
  [/\bbusiness plan\b|\bstrategic plan\b|\bstrategy\b|\bpriorities \d{4}/i, 'plan or strategy'],
  [/\bnewsletter\b|\bbulletin\b|\bupdate\s*[-–:]?\s*(issue|edition)\b/i, 'newsletter'],
  [/\bthresholds?\b|\bcontinuum of need\b|\blevels of need\b/i, 'threshold document'],
  [
    /\bprocedures?\b|\bpolic(y|ies)\b|\bprotocol\b|\bguidance\b|\bframework\b|\btoolkit\b|\btemplate\b|\breferral form\b|\bterms of reference\b/i,
    'procedure or guidance',
  ],
  [
    /\bnspcc\b|\btriennial\b|\blearning from national\b|\bnational (case )?(reviews? )?(summary|round-?up)\b|\bcase reviews? published\b|\banalysis of (serious case|safeguarding practice) reviews\b/i,
    'national or collected material, not a local review',
  ],
  [/\baudit\b|\binspection\b|\bjtai\b|\bappreciative inquiry\b/i, 'audit or inspection'],
  [/\btraining\b|\bcourse\b|\bevent\b|\bconference\b/i, 'training or event'],
];

/** The rules strong enough to judge from a cover's opening lines, not just a title. */
const COVER_RULES = new Set([
  'annual report',
  'newsletter',
  'threshold document',
  'procedure or guidance',
  'plan or strategy',
]);

/** Why a document is not a review, judged from its title, or null when the title allows a review. */
export function notReviewReason(title: string): string | null {
  for (const [pattern, reason] of NOT_REVIEW_RULES) {
    if (pattern.test(title)) return reason;
  }
  return null;
}

/**
 * The first not-a-review description in a cover's opening text ("our newsletter",
 * "this procedure"), with where it stands, using only the rules a passing mention
 * cannot trip ("a learning event" in a review briefing is not a training document).
 */
export function notReviewOnCover(text: string): { reason: string; index: number } | null {
  let first: { reason: string; index: number } | null = null;
  for (const [pattern, reason] of NOT_REVIEW_RULES) {
    if (!COVER_RULES.has(reason)) continue;
    const match = pattern.exec(text);
    if (match && (first === null || match.index < first.index)) first = { reason, index: match.index };
  }
  return first;
}

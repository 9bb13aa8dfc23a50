/**
 * Pseudonym conventions real reviews use: Child + letters (Child J, Child PP, Child X1),
 * Baby/Infant + letter or name (Baby T, Baby Liam), Young Person A / YP F, Family Y,
 * sibling groups (Siblings W and X, Children A, B and C, Child C & D).
 */
const CODED =
  /\b(Child(?:ren)?|CHILD(?:REN)?|Baby|BABY|Infant|INFANT|Young Person|YOUNG PERSON|YP|Sibling[s]?|SIBLING[S]?|Family|FAMILY|Twins?)\s+['‘"“]?([A-Z][a-z]{2,12}|[A-Z]{1,3}\d?)\b['’"”]?((?:\s*(?:,|&|\/|and|AND)\s*[A-Z]{1,3}\d?\b)*)/g;

/** Words after "Child"/"Family" that are not pseudonyms ("Child Safeguarding", "Family Court"). */
const NOT_NAMES = new Set(
  'Safeguarding Protection Practice Death Deaths Sexual Criminal Exploitation Protection Review Reviews Panel Care Court Support Services Health Hub Group Network Centre Centres Plan Plans Liaison Intervention Nurse Partnership Partnerships In Of The And For Was Is Had Has With At On Who Social Mental Minded Friendly Help Justice Law Time Members Member Home Homes Life Lives Abuse Neglect Poverty Trafficking Services Wellbeing Rights Act Panel Commissioner Board Boards Committee Council Partnership Partnerships Development Psychiatric Psychology Adolescent Looked Led Level Levels Safety First'.split(
    ' ',
  ),
);

/**
 * A first-name pseudonym right after a review's name ("Serious Case Review Jasmine",
 * "LCSPR Leo", "Practice Review: Patricia", "in respect of Harry").
 */
const NAMED_AFTER_REVIEW =
  /\b(?:serious case review|practice review|learning review|L?CSPR|LSCPR|SCR|in respect of|concerning|regarding|briefing:|brief:|review:)[ \t]*[:–—-]?[ \t]*['‘"“]?([A-Z][a-z]{2,12})['’"”]?(?:[ \t]+and[ \t]+([A-Z][a-z]{2,12}))?\b(?![ \t]+(?:Safeguarding|Partnership|Board|Council|LSCB))/gi;

/** A first-name pseudonym heading the title: "AMY A SERIOUS CASE REVIEW", "Leo: a Local Child Safeguarding Practice Review". */
const NAMED_BEFORE_REVIEW =
  /^['‘"“]?([A-Z][a-zA-Z]{2,12})['’"”]?[ \t]*[:–—-]?[ \t]+(?:an?[ \t]+)?(?:serious case review|(?:local )?(?:child )?safeguarding (?:child )?practice review|learning review|L?CSPR|SCR)\b/i;

/**
 * A first-name pseudonym that a series briefing is named by, ending its line: "7 Minute
 * Briefing Alsami", "Seven minute briefing – Daryll". A topic ("7 Minute Briefing
 * Professional Curiosity") runs on to more words, so it does not count.
 */
const NAMED_BY_SERIES =
  /\b(?:7|seven|six)[- ](?:minute|point|step)[ \t]+briefing[ \t]*[:–—-]?[ \t]*['‘"“]?([A-Z][a-z]{2,12})['’"”]?(?:[ \t]+(?:and|&)[ \t]+([A-Z][a-z]{2,12}))?[ \t]*$/gim;

/** Capitalised words that follow a review's name but are not a child ("SCR Report", "CSPR Executive"). */
const COMMON_WORDS = new Set(
  'Report Reports Executive Summary Final Overview Learning Briefing Brief Published Publication Into Findings Recommendations Action Response Child Children Baby Family Young The This These That For From Into Under Following Local National Thematic Panel Process Guidance Procedure Procedures Referral Form Toolkit Framework Chronology Introduction Background Case Cases Review Reviews Serious Practice Safeguarding Partnership Board Council County City Borough Lead Independent Author Restricted Version Draft Date November December January February March April May June July August September October'.split(
    ' ',
  ),
);

/** Normalises a pseudonym's capitals: "CHILD Y" → "Child Y", "BABY LIAM" → "Baby Liam". */
function normaliseCase(name: string): string {
  return name.replace(/\b([A-Z])([A-Z]+)\b/g, (word, first: string, rest: string) =>
    word.length <= 3 ? word : `${first}${rest.toLowerCase()}`,
  );
}

/**
 * The child pseudonyms some text names, first-seen order, without duplicates. The
 * area's own name is never a pseudonym ("Practice Review\nFarrowdale Safeguarding…").
 */
export function childNamesIn(text: string, area: string | null = null): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(CODED)) {
    const label = normaliseCase(match[1] as string);
    const id = match[2] as string;
    if (NOT_NAMES.has(id) || (id.length > 3 && NOT_NAMES.has(normaliseCase(id)))) continue;
    // The tail keeps its own spacing: "W&X" and "X1/X2" stay joined, "W and X" spaced.
    const more = (match[3] ?? '').replace(/\s+/g, ' ').trimEnd();
    const idText = /^[A-Z]+$/.test(id) && id.length > 3 ? normaliseCase(id) : id;
    const name = `${label} ${idText}${more}`.replace(/\s+,/g, ',');
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  const before = NAMED_BEFORE_REVIEW.exec(text.trim());
  if (before?.[1] && /^[A-Z]/.test(before[1])) {
    const first = normaliseCase(before[1]);
    if (
      !NOT_NAMES.has(first) &&
      !COMMON_WORDS.has(first) &&
      !names.some((n) => n.split(' ').includes(first))
    ) {
      names.push(first);
    }
  }
  for (const match of [...text.matchAll(NAMED_AFTER_REVIEW), ...text.matchAll(NAMED_BY_SERIES)]) {
    for (const first of [match[1], match[2]]) {
      if (!first || !/^[A-Z][a-z]+$/.test(first) || NOT_NAMES.has(first) || COMMON_WORDS.has(first)) continue;
      if (area !== null && area.split(/\W+/).includes(first)) continue;
      if (names.some((n) => n.split(' ').includes(first))) continue;
      names.push(first);
    }
  }
  return names;
}

import type { DocumentMeta, FieldSource } from '../../index/index.js';
import { childAgeIn, childOutcomeIn } from './child-facts.js';
import { childNamesIn } from './child-names.js';
import { notReviewOnCover, notReviewReason } from './classify.js';
import { publicationDateIn } from './dates.js';
import { documentKindIn } from './document-kind.js';
import { reviewTypeIn } from './review-type.js';
import { coverConfirms, isMeaningfulTitle, titleFromCover } from './title.js';

/** Where a document was linked from: the link's words and the listing entry around it. */
export interface LinkEvidence {
  url: string;
  linkText: string | null;
  heading: string | null;
  context: string | null;
}

/** Everything metadata is read from. */
export interface MetadataInput {
  /** Raw page texts (before header removal: the cover's lines may repeat as headers). */
  pageTexts: readonly string[];
  pdfTitle: string | null;
  /** The PDF's creation date (ISO), used for the year only when nothing else says. */
  pdfCreationDate: string | null;
  source: { area: string; nation: string };
  links: readonly LinkEvidence[];
}

const COVER_LINES = 40;
/** Pages read for the child's age and outcome: the summary, introduction and background come first. */
const FACT_PAGES = 8;
/** At most this much of a cover's top says what the document is (about twelve lines of a PDF page). */
const COVER_TOP_CHARS = 900;
/** Lines at the top of a cover where title, board, author and date stand. */
const TITLE_BLOCK_LINES = 12;
/** A title offering a particular review's learning ("learning from a/the/this … review", "learning from SCR …"). */
const LEARNING_FROM = /\blearning from (an?|the|this|our)?\s*(\w+[ -]){0,6}(review|SCR|L?CSPR|LSCPR)\b/i;
/** A review without a stated kind this long is the report itself. */
const MIN_REPORT_PAGES = 6;

/**
 * The title block: the cover's first lines up to where prose starts (a briefing's
 * page 1 goes on to tell the story, with its own dates, ages and words such as
 * "presentation"). A prose line is long, or ends a sentence.
 */
function titleBlockOf(coverLines: readonly string[]): string[] {
  const block: string[] = [];
  for (const line of coverLines.slice(0, TITLE_BLOCK_LINES)) {
    const words = line.split(' ').length;
    if (words >= 12 || (words >= 8 && /[.]$/.test(line))) break;
    block.push(line);
  }
  return block;
}

/**
 * Reads a document's metadata: title, publication date and year, review type,
 * document kind, pseudonyms, and whether it is a review at all. The cover page is
 * the first witness, the link and its listing entry the second, the first pages'
 * text the third; the PDF's creation date is a last resort for the date, flagged as
 * such. Each value records where it came from; what nothing states stays null.
 */
export function buildMetadata(input: MetadataInput): DocumentMeta {
  const provenance: Partial<Record<string, FieldSource>> = {};
  const coverLines = (input.pageTexts[0] ?? '')
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .slice(0, COVER_LINES);
  const cover = coverLines.join('\n');
  const opening = input.pageTexts.slice(0, 3).join('\n');
  const linkWords = input.links
    .map((l) => [l.linkText, l.heading, l.context].filter(Boolean).join(' — '))
    .join('\n');

  // Title: the file's own title (PDF Info, Office properties) when the cover confirms it,
  // as it is already in the author's capitals and unwrapped; else the cover's, as a reader
  // sees it; else the file's own title when meaningful (it is often a stale template's);
  // else the link text.
  let title: string | null = null;
  const titleBlock = titleBlockOf(coverLines).join('\n');
  // Which review a document belongs to is often said in a briefing's first sentences ("This
  // briefing shares the learning from the Local Child Safeguarding Practice Review about…").
  // A Word or web report is one page of paragraphs, so its first lines can hold the whole
  // briefing: only its opening characters speak for the cover.
  const coverTop = coverLines.slice(0, TITLE_BLOCK_LINES).join('\n').slice(0, COVER_TOP_CHARS);
  const coverTitle = titleFromCover(titleBlockOf(coverLines));
  const fileTitle = isMeaningfulTitle(input.pdfTitle) ? input.pdfTitle.trim() : null;
  if (fileTitle !== null && coverConfirms(fileTitle, coverLines)) {
    title = fileTitle;
    provenance.title = { from: 'pdf-info', page: 1, text: fileTitle };
  } else if (coverTitle) {
    title = coverTitle;
    provenance.title = { from: 'title-page', page: 1, text: coverTitle };
  } else if (fileTitle !== null) {
    title = fileTitle;
    provenance.title = { from: 'pdf-info', text: title };
  } else {
    const linkText = input.links.find((l) => l.linkText && l.linkText.length > 3)?.linkText ?? null;
    if (linkText) {
      title = linkText;
      provenance.title = { from: 'link', text: linkText };
    }
  }

  // Whether it is a review, and of which type, is decided by the cover's title block
  // and the link that led to it: a generic briefing or a procedure also speaks of
  // reviews in its body. The first pages only fill in the type of a known review.
  let reviewType: DocumentMeta['reviewType'] = null;
  let typeOnCover: ReturnType<typeof reviewTypeIn> = null;
  for (const [text, from] of [
    [title ?? '', 'title-page'],
    [coverTop, 'title-page'],
    [linkWords, 'link'],
  ] as const) {
    const found = reviewTypeIn(text, { specific: true });
    if (found) {
      reviewType = found.type;
      if (from === 'title-page') typeOnCover = found;
      provenance.reviewType = { from, text: found.text, ...(from === 'title-page' ? { page: 1 } : {}) };
      break;
    }
  }

  // A page that names no type in its title may describe itself in its first words: "This Child
  // Safeguarding Practice Review briefing concerns…". Only a type right after "This" counts.
  let selfKind: DocumentMeta['documentKind'] = null;
  const flat = opening.replace(/\s+/g, ' ');
  for (const match of flat.matchAll(/\bThis\s+/g)) {
    const after = flat.slice(match.index + match[0].length, match.index + 120);
    const named = reviewTypeIn(after.replace(/^(concise|local|independent|extended)\s+/i, ''), {
      specific: true,
    });
    if (named?.index !== 0) continue;
    if (reviewType === null) {
      reviewType = named.type;
      provenance.reviewType = { from: 'text', text: `This ${named.text}` };
    }
    selfKind = documentKindIn(after.slice(0, named.text.length + 20));
    break;
  }

  // What the title says it is decides; a title naming no review lets the cover's
  // opening say what the document is, the first self-description winning ("our
  // newsletter … a new review" is a newsletter; "the learning from the review about
  // Leo … a learning event" is a review briefing).
  const titleText = title ?? coverTitle ?? '';
  const titleNamesReview = reviewTypeIn(titleText) !== null || childNamesIn(titleText).length > 0;
  let excluded = notReviewReason(titleText);
  if (excluded === null && !titleNamesReview) {
    const onCover = notReviewOnCover(`${title ?? ''}\n${coverTop}`);
    if (onCover && (typeOnCover === null || onCover.index < typeOnCover.index)) excluded = onCover.reason;
  }
  const isReview = reviewType !== null && excluded === null;
  const notReason = isReview ? null : (excluded ?? 'no review named on the cover or the link to it');
  // A type the link names stands: the first pages' later mentions are as often other reviews
  // ("the Panel's national review of …") as this one.

  let documentKind = documentKindIn(`${title ?? ''}\n${titleBlock}`);
  if (documentKind !== null) provenance.documentKind = { from: 'title-page', page: 1 };
  else {
    documentKind = documentKindIn(linkWords);
    if (documentKind !== null) provenance.documentKind = { from: 'link' };
  }
  if (documentKind === null && selfKind !== null) {
    documentKind = selfKind;
    provenance.documentKind = { from: 'text', text: 'its own first words' };
  }
  // "Learning from Serious Case Review Child BF", "Child Z – learning from a Local Child Safeguarding
  // Practice Review": a title that offers a review's learning is a briefing on it, not the review.
  if (documentKind === null && isReview && LEARNING_FROM.test(titleText)) {
    documentKind = 'briefing';
    provenance.documentKind = { from: 'title-page', text: titleText };
  }
  if (documentKind === null && isReview && input.pageTexts.length >= MIN_REPORT_PAGES) {
    documentKind = 'full-report';
    provenance.documentKind = { from: 'text', text: `${input.pageTexts.length} pages` };
  }
  // A document that is not a review is only a presentation or a briefing by its own account; an
  // annual report or a procedure is not a "full report" of a review.
  if (!isReview && documentKind !== 'presentation' && documentKind !== 'briefing') {
    documentKind = 'other';
    provenance.documentKind = { from: 'title-page', text: 'not a review' };
  }

  // Publication date: the cover, then the listing entry, then a labelled date early on.
  // A bare date counts in the cover's title block only: further down page 1 a
  // briefing already tells the story, with its incident dates.
  let published = publicationDateIn(cover, { allowBare: true, bareWithin: coverTop.length });
  if (published) provenance.publishedDate = { from: 'title-page', page: 1, text: published.text };
  for (const link of input.links) {
    if (published?.strength === 'labelled') break;
    const fromLink = publicationDateIn([link.linkText, link.context].filter(Boolean).join(' — '), {
      allowBare: true,
    });
    if (fromLink && (!published || fromLink.strength === 'labelled')) {
      published = fromLink;
      provenance.publishedDate = { from: 'landing-page', text: fromLink.text };
    }
  }
  if (!published) {
    published = publicationDateIn(opening, { allowBare: false });
    if (published) provenance.publishedDate = { from: 'text', text: published.text };
  }
  let publishedDate = published?.iso ?? null;
  let year = published?.year ?? null;
  if (year === null && input.pdfCreationDate) {
    year = Number(input.pdfCreationDate.slice(0, 4));
    publishedDate = null;
    provenance.year = {
      from: 'pdf-info',
      text: `creation date ${input.pdfCreationDate} (no publication date stated)`,
    };
  } else if (year !== null) {
    provenance.year = provenance.publishedDate;
  }

  const childNames = childNamesIn(`${title ?? ''}\n${titleBlock}`, input.source.area);
  if (childNames.length > 0) provenance.childNames = { from: 'title-page', page: 1 };
  provenance.area = { from: 'source' };

  // Age and outcome belong to one child: a thematic review of several children has neither, and
  // a domestic homicide review is about an adult victim (16 or over), not a child at its centre.
  const oneChild = isReview && reviewType !== 'thematic' && reviewType !== 'domestic-homicide-review';
  const factPages = input.pageTexts.slice(0, FACT_PAGES);
  const age = oneChild ? childAgeIn(factPages) : null;
  if (age) provenance.childAge = { from: 'text', page: age.page, text: age.text };
  const outcome = oneChild ? childOutcomeIn(factPages) : null;
  if (outcome) provenance.childOutcome = { from: 'text', page: outcome.page, text: outcome.text };

  return {
    title,
    area: input.source.area,
    nation: input.source.nation,
    year,
    publishedDate,
    reviewType: isReview ? reviewType : null,
    documentKind,
    isReview,
    notReviewReason: notReason,
    childNames,
    childAge: age?.value ?? null,
    childAgeMonths: age?.months ?? null,
    childOutcome: outcome?.value ?? null,
    pages: input.pageTexts.length,
    provenance,
  };
}

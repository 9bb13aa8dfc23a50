import type { PageLink, PageReading } from './page-links.js';
import { pathAndQuery } from './scope.js';

/**
 * Words that say a page or link is about case reviews. Acronyms real sites use
 * (SCR, CSPR, LCSPR, LSCPR, SCPR, MALR, LfER), document kinds (overview report,
 * executive summary, learning brief, 7-minute / seven-minute / 7 point briefing) and
 * pseudonym patterns (Child J, Baby T, Family Y, Siblings W & X, Young Person A).
 */
const REVIEW_TERMS: readonly RegExp[] = [
  /\b(serious|significant)[- ]case[- ]reviews?\b/i,
  /\b(local )?(child )?safeguarding (child )?practice reviews?\b/i,
  /\b(l?c?spr|lscpr|scpr|scrs?|malr|lfer|cspr[sp]?|lcsprs?)\b/i,
  /\b(case|learning|thematic|rapid|practice|multi[- ]agency( learning)?|partnership) reviews?\b/i,
  /\blearning (brief|briefing|summary|leaflet|lessons|from (experience|reviews?|practice)|together)\b/i,
  /\b(overview|full|final|summary) report\b/i,
  /\bexecutive summary\b/i,
  /\b(7|seven|six)[- ](minute|point|step) (briefing|learning)\b/i,
  /\b(7|seven)[- ]minute\b/i,
  /\b(child|baby|infant|family|siblings?|young person|yp|children) [A-Z]{1,3}\d?\b/,
  /\bcase-?reviews?\b/i,
];

/**
 * A case reference standing in for a name ("KASCP 2020-21-01", "bscp2020-21-01",
 * "CN18", "GN13"): partnerships file reviews under such codes.
 */
const CASE_CODE = /\b[a-z]{2,6}\s?\d{4}[-/]\d{2}[-/]\d{2}\b|\b(case\s+)?[A-Z]{2}\d{2}\b/i;

/** The case references some text names ("KASCP 2020-21-01", "KA18"), lower-cased, without duplicates. */
export function caseCodesIn(text: string): string[] {
  const codes = [...text.matchAll(new RegExp(CASE_CODE.source, 'gi'))].map((match) =>
    match[0]
      .toLowerCase()
      .replace(/^case\s+/, '')
      .replace(/\s+/g, ' '),
  );
  return [...new Set(codes)];
}

/** Words of links that are site furniture, not content. */
const FURNITURE =
  /\b(cookies?|privacy|accessibility|sitemap|log ?in|sign ?in|register|contact us|subscribe|newsletter sign|twitter|facebook|linkedin|instagram|youtube|skip to|search|translate|contrast|text size|exit site|feedback)\b/i;

/** Words that mark a pagination link. */
const PAGINATION = /^(next|previous|prev|older|newer|more|\d{1,3}|»|›|next page|load more|page \d+)$/i;

/** Arrows around pagination words ("Next »", "‹ Previous"). */
const ARROWS = /[«»‹›←→]/g;

/** A path or query that serves a file rather than a page, whatever its ending. */
const DOCUMENT_URL =
  /(\.(pdf|docx?|pptx?|odt|rtf)$)|\/(downloads?|files?|media|documents?|assets|uploads|attachments?|getfile|download-file)\/|[?&](id|file|document|attachment|download)=/i;
const DOCUMENT_TEXT = /\b(pdf|docx?|word document|download|kb|mb)\b|\[\s*\d+(\.\d+)?\s*[km]b\s*\]/i;

/** How strongly some text speaks of case reviews: the number of review terms it holds. */
export function reviewSignal(text: string): number {
  return REVIEW_TERMS.reduce((n, re) => n + (re.test(text) ? 1 : 0), 0) + (CASE_CODE.test(text) ? 1 : 0);
}

/** Whether some text speaks of case reviews at all (`reviewSignal` > 0, stopping at the first term). */
export function speaksOfReviews(text: string): boolean {
  return REVIEW_TERMS.some((re) => re.test(text)) || CASE_CODE.test(text);
}

/** Whether a page is about case reviews, judged from its title, headline and URL. */
export function isReviewPage(page: Pick<PageReading, 'title' | 'headline'>, url: string): boolean {
  return speaksOfReviews(`${page.title} ${page.headline}`) || speaksOfReviews(pathWords(pathAndQuery(url)));
}

/** The link rule's decision: whether to follow a link and what we expect behind it. */
export interface LinkDecision {
  follow: boolean;
  expect: 'document' | 'page';
  reason: string;
  /** A further page of the same listing: it does not count as a step deeper. */
  isPagination: boolean;
}

/**
 * Decides whether a link leads toward reviews. A document link is followed when its
 * words (text, URL, heading, surrounding text) speak of reviews, or when it sits in
 * the content of a review page (companions and guidance are fetched and classified
 * later). A page link is followed when its own words speak of reviews; or, in the
 * content of a review page, when it paginates the listing or its heading or
 * surrounding text speaks of reviews (entries titled only "Leo" or "Rachel's Story"
 * under "Published reviews"). Links in navigation, headers and footers are followed
 * only on their own words, and furniture ("Cookies", "Contact us") never.
 */
export function decideLink(link: PageLink, onReviewPage: boolean): LinkDecision {
  const url = pathAndQuery(link.url);
  const expect: LinkDecision['expect'] =
    DOCUMENT_URL.test(url.pathname + url.search) || DOCUMENT_TEXT.test(link.text) ? 'document' : 'page';
  const decision = (follow: boolean, reason: string, isPagination = false): LinkDecision => ({
    follow,
    expect,
    reason,
    isPagination,
  });
  if (FURNITURE.test(link.text) && !speaksOfReviews(link.text)) return decision(false, 'site furniture');
  // Pagination often sits in a <nav>: on a review page it is followed all the same.
  if (onReviewPage && PAGINATION.test(link.text.replace(ARROWS, '').trim() || link.text)) {
    return decision(true, 'pagination', true);
  }
  const inContent = onReviewPage && !link.inFurniture;
  if (speaksOfReviews(`${link.text} ${pathWords(url)}`)) return decision(true, 'review words in the link');
  const around = speaksOfReviews(`${link.heading ?? ''} ${link.context}`);
  if (expect === 'document') {
    if (around) return decision(true, 'review words around the link');
    if (inContent) return decision(true, 'document on a review page');
    return decision(false, 'document not about reviews');
  }
  if (inContent && around) return decision(true, 'review words around the link');
  return decision(false, 'no review words');
}

/** The words of a URL's path and query ("/scr-cn18-baby-f/" → "scr cn18 baby f"). */
function pathWords({ pathname, search }: { pathname: string; search: string }): string {
  let raw = `${pathname} ${search}`;
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // A malformed escape (a lone %) is read as it stands.
  }
  return raw.replace(/[/_\-.?=&+]+/g, ' ').trim();
}

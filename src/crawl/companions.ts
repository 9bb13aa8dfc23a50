import { metadata } from '../extract/index.js';
import type { ReviewEntry } from '../index/index.js';
import { caseCodesIn } from './link-rules.js';
import type { PageLink, PageReading } from './page-links.js';

/** A link the crawl follows from a page, with what it expects behind it. */
export interface FollowedLink {
  link: PageLink;
  expect: 'document' | 'page';
}

/** The cases some words name: pseudonyms ("child j", "baby f") and case references ("ka18"). */
interface CaseIdentity {
  names: string[];
  codes: string[];
}

/** At most this many documents on a page about one case; more is a listing. */
const MAX_CASE_PAGE_DOCUMENTS = 8;

/**
 * Which documents a page presents as one review's, in the entries real layouts use
 * (each keyed by the words that tie it, not its position, so entries from two readings
 * of a page line up):
 * - a table row ("Child NB | Overview report | Learning brief");
 * - the documents under a heading that names one case (an accordion panel "Child Kilo",
 *   a library section "Child J");
 * - the documents whose own words name the same case under one heading ("Child K
 *   Overview Report", "LSCB Improvement Report – Child K");
 * - one paragraph or list item linking several documents of one case ("Read the full
 *   report for SCR Matthew here. Read the Learning Briefing for SCR Matthew here.");
 * - every document on a page about one case (a landing page "KASCP 2020-21-01", an HTML
 *   report "SCR KA18: Baby F", which then belongs to the group itself) except those
 *   whose words name another case.
 * Only links in the page's content that the crawl follows as documents count. Entries
 * with fewer than two URLs are left out: they say nothing about companions.
 */
export function reviewEntries(
  page: PageReading,
  pageUrl: string,
  followed: readonly FollowedLink[],
  options: { pageIsReport: boolean },
): ReviewEntry[] {
  const documents = followed.filter((f) => f.expect === 'document' && !f.link.inFurniture).map((f) => f.link);
  const entries = new Map<string, ReviewEntry>();
  const blocks = new Map<number, string[]>();
  const blockLabels = new Map<number, string | null>();
  const add = (entry: string, label: string | null, url: string) => {
    const found = entries.get(entry) ?? { entry, label, urls: [] };
    if (!found.urls.includes(url)) found.urls.push(url);
    entries.set(entry, found);
  };

  for (const link of documents) {
    const { row, block, heading } = link.place;
    if (row) add(`row:${row.label.toLowerCase() || row.index}`, row.label || null, link.url);
    const own = identityOf(link.text);
    const headingCase = heading ? singleCase(identityOf(heading.text)) : null;
    if (heading && headingCase && !namesOtherCase(own, identityOf(heading.text))) {
      add(`heading:${headingCase}`, heading.text, link.url);
    }
    const named = singleCase(own);
    if (named) add(`name:${heading?.text.toLowerCase() ?? ''}:${named}`, named, link.url);
    const around = identityOf(link.context);
    if (block !== null && around.names.length <= 1 && around.codes.length <= 1) {
      blocks.set(block, [...(blocks.get(block) ?? []), link.url]);
      blockLabels.set(block, singleCase(around));
    }
  }
  // A block is keyed by what it names, or else by the documents it holds, so the key
  // means the same entry when the page is read again after other entries moved.
  for (const [block, urls] of blocks) {
    const label = blockLabels.get(block) ?? null;
    for (const url of urls) add(`block:${label ?? [...urls].sort().join(' ')}`, label, url);
  }

  // The title's first part: what follows " | " is the site's name.
  const subject = identityOf(`${page.title.split(/\s+[|–—-]\s+/)[0] ?? ''} ${page.headline}`);
  const pageCase = singleCase(subject);
  if (pageCase && documents.length <= MAX_CASE_PAGE_DOCUMENTS) {
    if (options.pageIsReport) add('page', pageCase, pageUrl);
    for (const link of documents) {
      if (!namesOtherCase(identityOf(link.text), subject)) add('page', pageCase, link.url);
    }
  }
  return [...entries.values()].filter((entry) => entry.urls.length >= 2);
}

/** Names of organisations that pseudonym patterns can catch ("Children Board", "Family Services"). */
const ORGANISATION = /\b(board|partnership|services?|centres?|trust|council|hub|court)$/i;

function identityOf(text: string): CaseIdentity {
  const names = metadata
    .childNamesIn(text)
    .map((name) => name.toLowerCase())
    .filter((name) => !ORGANISATION.test(name));
  return { names: [...new Set(names)], codes: caseCodesIn(text) };
}

/** A label for the one case some words name ("ka18 baby f"), or null for none or several. */
function singleCase(identity: CaseIdentity): string | null {
  if (identity.names.length > 1 || identity.codes.length > 1) return null;
  const label = [...identity.codes, ...identity.names].join(' ');
  return label.length > 0 ? label : null;
}

/** Whether `words` name a case and none of the cases `subject` names. */
function namesOtherCase(words: CaseIdentity, subject: CaseIdentity): boolean {
  const named = [...words.names, ...words.codes];
  if (named.length === 0) return false;
  const known = new Set([...subject.names, ...subject.codes]);
  return !named.some((name) => known.has(name));
}

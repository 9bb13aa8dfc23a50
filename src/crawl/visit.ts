import type {
  ArchivedFile,
  LinkOrigin,
  ManifestEntry,
  ReviewEntry,
  Store,
  UrlOutcome,
} from '../index/index.js';
import { decodeHtml } from '../extract/index.js';
import { archiveFile, readBlob, sha256Of } from '../index/index.js';
import type { FollowedLink } from './companions.js';
import { reviewEntries } from './companions.js';
import { judgeReportPage } from './html-report.js';
import type { FetchLimits, RedirectHandOff } from './http.js';
import { fetchUrl } from './http.js';
import { decideLink, isReviewPage } from './link-rules.js';
import type { PageReading } from './page-links.js';
import { readPage } from './page-links.js';
import type { SourceScope } from './scope.js';
import { outOfScope } from './scope.js';
import { MEDIA_TYPES, sniffBody } from './sniff.js';

/** What the crawl carries with each queued URL (stored with it, so a resumed crawl has it too). */
export interface RequestData extends LinkOrigin {
  expect: 'page' | 'document';
  /** A configured start URL: if it is gone, the source's crawl is incomplete. */
  isStart: boolean;
}

/** A URL to request, for one source. */
export interface CrawlRequest {
  url: string;
  sourceId: string;
  data: RequestData;
  /**
   * Set while `url` redirects to another origin: the request to make there, on that
   * origin's queue. What it answers is recorded against `url`.
   */
  redirect?: RedirectHandOff;
}

/** Everything one visit learnt, to be written to the store in one transaction. */
export interface Finding {
  kind: 'page' | 'document' | 'other';
  outcome: UrlOutcome;
  status: number | null;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  error: string | null;
  /** A known document that answered 304: seen again, bytes unchanged. */
  unchangedDocumentId?: string;
  /** Bytes archived (their file written), to store as a document version. */
  document?: ArchivedFile;
  /** Links to follow from a page. */
  links: CrawlRequest[];
  /** What the page says about which documents belong together (pages only). */
  reviewEntries?: ReviewEntry[];
  /** The URL that answered, after redirects. */
  finalUrl: string;
}

/** What `visitUrl` needs besides the request. */
export interface VisitContext {
  store: Store;
  limits: FetchLimits;
  scope: SourceScope;
}

/**
 * Requests one URL (conditionally, when its manifest entry `known` says it is an archived
 * document) and decides what it is: a page to read for links, a review document (PDF,
 * DOCX, or a page that is itself a report), something else, gone or failed. A document's
 * file is archived before this resolves; the caller records what it learnt. A redirect
 * to another origin is handed back, for that origin's queue to request. Throws
 * `FetchError` when the request itself fails.
 */
export async function visitUrl(
  context: VisitContext,
  request: CrawlRequest,
  known: ManifestEntry | null,
): Promise<Finding | { handOff: RedirectHandOff }> {
  const { url, data } = request;
  const conditional: Record<string, string> = {};
  // A page that is itself a report is fetched in full: its links are needed too.
  const isPage = /html/i.test(known?.contentType ?? '');
  if (known?.kind === 'document' && known.documentId && known.outcome !== 'gone' && !isPage) {
    if (known.etag) conditional['if-none-match'] = known.etag;
    if (known.lastModified) conditional['if-modified-since'] = known.lastModified;
  }
  const { to, via } = request.redirect ?? { to: url, via: [] };
  const response = await fetchUrl(to, context.limits, conditional, via);
  if (response.handOff) return { handOff: response.handOff };
  const base = {
    status: response.status,
    contentType: response.header('content-type'),
    etag: response.header('etag'),
    lastModified: response.header('last-modified'),
    error: null,
    links: [],
    finalUrl: response.url,
  };
  const expected = data.expect === 'document' ? 'document' : 'other';

  if (response.status === 304 && known?.documentId) {
    return { ...base, kind: 'document', outcome: 'unchanged', unchangedDocumentId: known.documentId };
  }
  if (response.status === 404 || response.status === 410) {
    return {
      ...base,
      kind: known?.kind ?? expected,
      outcome: 'gone',
      error: `HTTP ${response.status}`,
    };
  }
  if (response.status >= 400 || response.status === 304) {
    return {
      ...base,
      kind: expected,
      outcome: 'failed',
      error: `server answered ${response.status}`,
    };
  }

  const sniffed = sniffBody(response.body, base.contentType, response.header('content-disposition'));
  if (sniffed.kind === 'html' && !sniffed.problem) {
    return readHtml(context, request, known, { url: response.url, body: response.body }, base);
  }
  if (sniffed.problem) return { ...base, kind: 'document', outcome: 'failed', error: sniffed.problem };
  if (sniffed.kind === 'other') {
    return {
      ...base,
      kind: 'other',
      outcome: 'skipped',
      error: `not a page or document (${base.contentType ?? 'no content type'})`,
    };
  }
  return {
    ...base,
    kind: 'document',
    outcome: 'new',
    document: await archiveFile(context.store, response.body, MEDIA_TYPES[sniffed.kind]),
  };
}

/**
 * Reads a page: the links to follow, how it groups documents, and whether it is itself a
 * report. A report page whose bytes changed but whose text did not (a new footer, a
 * cookie banner) is the same document, unchanged: it does not make a new version.
 */
async function readHtml(
  context: VisitContext,
  request: CrawlRequest,
  known: ManifestEntry | null,
  answer: { url: string; body: Buffer },
  base: Omit<Finding, 'kind' | 'outcome'>,
): Promise<Finding> {
  const page = readPage(decodeHtml(answer.body, base.contentType), answer.url);
  const followed = linksToFollow(page, request, answer.url, context.scope);
  const documents = followed.filter((f) => f.expect === 'document' && !f.link.inFurniture).length;
  const report = judgeReportPage(page, documents);
  const links = followed.flatMap((f) => (f.request ? [f.request] : []));
  const entries = reviewEntries(page, request.url, followed, { pageIsReport: report.isReport });
  const read = { ...base, links, reviewEntries: entries };
  if (!report.isReport) return { ...read, kind: 'page', outcome: 'page' };
  const sha256 = sha256Of(answer.body);
  if (known?.documentId && known.sha256 && known.sha256 !== sha256) {
    const before = readBlob(context.store, known.sha256);
    const sameText =
      before.mediaType === MEDIA_TYPES.html &&
      readPage(decodeHtml(before.bytes, known.contentType), answer.url).text === page.text;
    if (sameText)
      return { ...read, kind: 'document', outcome: 'unchanged', unchangedDocumentId: known.documentId };
  }
  return {
    ...read,
    kind: 'document',
    outcome: 'new',
    document: await archiveFile(context.store, answer.body, MEDIA_TYPES.html, sha256),
  };
}

/** The links of a page that the link rule follows and the scope admits. */
function linksToFollow(
  page: PageReading,
  from: CrawlRequest,
  pageUrl: string,
  scope: SourceScope,
): (FollowedLink & { request: CrawlRequest | null })[] {
  const onReviewPage = from.data.depth === 0 || isReviewPage(page, pageUrl);
  const followed: (FollowedLink & { request: CrawlRequest | null })[] = [];
  for (const link of page.links) {
    const decision = decideLink(link, onReviewPage);
    if (!decision.follow) continue;
    // readPage gave the link its canonical URL already.
    const url = link.url;
    const depth = decision.isPagination ? from.data.depth : from.data.depth + 1;
    const request: CrawlRequest = {
      url,
      sourceId: from.sourceId,
      data: {
        expect: decision.expect,
        isStart: false,
        referrer: pageUrl,
        linkText: link.text || null,
        linkContext: { heading: link.heading, context: link.context, pageTitle: page.title },
        depth,
      },
    };
    const inScope = outOfScope(url, depth, scope) === null;
    // A document out of scope (on another partnership's site) is still evidence of
    // what the page groups; a further page of the listing is never a companion.
    followed.push({
      link,
      expect: decision.isPagination ? 'page' : decision.expect,
      request: inScope ? request : null,
    });
  }
  return followed;
}

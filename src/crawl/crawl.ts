import { setTimeout as sleep } from 'node:timers/promises';
import { BasicCrawler, Configuration } from '@crawlee/basic';
import PQueue from 'p-queue';
import type { Source, SourcesConfig } from '../config/index.js';
import type { LinkOrigin, Store, UrlVisit } from '../index/index.js';
import {
  getManifestEntry,
  nowIso,
  recordVisit,
  settleSourceAfterCrawl,
  storeDocumentBytes,
  touchDocument,
  upsertSource,
} from '../index/index.js';
import { packageVersion } from '../package-info.js';
import { quietCrawleeLogs } from './crawlee-log.js';
import type { FetchedResponse, FetchLimits } from './http.js';
import { FetchError, fetchUrl } from './http.js';
import { decideLink, isReviewPage } from './link-rules.js';
import { readPage } from './page-links.js';
import type { CrawlReport, SourceReport } from './report.js';
import { countOutcome, emptySourceReport } from './report.js';
import type { OriginRules } from './robots.js';
import { fetchOriginRules } from './robots.js';
import type { SourceScope } from './scope.js';
import { canonicalUrl, outOfScope, scopeOf } from './scope.js';
import { MEDIA_TYPES, sniffBody } from './sniff.js';

/** The product token robots.txt rules are matched against. */
export const ROBOTS_PRODUCT = 'casereviews';

/** What the crawl carries with each request. */
interface RequestData extends LinkOrigin {
  sourceId: string;
  expect: 'page' | 'document';
  /** A configured start URL: if it fails, the source's crawl is incomplete. */
  isStart: boolean;
  [key: string]: unknown;
}

interface SourceState {
  source: Source;
  scope: SourceScope;
  report: SourceReport;
  requestsPerMinute: number;
}

interface OriginState {
  rules: OriginRules;
  queue: PQueue;
}

/** Options of one crawl. */
export interface CrawlOptions {
  runId: number;
  /** Called with a one-line status now and then while the crawl runs. */
  onProgress?: (status: string) => void;
}

/**
 * Crawls every configured source: from its start URLs it follows the links the link
 * rule says lead to reviews, within the source's scope, and archives every document
 * it finds. Every URL's outcome goes to the manifest. Requests to one origin are
 * spaced by the source's rate limit (or robots.txt's Crawl-delay, whichever is
 * slower); different origins are crawled in parallel. A recrawl sends conditional
 * requests for known documents. Returns the run report.
 */
export async function crawlSources(
  store: Store,
  config: SourcesConfig,
  options: CrawlOptions,
): Promise<CrawlReport> {
  quietCrawleeLogs();
  const startedAt = nowIso();
  const settings = config.crawl;
  const userAgent = `${ROBOTS_PRODUCT}/${packageVersion} (+${settings.contactUrl})`;
  const sources = new Map<string, SourceState>();
  for (const source of config.sources) {
    const sourceId = upsertSource(store, source);
    sources.set(sourceId, {
      source,
      scope: scopeOf(source, settings.maxDepth),
      report: emptySourceReport(source.area, sourceId),
      requestsPerMinute: source.maxRequestsPerMinute ?? settings.maxRequestsPerMinute,
    });
  }

  const limitsFor = (state: SourceState): FetchLimits => ({
    timeoutMs: settings.requestTimeoutMs,
    maxBytes: settings.maxBytes,
    maxRedirects: settings.maxRedirects,
    userAgent,
    refuseRedirect: (url) => (outOfScope(url, 0, state.scope) === 'another domain' ? 'another domain' : null),
  });

  const origins = new Map<string, Promise<OriginState>>();
  const originState = (url: string, state: SourceState): Promise<OriginState> => {
    const origin = new URL(url).origin;
    let entry = origins.get(origin);
    if (!entry) {
      entry = fetchOriginRules(origin, ROBOTS_PRODUCT, limitsFor(state)).then((rules) => {
        if (rules.note) state.report.notes.push(`${origin}: ${rules.note}`);
        const spacingMs = Math.max(60_000 / state.requestsPerMinute, (rules.crawlDelaySeconds ?? 0) * 1000);
        return {
          rules,
          queue: new PQueue({ concurrency: 1, interval: Math.ceil(spacingMs), intervalCap: 1 }),
        };
      });
      origins.set(origin, entry);
    }
    return entry;
  };

  const record = (state: SourceState, visit: Omit<UrlVisit, 'runId' | 'sourceId'>) => {
    recordVisit(store, { ...visit, runId: options.runId, sourceId: state.report.sourceId });
    countOutcome(state.report, visit.outcome, visit.kind);
    if (visit.outcome === 'failed')
      state.report.failures.push({ url: visit.url, reason: visit.error ?? 'failed' });
  };

  let handled = 0;
  const crawler = new BasicCrawler(
    {
      maxConcurrency: settings.maxConcurrency,
      maxRequestRetries: settings.maxRetries,
      // Waiting for a slot in an origin's rate limit counts toward this, so allow for it.
      requestHandlerTimeoutSecs: Math.ceil(settings.requestTimeoutMs / 1000) + 600,
      useSessionPool: false,
      retryOnBlocked: false,
      async requestHandler({ request, crawler: self }) {
        const data = request.userData as RequestData;
        const state = sources.get(data.sourceId) as SourceState;
        const links = await visit(request.url, data, state);
        if (links.length > 0) await self.addRequests(links);
        handled++;
        if (handled % 10 === 0) options.onProgress?.(`crawl: ${handled} URLs handled`);
      },
      async errorHandler({ request }, error) {
        if (error instanceof FetchError && !error.retryable) {
          request.noRetry = true;
          return;
        }
        // Back off before the retry: 1 s, 2 s, 4 s … at most 30 s.
        await sleep(Math.min(30_000, 1000 * 2 ** request.retryCount));
      },
      async failedRequestHandler({ request }, error) {
        const data = request.userData as RequestData;
        const state = sources.get(data.sourceId) as SourceState;
        if (data.isStart) state.report.complete = false;
        record(state, {
          url: request.url,
          kind: data.expect === 'document' ? 'document' : 'other',
          origin: data,
          outcome: 'failed',
          status: error instanceof FetchError ? error.status : null,
          error: error instanceof FetchError ? error.message : `${error.name}: ${error.message}`,
        });
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );

  /** Fetches one URL and records what it was; returns the links to follow from it. */
  async function visit(url: string, data: RequestData, state: SourceState) {
    const { rules, queue } = await originState(url, state);
    if (!rules.isAllowed(url)) {
      record(state, {
        url,
        kind: 'other',
        origin: data,
        outcome: 'skipped',
        error: 'disallowed by robots.txt',
      });
      return [];
    }
    const known = getManifestEntry(store, url);
    const conditional: Record<string, string> = {};
    if (known?.kind === 'document' && known.documentId) {
      if (known.etag) conditional['if-none-match'] = known.etag;
      if (known.lastModified) conditional['if-modified-since'] = known.lastModified;
    }
    const response = (await queue.add(() => fetchUrl(url, limitsFor(state), conditional))) as FetchedResponse;
    const headers = {
      status: response.status,
      contentType: response.headers.get('content-type'),
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };

    if (response.status === 304 && known?.documentId) {
      touchDocument(store, known.documentId);
      record(state, {
        url,
        kind: 'document',
        origin: data,
        outcome: 'unchanged',
        ...headers,
        documentId: known.documentId,
      });
      return [];
    }
    if (response.status === 404 || response.status === 410) {
      if (data.isStart) {
        state.report.complete = false;
        state.report.notes.push(`start URL answered ${response.status}: ${url}`);
      }
      record(state, {
        url,
        kind: known?.kind ?? 'other',
        origin: data,
        outcome: 'gone',
        ...headers,
        error: `HTTP ${response.status}`,
      });
      return [];
    }
    if (response.status >= 400 || response.status === 304) {
      if (data.isStart) state.report.complete = false;
      const kind = data.expect === 'document' ? 'document' : 'other';
      record(state, {
        url,
        kind,
        origin: data,
        outcome: 'failed',
        ...headers,
        error: `server answered ${response.status}`,
      });
      return [];
    }

    const sniffed = sniffBody(
      response.body,
      headers.contentType,
      response.headers.get('content-disposition'),
    );
    if (sniffed.kind === 'html' && !sniffed.problem) {
      record(state, { url, kind: 'page', origin: data, outcome: 'page', ...headers });
      return linksToFollow(response, data, state);
    }
    if (sniffed.kind === 'other') {
      const type = headers.contentType ?? 'no content type';
      record(state, {
        url,
        kind: 'other',
        origin: data,
        outcome: 'skipped',
        ...headers,
        error: `not a page or document (${type})`,
      });
      return [];
    }
    if (sniffed.problem) {
      record(state, {
        url,
        kind: 'document',
        origin: data,
        outcome: 'failed',
        ...headers,
        error: sniffed.problem,
      });
      return [];
    }
    store.db.transaction(() => {
      const result = storeDocumentBytes(store, {
        url,
        sourceId: state.report.sourceId,
        bytes: response.body,
        mediaType: MEDIA_TYPES[sniffed.kind as keyof typeof MEDIA_TYPES],
      });
      record(state, {
        url,
        kind: 'document',
        origin: data,
        outcome: result.outcome,
        ...headers,
        sha256: result.sha256,
        documentId: result.documentId,
      });
    })();
    return [];
  }

  /** The links of a page that the link rule follows and the scope admits, as requests. */
  function linksToFollow(response: FetchedResponse, data: RequestData, state: SourceState) {
    const page = readPage(response.body.toString('utf8'), response.url);
    const onReviewPage = data.depth === 0 || isReviewPage(page, response.url);
    const requests: { url: string; uniqueKey: string; userData: RequestData }[] = [];
    for (const link of page.links) {
      const decision = decideLink(link, onReviewPage);
      if (!decision.follow) continue;
      const url = canonicalUrl(link.url) as string;
      const depth = decision.isPagination ? data.depth : data.depth + 1;
      const refusal = outOfScope(url, depth, state.scope);
      if (refusal !== null) continue;
      requests.push({
        url,
        uniqueKey: url,
        userData: {
          sourceId: state.report.sourceId,
          expect: decision.expect,
          isStart: false,
          referrer: response.url,
          linkText: link.text || null,
          linkContext: { heading: link.heading, context: link.context, pageTitle: page.title },
          depth,
        },
      });
    }
    return requests;
  }

  const starts = [...sources.values()].flatMap((state) =>
    state.source.startUrls.map((startUrl) => {
      const url = canonicalUrl(startUrl) as string;
      const userData: RequestData = {
        sourceId: state.report.sourceId,
        expect: 'page',
        isStart: true,
        referrer: null,
        linkText: null,
        linkContext: null,
        depth: 0,
      };
      return { url, uniqueKey: url, userData };
    }),
  );
  await crawler.run(starts);
  await crawler.teardown();

  for (const state of sources.values()) {
    const offline = settleSourceAfterCrawl(
      store,
      state.report.sourceId,
      options.runId,
      state.report.complete,
    );
    state.report.documents.gone = offline.length;
    if (!state.report.complete) {
      state.report.notes.push('a start page could not be read, so documents were not checked for removal');
    }
  }
  return {
    runId: options.runId,
    startedAt,
    finishedAt: nowIso(),
    sources: [...sources.values()].map((s) => s.report),
  };
}

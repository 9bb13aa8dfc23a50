import type { Source, SourcesConfig } from '../config/index.js';
import type { Store } from '../index/index.js';
import {
  adoptInterruptedCrawl,
  closeInterruptedCrawls,
  documentRemovals,
  findInterruptedCrawl,
  finishCrawl,
  getManifestEntry,
  nowIso,
  openWriteBatch,
  recordReviewEntries,
  recordVisit,
  runOutcomes,
  settleSourceAfterCrawl,
  startCrawl,
  storeArchivedDocument,
  touchDocument,
  upsertSource,
} from '../index/index.js';
import { packageVersion } from '../package-info.js';
import { drainHostQueues } from './drain.js';
import { HostQueues } from './host-queues.js';
import type { FetchLimits } from './http.js';
import { FetchError } from './http.js';
import { incompleteBecause } from './incomplete.js';
import type { CrawlReport, UrlReason } from './report.js';
import { buildSourceReport } from './report.js';
import type { OriginRules } from './robots.js';
import { fetchOriginRules } from './robots.js';
import type { SourceScope } from './scope.js';
import { canonicalUrl, outOfScope, scopeOf } from './scope.js';
import type { CrawlRequest, Finding, RequestData } from './visit.js';
import { visitUrl } from './visit.js';

/** The product token robots.txt rules are matched against. */
export const ROBOTS_PRODUCT = 'casereviews';

/**
 * An interrupted crawl younger than this is finished by the next crawl; an older one is
 * dropped and the crawl starts afresh, so a week-old half crawl does not stand in for
 * this week's checks.
 */
const RESUME_WITHIN_MS = 24 * 60 * 60 * 1000;
/** Back-off before retry n (0-based): 1 s, 2 s, 4 s … */
const BACKOFF_BASE_MS = 1000;
/** The longest wait before a retry, Retry-After included. */
const BACKOFF_MAX_MS = 120_000;
/** URLs whose outcomes are committed together (one commit per URL would cost more than the URL). */
const WRITES_PER_COMMIT = 50;
/** The longest an outcome waits for its commit, in ms. */
const COMMIT_EVERY_MS = 250;

interface SourceState {
  source: Source;
  sourceId: string;
  scope: SourceScope;
  /** Start-to-start spacing of requests to each of this source's hosts. */
  spacingMs: number;
  notes: string[];
  /** What left the source's crawl incomplete (pages not read, robots.txt unreachable); empty when complete. */
  incomplete: UrlReason[];
}

/** A queued request and how many times it has been tried. */
interface Queued extends CrawlRequest {
  attempt: number;
}

/** Options of one crawl. */
export interface CrawlOptions {
  runId: number;
  /** Called with a one-line status after each URL while the crawl runs. */
  onProgress?: (status: string) => void;
}

/**
 * Crawls every configured source: from its start URLs it follows the links the link
 * rule says lead to reviews, within the source's scope, and archives every document
 * it finds. Every URL's outcome goes to the manifest. Each host gets at most one
 * request at a time, spaced by the source's rate limit or robots.txt's Crawl-delay
 * (whichever is slower), while different hosts are crawled in parallel; a URL
 * robots.txt disallows is never requested. Known documents are requested
 * conditionally. A crawl that is killed is finished by the next one, which counts what
 * it reached as its own and does not ask for those documents again; otherwise each
 * crawl asks for every page and document again. Returns the run report.
 */
export async function crawlSources(
  store: Store,
  config: SourcesConfig,
  options: CrawlOptions,
): Promise<CrawlReport> {
  const { runId } = options;
  const startedAt = nowIso();
  const settings = config.crawl;
  const userAgent = `${ROBOTS_PRODUCT}/${packageVersion} (+${settings.contactUrl})`;
  const sources = new Map<string, SourceState>();
  for (const source of config.sources) {
    const sourceId = upsertSource(store, source);
    const perMinute = source.maxRequestsPerMinute ?? settings.maxRequestsPerMinute;
    sources.set(sourceId, {
      source,
      sourceId,
      scope: scopeOf(source, settings.maxDepth),
      spacingMs: Math.ceil(60_000 / perMinute),
      notes: [],
      incomplete: [],
    });
  }

  const batch = openWriteBatch(store, { maxWrites: WRITES_PER_COMMIT, maxDelayMs: COMMIT_EVERY_MS });
  const queues = new HostQueues<Queued>();
  const seen = new Set<string>();
  /** Per host: the slowest spacing of the sources using it, and the source to tell about its robots.txt. */
  const hosts = new Map<string, { spacingMs: number; sourceId: string }>();
  const rules = new Map<string, Promise<OriginRules>>();
  const progress = { done: 0, requests: 0, new: 0, changed: 0, failed: 0 };

  const enqueue = (request: CrawlRequest, attempt = 0) => {
    const origin = new URL(request.redirect?.to ?? request.url).origin;
    const state = sources.get(request.sourceId) as SourceState;
    const host = hosts.get(origin);
    if (!host) hosts.set(origin, { spacingMs: state.spacingMs, sourceId: request.sourceId });
    else host.spacingMs = Math.max(host.spacingMs, state.spacingMs);
    queues.add(origin, { ...request, attempt });
  };

  const rulesFor = (origin: string): Promise<OriginRules> => {
    let loading = rules.get(origin);
    if (!loading) {
      progress.requests++;
      loading = fetchOriginRules(origin, ROBOTS_PRODUCT, { ...limitsWithout(), refuseRedirect: () => null });
      rules.set(origin, loading);
    }
    return loading;
  };
  const limitsWithout = (): Omit<FetchLimits, 'refuseRedirect'> => ({
    timeoutMs: settings.requestTimeoutMs,
    maxBytes: settings.maxBytes,
    maxRedirects: settings.maxRedirects,
    userAgent,
  });
  const limitsFor = (state: SourceState): FetchLimits => ({
    ...limitsWithout(),
    // A redirect may lead off the source's hosts or into a folder robots.txt closes; one
    // to another origin waits its turn there.
    handOffAcrossOrigins: true,
    refuseRedirect: async (url) => {
      if (outOfScope(url, 0, state.scope) === 'another domain') return 'another domain';
      const target = await rulesFor(new URL(url).origin);
      if (target.unreachable !== null) return `its robots.txt unreachable (${target.unreachable})`;
      return target.isAllowed(url) ? null : 'disallowed by robots.txt';
    },
  });

  /** Writes what a visit learnt in one transaction (of the write batch), then queues the links it found. */
  const commit = (item: Queued, state: SourceState, finding: Finding) => {
    // A URL linked twice from one page keeps its shallowest depth (a listing's "2" before its "Next").
    const fresh = new Map<string, CrawlRequest>();
    for (const link of finding.links) {
      const earlier = fresh.get(link.url);
      if (!seen.has(link.url) && (!earlier || link.data.depth < earlier.data.depth))
        fresh.set(link.url, link);
    }
    batch.write(() => {
      let documentId = finding.unchangedDocumentId ?? null;
      let sha256: string | null = null;
      let outcome = finding.outcome;
      if (finding.document) {
        const stored = storeArchivedDocument(store, {
          url: item.url,
          sourceId: state.sourceId,
          file: finding.document,
        });
        ({ documentId, sha256, outcome } = stored);
      }
      if (finding.unchangedDocumentId) touchDocument(store, finding.unchangedDocumentId);
      recordVisit(store, {
        url: item.url,
        sourceId: state.sourceId,
        runId,
        kind: finding.kind,
        origin: item.data,
        outcome,
        status: finding.status,
        contentType: finding.contentType,
        etag: finding.etag,
        lastModified: finding.lastModified,
        sha256,
        documentId,
        error: finding.error,
      });
      if (finding.reviewEntries) recordReviewEntries(store, item.url, runId, finding.reviewEntries);
      if (outcome === 'new' || outcome === 'changed') progress[outcome]++;
    });
    if (finding.outcome === 'failed') progress.failed++;
    const incomplete = incompleteBecause(item.data, finding.outcome, finding.error);
    if (incomplete) markIncomplete(state, item.url, incomplete);
    const final = canonicalUrl(finding.finalUrl);
    if (final) seen.add(final);
    for (const link of fresh.values()) {
      seen.add(link.url);
      enqueue(link);
    }
  };

  const failure = (error: FetchError, data: RequestData): Finding => ({
    kind: data.expect === 'document' ? 'document' : 'other',
    outcome: 'failed',
    status: error.status,
    contentType: null,
    etag: null,
    lastModified: null,
    error: error.reason,
    links: [],
    finalUrl: error.subject,
  });

  const handle = async (item: Queued, origin: string): Promise<boolean> => {
    const state = sources.get(item.sourceId) as SourceState;
    const known = getManifestEntry(store, item.url);
    if (known?.lastRunId === runId && known.kind === 'document' && !/html/i.test(known.contentType ?? '')) {
      // Reached by the interrupted crawl this one finishes. (Pages, reports among them, are
      // read again: their links are this crawl's way to everything else.)
      progress.done++;
      return false;
    }
    const robots = await rulesFor(origin);
    if (robots.unreachable !== null) {
      markIncomplete(state, `${origin}/robots.txt`, `robots.txt unreachable (${robots.unreachable})`);
      commit(item, state, { ...skipped(item), error: 'robots.txt unreachable' });
      return false;
    }
    if (!robots.isAllowed(item.redirect?.to ?? item.url)) {
      // A start page we may not read cannot say what the source still publishes.
      if (item.data.isStart) markIncomplete(state, item.url, 'start page disallowed by robots.txt');
      commit(item, state, { ...skipped(item), error: 'disallowed by robots.txt' });
      return false;
    }
    progress.requests++;
    try {
      const context = { store, limits: limitsFor(state), scope: state.scope };
      const found = await visitUrl(context, item, known);
      if ('handOff' in found) {
        enqueue({ ...item, redirect: found.handOff }, item.attempt);
        return true;
      }
      commit(item, state, found);
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      if (error.retryable && item.attempt < settings.maxRetries) {
        const backoff = error.retryAfterMs ?? BACKOFF_BASE_MS * 2 ** item.attempt;
        const notBefore = Date.now() + Math.min(BACKOFF_MAX_MS, backoff);
        queues.add(origin, { ...item, attempt: item.attempt + 1 }, { front: true, notBefore });
        return true;
      }
      commit(item, state, failure(error, item.data));
    }
    progress.done++;
    options.onProgress?.(
      `crawl: ${progress.done} URLs done, ${queues.pending} queued, ${queues.busyHosts} hosts busy · ` +
        `${progress.new} new, ${progress.changed} changed, ${progress.failed} failed`,
    );
    return true;
  };

  const prepare = async (origin: string): Promise<number> => {
    const found = await rulesFor(origin);
    const host = hosts.get(origin) as { spacingMs: number; sourceId: string };
    if (found.note) sources.get(host.sourceId)?.notes.push(`${origin}: ${found.note}`);
    return Math.max(host.spacingMs, (found.crawlDelaySeconds ?? 0) * 1000);
  };

  const resumedFrom = resumeInterrupted(store, runId);
  for (const state of sources.values()) {
    for (const startUrl of state.source.startUrls) {
      const url = canonicalUrl(startUrl) as string;
      if (seen.has(url)) continue;
      seen.add(url);
      enqueue({
        url,
        sourceId: state.sourceId,
        data: { expect: 'page', isStart: true, referrer: null, linkText: null, linkContext: null, depth: 0 },
      });
    }
  }

  try {
    await drainHostQueues(queues, { concurrency: settings.maxConcurrency, prepare, handle });
  } finally {
    batch.flush();
  }

  const outcomes = runOutcomes(store, runId);
  const report: CrawlReport = {
    runId,
    startedAt,
    finishedAt: nowIso(),
    resumedFrom,
    requests: progress.requests,
    sources: [...sources.values()].map((state) => {
      const complete = state.incomplete.length === 0;
      const offline = settleSourceAfterCrawl(store, state.sourceId, runId, complete);
      return buildSourceReport({
        area: state.source.area,
        sourceId: state.sourceId,
        outcomes: outcomes.filter((o) => o.sourceId === state.sourceId),
        offline: documentRemovals(store, offline),
        notes: state.notes,
        incomplete: state.incomplete,
      });
    }),
  };
  finishCrawl(store, runId);
  return report;
}

/** Notes once per URL that the source's crawl is incomplete, and why. */
function markIncomplete(state: SourceState, url: string, reason: string): void {
  if (!state.incomplete.some((entry) => entry.url === url)) state.incomplete.push({ url, reason });
}

/** The finding for a URL that was not requested. */
function skipped(item: Queued): Finding {
  return {
    kind: 'other',
    outcome: 'skipped',
    status: null,
    contentType: null,
    etag: null,
    lastModified: null,
    error: null,
    links: [],
    finalUrl: item.url,
  };
}

/**
 * Takes over the crawl that was killed less than a day ago, if any: the URLs it reached
 * count as reached by this run, and its documents are not asked for again. Returns the
 * interrupted run's id, or null when this crawl starts afresh.
 */
function resumeInterrupted(store: Store, runId: number): number | null {
  const since = new Date(Date.now() - RESUME_WITHIN_MS).toISOString();
  const interrupted = findInterruptedCrawl(store, runId, since);
  startCrawl(store, runId);
  if (!interrupted) {
    closeInterruptedCrawls(store, runId);
    return null;
  }
  adoptInterruptedCrawl(store, interrupted.runId, runId);
  return interrupted.runId;
}

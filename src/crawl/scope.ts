import type { Source } from '../config/index.js';

/**
 * Query parameters that change how a page looks, not what it is (accessibility
 * toggles, search highlighting, translation opt-ins, trackers). Dropping them makes
 * `?contrast=1` and `?highlight=…` copies of a page one URL.
 */
const PRESENTATION_PARAMS =
  /^(contrast|highlight|opt-in-translate|utm_[a-z]+|fbclid|gclid|print|textsize|fontsize)$/i;

/**
 * The canonical form of a URL: no fragment, no presentation-only query parameters,
 * host lower-cased (URL does that), default port dropped. Null if it is not http(s).
 */
export function canonicalUrl(href: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // Setting a part of a URL serialises it again, and a page has many links: only the
  // parts present are cleared.
  const serialised = url.href;
  if (serialised.includes('#')) url.hash = '';
  // Most links have no query: leave URLSearchParams (and its re-encoding) out of those.
  if (url.search.length > 1) {
    for (const key of [...url.searchParams.keys()]) {
      if (PRESENTATION_PARAMS.test(key)) url.searchParams.delete(key);
    }
    url.search = url.searchParams.size === 0 ? '' : url.search;
  } else if (serialised.includes('?')) {
    url.search = '';
  }
  return url.href;
}

/**
 * The path and query of an absolute URL as `canonicalUrl` writes it (`/a/b`, `?id=9` or
 * ''), read from the string: the link rule asks this of every link on every page.
 */
export function pathAndQuery(url: string): { pathname: string; search: string } {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return { pathname: '/', search: '' };
  const hash = url.indexOf('#', start);
  const end = hash < 0 ? url.length : hash;
  const query = url.indexOf('?', start);
  if (query < 0 || query >= end) return { pathname: url.slice(start, end), search: '' };
  return { pathname: url.slice(start, query), search: end - query > 1 ? url.slice(query, end) : '' };
}

/** The crawl scope of one source: which URLs it may request. */
export interface SourceScope {
  allowedDomains: string[];
  include: RegExp[];
  exclude: RegExp[];
  maxDepth: number;
}

/**
 * The scope a source config describes. `allowedDomains` default to the start URLs'
 * hosts, a `www.` host standing for its whole domain: sites redirect between
 * `www.example.org` and `example.org` (and keep files on `docs.example.org`).
 */
export function scopeOf(source: Source, defaultMaxDepth: number): SourceScope {
  return {
    allowedDomains: source.allowedDomains ?? [
      ...new Set(source.startUrls.map((u) => new URL(u).host.replace(/^www\./, ''))),
    ],
    include: (source.include ?? []).map((pattern) => new RegExp(pattern, 'i')),
    exclude: (source.exclude ?? []).map((pattern) => new RegExp(pattern, 'i')),
    maxDepth: source.maxDepth ?? defaultMaxDepth,
  };
}

/**
 * Whether a URL is on one of the allowed hosts. A bare hostname matches itself and its
 * subdomains on any port; an entry with a port (`example.org:8080`) matches the same
 * hosts on that port only, so the `www.` host a default entry was made from
 * (`www.example.org:8080` → `example.org:8080`) stays in scope.
 */
export function isAllowedHost(url: string, allowedDomains: readonly string[]): boolean {
  const { hostname, port, protocol } = new URL(url);
  const effectivePort = port || (protocol === 'https:' ? '443' : '80');
  return allowedDomains.some((domain) => {
    const entry = /^(.+?)(?::(\d+))?$/.exec(domain.toLowerCase());
    const name = entry?.[1] ?? '';
    if (entry?.[2] !== undefined && entry[2] !== effectivePort) return false;
    return hostname === name || hostname.endsWith(`.${name}`);
  });
}

/** Why a URL is out of scope, or null when the crawl may request it. */
export function outOfScope(url: string, depth: number, scope: SourceScope): string | null {
  if (!isAllowedHost(url, scope.allowedDomains)) return 'another domain';
  if (depth > scope.maxDepth) return `deeper than maxDepth ${scope.maxDepth}`;
  if (scope.exclude.some((re) => re.test(url))) return 'matches an exclude pattern';
  if (scope.include.length > 0 && depth > 0 && !scope.include.some((re) => re.test(url))) {
    return 'matches no include pattern';
  }
  return null;
}

import { setTimeout as sleep } from 'node:timers/promises';
import robotsParserModule from 'robots-parser';
import type { FetchedResponse, FetchLimits } from './http.js';
import { FetchError, fetchUrl } from './http.js';

// robots-parser is CommonJS with `export =`; under NodeNext its default import is the module object.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** The robots.txt rules of one origin, for our User-Agent. */
export interface OriginRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay in seconds, or null when robots.txt sets none. */
  crawlDelaySeconds: number | null;
  /** A note for the report when robots.txt could not be read as usual but the crawl may go on. */
  note: string | null;
  /**
   * Why robots.txt could not be read (a 5xx or 429 answer, a network error or a timeout),
   * or null. Then nothing on the origin is requested this run, and the crawl of every
   * source with URLs there is incomplete.
   */
  unreachable: string | null;
}

/** Wait before asking again for a robots.txt that failed with a 5xx or a network error. */
const ROBOTS_RETRY_MS = 1000;
/** The part of a robots.txt that is parsed; RFC 9309 §2.5 asks crawlers to parse at least 500 KiB. */
const ROBOTS_MAX_BYTES = 500 * 1024;

const ALLOW_ALL = { isAllowed: () => true, crawlDelaySeconds: null, note: null, unreachable: null };

/**
 * Fetches and parses an origin's robots.txt (RFC 9309). A 4xx answer means the file is
 * unavailable: no rules (§2.3.1.3). So does a redirect that cannot be followed (a loop,
 * too many, §2.3.1.2), with a note. A 5xx or 429 answer or a network failure, asked
 * twice, means the origin is unreachable: nothing on it may be requested this run
 * (§2.3.1.4). Only the first 500 KiB of a longer file are parsed (§2.5).
 */
export async function fetchOriginRules(
  origin: string,
  productToken: string,
  limits: FetchLimits,
): Promise<OriginRules> {
  const url = `${origin}/robots.txt`;
  const robotsLimits = { ...limits, maxBytes: ROBOTS_MAX_BYTES, truncateAtMaxBytes: true };
  let response: FetchedResponse;
  try {
    response = await fetchUrl(url, robotsLimits).catch(async (error: unknown) => {
      if (!(error instanceof FetchError) || !error.retryable) throw error;
      await sleep(ROBOTS_RETRY_MS);
      return fetchUrl(url, robotsLimits);
    });
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    if (error.retryable) {
      return { isAllowed: () => false, crawlDelaySeconds: null, note: null, unreachable: error.reason };
    }
    return { ...ALLOW_ALL, note: `robots.txt unavailable (${error.reason}), so no rules apply` };
  }
  if (response.status >= 400) return ALLOW_ALL;
  const robots = robotsParser(url, parsedPart(response.body));
  const delay = robots.getCrawlDelay(productToken);
  return {
    isAllowed: (target) => robots.isAllowed(target, productToken) !== false,
    crawlDelaySeconds: typeof delay === 'number' && delay > 0 ? delay : null,
    note: null,
    unreachable: null,
  };
}

/** The text to parse: a file cut at the size limit loses its last, partial line. */
function parsedPart(body: Buffer): string {
  if (body.byteLength < ROBOTS_MAX_BYTES) return body.toString('utf8');
  const lastLineEnd = body.lastIndexOf(0x0a);
  return body.subarray(0, lastLineEnd < 0 ? 0 : lastLineEnd + 1).toString('utf8');
}

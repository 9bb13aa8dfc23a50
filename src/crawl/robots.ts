import { setTimeout as sleep } from 'node:timers/promises';
import robotsParserModule from 'robots-parser';
import type { FetchLimits } from './http.js';
import { FetchError, fetchUrl } from './http.js';

// robots-parser is CommonJS with `export =`; under NodeNext its default import is the module object.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** The robots.txt rules of one origin, for our User-Agent. */
export interface OriginRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay in seconds, or null when robots.txt sets none. */
  crawlDelaySeconds: number | null;
  /** A note for the report when robots.txt could not be read as usual. */
  note: string | null;
}

/** Wait before asking again for a robots.txt that failed with a 5xx or a network error. */
const ROBOTS_RETRY_MS = 1000;

/**
 * Fetches and parses an origin's robots.txt (RFC 9309): a 4xx answer means no rules;
 * a 5xx or network failure, asked twice, means the whole origin is treated as
 * disallowed for this run, as the RFC asks, and the note says so.
 */
export async function fetchOriginRules(
  origin: string,
  productToken: string,
  limits: FetchLimits,
): Promise<OriginRules> {
  const url = `${origin}/robots.txt`;
  try {
    const response = await fetchUrl(url, { ...limits, maxBytes: 512 * 1024 }).catch(
      async (error: unknown) => {
        if (!(error instanceof FetchError) || !error.retryable) throw error;
        await sleep(ROBOTS_RETRY_MS);
        return fetchUrl(url, { ...limits, maxBytes: 512 * 1024 });
      },
    );
    if (response.status >= 400) return { isAllowed: () => true, crawlDelaySeconds: null, note: null };
    const robots = robotsParser(url, response.body.toString('utf8'));
    const delay = robots.getCrawlDelay(productToken);
    return {
      isAllowed: (target) => robots.isAllowed(target, productToken) !== false,
      crawlDelaySeconds: typeof delay === 'number' && delay > 0 ? delay : null,
      note: null,
    };
  } catch (error) {
    const reason = error instanceof FetchError ? error.message : String(error);
    return {
      isAllowed: () => false,
      crawlDelaySeconds: null,
      note: `robots.txt unreachable, origin skipped (${reason})`,
    };
  }
}

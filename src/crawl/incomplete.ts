import type { UrlOutcome } from '../index/index.js';

/**
 * Why a URL's outcome leaves its source's crawl incomplete, or null when it does not.
 * A page that could not be read (a start page, a further page of a listing, a review's
 * own page) may have linked documents this run never reached; a start page that is
 * gone (404, 410) cannot say what the source still publishes. While a source's crawl
 * is incomplete, a document not reached is not judged gone.
 */
export function incompleteBecause(
  request: { expect: 'page' | 'document'; isStart: boolean },
  outcome: UrlOutcome,
  error: string | null,
): string | null {
  if (request.isStart && outcome === 'gone') return `start page gone (${error ?? 'gone'})`;
  if (request.expect === 'page' && outcome === 'failed') return `page not read (${error ?? 'failed'})`;
  return null;
}

import type { Dispatcher } from 'undici';
import { request } from 'undici';
import { DocumentError } from '../errors.js';

/** Limits on one request. */
export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /**
   * Keep the first `maxBytes` of a longer body instead of failing (robots.txt: RFC 9309
   * §2.5 lets a crawler parse only the first 500 KiB). Default false.
   */
  truncateAtMaxBytes?: boolean;
  /** Called for every redirect target; resolves with a reason to refuse it, or null. */
  refuseRedirect(url: string): string | null | Promise<string | null>;
  /**
   * Leave a redirect to another origin to the caller (see `FetchedResponse.handOff`), so
   * that its request waits its turn with that origin's other requests. Default false.
   */
  handOffAcrossOrigins?: boolean;
}

/** A redirect to another origin that `fetchUrl` left to its caller. */
export interface RedirectHandOff {
  /** Where the redirect leads. */
  to: string;
  /** The URLs requested so far, first the one asked for: `fetchUrl`'s `via` when `to` is requested. */
  via: string[];
}

/** A response with its whole body. */
export interface FetchedResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  /** A response header (the first, when sent twice), or null. */
  header(name: string): string | null;
  body: Buffer;
  /** A redirect to another origin left to the caller (then `status` is the redirect's, `body` empty), or null. */
  handOff: RedirectHandOff | null;
}

/**
 * A request that failed. `retryable` says whether trying again may help (network
 * errors, timeouts, 5xx, 429) or not (a redirect loop, a body over the size limit).
 */
export class FetchError extends DocumentError {
  override name = 'FetchError';
  readonly retryable: boolean;
  readonly status: number | null;
  /** How long the server asked us to wait (Retry-After), in ms; null when it did not say. */
  readonly retryAfterMs: number | null;

  constructor(
    url: string,
    message: string,
    options: { retryable: boolean; status?: number; retryAfterMs?: number | null; cause?: unknown },
  ) {
    super(url, message, { cause: options.cause });
    this.retryable = options.retryable;
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/**
 * GETs a URL with our User-Agent, following at most `maxRedirects` redirects (each
 * checked by `refuseRedirect`; `via` are the URLs a handed-off redirect came through,
 * and errors name the first of them), within `timeoutMs` for headers and body together,
 * and reading at most `maxBytes`. Statuses below 500 other than 429 are returned,
 * not thrown: 304, 404 and 410 mean something to the crawl. Uses undici's `request`,
 * which costs a crawl on two cores far less than WHATWG `fetch` on top of it.
 */
export async function fetchUrl(
  url: string,
  limits: FetchLimits,
  headers: Record<string, string> = {},
  via: readonly string[] = [],
): Promise<FetchedResponse> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const subject = via[0] ?? url;
  const seen = new Set<string>([...via, url]);
  let current = url;
  for (let hop = via.length; ; hop++) {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(current, {
        method: 'GET',
        headers: { 'user-agent': limits.userAgent, accept: '*/*', ...headers },
        signal,
      });
    } catch (error) {
      throw networkError(subject, error, signal, limits.timeoutMs);
    }
    const header = (name: string): string | null => {
      const value = response.headers[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    };
    const status = response.statusCode;
    if (status >= 300 && status < 400 && status !== 304) {
      await response.body.dump();
      const location = header('location');
      if (!location)
        throw new FetchError(subject, `redirect ${status} without a Location`, { retryable: false });
      const next = URL.canParse(location, current) ? new URL(location, current).toString() : null;
      if (next === null)
        throw new FetchError(
          subject,
          `redirect ${status} to an invalid Location "${location.slice(0, 200)}"`,
          {
            retryable: false,
          },
        );
      if (seen.has(next))
        throw new FetchError(subject, `redirect loop (back to ${next})`, { retryable: false });
      if (hop + 1 > limits.maxRedirects) {
        throw new FetchError(subject, `more than ${limits.maxRedirects} redirects`, { retryable: false });
      }
      const refusal = await limits.refuseRedirect(next);
      if (refusal) throw new FetchError(subject, `redirected to ${next}, ${refusal}`, { retryable: false });
      if (limits.handOffAcrossOrigins && new URL(next).origin !== new URL(current).origin) {
        const handOff = { to: next, via: [...seen] };
        return { url: current, status, header, body: Buffer.alloc(0), handOff };
      }
      seen.add(next);
      current = next;
      continue;
    }
    if (status >= 500 || status === 429) {
      await response.body.dump();
      throw new FetchError(subject, `server answered ${status}`, {
        retryable: true,
        status,
        retryAfterMs: retryAfterMs(header('retry-after')),
      });
    }
    const body = await readBody(subject, response, header('content-length'), signal, limits);
    return { url: current, status, header, body, handOff: null };
  }
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms; null if absent or unreadable. */
function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

async function readBody(
  url: string,
  response: Dispatcher.ResponseData,
  contentLength: string | null,
  signal: AbortSignal,
  limits: FetchLimits,
): Promise<Buffer> {
  const declared = Number(contentLength ?? Number.NaN);
  if (declared > limits.maxBytes && !limits.truncateAtMaxBytes) {
    response.body.destroy();
    throw new FetchError(url, `body of ${declared} bytes is over the ${limits.maxBytes}-byte limit`, {
      retryable: false,
    });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      if (total + chunk.byteLength > limits.maxBytes && limits.truncateAtMaxBytes) {
        chunks.push(chunk.subarray(0, limits.maxBytes - total));
        total = limits.maxBytes;
        response.body.destroy();
        break;
      }
      total += chunk.byteLength;
      if (total > limits.maxBytes) {
        response.body.destroy();
        throw new FetchError(url, `body over the ${limits.maxBytes}-byte limit`, { retryable: false });
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw networkError(url, error, signal, limits.timeoutMs);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

function networkError(url: string, error: unknown, signal: AbortSignal, timeoutMs: number): FetchError {
  if (signal.aborted) {
    return new FetchError(url, `no complete answer within ${timeoutMs} ms`, {
      retryable: true,
      cause: error,
    });
  }
  const { code, message, cause } = error as { code?: string; message?: string; cause?: { code?: string } };
  const detail = cause?.code ?? code ?? message ?? String(error);
  return new FetchError(url, `network error (${detail})`, { retryable: true, cause: error });
}

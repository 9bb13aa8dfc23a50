import { DocumentError } from '../errors.js';

/** Limits on one request. */
export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Called for every redirect target; return a reason to refuse it, or null. */
  refuseRedirect(url: string): string | null;
}

/** A response with its whole body. */
export interface FetchedResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  body: Buffer;
}

/**
 * A request that failed. `retryable` says whether trying again may help (network
 * errors, timeouts, 5xx, 429) or not (a redirect loop, a body over the size limit).
 */
export class FetchError extends DocumentError {
  override name = 'FetchError';
  readonly retryable: boolean;
  readonly status: number | null;

  constructor(
    url: string,
    message: string,
    options: { retryable: boolean; status?: number; cause?: unknown },
  ) {
    super(url, message, { cause: options.cause });
    this.retryable = options.retryable;
    this.status = options.status ?? null;
  }
}

/**
 * GETs a URL with our User-Agent, following at most `maxRedirects` redirects (each
 * checked by `refuseRedirect`), within `timeoutMs` for headers and body together,
 * and reading at most `maxBytes`. Statuses below 500 other than 429 are returned,
 * not thrown: 304, 404 and 410 mean something to the crawl.
 */
export async function fetchUrl(
  url: string,
  limits: FetchLimits,
  headers: Record<string, string> = {},
): Promise<FetchedResponse> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const seen = new Set<string>([url]);
  let current = url;
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(current, {
        headers: { 'user-agent': limits.userAgent, accept: '*/*', ...headers },
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      throw networkError(url, error, limits.timeoutMs);
    }
    if (response.status >= 300 && response.status < 400 && response.status !== 304) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location)
        throw new FetchError(url, `redirect ${response.status} without a Location`, { retryable: false });
      const next = new URL(location, current).toString();
      if (seen.has(next)) throw new FetchError(url, `redirect loop (back to ${next})`, { retryable: false });
      if (hop + 1 > limits.maxRedirects) {
        throw new FetchError(url, `more than ${limits.maxRedirects} redirects`, { retryable: false });
      }
      const refusal = limits.refuseRedirect(next);
      if (refusal) throw new FetchError(url, `redirected to ${next}, ${refusal}`, { retryable: false });
      seen.add(next);
      current = next;
      continue;
    }
    if (response.status >= 500 || response.status === 429) {
      await response.body?.cancel();
      throw new FetchError(url, `server answered ${response.status}`, {
        retryable: true,
        status: response.status,
      });
    }
    const body = await readBody(url, response, limits);
    return { url: current, status: response.status, headers: response.headers, body };
  }
}

async function readBody(url: string, response: Response, limits: FetchLimits): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limits.maxBytes) {
    await response.body?.cancel();
    throw new FetchError(url, `body of ${declared} bytes is over the ${limits.maxBytes}-byte limit`, {
      retryable: false,
    });
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > limits.maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new FetchError(url, `body over the ${limits.maxBytes}-byte limit`, { retryable: false });
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw networkError(url, error, limits.timeoutMs);
  }
  return Buffer.concat(chunks, total);
}

function networkError(url: string, error: unknown, timeoutMs: number): FetchError {
  const name = (error as Error | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new FetchError(url, `no complete answer within ${timeoutMs} ms`, {
      retryable: true,
      cause: error,
    });
  }
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error).message;
  return new FetchError(url, `network error (${detail})`, { retryable: true, cause: error });
}

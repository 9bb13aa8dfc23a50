import { z } from 'zod';

/** A URL with an http or https scheme (`z.url()` alone accepts `javascript:`). */
const HttpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** The nations a source can belong to. */
export const Nation = z.enum(['England', 'Wales', 'Scotland', 'Northern Ireland']);
export type Nation = z.infer<typeof Nation>;

/** One safeguarding partnership (or local authority) whose case-review pages we crawl. */
export const Source = z.strictObject({
  /** The local authority or partnership as users name it, e.g. "Barnsley". One source per area. */
  area: z.string().trim().min(1),
  nation: Nation,
  /** Optional English region, e.g. "Yorkshire and the Humber". */
  region: z.string().trim().min(1).optional(),
  /** Pages that list or link to the area's case reviews. */
  startUrls: z.array(HttpUrl).min(1),
  /**
   * Hosts the crawl may fetch from: a hostname (`example.org`, which also admits its
   * subdomains) or `host:port`. Default: the hosts of `startUrls` (a `www.` host stands
   * for its whole domain).
   */
  allowedDomains: z.array(z.string().trim().min(1)).optional(),
  /** Regular expressions; when given, a followed link's URL must match one of them. */
  include: z.array(z.string().min(1)).optional(),
  /** Regular expressions; a URL matching any of them is never requested. */
  exclude: z.array(z.string().min(1)).optional(),
  /** How many links away from a start URL the crawl may go. Default from `crawl.maxDepth`. */
  maxDepth: z.number().int().min(0).max(10).optional(),
  /** Requests per minute to each host of this source. Default from `crawl.maxRequestsPerMinute`. */
  maxRequestsPerMinute: z.number().positive().optional(),
});
export type Source = z.infer<typeof Source>;

/** Crawl-wide settings, all with defaults. */
export const CrawlSettings = z.strictObject({
  /** Put into the User-Agent so site owners can reach us. */
  contactUrl: HttpUrl.default('https://github.com/casereviews/casereviews'),
  /** Requests per minute to one origin (scheme, host and port). Default 60: one a second. */
  maxRequestsPerMinute: z.number().positive().default(60),
  /** Requests in flight across all origins. */
  maxConcurrency: z.number().int().positive().default(8),
  /** Time limit for one request, headers and body, in milliseconds. */
  requestTimeoutMs: z.number().int().positive().default(30_000),
  /** Largest response body accepted, in bytes. Default 100 MiB. */
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(100 * 1024 * 1024),
  /** Redirects followed for one request before it fails. */
  maxRedirects: z.number().int().min(0).default(5),
  /** Retries of a request that failed with a 5xx status or a network error. */
  maxRetries: z.number().int().min(0).default(3),
  /** Default link depth from a start URL. */
  maxDepth: z.number().int().min(0).max(10).default(3),
});
export type CrawlSettings = z.infer<typeof CrawlSettings>;

/** The whole of `config/sources.yaml`. */
export const SourcesConfig = z
  .strictObject({
    crawl: CrawlSettings.default(() => CrawlSettings.parse({})),
    sources: z.array(Source),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.sources.forEach((source, i) => {
      const key = source.area.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'area'],
          message: `duplicate area "${source.area}" (also sources[${first}]): list all its start URLs under one source`,
        });
      } else {
        seen.set(key, i);
      }
      for (const [j, pattern] of [...(source.include ?? []), ...(source.exclude ?? [])].entries()) {
        try {
          new RegExp(pattern);
        } catch {
          const field = j < (source.include?.length ?? 0) ? 'include' : 'exclude';
          const k = field === 'include' ? j : j - (source.include?.length ?? 0);
          ctx.addIssue({
            code: 'custom',
            path: ['sources', i, field, k],
            message: `expected a regular expression, got ${JSON.stringify(pattern)}`,
          });
        }
      }
    });
  });
export type SourcesConfig = z.infer<typeof SourcesConfig>;

/** A stable id for a source, derived from its area: "Kingston and Richmond" → "kingston-and-richmond". */
export function sourceIdOf(area: string): string {
  return area
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

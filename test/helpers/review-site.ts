import { onTestFinished } from 'vitest';
import type { SiteServer } from '../../fixtures/web/server.js';
import { listenSite, storeResponse } from '../../fixtures/web/server.js';
import { writeSourcesConfig } from './crawl-config.js';

/** A document the site links to from its case-reviews page. */
export interface SiteDocument {
  /** Path on the site, e.g. `/reviews/child-a.pdf`. */
  path: string;
  /** The words of the link on the case-reviews page. */
  linkText: string;
  body: Buffer;
  /** The Content-Type header it is served with. */
  contentType: string;
}

/** A partnership's site on 127.0.0.1: one case-reviews page linking to the documents it serves now. */
export interface ReviewSite {
  origin: string;
  /** The sources.yaml that points a crawl at it. */
  configFile: string;
  /** Serves these documents (and a case-reviews page linking to them) from now on. */
  serve(documents: readonly SiteDocument[]): void;
}

const LAST_MODIFIED = new Date('2024-06-03T09:00:00Z');

/** Starts a one-partnership site for `area`, closed when the test ends, and writes its sources.yaml into `dir`. */
export async function startReviewSite(dir: string, area = 'Ashcombe'): Promise<ReviewSite> {
  const server: SiteServer = await listenSite('127.0.0.1');
  onTestFinished(() => server.close());
  const serve = (documents: readonly SiteDocument[]) => {
    const links = documents.map((d) => `<li><a href="${d.path}">${d.linkText}</a></li>`).join('\n');
    const page =
      '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Case reviews</title></head>' +
      `<body><main><h1>Safeguarding practice reviews</h1><ul>${links}</ul></main></body></html>`;
    server.setRoutes({
      pages: new Map([
        ['/case-reviews/', storeResponse(Buffer.from(page), 'text/html; charset=utf-8', LAST_MODIFIED)],
      ]),
      documents: new Map(documents.map((d) => [d.path, storeResponse(d.body, d.contentType, LAST_MODIFIED)])),
      redirects: {},
      robots: storeResponse(Buffer.from('User-agent: *\nAllow: /\n'), 'text/plain', LAST_MODIFIED),
    });
  };
  serve([]);
  const sourcesYaml =
    `sources:\n  - area: ${area}\n    nation: England\n    startUrls:\n` +
    `      - ${server.origin}/case-reviews/\n`;
  const configFile = writeSourcesConfig(dir, sourcesYaml, { maxRequestsPerMinute: 6000 });
  return { origin: server.origin, configFile, serve };
}

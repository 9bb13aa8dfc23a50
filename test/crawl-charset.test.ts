import { describe, expect, it, onTestFinished } from 'vitest';
import { listenSite, storeResponse } from '../fixtures/web/server.js';
import { openStore } from '../src/index/index.js';
import { writeSourcesConfig } from './helpers/crawl-config.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

const MODIFIED = new Date('2024-06-03T09:00:00Z');

/** Windows-1252 bytes of a string (its curly quotes and dashes are single bytes 0x91–0x97). */
function windows1252(text: string): Buffer {
  const high = new Map([...'‘’“”–—'].map((c, i) => [c, [0x91, 0x92, 0x93, 0x94, 0x96, 0x97][i] as number]));
  return Buffer.from([...text].map((c) => high.get(c) ?? c.charCodeAt(0)));
}

describe('listing pages in older encodings', () => {
  it('reads link text of a windows-1252 page whose charset only its HTTP header names', async () => {
    const site = await listenSite('127.0.0.1');
    onTestFinished(() => site.close());
    const page = windows1252(
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Case reviews</title></head><body>' +
        '<h1>Case reviews</h1><ul><li><a href="/docs/child-e.pdf">‘Child E’ – Overview Report (£ and é)</a></li></ul>' +
        '</body></html>',
    );
    site.setRoutes({
      pages: new Map([['/case-reviews/', storeResponse(page, 'text/html; charset=windows-1252', MODIFIED)]]),
      documents: new Map([
        ['/docs/child-e.pdf', storeResponse(Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf', MODIFIED)],
      ]),
      redirects: {},
      robots: storeResponse(Buffer.from('User-agent: *\nAllow: /\n'), 'text/plain', MODIFIED),
    });
    const dir = tempDir();
    const config = writeSourcesConfig(
      dir,
      `sources:\n  - area: Ashcombe\n    nation: England\n    startUrls:\n      - ${site.origin}/case-reviews/\n`,
      { maxRequestsPerMinute: 6000 },
    );
    const result = await runCli(['crawl', '--config', config, '--data', dir]);
    expect(result.stderr).toMatch(/^Ashcombe\s+1\s+1\s/m);
    const store = openStore(dir, { readonly: true });
    try {
      const row = store.db
        .prepare('SELECT link_text AS text FROM urls WHERE url = ?')
        .get(`${site.origin}/docs/child-e.pdf`);
      expect(row).toEqual({ text: '‘Child E’ – Overview Report (£ and é)' });
    } finally {
      store.close();
    }
  });
});

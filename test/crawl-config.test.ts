import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSourcesConfig, packageConfigDir } from '../src/config/index.js';
import { scopeOf } from '../src/crawl/index.js';

const FILE = join(packageConfigDir, 'sources.yaml');

/** England's regions as the Office for National Statistics names them. */
const REGIONS = [
  'North East',
  'North West',
  'Yorkshire and the Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
];

// The real sources are validated, never crawled: tests use the fixture web.
describe('config/sources.yaml', () => {
  it('lists at least 40 English partnerships, each with its region and case-review pages', async () => {
    const config = await loadSourcesConfig(FILE);
    expect(config.sources.length).toBeGreaterThanOrEqual(40);
    for (const source of config.sources) {
      expect(source.nation, source.area).toBe('England');
      expect(REGIONS, source.area).toContain(source.region);
      expect(source.startUrls.length, source.area).toBeGreaterThan(0);
      for (const url of source.startUrls) {
        const { hostname } = new URL(url);
        expect(hostname, url).not.toMatch(/^(127\.|localhost$|\[?::1)/);
      }
      // The crawl stays on the hosts the start pages are on, or the ones the source names.
      expect(scopeOf(source, config.crawl.maxDepth).allowedDomains.length, source.area).toBeGreaterThan(0);
    }
  });

  it('crawls politely: at most one request a second per host, with a contact URL', async () => {
    const config = await loadSourcesConfig(FILE);
    expect(config.crawl.maxRequestsPerMinute).toBeLessThanOrEqual(60);
    expect(config.crawl.contactUrl).toMatch(/^https:\/\//);
  });

  it('says in a comment that the build machines cannot reach these pages', () => {
    expect(readFileSync(FILE, 'utf8')).toMatch(/^# .*NOT reachable from the build machines/m);
  });
});

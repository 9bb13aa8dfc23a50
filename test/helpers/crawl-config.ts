import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import type { CrawlReport } from '../../src/crawl/index.js';

/** Writes `sources.yaml` in `dir` from a web's sources and crawl settings; returns its path. */
export function writeSourcesConfig(
  dir: string,
  sourcesYaml: string,
  crawl: Record<string, unknown>,
  pick: (area: string) => boolean = () => true,
): string {
  const { sources } = parseYaml(sourcesYaml) as { sources: { area: string }[] };
  const file = join(dir, 'sources.yaml');
  writeFileSync(file, stringify({ crawl, sources: sources.filter((source) => pick(source.area)) }));
  return file;
}

/** The crawl report a command wrote to the data directory (`reports/<command>-<run>.json`). */
export function readCrawlReport(dataDir: string, command: 'crawl' | 'run', runId: number): CrawlReport {
  const file = join(dataDir, 'reports', `${command}-${String(runId).padStart(5, '0')}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { crawl: CrawlReport }).crawl;
}

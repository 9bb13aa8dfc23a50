import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { startFixtureWeb } from '../../fixtures/web/index.js';
import { loadThemesConfig, SourcesConfig } from '../config/index.js';
import type { StageOutput } from '../pipeline.js';
import { runHasFailures, runPipeline, withStore } from '../pipeline.js';
import type { CliIo } from './main.js';

/** Example searches the demo suggests: what a researcher would type first (quoted for a shell). */
const EXAMPLES = [
  `'"disguised compliance"'`,
  'neglet',
  `'"Child J"'`,
  'co-sleeping --year 2018..2024',
  '--theme domestic-abuse --section learning',
];

/**
 * The demo: serves the bundled fixture web of partnership sites on 127.0.0.1, runs
 * the whole pipeline on it into a data directory, prints what it found and searches
 * to try, then stops the sites. The data directory stays for `search` and `export`.
 */
export async function runDemo(options: {
  dataDir: string | null;
  io: CliIo;
  out: StageOutput;
}): Promise<number> {
  const { out } = options;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'casereviews-demo-'));
  out.message('demo: starting the fixture partnership sites on 127.0.0.1 …');
  const web = await startFixtureWeb();
  try {
    // Local sites: no need to space requests a second apart.
    const config = SourcesConfig.parse({
      crawl: {
        maxRequestsPerMinute: 6000,
        maxConcurrency: 8,
        contactUrl: 'https://github.com/casereviews/casereviews',
      },
      ...(parseYaml(web.sourcesYaml) as object),
    });
    out.message(`demo: ${config.sources.length} sites: ${config.sources.map((s) => s.area).join(', ')}`);
    const themes = await loadThemesConfig();
    const report = await withStore(dataDir, 'run', (store, runId) =>
      runPipeline(store, runId, { config, themes, backend: 'sqlite', env: options.io.env }, out),
    );
    const q = (args: string) => `  npx casereviews search ${args} --data ${dataDir}`;
    out.message(
      [
        '',
        `demo: done. The data directory is ${dataDir}`,
        'Try:',
        ...EXAMPLES.map(q),
        `  npx casereviews export --format md --theme neglect --data ${dataDir}`,
        `  npx casereviews export --format jsonl --data ${dataDir} > reviews.jsonl`,
      ].join('\n'),
    );
    return runHasFailures(report) ? 1 : 0;
  } finally {
    await web.close();
  }
}

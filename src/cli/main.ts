import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { loadSourcesConfig, loadThemesConfig, THEME_IDS } from '../config/index.js';
import { ConfigError, LockError, UsageError } from '../errors.js';
import type { ExportFormat } from '../export/index.js';
import { EXPORT_FORMATS, exportReviews } from '../export/index.js';
import type { SearchBackend, Store } from '../index/index.js';
import {
  BACKEND_NAMES,
  chooseBackend,
  openBackend,
  openStore,
  SearchQuery,
  SQLITE_INDEX_FILE,
  STORE_FILE,
  taggedReviewCount,
  themesTogether,
  themeYearCounts,
} from '../index/index.js';
import { packageVersion } from '../package-info.js';
import { formatRelatedAnswer, formatSearchAnswer } from './render-search.js';
import { formatThemesAnswer, themesAnswer } from './render-themes.js';
import type { SearchFlags } from './search-flags.js';
import { parseCount, searchQueryFromFlags } from './search-flags.js';
import { stageOutput } from './stage-output.js';

/** The streams and environment a CLI run uses (the process's, or a test's). */
export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

// The stages load PDF readers, worker pools, HTTP clients and the fixture web: each command
// loads only what it runs, so `search` answers without waiting for the crawler to load.
const loadPipeline = () => import('../pipeline.js');

/**
 * Runs the CLI on `argv` (without node and script) and returns the exit status:
 * 0 success; 1 the run finished but some documents failed (listed); 2 bad usage or
 * configuration, with a message naming the flag, file or field. Data goes to stdout,
 * everything else to stderr.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let status = 0;
  const out = stageOutput(io.stderr);
  const dataDirOf = (flags: { data: string }) => resolve(io.cwd, flags.data);
  const program = new Command('casereviews')
    .description('Crawl, archive, extract, theme-tag and search published child safeguarding case reviews.')
    .version(packageVersion)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError('(add --help for usage)');

  const dataOption = ['--data <dir>', 'data directory (store, archive, index)', './data'] as const;

  program
    .command('run')
    .description('crawl → extract → tag → index, incrementally')
    .requiredOption('--config <file>', 'sources file (see config/sources.yaml)')
    .option(...dataOption)
    .option('--backend <name>', `search backend: ${BACKEND_NAMES.join(' | ')}`)
    .action(async (flags: { config: string; data: string; backend?: string }) => {
      const config = await loadSourcesConfig(resolve(io.cwd, flags.config));
      const themes = await loadThemesConfig();
      const backend = chooseBackend(flags.backend, io.env);
      const { runPipeline, runHasFailures, withStore } = await loadPipeline();
      const report = await withStore(dataDirOf(flags), 'run', (store, runId) =>
        runPipeline(store, runId, { config, themes, backend, env: io.env }, out),
      );
      status = runHasFailures(report) ? 1 : 0;
    });

  program
    .command('crawl')
    .description('crawl the configured sources and archive what they publish')
    .requiredOption('--config <file>', 'sources file (see config/sources.yaml)')
    .option(...dataOption)
    .action(async (flags: { config: string; data: string }) => {
      const config = await loadSourcesConfig(resolve(io.cwd, flags.config));
      const { crawlStage, runHasFailures, withStore } = await loadPipeline();
      const report = await withStore(dataDirOf(flags), 'crawl', async (store, runId) => ({
        crawl: await crawlStage(store, runId, config, out),
      }));
      status = runHasFailures(report) ? 1 : 0;
    });

  program
    .command('extract')
    .description('extract text, sections and metadata from new documents, and tag their themes')
    .option(...dataOption)
    .option(
      '--retry-failed',
      'also try again documents that failed or had no text, though neither they nor the extractor changed',
    )
    .action(async (flags: { data: string; retryFailed?: boolean }) => {
      const themes = await loadThemesConfig();
      const { extractStage, runHasFailures, withStore } = await loadPipeline();
      const report = await withStore(dataDirOf(flags), 'extract', async (store) =>
        extractStage(store, themes, out, { retryFailed: flags.retryFailed === true }),
      );
      status = runHasFailures(report) ? 1 : 0;
    });

  program
    .command('index')
    .description('bring the search index up to date with the store')
    .option(...dataOption)
    .option('--backend <name>', `search backend: ${BACKEND_NAMES.join(' | ')}`)
    .option('--rebuild', 'rebuild the whole index and swap it in, even if it is up to date')
    .action(async (flags: { data: string; backend?: string; rebuild?: boolean }) => {
      const backend = chooseBackend(flags.backend, io.env);
      const { indexStage, withStore } = await loadPipeline();
      await withStore(dataDirOf(flags), 'index', async (store) => ({
        index: await indexStage(store, backend, out, { rebuild: flags.rebuild ?? false, env: io.env }),
      }));
    });

  program
    .command('search')
    .description('search the reviews (words, "quoted phrases"; filters narrow)')
    .argument('[query...]', 'words and "phrases"; empty lists reviews by the filters')
    .option(...dataOption)
    .option('--theme <id>', 'only reviews with this theme (repeatable: all must hold)', collect, [])
    .option('--area <name>', 'only this area (repeatable)', collect, [])
    .option('--nation <name>', 'only this nation (repeatable)', collect, [])
    .option('--region <name>', 'only this region (repeatable)', collect, [])
    .option('--type <type>', 'only this review type, e.g. lcspr, scr (repeatable)', collect, [])
    .option('--kind <kind>', 'only this document kind, e.g. full-report (repeatable)', collect, [])
    .option('--year <range>', 'publication year or range: 2021, 2019..2024, 2019.., ..2024')
    .option('--section <name>', 'only passages from this section, e.g. learning (repeatable)', collect, [])
    .option('--online', 'only documents still online')
    .option('--offline', 'only documents no longer online (archived copies)')
    .option('--passages', 'one result per passage instead of per review')
    .option('--prefix', 'treat the last word as the start of a word, as when typing ("negl" finds neglect)')
    .option('--sort <order>', 'relevance | year', 'relevance')
    .option('--limit <n>', 'results per page', '20')
    .option('--offset <n>', 'results to skip', '0')
    .option('--backend <name>', `search backend: ${BACKEND_NAMES.join(' | ')}`)
    .option('--json', 'print the search answer as JSON')
    .action(
      async (words: string[], flags: SearchFlags & { data: string; backend?: string; json?: boolean }) => {
        // The stable ids answer most --theme checks; themes.yaml (which may add ids) is read only otherwise.
        const known = flags.theme.every((id) => (THEME_IDS as readonly string[]).includes(id));
        const themeIds = known ? THEME_IDS : (await loadThemesConfig()).themes.map((theme) => theme.id);
        const query = SearchQuery.parse(searchQueryFromFlags(words.join(' '), flags, themeIds));
        const backend = openSearchBackend(dataDirOf(flags), flags.backend, io.env);
        try {
          const answer = await backend.search(query);
          io.stdout.write(
            flags.json
              ? `${JSON.stringify(answer)}\n`
              : formatSearchAnswer(answer, {
                  color: io.stdout.isTTY === true,
                  offset: query.offset,
                  passages: query.passages,
                }),
          );
        } finally {
          await backend.close();
        }
      },
    );

  program
    .command('related')
    .description('list the reviews most similar to one, by their text and themes')
    .argument('<id>', 'a review id (the "id" of a search result or export record)')
    .option(...dataOption)
    .option('--limit <n>', 'how many', '10')
    .option('--backend <name>', `search backend: ${BACKEND_NAMES.join(' | ')}`)
    .option('--json', 'print the answer as JSON')
    .action(async (id: string, flags: { data: string; limit: string; backend?: string; json?: boolean }) => {
      const limit = parseCount('--limit', flags.limit, 1, 100);
      const backend = openSearchBackend(dataDirOf(flags), flags.backend, io.env);
      try {
        const answer = await backend.related(id, limit);
        io.stdout.write(flags.json ? `${JSON.stringify(answer)}\n` : formatRelatedAnswer(answer));
      } finally {
        await backend.close();
      }
    });

  program
    .command('export')
    .description('export review documents as JSON lines, CSV or a Markdown briefing')
    .option(...dataOption)
    .requiredOption('--format <format>', EXPORT_FORMATS.join(' | '))
    .option('--theme <id>', 'only reviews with this theme')
    .option('--query <q>', 'only reviews matching this search')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (flags: { data: string; format: string; theme?: string; query?: string; out?: string }) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format)) {
        throw new UsageError(`--format: expected one of ${EXPORT_FORMATS.join(', ')}, got "${flags.format}"`);
      }
      const dataDir = dataDirOf(flags);
      const themes = await loadThemesConfig();
      const backend = flags.query ? openSearchBackend(dataDir, undefined, io.env) : null;
      let store: Store | null = null;
      try {
        store = openDataStore(dataDir);
        const text = await exportReviews(store, backend, themes, {
          format: flags.format as ExportFormat,
          theme: flags.theme ?? null,
          query: flags.query ?? null,
        });
        if (flags.out) {
          const file = resolve(io.cwd, flags.out);
          writeOut(file, text);
          out.message(`wrote ${file}`);
        } else {
          io.stdout.write(text);
        }
      } finally {
        store?.close();
        await backend?.close();
      }
    });

  program
    .command('themes')
    .description('reviews per theme per year of publication, and themes that occur together')
    .option(...dataOption)
    .option('--theme <id>', 'only this theme, and the combinations that include it')
    .option('--min <n>', 'list combinations found in at least this many reviews', '2')
    .option('--limit <n>', 'combinations to list', '20')
    .option('--json', 'print the answer as JSON')
    .action(async (flags: { data: string; theme?: string; min: string; limit: string; json?: boolean }) => {
      const themes = await loadThemesConfig();
      if (flags.theme !== undefined && !themes.themes.some((theme) => theme.id === flags.theme)) {
        throw new UsageError(`--theme: unknown theme id "${flags.theme}"; the ids are in config/themes.yaml`);
      }
      const minReviews = parseCount('--min', flags.min, 1);
      const limit = parseCount('--limit', flags.limit, 1);
      const store = openDataStore(dataDirOf(flags));
      try {
        const counts = themeYearCounts(store).filter(
          (c) => flags.theme === undefined || c.themeId === flags.theme,
        );
        const together = themesTogether(store, { themeId: flags.theme, minReviews }).slice(0, limit);
        const answer = themesAnswer(themes, counts, together, taggedReviewCount(store));
        io.stdout.write(flags.json ? `${JSON.stringify(answer)}\n` : formatThemesAnswer(answer, { limit }));
      } finally {
        store.close();
      }
    });

  program
    .command('demo')
    .description('serve the bundled fixture sites on 127.0.0.1, run the pipeline on them, show searches')
    .option('--data <dir>', 'data directory (default: a new temporary directory)')
    .action(async (flags: { data?: string }) => {
      const { runDemo } = await import('./demo.js');
      status = await runDemo({ dataDir: flags.data ? resolve(io.cwd, flags.data) : null, io, out });
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof LockError) {
      io.stderr.write(`casereviews: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** Opens a data directory's store to read, with a clear message when there is nothing there yet. */
function openDataStore(dataDir: string): Store {
  if (!existsSync(join(dataDir, STORE_FILE))) {
    throw new UsageError(`no data in ${dataDir}: run "casereviews run --config <sources.yaml>" first`);
  }
  return openStore(dataDir, { readonly: true });
}

/** Writes an export to `--out`, naming the file when it cannot be written. */
function writeOut(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--out: cannot write ${file} (${code})`, { cause: error });
  }
}

/** Opens the chosen backend for searching, with a clear message when there is no index yet. */
function openSearchBackend(
  dataDir: string,
  requested: string | undefined,
  env: NodeJS.ProcessEnv,
): SearchBackend {
  const name = chooseBackend(requested, env);
  if (name === 'sqlite' && !existsSync(join(dataDir, SQLITE_INDEX_FILE))) {
    throw new UsageError(
      `no search index in ${dataDir}: run "casereviews run --config <sources.yaml>" first`,
    );
  }
  return openBackend(name, dataDir, { readonly: true, env }).backend;
}

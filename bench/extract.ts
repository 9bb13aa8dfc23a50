/**
 * `npm run bench:extract [-- --files N]`: extraction speed on a generated corpus of
 * PDFs (default 260 files, a few thousand pages, every PDF layout of the labelled
 * corpus with longer bodies), through our worker pool and, in the same run,
 * through Debian's pdftotext (poppler) with as many processes as we have threads.
 * Prints pages per second for both and their ratio, the process's peak memory
 * (workers included), how busy the cores were, and the time our own steps
 * (cleaning, paragraphs, sections, passages, metadata) add to pdf-parse's.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import PQueue from 'p-queue';
import { LABELLED_SPECS } from '../fixtures/extract/index.js';
import type { LabelledSpec } from '../fixtures/extract/index.js';
import { renderLabelledPdf } from '../fixtures/extract/render-pdf.js';
import { DEFAULT_LIMITS, ExtractPool } from '../src/extract/index.js';

const exec = promisify(execFile);
/** Bump when the generated corpus changes, so a cached one is not reused. */
const CORPUS_VERSION = 2;

/** A bench variant of a labelled spec: its sections' prose repeated `times` over, under a new id. */
function longer(spec: LabelledSpec, variant: number, times: number): LabelledSpec {
  return {
    ...spec,
    id: `${spec.id}-${variant}`,
    sections: spec.sections.map((section) => ({
      ...section,
      blocks: Array.from({ length: times }, () => section.blocks).flat(),
    })),
  };
}

async function buildCorpus(files: number): Promise<string> {
  const dir = join(tmpdir(), `casereviews-bench-extract-v${CORPUS_VERSION}-${files}`);
  if (existsSync(join(dir, 'done'))) return dir;
  mkdirSync(dir, { recursive: true });
  const pdfSpecs = LABELLED_SPECS.filter((spec) => spec.format === 'pdf');
  for (let i = 0; i < files; i += 1) {
    const base = pdfSpecs[i % pdfSpecs.length] as LabelledSpec;
    // Briefings stay short; reports get three to six times their prose, as real overview reports run long.
    const times = base.layout.shape === 'cover' ? 3 + (i % 4) : 1 + (i % 2);
    const { bytes } = await renderLabelledPdf(longer(base, i, times));
    writeFileSync(join(dir, `${String(i).padStart(4, '0')}.pdf`), bytes);
  }
  writeFileSync(join(dir, 'done'), '');
  return dir;
}

async function pdftotextPass(paths: readonly string[], threads: number): Promise<number> {
  const queue = new PQueue({ concurrency: threads });
  const started = performance.now();
  await Promise.all(
    paths.map((path) => queue.add(() => exec('pdftotext', [path, '-'], { maxBuffer: 64 * 1024 * 1024 }))),
  );
  return performance.now() - started;
}

/** Runs the bench; see the file's doc comment. */
export async function run(args: string[]): Promise<void> {
  const filesFlag = args.indexOf('--files');
  const files = filesFlag >= 0 ? Number(args[filesFlag + 1]) : 260;
  const threads = DEFAULT_LIMITS.threads;
  process.stderr.write(`bench extract: generating ${files} PDFs (cached after the first run)…\n`);
  const dir = await buildCorpus(files);
  const paths = readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => join(dir, f));

  const hasPdftotext = await exec('pdftotext', ['-v']).then(
    () => true,
    () => false,
  );
  const popplerMs = hasPdftotext ? await pdftotextPass(paths, threads) : null;

  const pool = new ExtractPool({ threads });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 25);
  let pages = 0;
  let readMs = 0;
  let pipelineMs = 0;
  const failures: string[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const queue = new PQueue({ concurrency: threads });
  await Promise.all(
    paths.map((path) =>
      queue.add(async () => {
        const outcome = await pool.run({
          documentId: path,
          sha256: path,
          mediaType: 'application/pdf',
          bytes: readFileSync(path),
          source: { area: 'Bench', nation: 'England' },
          links: [],
          options: { maxPages: DEFAULT_LIMITS.maxPages, ocr: false },
        });
        if (outcome.status === 'failed') {
          failures.push(outcome.error);
          return;
        }
        pages += outcome.extraction.pages.length;
        readMs += outcome.timings.readMs;
        pipelineMs += outcome.timings.pipelineMs;
      }),
    ),
  );
  const oursMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  await pool.close();

  const perSecond = (ms: number) => (pages / ms) * 1000;
  const busy = (cpu.user + cpu.system) / 1000 / oursMs;
  console.log(`corpus: ${paths.length} PDFs, ${pages} pages (${dir})`);
  console.log(`machine: ${cpus().length} cores; ${threads} worker threads; figures vary on a shared machine`);
  console.log(
    `casereviews extract: ${perSecond(oursMs).toFixed(0)} pages/s (${(oursMs / 1000).toFixed(1)} s), ` +
      `peak memory ${(peakRss / 1024 / 1024).toFixed(0)} MB RSS, cores busy ${busy.toFixed(2)} of ${threads}`,
  );
  if (popplerMs !== null) {
    console.log(
      `pdftotext (poppler, ${threads} processes): ${perSecond(popplerMs).toFixed(0)} pages/s ` +
        `(${(popplerMs / 1000).toFixed(1)} s); ours / pdftotext = ${(popplerMs / oursMs).toFixed(2)}`,
    );
  } else {
    console.log('pdftotext: not installed (apt-get install poppler-utils), no comparison');
  }
  console.log(
    `inside the workers: pdf-parse ${(readMs / 1000).toFixed(1)} s, our steps after it ${(pipelineMs / 1000).toFixed(1)} s ` +
      `(+${((100 * pipelineMs) / readMs).toFixed(1)}% on pdf-parse's time)`,
  );
  if (failures.length > 0) console.log(`failed: ${failures.length}\n${failures.slice(0, 5).join('\n')}`);
}

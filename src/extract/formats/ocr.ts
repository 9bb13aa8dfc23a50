import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Scans are rendered at 200 dpi: tesseract reads body type well there, and a page stays a few MB. */
const DPI = '200';
/** Most text tesseract may print for one page; a page is a few KB. */
const MAX_PAGE_OUTPUT_BYTES = 16 * 1024 * 1024;

let tesseractFound: Promise<boolean> | null = null;

/** Whether Debian's `tesseract` (tesseract-ocr) and `pdftoppm` (poppler-utils) can be run; checked once. */
export function isOcrAvailable(): Promise<boolean> {
  tesseractFound ??= Promise.all([run('tesseract', ['--version']), run('pdftoppm', ['-v'])]).then(
    () => true,
    () => false,
  );
  return tesseractFound;
}

/**
 * OCRs the given pages (1-based) of a PDF: each is rendered to a greyscale PNG with
 * pdftoppm and read by tesseract (English). Returns page number → text. Work files
 * live in a private temporary directory. When `signal` aborts (the document's time is
 * up) the running program and anything it started are killed and waited for, and the
 * directory is removed before the abort reason is thrown, so nothing is left behind.
 */
export async function ocrPdfPages(
  bytes: Uint8Array,
  pages: readonly number[],
  signal: AbortSignal,
): Promise<Map<number, string>> {
  signal.throwIfAborted();
  const dir = await mkdtemp(join(tmpdir(), 'casereviews-ocr-'));
  try {
    const pdf = join(dir, 'document.pdf');
    await writeFile(pdf, bytes);
    const texts = new Map<number, string>();
    for (const page of pages) {
      signal.throwIfAborted();
      const prefix = join(dir, `page-${page}`);
      const n = String(page);
      await runTool(
        'pdftoppm',
        ['-f', n, '-l', n, '-r', DPI, '-gray', '-png', '-singlefile', pdf, prefix],
        signal,
      );
      const image = (await readdir(dir)).find((file) => file.startsWith(`page-${page}.`));
      if (image === undefined) throw new Error(`pdftoppm rendered no image for page ${page}`);
      texts.set(page, await runTool('tesseract', [join(dir, image), 'stdout', '-l', 'eng'], signal));
    }
    return texts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a program to its end and returns its stdout. It runs in a process group of its
 * own, so an abort kills the whole tree (tesseract may start helpers) with SIGKILL; the
 * promise settles only once the program has exited, so its files can be removed.
 */
function runTool(command: string, args: readonly string[], signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    // A listener added after the abort never runs: time that ran out between programs stops here.
    if (signal.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
      return;
    }
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let failure: Error | null = null;
    const killTree = () => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        // A negative pid signals the process group the detached child leads.
        process.kill(-child.pid, 'SIGKILL');
      } catch (error) {
        // ESRCH: the group ended between the check and the kill, which is what was wanted.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    };
    const onAbort = () => {
      failure ??= signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
      killTree();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.byteLength;
      if (stdoutBytes > MAX_PAGE_OUTPUT_BYTES) {
        failure ??= new Error(`${command} printed more than ${MAX_PAGE_OUTPUT_BYTES} bytes`);
        killTree();
      } else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.on('error', (error) => {
      failure ??= error;
      // A program that never started (not installed) has no exit to wait for.
      if (child.pid === undefined) {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      }
    });
    child.on('close', (code, killedBy) => {
      signal.removeEventListener('abort', onAbort);
      if (failure !== null) reject(failure);
      else if (code !== 0) {
        const how = killedBy === null ? `exit status ${code}` : `signal ${killedBy}`;
        reject(new Error(`${command} failed (${how}): ${stderr.trim()}`));
      } else resolve(Buffer.concat(stdout).toString('utf8'));
    });
  });
}

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Scans are rendered at 200 dpi: tesseract reads body type well there, and a page stays a few MB. */
const DPI = '200';

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
 * live in a private temporary directory that is removed afterwards.
 */
export async function ocrPdfPages(bytes: Uint8Array, pages: readonly number[]): Promise<Map<number, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'casereviews-ocr-'));
  try {
    const pdf = join(dir, 'document.pdf');
    await writeFile(pdf, bytes);
    const texts = new Map<number, string>();
    for (const page of pages) {
      const prefix = join(dir, `page-${page}`);
      const n = String(page);
      await run('pdftoppm', ['-f', n, '-l', n, '-r', DPI, '-gray', '-png', '-singlefile', pdf, prefix]);
      const image = (await readdir(dir)).find((file) => file.startsWith(`page-${page}.`));
      if (image === undefined) throw new Error(`pdftoppm rendered no image for page ${page}`);
      const { stdout } = await run('tesseract', [join(dir, image), 'stdout', '-l', 'eng'], {
        maxBuffer: 16 * 1024 * 1024,
      });
      texts.set(page, stdout);
    }
    return texts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

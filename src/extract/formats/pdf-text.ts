import { InvalidPDFException, PasswordException, PDFParse } from 'pdf-parse';
import { DocumentError } from '../../errors.js';

/** The text of a PDF, page by page, and the Info fields metadata may use. */
export interface PdfText {
  pages: string[];
  title: string | null;
  /** ISO date from the Info dictionary's CreationDate, or null. */
  creationDate: string | null;
}

/**
 * Reads a PDF's text page by page with pdf-parse. A file that is not a PDF, is
 * truncated, is encrypted or has more than `maxPages` pages fails with a
 * `DocumentError` naming the cause; the page count is read first, so an enormous
 * document is refused before its text is.
 */
export async function readPdfText(
  documentId: string,
  bytes: Uint8Array,
  options: { maxPages: number },
): Promise<PdfText> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const info = await parser.getInfo();
    if (info.total > options.maxPages) {
      throw new DocumentError(documentId, `too many pages (${info.total}; the limit is ${options.maxPages})`);
    }
    const text = await parser.getText({ pageJoiner: '' });
    const fields = (info.info ?? {}) as Record<string, unknown>;
    const title = typeof fields.Title === 'string' ? fields.Title : null;
    return { pages: text.pages.map((page) => page.text), title, creationDate: pdfDate(fields.CreationDate) };
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    if (error instanceof PasswordException) {
      throw new DocumentError(documentId, 'encrypted PDF (a password is needed to read it)', {
        cause: error,
      });
    }
    if (error instanceof InvalidPDFException) {
      throw new DocumentError(documentId, `not a readable PDF (${error.message})`, { cause: error });
    }
    throw new DocumentError(documentId, `PDF could not be read (${(error as Error).message})`, {
      cause: error,
    });
  } finally {
    await parser.destroy();
  }
}

/** `D:20210301120000Z` → `2021-03-01`. */
function pdfDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value);
  if (!match) return null;
  return `${match[1]}-${match[2] ?? '01'}-${match[3] ?? '01'}`;
}

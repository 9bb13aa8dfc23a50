/** What a response body is, judged from its bytes first and its headers second. */
export type BodyKind = 'pdf' | 'docx' | 'pptx' | 'html' | 'other';

/** Media types the archive records for each kind. */
export const MEDIA_TYPES: Record<Exclude<BodyKind, 'other'>, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  html: 'text/html',
};

/** How far from the end of a PDF its %%EOF marker may sit. */
const PDF_TAIL_BYTES = 4096;

/** The verdict on a body: its kind, and a problem when headers and bytes disagree. */
export interface Sniffed {
  kind: BodyKind;
  /** Set when the body is not what the server said (HTML served as a PDF, an empty file). */
  problem: string | null;
}

/**
 * Decides what a body is. Bytes win over headers: `/download?id=9` with
 * `%PDF-` is a PDF whatever the URL, and an HTML error page served as
 * application/pdf is a failed document, not a PDF. The Content-Disposition filename
 * helps tell Office files apart (both are ZIPs).
 */
export function sniffBody(
  bytes: Uint8Array,
  contentType: string | null,
  disposition: string | null,
): Sniffed {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const filename = dispositionFilename(disposition)?.toLowerCase() ?? '';
  const claimsPdf = type === 'application/pdf' || filename.endsWith('.pdf');
  if (bytes.byteLength === 0) {
    return { kind: claimsPdf ? 'pdf' : 'other', problem: 'empty body (0 bytes)' };
  }
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) {
    // Every PDF ends with an end-of-file marker (ISO 32000 §7.5.5), followed at most by a
    // little whitespace or junk; a file cut short has none at its end.
    const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - PDF_TAIL_BYTES))).toString(
      'latin1',
    );
    if (!tail.includes('%%EOF')) {
      return {
        kind: 'pdf',
        problem: `truncated PDF (${bytes.byteLength} bytes, no %%EOF marker at the end)`,
      };
    }
    return { kind: 'pdf', problem: null };
  }
  if (head.startsWith('PK\u0003\u0004')) {
    if (type.includes('presentationml') || filename.endsWith('.pptx') || head.includes('ppt/')) {
      return { kind: 'pptx', problem: null };
    }
    if (type.includes('wordprocessingml') || filename.endsWith('.docx') || head.includes('word/')) {
      return { kind: 'docx', problem: null };
    }
    return { kind: 'other', problem: null };
  }
  const looksHtml = /^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)/i.test(head);
  if (claimsPdf) {
    const start = JSON.stringify(head.slice(0, 40).trim());
    return { kind: 'pdf', problem: `served as a PDF but is not one (starts with ${start})` };
  }
  if (looksHtml || type === 'text/html' || type === 'application/xhtml+xml')
    return { kind: 'html', problem: null };
  return { kind: 'other', problem: null };
}

/** The filename of a Content-Disposition header (RFC 6266: `filename*` wins over `filename`). */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      return extended[1].trim();
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  return (plain?.[2] ?? plain?.[1])?.trim() ?? null;
}

/** Marker characters the engines put around matches before the text is escaped. */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Control characters (tabs and line breaks aside), among them the engines' match markers. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Text as the engines may index it: without control characters. PDFs with broken font
 * maps yield them, and two of them mark matches in snippets, so a stray one in a
 * passage would become a stray `<mark>`.
 */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ');
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/**
 * Turns engine output with marker characters into a snippet: everything escaped,
 * matches wrapped in `<mark>`. Runs of whitespace (PDF line breaks) become one space.
 */
export function renderSnippet(marked: string): string {
  return escapeHtml(marked.replace(/\s+/g, ' ').trim())
    .replaceAll(MARK_START, '<mark>')
    .replaceAll(MARK_END, '</mark>')
    .replace(/<\/mark>(\s*)<mark>/g, '$1');
}

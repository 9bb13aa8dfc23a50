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

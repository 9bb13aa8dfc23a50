import type { SearchAnswer } from '../contracts/index.js';
import type { RelatedAnswer } from '../index/index.js';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** A snippet for the terminal: `<mark>` becomes bold (or **…** when not a terminal), entities unescaped. */
export function terminalSnippet(snippet: string, color: boolean): string {
  const [open, close] = color ? ['\u001b[1m', '\u001b[22m'] : ['**', '**'];
  return snippet
    .replaceAll('<mark>', open)
    .replaceAll('</mark>', close)
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * A search answer as a person reads it: a count line, numbered results with passages, then
 * the facets (which count reviews). With `passages` the results and total are passages.
 */
export function formatSearchAnswer(
  answer: SearchAnswer,
  options: { color: boolean; offset: number; passages?: boolean },
): string {
  const lines: string[] = [];
  const unit = options.passages ? 'passage' : 'review';
  const noun = answer.total === 1 ? unit : `${unit}s`;
  const query = answer.query.trim();
  if (query === '') lines.push(`${answer.total} ${noun} match the filters`);
  else lines.push(`${answer.total} ${noun} for ${query.includes('"') ? query : `"${query}"`}`);
  if (answer.correctedQuery) lines.push(`showing results for ${answer.correctedQuery}`);
  lines.push('');
  answer.results.forEach((result, i) => {
    lines.push(`${options.offset + i + 1}. ${heading(result)}`);
    lines.push(
      `   ${result.documentUrl}${result.online ? '' : '  [no longer online: archived copy kept]'}   id ${result.id}`,
    );
    if (result.themes.length > 0) lines.push(`   themes: ${result.themes.join(', ')}`);
    for (const passage of result.passages) {
      lines.push(
        `   p.${passage.page} ${passage.section}: ${terminalSnippet(passage.snippet, options.color)}`,
      );
    }
    lines.push('');
  });
  const facet = (name: string, counts: Record<string, number>) => {
    const top = Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 8)
      .map(([value, n]) => `${value} ${n}`);
    if (top.length > 0) lines.push(`${name}: ${top.join(', ')}`);
  };
  if (answer.total > 0) {
    facet('area', answer.facets.area);
    facet('year', answer.facets.year);
    facet('type', answer.facets.reviewType);
    facet('theme', answer.facets.theme);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Related reviews as a person reads them: what they share with the review asked about. */
export function formatRelatedAnswer(answer: RelatedAnswer): string {
  const lines = [`reviews related to ${answer.title ?? answer.id}`, ''];
  if (answer.results.length === 0) lines.push('(none found)');
  answer.results.forEach((result, i) => {
    lines.push(`${i + 1}. ${heading(result)}`);
    lines.push(`   ${result.documentUrl}   id ${result.id}`);
    if (result.sharedThemes.length > 0) lines.push(`   shared themes: ${result.sharedThemes.join(', ')}`);
    if (result.sharedTerms.length > 0) lines.push(`   shared terms: ${result.sharedTerms.join(', ')}`);
    lines.push('');
  });
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A result's title and where, when and what it is. */
function heading(result: Omit<SearchAnswer['results'][number], 'passages'>): string {
  const facts = [result.area, result.year, result.reviewType, result.documentKind?.replace('-', ' ')]
    .filter((f) => f !== null && f !== undefined)
    .join(', ');
  return `${result.title ?? '(untitled)'} (${facts})`;
}

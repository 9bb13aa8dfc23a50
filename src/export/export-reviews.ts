import type { ThemesConfig } from '../config/index.js';
import type { ExportRecord, SectionId } from '../contracts/index.js';
import { UsageError } from '../errors.js';
import type { DocumentRecord, SearchBackend, Store } from '../index/index.js';
import {
  loadDocumentRecords,
  loadPassagesWithThemes,
  parseQueryText,
  SearchQuery,
  toExportRecord,
} from '../index/index.js';
import { toCsv } from './csv.js';
import type { BriefingReview } from './markdown.js';
import { toMarkdown } from './markdown.js';

/** Export formats: one JSON record per line, a spreadsheet, a briefing. */
export const EXPORT_FORMATS = ['jsonl', 'csv', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What to export. */
export interface ExportOptions {
  format: ExportFormat;
  /** Only reviews carrying this theme (and, in a briefing, only passages evidencing it). */
  theme: string | null;
  /** Only reviews matching this search, in relevance order. */
  query: string | null;
}

/** The sections a briefing quotes: what the reviews say should be learnt and done. */
const BRIEFING_SECTIONS: readonly SectionId[] = ['learning', 'findings', 'recommendations'];
const PASSAGES_PER_REVIEW = 6;

/**
 * Exports review documents (never the non-review documents found beside them) in a
 * format. `backend` is needed only for `query`.
 */
export async function exportReviews(
  store: Store,
  backend: SearchBackend | null,
  themes: ThemesConfig,
  options: ExportOptions,
): Promise<string> {
  if (options.theme !== null && !themes.themes.some((t) => t.id === options.theme)) {
    throw new UsageError(`--theme: unknown theme id "${options.theme}" (see config/themes.yaml)`);
  }
  let records = loadDocumentRecords(store).filter((record) => record.isReview);
  if (options.theme !== null) {
    records = records.filter((record) => record.themes.some((t) => t.id === options.theme));
  }
  if (options.query !== null) {
    if (!backend) throw new Error('a search backend is needed to export by query');
    const answer = await backend.search(
      SearchQuery.parse({ q: options.query, themes: options.theme ? [options.theme] : [], limit: 500 }),
    );
    const rank = new Map(answer.results.map((result, i) => [result.id, i]));
    records = records
      .filter((r) => rank.has(r.id))
      .sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  }
  switch (options.format) {
    case 'jsonl':
      return records.map((record) => `${JSON.stringify(toExportRecord(record))}\n`).join('');
    case 'csv':
      return toCsv(records.map(toExportRecord));
    case 'md':
      return briefing(store, themes, records, options);
  }
}

function briefing(
  store: Store,
  themes: ThemesConfig,
  records: DocumentRecord[],
  options: ExportOptions,
): string {
  const label = themes.themes.find((t) => t.id === options.theme)?.label;
  const topic = [label, options.query && `"${options.query}"`].filter(Boolean).join(' and ');
  const heading = topic ? `Learning from case reviews: ${topic}` : 'Learning from case reviews';
  const terms = options.query ? parseQueryText(options.query).terms.map((t) => t.words.join(' ')) : [];
  const reviews: BriefingReview[] = records.map((record) => {
    const passages = loadPassagesWithThemes(store, record.id)
      .filter((p) => BRIEFING_SECTIONS.includes(p.section))
      .filter((p) => options.theme === null || p.themes.includes(options.theme))
      .filter((p) => terms.length === 0 || terms.some((term) => normalise(p.text).includes(term)))
      .slice(0, PASSAGES_PER_REVIEW);
    return { ...pick(record), passages };
  });
  const intro =
    `${reviews.length} review document(s); passages from their learning, findings and recommendations ` +
    'sections, each with its page for citation.';
  return toMarkdown(heading, intro, reviews);
}

function pick(record: ExportRecord): Omit<BriefingReview, 'passages'> {
  return {
    title: record.title,
    area: record.area,
    year: record.year,
    reviewType: record.reviewType,
    documentKind: record.documentKind,
    documentUrl: record.documentUrl,
    online: record.online,
    themes: record.themes.map((t) => t.id),
  };
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');
}

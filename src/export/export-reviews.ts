import type { ThemesConfig } from '../config/index.js';
import type { SectionId } from '../contracts/index.js';
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
import type { BriefingDocument, BriefingReview } from './markdown.js';
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
const PASSAGES_PER_DOCUMENT = 4;
/** Results asked for at a time when exporting by query (the search API's page limit). */
const QUERY_PAGE = 500;

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
    const rank = new Map<string, number>();
    // Page through the whole answer: a theme across hundreds of reviews is the point.
    for (let offset = 0; ; offset += QUERY_PAGE) {
      const answer = await backend.search(
        SearchQuery.parse({
          q: options.query,
          themes: options.theme ? [options.theme] : [],
          limit: QUERY_PAGE,
          offset,
        }),
      );
      for (const result of answer.results) rank.set(result.id, rank.size);
      if (answer.results.length < QUERY_PAGE || offset + QUERY_PAGE >= answer.total) break;
    }
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

/** Document kinds in the order a reader takes them up: the full report first. */
const KIND_ORDER = ['full-report', 'executive-summary', 'briefing', 'presentation', 'response', 'other'];

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
  const quote = (record: DocumentRecord): BriefingDocument => ({
    title: record.title,
    documentKind: record.documentKind,
    year: record.year,
    yearSource: record.yearSource,
    documentUrl: record.documentUrl,
    online: record.online,
    passages: loadPassagesWithThemes(store, record.id)
      .filter((p) => BRIEFING_SECTIONS.includes(p.section))
      .filter((p) => options.theme === null || p.themes.includes(options.theme))
      .filter((p) => terms.length === 0 || terms.some((term) => normalise(p.text).includes(term)))
      .slice(0, PASSAGES_PER_DOCUMENT),
  });
  // One entry per review, in the order its first document comes (by relevance for a query,
  // by strength for a theme); its documents full report first.
  const groups = new Map<string, DocumentRecord[]>();
  for (const record of records)
    groups.set(record.reviewGroup, [...(groups.get(record.reviewGroup) ?? []), record]);
  const entries = [...groups.values()].map((members) => {
    const documents = [...members].sort(
      (a, b) => KIND_ORDER.indexOf(a.documentKind ?? 'other') - KIND_ORDER.indexOf(b.documentKind ?? 'other'),
    );
    const lead = documents[0] as DocumentRecord;
    const review: BriefingReview = {
      title: lead.title,
      area: lead.area,
      year: lead.year,
      yearSource: lead.yearSource,
      reviewType: lead.reviewType,
      themes: [...new Set(documents.flatMap((d) => d.themes.map((t) => t.id)))],
      documents: documents.map(quote),
    };
    const quotes = review.documents.some((d) => d.passages.length > 0) ? 1 : 0;
    const score = Math.max(...members.map((m) => m.themes.find((t) => t.id === options.theme)?.score ?? 0));
    return { review, quotes, score };
  });
  if (options.theme !== null && options.query === null) {
    // A theme's briefing leads with the reviews most about it that have learning to quote.
    entries.sort((a, b) => b.quotes - a.quotes || b.score - a.score);
  }
  const reviews = entries.map((entry) => entry.review);
  const intro =
    `${reviews.length} review(s), ${records.length} document(s); passages from their learning, findings and ` +
    'recommendations sections, each with its document and page for citation.';
  return toMarkdown(heading, intro, reviews);
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');
}

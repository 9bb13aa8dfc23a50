import type { DocumentKind, ExportRecord, ReviewType, SectionId, YearSource } from '../../contracts/index.js';
import type { FieldSource } from './extraction.js';
import type { Store } from './open-store.js';
import { loadReviewGroups } from './review-groups.js';

interface RecordRow {
  id: string;
  title: string | null;
  area: string | null;
  nation: string | null;
  region: string | null;
  year: number | null;
  publishedDate: string | null;
  reviewType: ReviewType | null;
  documentKind: DocumentKind | null;
  isReview: number;
  notReviewReason: string | null;
  childNames: string;
  childAge: string | null;
  childAgeMonths: number | null;
  childOutcome: 'died' | 'seriously-harmed' | null;
  provenance: string;
  url: string;
  sourcePage: string | null;
  sha256: string;
  pages: number | null;
  online: number;
  firstSeen: string;
  lastSeen: string;
}

/** An export record plus the store's extra facts about the document. */
export interface DocumentRecord extends ExportRecord {
  region: string | null;
  isReview: boolean;
  notReviewReason: string | null;
}

/**
 * Records for every extracted document (reviews and not), themes with evidence
 * included, in a stable order (area, year, title). Documents not yet extracted have
 * no metadata and are left out. A record describes the last version that was read:
 * when a newer version failed, `sha256` names the version its text and metadata
 * come from, so a review never drops out of search and export for a bad upload.
 */
export function loadDocumentRecords(store: Store): DocumentRecord[] {
  const rows = store.db
    .prepare(
      `SELECT d.id, m.title, m.area, m.nation, s.region, m.year, m.published_date AS publishedDate,
              m.review_type AS reviewType, m.document_kind AS documentKind, m.is_review AS isReview,
              m.not_review_reason AS notReviewReason, m.child_names AS childNames,
              m.child_age AS childAge, m.child_age_months AS childAgeMonths, m.child_outcome AS childOutcome,
              m.provenance, d.url,
              (SELECT u.referrer FROM urls u WHERE u.url = d.url) AS sourcePage,
              m.sha256, m.pages, d.online, d.first_seen AS firstSeen, d.last_seen AS lastSeen
       FROM documents d
       JOIN document_meta m ON m.document_id = d.id
       JOIN sources s ON s.id = d.source_id
       ORDER BY m.area, m.year, m.title, d.id`,
    )
    .all() as RecordRow[];
  const themes = loadThemes(store);
  const reviews = new Set(rows.filter((row) => row.isReview === 1).map((row) => row.id));
  const groups = loadReviewGroups(store);
  // A group's members that are reviews: a guidance PDF in the same table row is no companion.
  const reviewMembers = (id: string) =>
    (groups.get(id)?.documentIds ?? [id]).filter((member) => reviews.has(member));
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    area: row.area,
    nation: row.nation,
    region: row.region,
    year: row.year,
    publishedDate: row.publishedDate,
    reviewType: row.reviewType,
    documentKind: row.documentKind,
    childNames: JSON.parse(row.childNames) as string[],
    themes: themes.get(row.id) ?? [],
    sourcePage: row.sourcePage,
    documentUrl: row.url,
    sha256: row.sha256,
    pages: row.pages,
    online: row.online === 1,
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
    childAge: row.childAge,
    childOutcome: row.childOutcome,
    reviewGroup: reviewMembers(row.id)[0] ?? row.id,
    companions: reviewMembers(row.id).filter((member) => member !== row.id),
    childAgeMonths: row.childAgeMonths,
    yearSource: yearSourceOf(row.year, JSON.parse(row.provenance) as Partial<Record<string, FieldSource>>),
    isReview: row.isReview === 1,
    notReviewReason: row.notReviewReason,
  }));
}

/** Where extraction read a year, as the export record names it (see `YearSource`). */
const YEAR_SOURCES: Record<FieldSource['from'], YearSource | null> = {
  'title-page': 'document',
  text: 'document',
  'landing-page': 'source-page',
  link: 'source-page',
  'pdf-info': 'file-metadata',
  source: null,
  url: null,
};

/**
 * Where a stored year came from, by its provenance. A year with no provenance (never
 * written by extraction as it is now) is not vouched for: it counts as file metadata,
 * the weakest source, rather than as stated.
 */
function yearSourceOf(
  year: number | null,
  provenance: Partial<Record<string, FieldSource>>,
): YearSource | null {
  if (year === null) return null;
  const from = provenance.year?.from;
  return (from === undefined ? null : YEAR_SOURCES[from]) ?? 'file-metadata';
}

/** Strips a document record to the export record contract's fields, in its order. */
export function toExportRecord(record: DocumentRecord): ExportRecord {
  const { region: _region, isReview: _isReview, notReviewReason: _reason, ...exported } = record;
  return exported;
}

/** A document's passages with the themes each earned, as the search index takes them. */
export function loadPassagesWithThemes(
  store: Store,
  documentId: string,
): { id: number; ordinal: number; page: number; section: SectionId; text: string; themes: string[] }[] {
  const rows = store.db
    .prepare(
      `SELECT p.id, p.ordinal, p.page, p.section, p.text,
              (SELECT json_group_array(t.theme_id) FROM passage_themes t WHERE t.passage_id = p.id) AS themes
       FROM passages p WHERE p.document_id = ? ORDER BY p.ordinal`,
    )
    .all(documentId) as {
    id: number;
    ordinal: number;
    page: number;
    section: SectionId;
    text: string;
    themes: string;
  }[];
  return rows.map((row) => ({ ...row, themes: JSON.parse(row.themes) as string[] }));
}

function loadThemes(store: Store): Map<string, ExportRecord['themes']> {
  const rows = store.db
    .prepare(
      'SELECT document_id AS id, theme_id AS themeId, score, evidence FROM document_themes ORDER BY score DESC',
    )
    .all() as { id: string; themeId: string; score: number; evidence: string }[];
  const byDocument = new Map<string, ExportRecord['themes']>();
  for (const row of rows) {
    const evidence = (JSON.parse(row.evidence) as { page: number; text: string }[]).map((e) => ({
      page: e.page,
      text: e.text,
    }));
    const list = byDocument.get(row.id) ?? [];
    list.push({ id: row.themeId, score: Math.round(row.score * 1000) / 1000, evidence });
    byDocument.set(row.id, list);
  }
  return byDocument;
}
